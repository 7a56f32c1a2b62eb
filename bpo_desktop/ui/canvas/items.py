"""Graphics items: one per model element, geometry taken from the model in `sync_from`.

Items hold the element id and a copy of the frozen element; `paint` only delegates to the
painters (ARCHITECTURE §7.3 rule 10: items paint, they don't compute).

Performance: items derive from Qt's C++ rect and path items and override only `paint`, so
painting a frame calls no Python for bounding boxes; with DeviceCoordinateCache a repaint of
unchanged items is a pixmap blit. Painting picks a level of detail from the zoom: text is left
out when it would be unreadable, and tiny shapes are drawn as plain boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from bpo_desktop.core.model import (
    DataObject,
    EdgeLayout,
    Element,
    Flow,
    FlowKind,
    Group,
    Lane,
    Layout,
    Node,
    NodeKind,
    Pool,
    ShapeLayout,
    TextAnnotation,
)
from bpo_desktop.ui.canvas import diagram_colours, painters, theme
from bpo_desktop.ui.canvas.item_base import (
    CACHE,
    DIM_OPACITY,
    FLOW_LOD,
    MARGIN,
    SELECTABLE,
    SKETCH_PX,
    TEXT_LOD,
    Z_BOUNDARY,
    Z_EXPANDED,
    Z_FLOW,
    Z_GROUP,
    Z_LABEL,
    Z_LANE,
    Z_NODE,
    Z_POOL,
    ElementItem,
    LabelItem,
    lod,
    margin_pen,
    qrect,
    roomy,
    text_width,
)
from bpo_desktop.ui.canvas.text import flow_label_candidates, node_label_rect

__all__ = [  # the basics live in item_base; callers import them from here as before
    "DIM_OPACITY", "FLOW_LOD", "SKETCH_PX", "TEXT_LOD", "Z_BOUNDARY", "Z_EXPANDED", "Z_FLOW",
    "Z_GROUP", "Z_LABEL", "Z_LANE", "Z_NODE", "Z_POOL", "DataObjectItem", "ElementItem",
    "FlowItem", "GroupItem", "LabelItem", "LaneItem", "NodeItem", "PoolItem", "ShapeItem",
    "TextAnnotationItem", "describe", "expanded_z", "external_label", "is_expanded",
    "item_class_for", "lod",
]  # fmt: skip


class ShapeItem(ElementItem, QGraphicsRectItem):
    """An element drawn in its layout bounds; subclasses choose the painter."""

    def __init__(self, element_id: str) -> None:
        super().__init__(element_id)
        self.element: Element | None = None
        self.badges: tuple[tuple[str, int], ...] = ()  # (letter, count) of annotations
        self.badge_tip = ""
        self.fill = self.stroke = ""  # the diagram's own colours ("" = the theme's)
        self.label_colour = ""
        self.marker_visible = True  # exclusive gateways: the X
        self.setPen(margin_pen(2 * MARGIN))
        self.setFlag(SELECTABLE)
        self.setZValue(self.Z)
        self.setCacheMode(CACHE)

    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(layout, ShapeLayout)
        bounds = layout.bounds
        rect = QRectF(0, 0, bounds.width, bounds.height)
        if rect != self.rect():
            self.setRect(rect)
        look = (layout.fill, layout.stroke, layout.label_colour, layout.marker_visible)
        if element != self.element or look != self._look():
            self.element = element
            self.fill, self.stroke, self.label_colour, self.marker_visible = look
            self.update()
        self.setPos(bounds.x, bounds.y)
        self._sync_label(element, layout)

    def _sync_label(self, element: Element, layout: ShapeLayout) -> None:
        text = external_label(element)
        if text is None:  # e.g. an event became a task: its name now sits inside the shape
            if self.label is not None:
                self.label.set_label(QRectF(), "")
            return
        if self.label is None:
            self.label = LabelItem(self.element_id)  # the scene adds companions after a sync
        label_bounds = qrect(layout.label_bounds) if layout.label_bounds else None
        if isinstance(element, Group):  # the label may be as wide as the group
            box = qrect(layout.bounds).adjusted(4, 4, -4, 0)
            label_bounds = label_bounds or QRectF(box.left(), box.top(), box.width(), 14)
            label_bounds.setWidth(max(label_bounds.width(), min(box.width(), text_width(text))))
        elif label_bounds is not None:
            label_bounds = roomy(label_bounds, text)
        self.label.set_label(node_label_rect(qrect(layout.bounds), label_bounds, text), text)
        self.label.set_colours(layout.stroke, layout.label_colour)

    def _look(self) -> tuple[str, str, str, bool]:
        return self.fill, self.stroke, self.label_colour, self.marker_visible

    def scene_rect(self) -> QRectF:
        """The element's bounds in scene coordinates (without the paint margin)."""
        return self.rect().translated(self.pos())

    def obstacle(self) -> QRectF | None:
        """The scene area flow labels should avoid (None for containers)."""
        return self.scene_rect()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.element is None:
            return
        rect = self.rect()
        detail = lod(painter, option)
        if self.dimmed:
            painter.setOpacity(DIM_OPACITY)
        if detail < TEXT_LOD and isinstance(self.element, Pool | Lane):
            # Zoomed far out: a one-pixel outline keeps lanes visible however thin they get.
            painter.setPen(theme.cosmetic(theme.MUTED, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        elif detail * max(rect.width(), rect.height()) < SKETCH_PX:
            painter.fillRect(rect, theme.MUTED)
        else:
            with diagram_colours.painted_with(self.fill, self.stroke, self.label_colour):
                self.paint_element(painter, rect, self.element, detail)
        painter.setOpacity(1.0)
        if self.marks:
            painters.paint_marks(painter, rect, self.marks)
        if self.badges and detail >= TEXT_LOD:
            painters.paint_badges(painter, rect, self.badges)
        if self.isSelected():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(theme.cosmetic(theme.SELECTION, 2.0))
            painter.drawRect(self.selection_rect())

    def selection_rect(self) -> QRectF:
        return self.rect().adjusted(-4, -4, 4, 4)

    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        raise NotImplementedError


class PoolItem(ShapeItem):
    Z = Z_POOL

    def obstacle(self) -> QRectF | None:
        return None

    def selection_rect(self) -> QRectF:
        return self.rect().adjusted(-2, -2, 2, 2)

    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, Pool)
        painters.paint_pool(painter, rect, element, text=detail >= TEXT_LOD)


class LaneItem(ShapeItem):
    Z = Z_LANE

    def obstacle(self) -> QRectF | None:
        return None

    def selection_rect(self) -> QRectF:
        return self.rect().adjusted(1, 1, -1, -1)

    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, Lane)
        painters.paint_lane(painter, rect, element, text=detail >= TEXT_LOD)


