"""The basics of the canvas items: stacking order, levels of detail, the external label item
and the element-item mixin (split from `items`, which re-exports them)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from bpo_desktop.core.model import Bounds, Element, Layout, ShapeLayout
from bpo_desktop.ui.canvas import diagram_colours, painters, theme

# Stacking order: pools < lanes < expanded sub-processes < flows < nodes < groups < labels.
# A group has no fill and is hit only on its border, so it may sit above what it surrounds.
FLOW_LOD = 0.01  # below this zoom a flow is under two pixels long: flows are not drawn
Z_POOL, Z_LANE, Z_EXPANDED, Z_FLOW, Z_NODE, Z_BOUNDARY, Z_GROUP, Z_LABEL = (
    0, 1, 2, 3, 4, 4.5, 4.8, 5
)  # fmt: skip
MARGIN = 6.0  # room for strokes and the selection outline drawn across the bounds
TEXT_LOD = 0.3  # below this zoom, 12-px text is under 4 pixels: not drawn
SKETCH_PX = 6.0  # a shape smaller than this on screen is drawn as a plain box
DIM_OPACITY = 0.25  # elements filtered out ("only steps with weaknesses")
CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def text_width(text: str) -> float:
    return QFontMetricsF(theme.font(theme.EXTERNAL_LABEL_PX)).horizontalAdvance(text) + 6


def roomy(label: QRectF, text: str) -> QRectF:
    """Stored label bounds, widened about their centre so no word is broken: other tools'
    bounds are tight for their own, often narrower, font ("No" must not become "N/o")."""
    widest = max((text_width(word) for word in text.split()), default=0.0)
    if widest <= label.width():
        return label
    return QRectF(label.center().x() - widest / 2, label.y(), widest, label.height())


def qrect(bounds: Bounds) -> QRectF:
    return QRectF(bounds.x, bounds.y, bounds.width, bounds.height)


@cache
def margin_pen(width: float) -> QPen:
    """An invisible pen: Qt's rect and path items widen their bounding box by half its width."""
    pen = QPen(QColor(0, 0, 0, 0), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def lod(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    """The zoom this paint is for; also switches antialiasing on for the item's drawing."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    return option.levelOfDetailFromTransform(painter.worldTransform())


class LabelItem(QGraphicsRectItem):
    """An external label (events, gateways, data objects, flows), stacked above every shape."""

    def __init__(self, owner_id: str) -> None:
        super().__init__()
        self.owner_id = owner_id
        self.text = ""
        self.has_text = False
        self.lod_shown = True  # False while the view is zoomed out too far to read text
        self.stroke = ""  # the owner's diagram colour, which its label follows
        self.colour = ""  # the label's own text colour, if the diagram gives one
        self.setPen(margin_pen(4.0))
        self.setZValue(Z_LABEL)
        self.setCacheMode(CACHE)

    def set_label(self, rect: QRectF, text: str) -> None:
        local = QRectF(0, 0, rect.width(), rect.height())
        if local != self.rect():
            self.setRect(local)
        if text != self.text:
            self.text = text
            self.update()
        self.setPos(rect.topLeft())
        self.has_text = bool(text.strip())
        self.setVisible(self.has_text and self.lod_shown)

    def set_lod_shown(self, shown: bool) -> None:
        self.lod_shown = shown
        self.setVisible(self.has_text and shown)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if lod(painter, option) >= TEXT_LOD:
            with diagram_colours.painted_with(stroke=self.stroke, text=self.colour):
                painters.paint_label(painter, self.rect(), self.text)

    def set_colours(self, stroke: str, text: str) -> None:
        if (stroke, text) != (self.stroke, self.colour):
            self.stroke, self.colour = stroke, text
            self.update()


class ElementItem:
    """The mixin of canvas items: knows its element id, takes geometry from the model."""

    LAYOUT_TYPE: ClassVar[type[Layout]] = ShapeLayout
    Z: ClassVar[float] = Z_NODE

    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id = element_id
        self.label: LabelItem | None = None
        # Analysis decorations (UI state only): "critical" / "off_system" marks, dimming.
        self.marks: frozenset[str] = frozenset()
        self.dimmed = False

    def set_decoration(
        self, *, marks: frozenset[str] | None = None, dimmed: bool | None = None
    ) -> None:
        changed = False
        if marks is not None and marks != self.marks:
            self.marks, changed = marks, True
        if dimmed is not None and dimmed != self.dimmed:
            self.dimmed, changed = dimmed, True
            if self.label is not None:
                self.label.setOpacity(DIM_OPACITY if dimmed else 1.0)
        if changed:
            self.update()  # type: ignore[attr-defined]

    def sync_from(self, element: Element, layout: Layout) -> None:
        raise NotImplementedError

    def companions(self) -> tuple[QGraphicsItem, ...]:
        """Items the scene adds and removes together with this one."""
        return (self.label,) if self.label is not None else ()
