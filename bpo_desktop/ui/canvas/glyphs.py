"""Small BPMN markers: task types, event triggers and gateway symbols.

Every function draws into a square `box` in the painter's current coordinates, so the same
glyph serves a 16-unit task marker and a 20-unit event symbol.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPolygonF

from bpo_desktop.core.model import EventTrigger, LoopKind, Node, NodeKind, TaskType
from bpo_desktop.ui.canvas import theme


def _outline(painter: QPainter, width: float = theme.W_MARKER, filled: bool = False) -> None:
    painter.setPen(theme.pen(width))
    painter.setBrush(QBrush(theme.STROKE) if filled else QBrush(theme.FILL))


def _at(box: QRectF, fx: float, fy: float) -> QPointF:
    """A point at fractions (fx, fy) of the box."""
    return QPointF(box.left() + fx * box.width(), box.top() + fy * box.height())


def _polygon(box: QRectF, points: list[tuple[float, float]]) -> QPolygonF:
    return QPolygonF([_at(box, fx, fy) for fx, fy in points])


# -- envelopes, used by send/receive tasks and message events ------------------------------
def envelope(painter: QPainter, box: QRectF, *, filled: bool) -> None:
    body = QRectF(_at(box, 0.0, 0.18), _at(box, 1.0, 0.82))
    _outline(painter, 1.2, filled)
    painter.drawRect(body)
    flap_pen = theme.pen(1.2, theme.FILL if filled else theme.STROKE)
    painter.setPen(flap_pen)
    painter.drawPolyline(
        QPolygonF([body.topLeft(), QPointF(body.center().x(), body.center().y()), body.topRight()])
    )


def message_on_flow(painter: QPainter, points: Sequence[QPointF], *, initiating: bool) -> None:
    """The envelope at the middle of a message flow (BPMNEdge messageVisibleKind): white for
    the initiating message, grey for a reply, as BPMN and bpmn.io draw it."""
    segments = [QLineF(a, b) for a, b in pairwise(points)]
    remaining = sum(s.length() for s in segments) / 2
    for segment in segments:
        if remaining <= segment.length() and segment.length() > 0:
            middle = segment.pointAt(remaining / segment.length())
            break
        remaining -= segment.length()
    else:
        return
    box = QRectF(middle.x() - 10, middle.y() - 7, 20, 14)
    painter.setPen(theme.pen(1.0))
    painter.setBrush(QBrush(theme.FILL if initiating else theme.MUTED))
    painter.drawRect(box)
    painter.setPen(theme.pen(1.0, theme.STROKE if initiating else theme.FILL))
    painter.drawPolyline(QPolygonF([box.topLeft(), box.center(), box.topRight()]))


# -- task-type markers ---------------------------------------------------------------------
def _user(painter: QPainter, box: QRectF) -> None:
    _outline(painter, 1.2)
    body = QPainterPath()
    body.moveTo(_at(box, 0.05, 1.0))
    body.cubicTo(_at(box, 0.05, 0.55), _at(box, 0.3, 0.5), _at(box, 0.5, 0.5))
    body.cubicTo(_at(box, 0.7, 0.5), _at(box, 0.95, 0.55), _at(box, 0.95, 1.0))
    body.closeSubpath()
    painter.drawPath(body)
    painter.drawEllipse(_at(box, 0.5, 0.3), box.width() * 0.22, box.height() * 0.24)
    painter.drawLine(_at(box, 0.25, 0.78), _at(box, 0.25, 1.0))
    painter.drawLine(_at(box, 0.75, 0.78), _at(box, 0.75, 1.0))


def _manual(painter: QPainter, box: QRectF) -> None:
    # A hand pointing right: palm and thumb at the left, four fingers stacked to the right.
    def bar(x0: float, y0: float, x1: float, y1: float) -> QPainterPath:
        path = QPainterPath()
        r = (y1 - y0) * box.height() / 2
        path.addRoundedRect(QRectF(_at(box, x0, y0), _at(box, x1, y1)), r, r)
        return path

    fingers = [(1.0, 0.3), (0.92, 0.47), (0.85, 0.64), (0.75, 0.81)]
    hand = bar(0.0, 0.3, 0.5, 0.98)
    hand = hand.united(bar(0.12, 0.05, 0.62, 0.3))  # the thumb
    for x1, y0 in fingers:
        hand = hand.united(bar(0.3, y0, x1, y0 + 0.17))
    _outline(painter, 1.0)
    painter.drawPath(hand.simplified())
    for x1, y0 in fingers[1:]:
        painter.drawLine(_at(box, 0.5, y0), _at(box, min(x1, 0.92) - 0.05, y0))


def _gear(painter: QPainter, center: QPointF, radius: float) -> None:
    teeth, outer, inner = 8, radius, radius * 0.72
    points = []
    for i in range(teeth * 4):
        angle = 2 * math.pi * i / (teeth * 4)
        r = outer if i % 4 in (1, 2) else inner
        points.append(QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle)))
    painter.drawPolygon(QPolygonF(points))
    painter.drawEllipse(center, radius * 0.3, radius * 0.3)


def _service(painter: QPainter, box: QRectF) -> None:
    _outline(painter, 1.1)
    _gear(painter, _at(box, 0.38, 0.38), box.width() * 0.38)
    _gear(painter, _at(box, 0.66, 0.66), box.width() * 0.34)


def _script(painter: QPainter, box: QRectF) -> None:
    _outline(painter, 1.1)
    page = QPainterPath()
    page.moveTo(_at(box, 0.2, 0.0))
    page.lineTo(_at(box, 0.95, 0.0))
    page.cubicTo(_at(box, 0.7, 0.25), _at(box, 1.0, 0.75), _at(box, 0.8, 1.0))
    page.lineTo(_at(box, 0.05, 1.0))
    page.cubicTo(_at(box, 0.3, 0.75), _at(box, 0.0, 0.25), _at(box, 0.2, 0.0))
    painter.drawPath(page)
    for y in (0.25, 0.45, 0.65, 0.85):
        painter.drawLine(_at(box, 0.25 + (0.05 if y in (0.25, 0.85) else 0), y), _at(box, 0.7, y))


def _business_rule(painter: QPainter, box: QRectF) -> None:
    table = QRectF(_at(box, 0.0, 0.12), _at(box, 1.0, 0.88))
    _outline(painter, 1.1)
    painter.drawRect(table)
    painter.fillRect(QRectF(table.topLeft(), QPointF(table.right(), table.top() + 4)), theme.STROKE)
    for fy in (0.5, 0.7):
        painter.drawLine(_at(box, 0.0, fy), _at(box, 1.0, fy))
    painter.drawLine(_at(box, 0.3, 0.3), _at(box, 0.3, 0.88))


TASK_MARKERS: dict[TaskType, Callable[[QPainter, QRectF], None]] = {
    TaskType.USER: _user,
    TaskType.MANUAL: _manual,
    TaskType.SERVICE: _service,
    TaskType.SCRIPT: _script,
    TaskType.SEND: lambda p, box: envelope(p, box, filled=True),
    TaskType.RECEIVE: lambda p, box: envelope(p, box, filled=False),
    TaskType.BUSINESS_RULE: _business_rule,
}


def task_marker(painter: QPainter, box: QRectF, task_type: TaskType) -> None:
    draw = TASK_MARKERS.get(task_type)
    if draw is not None:
        draw(painter, box)


# -- event triggers ------------------------------------------------------------------------
def _timer(painter: QPainter, box: QRectF, filled: bool) -> None:
    _outline(painter, 1.5)
    c, r = box.center(), box.width() / 2
    painter.drawEllipse(c, r, r)
    painter.setPen(theme.pen(1.0))
    for i in range(12):
        a = 2 * math.pi * i / 12
        painter.drawLine(
            QPointF(c.x() + 0.78 * r * math.cos(a), c.y() + 0.78 * r * math.sin(a)),
            QPointF(c.x() + 0.95 * r * math.cos(a), c.y() + 0.95 * r * math.sin(a)),
        )
    painter.setPen(theme.pen(1.4))
    painter.drawLine(c, QPointF(c.x() + 0.55 * r, c.y() - 0.2 * r))
    painter.drawLine(c, QPointF(c.x() + 0.1 * r, c.y() - 0.7 * r))


def _shape(points: list[tuple[float, float]]) -> Callable[[QPainter, QRectF, bool], None]:
    def draw(painter: QPainter, box: QRectF, filled: bool) -> None:
        _outline(painter, 1.3, filled)
        painter.drawPolygon(_polygon(box, points))

    return draw


def _terminate(painter: QPainter, box: QRectF, filled: bool) -> None:
    _outline(painter, 1.0, True)
    painter.drawEllipse(box.center(), box.width() * 0.42, box.height() * 0.42)


def _conditional(painter: QPainter, box: QRectF, filled: bool) -> None:
    _outline(painter, 1.3)
    painter.drawRect(QRectF(_at(box, 0.18, 0.05), _at(box, 0.82, 0.95)))
    for y in (0.25, 0.45, 0.65, 0.85):
        painter.drawLine(_at(box, 0.3, y), _at(box, 0.7, y))


def _cancel(painter: QPainter, box: QRectF, filled: bool) -> None:
    painter.setPen(theme.pen(3.0))
    painter.drawLine(_at(box, 0.15, 0.15), _at(box, 0.85, 0.85))
    painter.drawLine(_at(box, 0.85, 0.15), _at(box, 0.15, 0.85))


_REWIND = [(0.0, 0.5), (0.48, 0.15), (0.48, 0.5), (0.96, 0.15), (0.96, 0.85), (0.48, 0.5),
           (0.48, 0.85)]  # fmt: skip
_LINK_ARROW = [(0.0, 0.35), (0.55, 0.35), (0.55, 0.1), (1.0, 0.5), (0.55, 0.9), (0.55, 0.65),
               (0.0, 0.65)]  # fmt: skip

TRIGGER_GLYPHS: dict[EventTrigger, Callable[[QPainter, QRectF, bool], None]] = {
    EventTrigger.MESSAGE: lambda p, box, filled: envelope(p, box, filled=filled),
    EventTrigger.TIMER: _timer,
    EventTrigger.SIGNAL: _shape([(0.5, 0.02), (0.98, 0.85), (0.02, 0.85)]),
    EventTrigger.ESCALATION: _shape([(0.5, 0.0), (0.85, 0.95), (0.5, 0.6), (0.15, 0.95)]),
    EventTrigger.ERROR: _shape(
        [(0.1, 0.95), (0.35, 0.15), (0.6, 0.55), (0.9, 0.05), (0.65, 0.85), (0.4, 0.45)]
    ),
    EventTrigger.COMPENSATION: _shape(_REWIND),
    EventTrigger.LINK: _shape(_LINK_ARROW),
    EventTrigger.CONDITIONAL: _conditional,
    EventTrigger.TERMINATE: _terminate,
    EventTrigger.CANCEL: _cancel,
}


def trigger_glyph(painter: QPainter, box: QRectF, trigger: EventTrigger, *, filled: bool) -> None:
    draw = TRIGGER_GLYPHS.get(trigger)
    if draw is not None:
        draw(painter, box, filled)


# -- gateway markers -----------------------------------------------------------------------
def gateway_marker(painter: QPainter, rect: QRectF, kind: NodeKind) -> None:
    """The symbol inside a gateway diamond whose bounding box is `rect`."""
    c, s = rect.center(), min(rect.width(), rect.height())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind is NodeKind.EXCLUSIVE_GATEWAY:
        painter.setPen(theme.pen(s * 0.08))
        d = s * 0.16
        painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        painter.drawLine(QPointF(c.x() + d, c.y() - d), QPointF(c.x() - d, c.y() + d))
    elif kind is NodeKind.PARALLEL_GATEWAY:
        painter.setPen(theme.pen(s * 0.08))
        d = s * 0.22
        painter.drawLine(QPointF(c.x() - d, c.y()), QPointF(c.x() + d, c.y()))
        painter.drawLine(QPointF(c.x(), c.y() - d), QPointF(c.x(), c.y() + d))
    elif kind is NodeKind.INCLUSIVE_GATEWAY:
        painter.setPen(theme.pen(s * 0.05))
        painter.drawEllipse(c, s * 0.22, s * 0.22)
    elif kind is NodeKind.EVENT_BASED_GATEWAY:
        painter.setPen(theme.pen(1.0))
        painter.drawEllipse(c, s * 0.26, s * 0.26)
        painter.drawEllipse(c, s * 0.21, s * 0.21)
        r = s * 0.13
        pentagon = [
            QPointF(
                c.x() + r * math.cos(-math.pi / 2 + 2 * math.pi * i / 5),
                c.y() + r * math.sin(-math.pi / 2 + 2 * math.pi * i / 5),
            )
            for i in range(5)
        ]
        painter.drawPolygon(QPolygonF(pentagon))


# -- activity markers (bottom centre: loop, multi-instance, compensation, ad hoc) ----------
def _standard_loop(painter: QPainter, box: QRectF) -> None:
    """A circular arrow, open at the bottom left, its head pointing back up-left."""
    painter.setPen(theme.pen(theme.W_MARKER))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ring = box.adjusted(1.5, 1.5, -1.5, -1.5)
    painter.drawArc(ring, -135 * 16, -270 * 16)  # from 7:30 clockwise round to 4:30
    tip = QPointF(ring.center().x() - ring.width() / 2 * math.cos(math.pi / 4),
                  ring.center().y() + ring.height() / 2 * math.sin(math.pi / 4))  # fmt: skip
    painter.drawPolyline(QPolygonF([tip + QPointF(-3.5, -1.0), tip, tip + QPointF(0.5, -4.0)]))


def _bars(painter: QPainter, box: QRectF, *, vertical: bool) -> None:
    """Three bars: vertical for parallel multi-instance, horizontal for sequential."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(theme.STROKE))
    thickness = box.width() * 0.16
    for f in (0.2, 0.5, 0.8):
        if vertical:
            x = box.left() + f * box.width() - thickness / 2
            painter.drawRect(QRectF(x, box.top() + 1, thickness, box.height() - 2))
        else:
            y = box.top() + f * box.height() - thickness / 2
            painter.drawRect(QRectF(box.left() + 1, y, box.width() - 2, thickness))