class NodeItem(ShapeItem):
    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(element, Node)
        if is_expanded(element):
            self.setZValue(Z_EXPANDED)  # its children and their flows draw on top of it
        elif element.kind is NodeKind.BOUNDARY_EVENT:
            self.setZValue(Z_BOUNDARY)
        else:
            self.setZValue(Z_NODE)
        super().sync_from(element, layout)

    def obstacle(self) -> QRectF | None:
        expanded = isinstance(self.element, Node) and self.element.expanded
        return None if expanded else super().obstacle()

    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, Node)
        painters.paint_node(
            painter, rect, element, text=detail >= TEXT_LOD, marker=self.marker_visible
        )


class DataObjectItem(ShapeItem):
    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, DataObject)
        painters.paint_data_object(painter, rect, element)


class TextAnnotationItem(ShapeItem):
    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, TextAnnotation)
        painters.paint_text_annotation(painter, rect, element, text=detail >= TEXT_LOD)


class GroupItem(ShapeItem):
    """A group: drawn above what it surrounds, but only its border takes clicks."""

    Z = Z_GROUP

    def obstacle(self) -> QRectF | None:
        return None

    def shape(self) -> QPainterPath:
        outline = QPainterPath()
        outline.addRoundedRect(self.rect(), 10, 10)
        stroker = QPainterPathStroker()
        stroker.setWidth(8.0)
        return stroker.createStroke(outline)

    def paint_element(
        self, painter: QPainter, rect: QRectF, element: Element, detail: float
    ) -> None:
        assert isinstance(element, Group)
        painters.paint_group(painter, rect, element)


