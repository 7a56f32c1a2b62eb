"""DiagramView: a read-only viewport with a grid, fit-to-window and Ctrl+wheel zoom."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.scene import DiagramScene

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
MAX_FIT_ZOOM = 1.25  # fitting a small diagram should not blow it up
FIT_PADDING = 24.0
GRID = 10.0
GRID_MAJOR_EVERY = 5


class DiagramView(QGraphicsView):
    """Shows a DiagramScene. Zoom and scroll are view state, never model state (rule 11)."""

    painted = Signal()  # after each paint of the viewport with diagram content
    zoom_changed = Signal(float)

    def __init__(self, scene: DiagramScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("canvas.view")
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)  # read-only: dragging pans
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # bpmn.io-style canvas: no scroll bars; drag or wheel to pan, Ctrl+wheel to zoom.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._auto_fit = True  # refit on resize until the user zooms
        self.placeholder = ""  # shown centred while the scene is empty

    def diagram_scene(self) -> DiagramScene:
        scene = self.scene()
        assert isinstance(scene, DiagramScene)
        return scene

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        current = self.zoom()
        if current > 0 and not math.isclose(factor, current):
            self.scale(factor / current, factor / current)
            self.zoom_changed.emit(self.zoom())

    def zoom_by(self, steps: float) -> None:
        self._auto_fit = False
        self.set_zoom(self.zoom() * 1.2**steps)

    def fit_to_contents(self) -> None:
        """Show the whole diagram, centred; re-applied on resize until the user zooms."""
        self._auto_fit = True
        content = self.diagram_scene().content_rect()
        if content.isNull() or self.viewport().width() < 2:
            return
        padded = content.adjusted(-FIT_PADDING, -FIT_PADDING, FIT_PADDING, FIT_PADDING)
        viewport = self.viewport().rect()
        factor = min(viewport.width() / padded.width(), viewport.height() / padded.height())
        self.resetTransform()
        self.set_zoom(min(factor, MAX_FIT_ZOOM))
        self.centerOn(content.center())
        self.zoom_changed.emit(self.zoom())

    # -- Qt overrides --------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(event.angleDelta().y() / 120)
            event.accept()
            return
        super().wheelEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._auto_fit:
            self.fit_to_contents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_to_contents()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.diagram_scene().element_ids():
            self.painted.emit()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self.diagram_scene().element_ids() or not self.placeholder:
            return
        painter.save()
        painter.resetTransform()  # viewport coordinates: the hint does not zoom
        painter.setPen(theme.MUTED)
        painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.restore()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        painter.fillRect(rect, theme.BACKGROUND)
        if GRID * self.zoom() < 5:  # too dense to help: plain background
            return
        left = math.floor(rect.left() / GRID)
        top = math.floor(rect.top() / GRID)
        minor = QPen(theme.GRID_MINOR, 0)  # cosmetic: one device pixel at any zoom
        major = QPen(theme.GRID_MAJOR, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1-px lines
        for i in range(left, math.ceil(rect.right() / GRID) + 1):
            painter.setPen(major if i % GRID_MAJOR_EVERY == 0 else minor)
            painter.drawLine(QLineF(i * GRID, rect.top(), i * GRID, rect.bottom()))
        for j in range(top, math.ceil(rect.bottom() / GRID) + 1):
            painter.setPen(major if j % GRID_MAJOR_EVERY == 0 else minor)
            painter.drawLine(QLineF(rect.left(), j * GRID, rect.right(), j * GRID))
        painter.restore()
