"""Breadcrumbs over the canvas: "Process > Sub-process > ..." while a plane is drilled into.

Like bpmn-js, the bar floats at the top left of the canvas (so drilling in does not shift the
diagram) and is hidden on the main plane. Every crumb but the last is a link back to its plane.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from bpo_desktop.core.model import Process
from bpo_desktop.core.model.planes import Plane, plane_path
from bpo_desktop.ui.canvas import theme

MARGIN = QPoint(10, 8)  # from the canvas's top-left corner
CRUMB_PX = 260  # a longer name is elided (its tooltip has it whole)
SEPARATOR = "\u203a"  # a single right-pointing angle quotation mark


def crumb_text(process: Process, plane: Plane) -> str:
    if plane is None:
        return process.name or "Process"
    element = process.elements.get(plane)
    return getattr(element, "name", "") or plane


class Breadcrumbs(QFrame):
    """The path from the main plane to the plane shown; `plane_chosen` on a click."""

    plane_chosen = Signal(object)  # the plane (a container id, or None for the main plane)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("canvas.breadcrumbs")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 3, 8, 3)
        self._layout.setSpacing(4)
        self.path: list[Plane] = []
        self.hide()

    def show_path(self, process: Process | None, plane: Plane) -> None:
        """Rebuild the crumbs for `plane` of `process` (hidden on the main plane)."""
        while (child := self._layout.takeAt(0)) is not None:
            widget = child.widget()
            if widget is not None:
                widget.deleteLater()
        if process is None or plane is None:
            self.path = []
            self.hide()
            return
        self.path = [None, *plane_path(process, plane)]
        self._colour()
        for index, step in enumerate(self.path):
            if index:
                separator = QLabel(SEPARATOR)
                separator.setObjectName("canvas.breadcrumbs.separator")
                self._layout.addWidget(separator)
            full = crumb_text(process, step)
            text = self.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, CRUMB_PX)
            if index == len(self.path) - 1:
                current = QLabel(f"<b>{_escape(text)}</b>")
                current.setObjectName("canvas.breadcrumbs.current")
                current.setTextFormat(Qt.TextFormat.RichText)
                current.setToolTip(full)
                self._layout.addWidget(current)
                continue
            link = QToolButton()
            link.setObjectName(f"canvas.breadcrumbs.{index}")
            link.setText(text.replace("&", "&&"))  # no mnemonic
            link.setAutoRaise(True)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setToolTip(f"Back to {full} (Backspace or Alt+Up goes up one level)")
            link.clicked.connect(lambda _=False, chosen=step: self.plane_chosen.emit(chosen))
            self._layout.addWidget(link)
        self.adjustSize()
        self.move(MARGIN)
        self.show()
        self.raise_()

    def link(self, index: int) -> QToolButton | None:
        return self.findChild(QToolButton, f"canvas.breadcrumbs.{index}")

    def _colour(self) -> None:
        palette = self.palette()
        background = QColor(theme.PAD_FILL)
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.TEXT))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(theme.SELECTION))
        self.setPalette(palette)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