class FlowItem(ElementItem, QGraphicsPathItem):
    """A connection drawn through its waypoints, in scene coordinates (the item sits at 0,0).

    The path item's shape is the polyline stroked 10 units wide: the click target.
    """

    LAYOUT_TYPE = EdgeLayout
    Z = Z_FLOW

    def __init__(self, element_id: str) -> None:
        super().__init__(element_id)
        self.points: list[QPointF] = []
        self.element: Flow | None = None
        # Fallback label places when the layout stores none; the scene picks a free one.
        self.label_candidates: list[QRectF] = []
        self._stored_label: QRectF | None = None
        self.from_activity = False  # set by the scene: conditions out of a task get a diamond
        self.stroke = ""  # the diagram's own colour ("" = the theme's)
        self.label_colour = ""
        self.message = ""  # a message flow's envelope, from its diagram
        self.setPen(margin_pen(12.0))
        self.setBrush(Qt.BrushStyle.NoBrush)
        self.setFlag(SELECTABLE)
        self.setZValue(self.Z)
        self.setCacheMode(CACHE)

    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(element, Flow) and isinstance(layout, EdgeLayout)
        if element != self.element or layout.stroke != self.stroke:
            self.element = element
            self.stroke = layout.stroke
            self.update()
        self.label_colour = layout.label_colour
        if layout.message_visible != self.message:
            self.message = layout.message_visible
            self.update()
        stored = layout.label_bounds
        self._stored_label = qrect(stored) if stored is not None else None
        self.set_points([QPointF(p.x, p.y) for p in layout.waypoints])

    def set_points(self, points: list[QPointF]) -> None:
        """New route (from the model, or a drag preview); the label follows."""
        if points != self.points:
            self.points = points
            path = QPainterPath()
            if points:
                path.moveTo(points[0])
                for p in points[1:]:
                    path.lineTo(p)
            self.setPath(path)
        self._sync_label()

    def _sync_label(self) -> None:
        element = self.element
        self.label_candidates = []
        if element is None or not element.name or len(self.points) < 2:
            if self.label is not None:
                self.label.set_label(QRectF(), "")
            return
        if self.label is None:
            self.label = LabelItem(self.element_id)
        if self._stored_label is not None:
            stored = roomy(self._stored_label, element.name)
            rect = node_label_rect(stored, stored, element.name)
        else:
            self.label_candidates = flow_label_candidates(self.points, element.name)
            rect = self.label_candidates[0]
        self.label.set_label(rect, element.name)
        self.label.set_colours(self.stroke, self.label_colour)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.element is None:
            return
        if self.dimmed:
            painter.setOpacity(DIM_OPACITY)
        if "critical" in self.marks:
            painters.paint_flow_mark(painter, self.path())
        if lod(painter, option) < TEXT_LOD:  # far out: a one-pixel line, no arrowhead
            painter.setPen(theme.cosmetic(theme.MUTED, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())
            return
        if self.isSelected():
            halo = QPen(theme.SELECTION, 6.0)
            halo.setColor(QColor(theme.SELECTION.red(), theme.SELECTION.green(),
                                 theme.SELECTION.blue(), 70))  # fmt: skip
            halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(halo)
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            painter.drawPath(self.path())
        with diagram_colours.painted_with(stroke=self.stroke):
            painters.paint_flow(
                painter,
                self.points,
                self.element,
                from_activity=self.from_activity,
                message=self.message,
            )

    def set_from_activity(self, value: bool) -> None:
        if value != self.from_activity:
            self.from_activity = value
            self.update()


_ITEM_CLASSES: dict[type, type[ElementItem]] = {
    Pool: PoolItem,
    Lane: LaneItem,
    Node: NodeItem,
    DataObject: DataObjectItem,
    TextAnnotation: TextAnnotationItem,
    Group: GroupItem,
    Flow: FlowItem,
}


def is_expanded(element: Element) -> bool:
    """An open sub-process or call activity: a container drawn under its children."""
    return (
        isinstance(element, Node)
        and element.expanded
        and element.kind in (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)
    )


def expanded_z(depth: int) -> float:
    """Nested open containers stack by depth, all below flows and steps."""
    return Z_EXPANDED + min(depth, 99) * (Z_FLOW - Z_EXPANDED) / 100


def item_class_for(element: Element) -> type[ElementItem]:
    return _ITEM_CLASSES[type(element)]


def external_label(element: Element) -> str | None:
    """The text drawn outside the shape, or None for shapes that carry their name inside."""
    if isinstance(element, Node) and not element.kind.is_activity:
        return element.name
    if isinstance(element, DataObject | Group):
        return element.name
    return None


def describe(element: Element) -> str:
    """A short tooltip: the name and the kind, plus step times when present."""
    if isinstance(element, Node):
        kind = element.kind.value.replace("_", " ")
        if element.task_type.value != "none":
            kind = f"{element.task_type.value.replace('_', ' ')} {kind}"
        text = f"{element.name or '(unnamed)'}\n{kind}"
        if element.touch_min or element.wait_min:
            text += f"\ntouch {element.touch_min:g} min · wait {element.wait_min:g} min"
        return text
    if isinstance(element, Flow):
        kind = "sequence flow" if element.kind is FlowKind.SEQUENCE else element.kind.value
        return f"{element.name}\n{kind}".strip() if element.name else kind.replace("_", " ")
    if isinstance(element, TextAnnotation):
        return element.text
    name = getattr(element, "name", "")
    return f"{name}\n{type(element).__name__.lower()}".strip()
