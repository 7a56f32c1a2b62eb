"""Graphics items: one per model element, geometry taken from the model in `sync_from`.

Items hold the element id and a copy of the frozen element; `paint` only delegates to the
painters (ARCHITECTURE §7.3 rule 10: items paint, they don't compute).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    EdgeLayout,
    Element,
    Flow,
    FlowKind,
    Lane,
    Layout,
    Node,
    NodeKind,
    Pool,
    ShapeLayout,
    TextAnnotation,
)
from bpo_desktop.ui.canvas import painters
from bpo_desktop.ui.canvas.text import flow_label_candidates, node_label_rect

# Stacking order: pools < lanes < expanded sub-processes < flows < nodes < labels.
Z_POOL, Z_LANE, Z_EXPANDED, Z_FLOW, Z_NODE, Z_BOUNDARY, Z_LABEL = 0, 1, 2, 3, 4, 4.5, 5
_MARGIN = 3.0  # room for strokes drawn across the bounds


def _qrect(bounds: Bounds) -> QRectF:
    return QRectF(bounds.x, bounds.y, bounds.width, bounds.height)


class LabelItem(QGraphicsItem):
    """An external label (events, gateways, data objects, flows), stacked above every shape."""

    def __init__(self, owner_id: str) -> None:
        super().__init__()
        self.owner_id = owner_id
        self.text = ""
        self._rect = QRectF()
        self.setZValue(Z_LABEL)

    def set_label(self, rect: QRectF, text: str) -> None:
        if rect.size() != self._rect.size():
            self.prepareGeometryChange()
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.text = text
        self.setPos(rect.topLeft())
        self.setVisible(bool(text.strip()))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painters.paint_label(painter, self._rect, self.text)


class ElementItem(QGraphicsItem):
    """Base of the canvas items: knows its element id, takes geometry from the model."""

    LAYOUT_TYPE: ClassVar[type[Layout]] = ShapeLayout
    Z: ClassVar[float] = Z_NODE

    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id = element_id
        self.label: LabelItem | None = None
        self.setZValue(self.Z)

    def sync_from(self, element: Element, layout: Layout) -> None:
        raise NotImplementedError

    def companions(self) -> tuple[QGraphicsItem, ...]:
        """Items the scene adds and removes together with this one."""
        return (self.label,) if self.label is not None else ()


class ShapeItem(ElementItem):
    """An element drawn in its layout bounds; subclasses choose the painter."""

    def __init__(self, element_id: str) -> None:
        super().__init__(element_id)
        self._rect = QRectF()
        self.element: Element | None = None

    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(layout, ShapeLayout)
        bounds = layout.bounds
        if (bounds.width, bounds.height) != (self._rect.width(), self._rect.height()):
            self.prepareGeometryChange()
        self._rect = QRectF(0, 0, bounds.width, bounds.height)
        self.element = element
        self.setPos(bounds.x, bounds.y)
        self.setToolTip(describe(element))
        self._sync_label(element, layout)
        self.update()

    def _sync_label(self, element: Element, layout: ShapeLayout) -> None:
        text = external_label(element)
        if text is None:  # e.g. an event became a task: its name now sits inside the shape
            if self.label is not None:
                self.label.set_label(QRectF(), "")
            return
        if self.label is None:
            self.label = LabelItem(self.element_id)  # the scene adds companions after a sync
        label_bounds = _qrect(layout.label_bounds) if layout.label_bounds else None
        self.label.set_label(node_label_rect(_qrect(layout.bounds), label_bounds, text), text)

    def obstacle(self) -> QRectF | None:
        """The scene area flow labels should avoid (None for containers)."""
        return self.mapRectToScene(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.element is not None:
            self.paint_element(painter, self._rect, self.element)

    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        raise NotImplementedError


class PoolItem(ShapeItem):
    Z = Z_POOL

    def obstacle(self) -> QRectF | None:
        return None

    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        assert isinstance(element, Pool)
        painters.paint_pool(painter, rect, element)


class LaneItem(ShapeItem):
    Z = Z_LANE

    def obstacle(self) -> QRectF | None:
        return None

    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        assert isinstance(element, Lane)
        painters.paint_lane(painter, rect, element)


class NodeItem(ShapeItem):
    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(element, Node)
        if element.kind is NodeKind.SUBPROCESS and element.expanded:
            self.setZValue(Z_EXPANDED)  # its children and their flows draw on top of it
        elif element.kind is NodeKind.BOUNDARY_EVENT:
            self.setZValue(Z_BOUNDARY)
        else:
            self.setZValue(Z_NODE)
        super().sync_from(element, layout)

    def obstacle(self) -> QRectF | None:
        expanded = isinstance(self.element, Node) and self.element.expanded
        return None if expanded else super().obstacle()

    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        assert isinstance(element, Node)
        painters.paint_node(painter, rect, element)


class DataObjectItem(ShapeItem):
    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        assert isinstance(element, DataObject)
        painters.paint_data_object(painter, rect, element)


class TextAnnotationItem(ShapeItem):
    def paint_element(self, painter: QPainter, rect: QRectF, element: Element) -> None:
        assert isinstance(element, TextAnnotation)
        painters.paint_text_annotation(painter, rect, element)


class FlowItem(ElementItem):
    """A connection drawn through its waypoints, in scene coordinates (the item sits at 0,0)."""

    LAYOUT_TYPE = EdgeLayout
    Z = Z_FLOW

    def __init__(self, element_id: str) -> None:
        super().__init__(element_id)
        self.points: list[QPointF] = []
        self.element: Flow | None = None
        self._bounds = QRectF()
        # Fallback label places when the layout stores none; the scene picks a free one.
        self.label_candidates: list[QRectF] = []

    def sync_from(self, element: Element, layout: Layout) -> None:
        assert isinstance(element, Flow) and isinstance(layout, EdgeLayout)
        self.prepareGeometryChange()
        self.points = [QPointF(p.x, p.y) for p in layout.waypoints]
        self._bounds = QPolygonF(self.points).boundingRect().adjusted(-10, -10, 10, 10)
        self.element = element
        self.setToolTip(describe(element))
        self.label_candidates = []
        if element.name and len(self.points) >= 2:
            if self.label is None:
                self.label = LabelItem(self.element_id)
            if layout.label_bounds is not None:
                stored = _qrect(layout.label_bounds)
                rect = node_label_rect(stored, stored, element.name)
            else:
                self.label_candidates = flow_label_candidates(self.points, element.name)
                rect = self.label_candidates[0]
            self.label.set_label(rect, element.name)
        elif self.label is not None:
            self.label.set_label(QRectF(), "")
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.element is not None:
            painters.paint_flow(painter, self.points, self.element)


_ITEM_CLASSES: dict[type, type[ElementItem]] = {
    Pool: PoolItem,
    Lane: LaneItem,
    Node: NodeItem,
    DataObject: DataObjectItem,
    TextAnnotation: TextAnnotationItem,
    Flow: FlowItem,
}


def item_class_for(element: Element) -> type[ElementItem]:
    return _ITEM_CLASSES[type(element)]


def external_label(element: Element) -> str | None:
    """The text drawn outside the shape, or None for shapes that carry their name inside."""
    if isinstance(element, Node) and not element.kind.is_activity:
        return element.name
    if isinstance(element, DataObject):
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
