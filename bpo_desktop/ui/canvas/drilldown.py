"""Drill-down into a collapsed sub-process or call activity (bpmn-js "drilldown").

The contents of a collapsed container live on its own plane (`core.model.planes`). The scene
shows one plane at a time; a collapsed container that can be opened carries a small button at
its bottom-right corner, beside the [+] marker. A sub-process always has one (an empty one is
opened to add steps, and its button is drawn faint); a call activity only when the process it
calls was drawn (MIWG C.5.0), since BPMN puts no steps inside a call activity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from bpo_desktop.core.model import Node, NodeKind, Process
from bpo_desktop.core.model.planes import Plane, is_collapsed_container, plane_of
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.breadcrumbs import Breadcrumbs

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

BUTTON = 16.0  # side, in scene units (it zooms with the diagram, like bpmn-js overlays)
_INSET = 5.0  # from the bottom-right corner: clear of the resize handle there
Z_BUTTON = 4.9  # above nodes and groups, under labels
MARKER_BAND = 20.0  # the bottom strip of a collapsed box, where the [+] marker sits
EMPTY_OPACITY = 0.45


def button_rect(shape: QRectF) -> QRectF:
    """Where the button of a shape with these scene bounds sits: inside its bottom-right
    corner, beside the centred [+] marker (bpmn-js lets it overhang the corner, where our
    resize handle is)."""
    right, bottom = shape.right() - _INSET, shape.bottom() - _INSET + 2
    return QRectF(right - BUTTON, bottom - BUTTON, BUTTON, BUTTON)


def openable(process: Process, element_id: str, with_content: set[str]) -> bool:
    """Whether a drawn element is a collapsed container the user can drill into."""
    node = process.elements.get(element_id)
    if not is_collapsed_container(node) or not isinstance(node, Node):
        return False
    return node.kind is NodeKind.SUBPROCESS or element_id in with_content


def paint_drilldown_glyph(painter: QPainter, box: QRectF, colour: QColor) -> None:
    """A small box with an arrow going down into it (also the context-pad icon)."""
    painter.setPen(QPen(colour, max(1.2, box.width() / 12)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    w = box.width()
    inner = box.adjusted(w * 0.18, w * 0.34, -w * 0.18, -w * 0.1)
    path = QPainterPath()
    path.moveTo(inner.left() + inner.width() * 0.3, inner.top())
    path.lineTo(inner.left(), inner.top())
    path.lineTo(inner.left(), inner.bottom())
    path.lineTo(inner.right(), inner.bottom())
    path.lineTo(inner.right(), inner.top())
    path.lineTo(inner.right() - inner.width() * 0.3, inner.top())
    painter.drawPath(path)
    cx = box.center().x()
    tip = QPointF(cx, inner.center().y() + inner.height() * 0.15)
    painter.drawLine(QPointF(cx, box.top() + w * 0.08), QPointF(cx, tip.y() - w * 0.12))
    head = w * 0.16
    painter.setBrush(colour)
    painter.drawPolygon(
        QPolygonF([tip, QPointF(cx - head, tip.y() - head), QPointF(cx + head, tip.y() - head)])
    )


class DrilldownButton(QGraphicsItem):
    """The button on one collapsed container (a scene item beside the container's item)."""

    def __init__(self, container_id: str) -> None:
        super().__init__()
        self.container_id = container_id
        self.empty = False
        self.setZValue(Z_BUTTON)
        self.setAcceptHoverEvents(False)
        self.setToolTip("Open (drill down)")

    def place(self, shape: QRectF, *, empty: bool) -> None:
        rect = button_rect(shape)
        if self.pos() != rect.topLeft() or empty != self.empty:
            self.prepareGeometryChange()
            self.setPos(rect.topLeft())
            self.empty = empty
            self.setOpacity(EMPTY_OPACITY if empty else 1.0)
            self.update()

    def scene_rect(self) -> QRectF:
        return QRectF(self.pos(), QPointF(self.pos().x() + BUTTON, self.pos().y() + BUTTON))

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, BUTTON + 2, BUTTON + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(0, 0, BUTTON, BUTTON)
        painter.setPen(QPen(theme.SELECTION, 1.0))
        painter.setBrush(theme.SELECTION)
        painter.drawRoundedRect(box, 3, 3)
        paint_drilldown_glyph(painter, box.adjusted(2, 2, -2, -2), QColor("#ffffff"))


class PlaneNavigation:
    """Which plane the canvas shows, the breadcrumbs, and the view of each plane seen."""

    def __init__(self, canvas: CanvasController) -> None:
        self.canvas = canvas
        self.breadcrumbs = Breadcrumbs(canvas.view)  # floats over the canvas while drilled in
        self._views: dict[Plane, tuple[float, QPointF]] = {}  # zoom and centre per plane
        self._switching = False  # `show` is changing the plane (not an undo or a delete)
        self.breadcrumbs.plane_chosen.connect(self.show)
        canvas.scene.plane_changed.connect(self._on_plane_changed)

    @property
    def current(self) -> Plane:
        """The collapsed container whose inside is shown; None for the main plane."""
        return self.canvas.scene.plane

    def show(self, plane: Plane) -> bool:
        """Show a plane of the process (None: the main one). A plane seen before comes back
        as it was left, a new one is fitted; coming out selects the container."""
        canvas = self.canvas
        process = canvas.process()
        if process is None or plane == self.current:
            return False
        if plane is not None and not is_collapsed_container(process.elements.get(plane)):
            return False
        canvas.cancel_interaction()
        left = self.current
        self._views[left] = (canvas.view.zoom(), canvas.view.visible_scene_rect().center())
        self._switching = True
        try:
            canvas.scene.show_process(process, plane)
        finally:
            self._switching = False
        self._restore_view(plane)
        if left is not None and canvas.scene.item_for(left) is not None:
            canvas.select([left])
        return True

    def up(self) -> bool:
        """Back to the plane the shown container sits on (Backspace, Alt+Up, breadcrumbs)."""
        process = self.canvas.process()
        if process is None or self.current is None:
            return False
        return self.show(plane_of(process, self.current))

    def show_plane_of(self, element_id: str) -> None:
        """Show the plane an element lives on (find, reveal)."""
        process = self.canvas.process()
        if process is not None and element_id in process.elements:
            self.show(plane_of(process, element_id))

    def forget(self) -> None:
        """Another process is shown: no view of a plane is remembered."""
        self._views.clear()

    def refresh(self) -> None:
        if self.current is not None:
            self.breadcrumbs.show_path(self.canvas.process(), self.current)

    def _restore_view(self, plane: Plane) -> None:
        seen = self._views.get(plane)
        if seen is None:
            self.canvas.view.fit_to_contents()
        else:
            self.canvas.view.restore(*seen)

    def _on_plane_changed(self) -> None:
        self.breadcrumbs.show_path(self.canvas.process(), self.current)
        if not self._switching and self.canvas.process() is not None:
            self._restore_view(self.current)  # the shown container went away (undo, delete)
        self.canvas.refresh_chrome()