def loop_marker(painter: QPainter, box: QRectF, loop: LoopKind) -> None:
    if loop is LoopKind.STANDARD:
        _standard_loop(painter, box)
    elif loop is LoopKind.MI_PARALLEL:
        _bars(painter, box, vertical=True)
    elif loop is LoopKind.MI_SEQUENTIAL:
        _bars(painter, box, vertical=False)


def compensation_marker(painter: QPainter, box: QRectF) -> None:
    _outline(painter, 1.2)
    painter.drawPolygon(_polygon(box.adjusted(0, 2, 0, -2), _REWIND))


def ad_hoc_marker(painter: QPainter, box: QRectF) -> None:
    """A tilde."""
    painter.setPen(theme.pen(theme.W_MARKER))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    wave = QPainterPath(_at(box, 0.0, 0.6))
    wave.cubicTo(_at(box, 0.25, 0.1), _at(box, 0.45, 0.2), _at(box, 0.5, 0.5))
    wave.cubicTo(_at(box, 0.55, 0.8), _at(box, 0.75, 0.9), _at(box, 1.0, 0.4))
    painter.drawPath(wave)


def collapsed_marker(painter: QPainter, box: QRectF) -> None:
    """The [+] of a collapsed sub-process or call activity."""
    painter.setPen(theme.pen(1.5))
    painter.setBrush(QBrush(theme.FILL))
    painter.drawRect(box)
    c = box.center()
    painter.drawLine(QPointF(c.x() - 4, c.y()), QPointF(c.x() + 4, c.y()))
    painter.drawLine(QPointF(c.x(), c.y() - 4), QPointF(c.x(), c.y() + 4))


