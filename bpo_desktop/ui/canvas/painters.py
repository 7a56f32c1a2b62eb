"""Per-element BPMN drawing with QPainter, in the painter's current coordinates.

Pure functions of (painter, geometry, element): items call them with their local rect, and
export can call them with scene rects. They never touch items or compute layout.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from bpo_desktop.core.model import (
    DataObject,
    EventTrigger,
    Flow,
    FlowKind,
    Group,
    Lane,
    LaneKind,
    Node,
    NodeKind,
    Pool,
    TaskType,
    TextAnnotation,
)
from bpo_desktop.ui.canvas import glyphs, theme
from bpo_desktop.ui.canvas.data_io import paint_io_marker
from bpo_desktop.ui.canvas.text import VAlign, draw_text_block, draw_vertical_text, text_height

_LINE_STOP = theme.ARROW_LENGTH - 2.0


def _band_fill(kind: LaneKind) -> QColor | None:
    """Read at paint time: the colours change with the light/dark scheme."""
    if kind is LaneKind.SYSTEM:
        return theme.BAND_SYSTEM
    if kind is LaneKind.EXTERNAL:
        return theme.BAND_EXTERNAL
    return None


# -- containers ----------------------------------------------------------------------------
def paint_pool(painter: QPainter, rect: QRectF, pool: Pool, *, text: bool = True) -> None:
    painter.setPen(theme.pen(theme.W_POOL))
    painter.setBrush(QBrush(theme.FILL))
    painter.drawRect(rect)
    band = QRectF(rect.left(), rect.top(), theme.BAND, rect.height())
    painter.drawLine(band.topRight(), band.bottomRight())
    if text:
        draw_vertical_text(painter, band, pool.name, bold=True)


def paint_lane(painter: QPainter, rect: QRectF, lane: Lane, *, text: bool = True) -> None:
    band = QRectF(rect.left(), rect.top(), theme.BAND, rect.height())
    band_fill = _band_fill(lane.kind)
    if band_fill is not None:
        painter.fillRect(band, band_fill)
    painter.setPen(theme.pen(theme.W_POOL))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.drawLine(band.topRight(), band.bottomRight())
    if text:
        draw_vertical_text(painter, band, lane.name)


# -- flow nodes ----------------------------------------------------------------------------
def paint_node(
    painter: QPainter, rect: QRectF, node: Node, *, text: bool = True, marker: bool = True
) -> None:
    """`marker`: an exclusive gateway's X (hidden when its diagram says isMarkerVisible=false)."""
    if node.kind.is_activity:
        paint_activity(painter, rect, node, text=text)
    elif node.kind.is_event:
        paint_event(painter, rect, node)
    else:
        paint_gateway(painter, rect, node, marker=marker)


def paint_activity(painter: QPainter, rect: QRectF, node: Node, *, text: bool = True) -> None:
    width = theme.W_CALL_ACTIVITY if node.kind is NodeKind.CALL_ACTIVITY else theme.W_TASK
    if node.triggered_by_event and node.kind is NodeKind.SUBPROCESS:
        painter.setPen(theme.pen(theme.W_FLOW, dash=[0.5, 4.0]))  # an event sub-process: dotted
    else:
        painter.setPen(theme.pen(width))
    painter.setBrush(QBrush(theme.FILL))
    painter.drawRoundedRect(rect, theme.TASK_RADIUS, theme.TASK_RADIUS)
    if node.expanded and node.kind in (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY):
        label = QRectF(rect.left() + 8, rect.top() + 6, rect.width() - 16, 32)
        if text:
            draw_text_block(painter, label, node.name, valign=VAlign.TOP, align_left=True)
        glyphs.activity_markers(painter, rect, node, collapsed=False)
        return
    has_marker = node.kind is NodeKind.TASK and node.task_type is not TaskType.NONE
    if has_marker:
        glyphs.task_marker(painter, QRectF(rect.left() + 7, rect.top() + 7, 15, 15), node.task_type)
    collapsed = node.kind is not NodeKind.TASK and not node.expanded
    markers = glyphs.activity_markers(painter, rect, node, collapsed=collapsed)
    # Keep the name clear of the type marker (top left) and the markers row (bottom): under the
    # type marker, else beside it, else under it and elided (the tooltip has the whole name).
    bottom = 18.0 if markers else 5.0
    inner = rect.adjusted(6, 20.0 if has_marker else 5.0, -6, -bottom)
    if has_marker and not _fits(node.name, inner):
        beside = rect.adjusted(24, 5, -6, -bottom)
        inner = beside if _fits(node.name, beside) else inner
    if text:
        draw_text_block(painter, inner, node.name)


