"""DiagramView: the viewport. Zoom, pan (space-drag, middle-drag, scroll bars), the grid, and
mouse, key and drop events handed to the canvas's interaction tools."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QLineF, QMimeData, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import describe
from bpo_desktop.ui.canvas.scene import DiagramScene

MIN_ZOOM, MAX_ZOOM = 0.002, 4.0
MAX_FIT_ZOOM = 1.25  # fitting a small diagram should not blow it up
FIT_PADDING = 24.0
GRID = 10.0
GRID_MAJOR_EVERY = 5
ELEMENT_MIME = "application/x-bpo-element-type"


class CanvasInput(Protocol):
    """What the view hands events to (the canvas controller and its tools)."""

    def mouse_press(self, event: QMouseEvent, scene_pos: QPointF) -> None: ...
    def mouse_move(self, event: QMouseEvent, scene_pos: QPointF) -> None: ...
    def mouse_release(self, event: QMouseEvent, scene_pos: QPointF) -> None: ...
    def mouse_double_click(self, event: QMouseEvent, scene_pos: QPointF) -> None: ...
    def key_escape(self) -> None: ...
    def key_back(self) -> bool: ...
    def drag_over(self, type_id: str, scene_pos: QPointF) -> bool: ...
    def drag_left(self) -> None: ...
    def drop(self, type_id: str, scene_pos: QPointF) -> None: ...


class DiagramView(QGraphicsView):
    """Shows a DiagramScene. Zoom and scroll are view state, never model state (rule 11)."""

    painted = Signal()  # after each paint of the viewport with diagram content
    zoom_changed = Signal(float)
    viewport_moved = Signal()  # scrolled, zoomed or resized (the minimap follows)

    def __init__(self, scene: DiagramScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("canvas.view")
        # No antialiasing at the view level: items are cached per device pixel and blitted
        # 1:1, which antialiasing only slows down; each item antialiases its own drawing.
        self.setRenderHints(QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the grid
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._auto_fit = True  # refit on resize until the user zooms
        self.placeholder = ""  # shown centred while the scene is empty
        self.input: CanvasInput | None = None
        self.overlay_painter: Callable[[QPainter], None] | None = None  # chrome, in pixels
        self._pan_from: QPoint | None = None
        self._space_down = False
        self.horizontalScrollBar().valueChanged.connect(self.viewport_moved)
        self.verticalScrollBar().valueChanged.connect(self.viewport_moved)

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
            self.diagram_scene().set_detail(self.zoom())
            self.zoom_changed.emit(self.zoom())
            self.viewport_moved.emit()

    def zoom_by(self, steps: float) -> None:
        self._auto_fit = False
        self.set_zoom(self.zoom() * 1.2**steps)

    def zoom_actual(self) -> None:
        """100 %, keeping the centre of the view where it is."""
        self._auto_fit = False
        centre = self.mapToScene(self.viewport().rect().center())
        self.set_zoom(1.0)
        self.centerOn(centre)

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
        self.diagram_scene().set_detail(self.zoom())
        self.centerOn(content.center())
        self.zoom_changed.emit(self.zoom())
        self.viewport_moved.emit()

    def restore(self, zoom: float, centre: QPointF) -> None:
        """Back to a zoom and centre seen before (returning to a plane)."""
        self._auto_fit = False
        self.set_zoom(zoom)
        self.centerOn(centre)

    def reveal(self, rect: QRectF) -> None:
        """Scroll (and zoom out if needed) so `rect` is on screen."""
        self._auto_fit = False
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            factor = min(visible.width() / rect.width(), visible.height() / rect.height())
            self.set_zoom(self.zoom() * factor * 0.8)
        self.centerOn(rect.center())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # -- panning -------------------------------------------------------------------------
    def pan_by(self, delta: QPoint) -> None:
        self._auto_fit = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())

    def _starts_pan(self, event: QMouseEvent) -> bool:
        middle = event.button() == Qt.MouseButton.MiddleButton
        return middle or (event.button() == Qt.MouseButton.LeftButton and self._space_down)

    # -- Qt overrides: input -------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._starts_pan(event):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if self.input is not None:
            self.input.mouse_press(event, self.mapToScene(event.position().toPoint()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            self.pan_by(now - self._pan_from)
            self._pan_from = now
            return
        if self.input is not None:
            self.input.mouse_move(event, self.mapToScene(event.position().toPoint()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        if self.input is not None:
            self.input.mouse_release(event, self.mapToScene(event.position().toPoint()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.input is not None and event.button() == Qt.MouseButton.LeftButton:
            self.input.mouse_double_click(event, self.mapToScene(event.position().toPoint()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_Escape and self.input is not None:
            self.input.key_escape()
            return
        if _is_back(event) and self.input is not None and self.input.key_back():
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(event.angleDelta().y() / 120)
            event.accept()
            return
        self._auto_fit = False
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.diagram_scene().element_at(self.mapToScene(event.pos()))
            element = getattr(item, "element", None)
            if element is not None:
                text = describe(element)
                if getattr(item, "badge_tip", ""):
                    text += "\n\n" + item.badge_tip  # type: ignore[union-attr]
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- drag and drop from the palette --------------------------------------------------
    @staticmethod
    def _type_id(mime: QMimeData) -> str | None:
        if mime.hasFormat(ELEMENT_MIME):
            return bytes(mime.data(ELEMENT_MIME).data()).decode()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._type_id(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        type_id = self._type_id(event.mimeData())
        if type_id is None or self.input is None:
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self.input.drag_over(type_id, pos):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QEvent) -> None:
        if self.input is not None:
            self.input.drag_left()

    def dropEvent(self, event: QDropEvent) -> None:
        type_id = self._type_id(event.mimeData())
        if type_id is None or self.input is None:
            event.ignore()
            return
        self.input.drop(type_id, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- Qt overrides: geometry and painting ---------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._auto_fit:
            self.fit_to_contents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_to_contents()
        self.viewport_moved.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.diagram_scene().has_elements():
            self.painted.emit()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()  # viewport coordinates: chrome and hints do not zoom
        if not self.diagram_scene().has_elements() and self.placeholder:
            painter.setPen(theme.MUTED)
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        elif self.overlay_painter is not None:
            self.overlay_painter(painter)
        painter.restore()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        painter.fillRect(rect, theme.BACKGROUND)
        if GRID * self.zoom() < 5:  # too dense to help: plain background
            return
        columns = range(math.floor(rect.left() / GRID), math.ceil(rect.right() / GRID) + 1)
        rows = range(math.floor(rect.top() / GRID), math.ceil(rect.bottom() / GRID) + 1)
        lines: dict[bool, list[QLineF]] = {True: [], False: []}
        for i in columns:
            x = i * GRID
            lines[i % GRID_MAJOR_EVERY == 0].append(QLineF(x, rect.top(), x, rect.bottom()))
        for j in rows:
            y = j * GRID
            lines[j % GRID_MAJOR_EVERY == 0].append(QLineF(rect.left(), y, rect.right(), y))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1-px lines
        for major, batch in lines.items():  # cosmetic pens: one device pixel at any zoom
            painter.setPen(QPen(theme.GRID_MAJOR if major else theme.GRID_MINOR, 0))
            painter.drawLines(batch)
        painter.restore()


def _is_back(event: QKeyEvent) -> bool:
    """Backspace, or Alt+Up: up one plane (bpmn-js breadcrumbs), when no action took it."""
    alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
    return event.key() == Qt.Key.Key_Backspace or (event.key() == Qt.Key.Key_Up and bool(alt))