MARKER_SIZE = 14.0
_MARKER_GAP = 4.0


def marker_boxes(rect: QRectF, count: int) -> list[QRectF]:
    """Where the bottom markers of an activity go: a row centred 3 units above the bottom."""
    total = count * MARKER_SIZE + max(count - 1, 0) * _MARKER_GAP
    left = rect.center().x() - total / 2
    top = rect.bottom() - 3 - MARKER_SIZE
    step = MARKER_SIZE + _MARKER_GAP
    return [QRectF(left + i * step, top, MARKER_SIZE, MARKER_SIZE) for i in range(count)]


def activity_markers(painter: QPainter, rect: QRectF, node: Node, *, collapsed: bool) -> int:
    """Loop or multi-instance, [+], compensation and ad hoc, in BPMN's order; returns how
    many were drawn."""
    drawers: list[Callable[[QPainter, QRectF], None]] = []
    if node.loop is not LoopKind.NONE:
        drawers.append(lambda p, box: loop_marker(p, box, node.loop))
    if collapsed:
        drawers.append(collapsed_marker)
    if node.compensation:
        drawers.append(compensation_marker)
    if node.ad_hoc and node.kind is NodeKind.SUBPROCESS:
        drawers.append(ad_hoc_marker)
    for draw, box in zip(drawers, marker_boxes(rect, len(drawers)), strict=True):
        draw(painter, box)
    return len(drawers)