def _fits(text: str, rect: QRectF) -> bool:
    return text_height(text, rect.width(), 1000.0) <= rect.height() + 0.5


def paint_event(painter: QPainter, rect: QRectF, node: Node) -> None:
    c = rect.center()
    r = min(rect.width(), rect.height()) / 2
    painter.setBrush(QBrush(theme.FILL))
    # Non-interrupting start (in an event sub-process) and boundary events: dashed rings.
    dash = None if node.interrupting or not _may_interrupt(node) else [5.5, 3.0]
    if node.kind is NodeKind.START_EVENT:
        painter.setPen(theme.pen(theme.W_START, dash=dash))
        painter.drawEllipse(c, r, r)
    elif node.kind is NodeKind.END_EVENT:
        painter.setPen(theme.pen(theme.W_END))
        painter.drawEllipse(c, r - 1, r - 1)  # keep the thick ring inside the bounds
    else:  # intermediate and boundary events: a double ring
        painter.setPen(theme.pen(theme.W_INTERMEDIATE, dash=dash))
        painter.drawEllipse(c, r, r)
        painter.drawEllipse(c, r - 3, r - 3)
    if node.trigger is EventTrigger.NONE:
        return
    side = r * (1.0 if node.trigger is EventTrigger.TIMER else 1.05)
    box = QRectF(c.x() - side / 2, c.y() - side / 2, side, side)
    glyphs.trigger_glyph(painter, box, node.trigger, filled=node.kind is NodeKind.END_EVENT)


def _may_interrupt(node: Node) -> bool:
    return node.kind in (NodeKind.START_EVENT, NodeKind.BOUNDARY_EVENT)


def paint_gateway(painter: QPainter, rect: QRectF, node: Node, *, marker: bool = True) -> None:
    c = rect.center()
    diamond = QPolygonF(
        [
            QPointF(c.x(), rect.top()),
            QPointF(rect.right(), c.y()),
            QPointF(c.x(), rect.bottom()),
            QPointF(rect.left(), c.y()),
        ]
    )
    painter.setPen(theme.pen(theme.W_GATEWAY))
    painter.setBrush(QBrush(theme.FILL))
    painter.drawPolygon(diamond)
    if marker or node.kind is not NodeKind.EXCLUSIVE_GATEWAY:
        glyphs.gateway_marker(painter, rect, node.kind)


# -- artifacts -----------------------------------------------------------------------------
def paint_data_object(painter: QPainter, rect: QRectF, data: DataObject) -> None:
    painter.setPen(theme.pen(1.5))
    painter.setBrush(QBrush(theme.FILL))
    if data.is_store:
        _data_store(painter, rect)
        return
    fold = min(12.0, rect.width() / 3)
    page = QPolygonF(
        [
            rect.topLeft(),
            QPointF(rect.right() - fold, rect.top()),
            QPointF(rect.right(), rect.top() + fold),
            rect.bottomRight(),
            rect.bottomLeft(),
        ]
    )
    painter.drawPolygon(page)
    painter.drawPolyline(
        QPolygonF(
            [
                QPointF(rect.right() - fold, rect.top()),
                QPointF(rect.right() - fold, rect.top() + fold),
                QPointF(rect.right(), rect.top() + fold),
            ]
        )
    )
    paint_io_marker(painter, rect, data.io)  # a process input or output


def _data_store(painter: QPainter, rect: QRectF) -> None:
    e = min(10.0, rect.height() / 5)  # the height of the elliptical rim
    body = QPainterPath()
    body.moveTo(rect.left(), rect.top() + e / 2)
    body.lineTo(rect.left(), rect.bottom() - e / 2)
    body.arcTo(QRectF(rect.left(), rect.bottom() - e, rect.width(), e), 180, 180)
    body.lineTo(rect.right(), rect.top() + e / 2)
    body.arcTo(QRectF(rect.left(), rect.top(), rect.width(), e), 0, 180)
    painter.drawPath(body)
    for offset in (0.0, e * 0.45, e * 0.9):
        painter.drawArc(
            QRectF(rect.left(), rect.top() + offset, rect.width(), e), 180 * 16, 180 * 16
        )


