"""The palette: one button per element type (from `core.model.element_types`), plus the tools.

Click a type, then click the canvas to place it; or drag it onto the canvas and drop it where
it should go (into the lane under the pointer). The drag is followed by the canvas itself, as
bpmn-js does, so no platform drag-and-drop is involved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model.element_types import Category, ElementType, palette_types
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.icons import element_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from bpo_desktop.ui.canvas.controller import CanvasController

COLUMNS = 4


class PaletteButton(QToolButton):
    def __init__(self, kind: ElementType, canvas: CanvasController, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = kind
        self.canvas = canvas
        self.setObjectName(f"palette.{kind.id}")
        self.setToolTip(f"{kind.label}: click, then click the canvas; or drag onto it")
        self.setIcon(element_icon(kind.id, theme.DARK))
        self.setIconSize(QSize(30, 30))
        self.setAutoRaise(True)
        self.setFixedSize(42, 42)
        self._press: QPoint | None = None
        self._dragging = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            travelled = (event.position().toPoint() - self._press).manhattanLength()
            if self._dragging or travelled >= QApplication.startDragDistance():
                self._dragging = True
                self.setDown(False)
                self.canvas.palette_drag(self.kind.id, event.globalPosition().toPoint())
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._dragging, self._press = False, None
            self.setDown(False)
            self.canvas.palette_drop(self.kind.id, event.globalPosition().toPoint())
            return
        self._press = None
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.canvas.set_tool(f"create:{self.kind.id}")


class PalettePanel(QWidget):
    """Tools on top, then the element types grouped by category."""

    def __init__(
        self, canvas: CanvasController, tools: list[QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        row = QGridLayout()
        for i, action in enumerate(tools):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            row.addWidget(button, 0, i)
        layout.addLayout(row)
        self.buttons: dict[str, PaletteButton] = {}
        for category in Category:
            kinds = [k for k in palette_types() if k.category is category]
            if not kinds:
                continue
            title = QLabel(category.label)
            title.setStyleSheet("color: palette(mid); font-size: 11px; margin-top: 4px;")
            layout.addWidget(title)
            grid = QGridLayout()
            grid.setSpacing(2)
            for i, kind in enumerate(kinds):
                button = PaletteButton(kind, canvas, self)
                self.buttons[kind.id] = button
                grid.addWidget(button, i // COLUMNS, i % COLUMNS)
            layout.addLayout(grid)
        layout.addStretch(1)

    def refresh_icons(self) -> None:
        for type_id, button in self.buttons.items():
            button.setIcon(element_icon(type_id, theme.DARK))