def paint_text_annotation(
    painter: QPainter, rect: QRectF, annotation: TextAnnotation, *, text: bool = True
) -> None:
    painter.setPen(theme.pen(1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    arm = min(15.0, rect.width() / 4)
    painter.drawPolyline(
        QPolygonF(
            [
                QPointF(rect.left() + arm, rect.top()),
                rect.topLeft(),
                rect.bottomLeft(),
                QPointF(rect.left() + arm, rect.bottom()),
            ]
        )
    )
    inner = rect.adjusted(7, 5, -4, -5)
    if text:
        draw_text_block(painter, inner, annotation.text, valign=VAlign.CENTER, align_left=True)


def paint_group(painter: QPainter, rect: QRectF, _group: Group) -> None:
    """A dash-dotted rounded box with no fill; its name is an external label."""
    painter.setPen(theme.pen(theme.W_FLOW, dash=[8.0, 3.5, 0.5, 3.5]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, theme.TASK_RADIUS, theme.TASK_RADIUS)


def paint_label(painter: QPainter, rect: QRectF, text: str) -> None:
    """An external label (events, gateways, data objects, flows): top-aligned and centred."""
    draw_text_block(
        painter, rect, text, valign=VAlign.TOP, px=theme.EXTERNAL_LABEL_PX, halo=theme.FILL
    )


# -- connections ---------------------------------------------------------------------------
def paint_flow(
    painter: QPainter,
    points: Sequence[QPointF],
    flow: Flow,
    *,
    from_activity: bool = False,
    message: str = "",
) -> None:
    """`from_activity`: the flow leaves a task or sub-process, where a condition is shown as a
    small diamond at the start (out of a gateway the gateway says it). `message`: a message
    flow's envelope ("initiating" or "non_initiating", from its diagram)."""
    if len(points) < 2:
        return
    tip, before = points[-1], points[-2]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if flow.kind is FlowKind.SEQUENCE:
        painter.setPen(theme.pen(theme.W_FLOW))
        painter.drawPath(_rounded_polyline([*points[:-1], _back_off(before, tip, _LINE_STOP)]))
        _arrowhead(painter, before, tip, filled=True)
        if flow.is_default:
            _default_slash(painter, points[0], points[1])
        elif from_activity and flow.conditional:
            _condition_diamond(painter, points[0], points[1])
    elif flow.kind is FlowKind.MESSAGE:
        painter.setPen(theme.pen(theme.W_FLOW, dash=[8.0, 5.0]))
        start = _forward(points[0], points[1], 4.0)
        painter.drawPath(
            _rounded_polyline([start, *points[1:-1], _back_off(before, tip, _LINE_STOP)])
        )
        painter.setPen(theme.pen(theme.W_FLOW))
        painter.setBrush(QBrush(theme.FILL))
        painter.drawEllipse(_forward(points[0], points[1], 4.0), 4.0, 4.0)
        _arrowhead(painter, before, tip, filled=False)
        if message:
            glyphs.message_on_flow(painter, points, initiating=message == "initiating")
    else:  # associations are dotted; data associations get an open arrowhead
        painter.setPen(theme.pen(theme.W_FLOW, dash=[0.5, 5.0]))
        painter.drawPath(_rounded_polyline(list(points)))
        if flow.kind is FlowKind.DATA_ASSOCIATION:
            _open_arrow(painter, before, tip)


def _unit(a: QPointF, b: QPointF) -> QPointF:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    return QPointF(dx / length, dy / length)


def _forward(a: QPointF, b: QPointF, distance: float) -> QPointF:
    return a + _unit(a, b) * distance


def _back_off(a: QPointF, b: QPointF, distance: float) -> QPointF:
    """The point `distance` before `b` on a→b: lines stop inside the arrowhead, not at its tip."""
    return b - _unit(a, b) * min(distance, math.dist(a.toTuple(), b.toTuple()))


def _rounded_polyline(points: Sequence[QPointF], radius: float = 5.0) -> QPainterPath:
    """A polyline whose bends are rounded, as bpmn.io draws connections."""
    path = QPainterPath(points[0])
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, math.dist(prev.toTuple(), corner.toTuple()) / 2,
                math.dist(corner.toTuple(), nxt.toTuple()) / 2)  # fmt: skip
        path.lineTo(corner - _unit(prev, corner) * r)
        path.quadTo(corner, corner + _unit(corner, nxt) * r)
    path.lineTo(points[-1])
    return path


def _arrow_points(before: QPointF, tip: QPointF) -> tuple[QPointF, QPointF, QPointF]:
    """The tip and the two barbs of an arrowhead pointing along before→tip."""
    u = _unit(before, tip)
    n = QPointF(-u.y(), u.x())
    base = tip - u * theme.ARROW_LENGTH
    half = theme.ARROW_WIDTH / 2
    return tip, base + n * half, base - n * half


def _arrowhead(painter: QPainter, before: QPointF, tip: QPointF, *, filled: bool) -> None:
    painter.setPen(theme.pen(1.0))
    painter.setBrush(QBrush(theme.STROKE if filled else theme.FILL))
    painter.drawPolygon(QPolygonF(list(_arrow_points(before, tip))))


def _open_arrow(painter: QPainter, before: QPointF, tip: QPointF) -> None:
    point, left, right = _arrow_points(before, tip)
    painter.setPen(theme.pen(theme.W_FLOW))
    painter.drawPolyline(QPolygonF([left, point, right]))


def condition_diamond_points(start: QPointF, nxt: QPointF) -> list[QPointF]:
    """The conditional-flow diamond at `start`, pointing along start→nxt (16 long, 10 wide)."""
    u = _unit(start, nxt)
    n = QPointF(-u.y(), u.x())
    return [start, start + u * 8 + n * 5, start + u * 16, start + u * 8 - n * 5]


def _condition_diamond(painter: QPainter, start: QPointF, nxt: QPointF) -> None:
    painter.setPen(theme.pen(theme.W_FLOW))
    painter.setBrush(QBrush(theme.FILL))
    painter.drawPolygon(QPolygonF(condition_diamond_points(start, nxt)))


def _default_slash(painter: QPainter, start: QPointF, nxt: QPointF) -> None:
    u = _unit(start, nxt)
    n = QPointF(-u.y(), u.x())
    centre = start + u * 10.0
    painter.setPen(theme.pen(theme.W_FLOW))
    painter.drawLine(centre - u * 4 - n * 5, centre + u * 4 + n * 5)


# -- analysis decorations (badges, critical path, off-system work) --------------------------
MARK_COLOURS = {"critical": QColor("#e67e22"), "off_system": QColor("#c0392b")}
BADGE_COLOURS = {
    "G": QColor("#2e86c1"),  # goal
    "C": QColor("#7f8c8d"),  # constraint
    "S": QColor("#229954"),  # strength
    "W": QColor("#c0392b"),  # weakness
    "P": QColor("#d35400"),  # pain point
    "I": QColor("#b7950b"),  # idea
    "Q": QColor("#8e44ad"),  # question
    "K": QColor("#a93226"),  # risk
}
BADGE_H = 14.0


def paint_marks(painter: QPainter, rect: QRectF, marks: frozenset[str]) -> None:
    """Outlines for highlighted steps: critical path solid, off-system work dashed."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for inset, mark, width in ((-2.5, "critical", 3.0), (-4.5, "off_system", 2.0)):
        if mark in marks:  # within the item's 6-unit paint margin
            pen = QPen(MARK_COLOURS[mark], width)
            if mark == "off_system":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 6, 6)


def paint_flow_mark(painter: QPainter, path: QPainterPath) -> None:
    pen = QPen(MARK_COLOURS["critical"], 5.0)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def badge_rects(rect: QRectF, badges: Sequence[tuple[str, int]]) -> list[QRectF]:
    """Where each badge goes: a row of pills right-aligned at the top-right corner, straddling
    the top edge (inside the item's paint margin)."""
    rects: list[QRectF] = []
    right = rect.right() - 8.0  # clear of the selection's corner handle
    for letter, count in reversed(badges):
        width = 8.0 + 6.5 * len(f"{letter}{count}")
        rects.append(QRectF(right - width, rect.top() - 5.0, width, BADGE_H))
        right -= width + 2.0
    return list(reversed(rects))


def paint_badges(painter: QPainter, rect: QRectF, badges: Sequence[tuple[str, int]]) -> None:
    font = QFont(painter.font())
    font.setPixelSize(10)
    font.setBold(True)
    painter.setFont(font)
    for (letter, count), box in zip(badges, badge_rects(rect, badges), strict=True):
        painter.setPen(QPen(QColor("white"), 1.0))
        painter.setBrush(BADGE_COLOURS.get(letter, QColor("#555555")))
        painter.drawRoundedRect(box, BADGE_H / 2, BADGE_H / 2)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{letter}{count}")
