"""What presentation mode draws over the diagram, in viewport pixels: the spotlight (a light veil
over everything but the current step(s), with a ring round each) and the timebox countdown in a
corner. Neither is a scene item, like the editor's overlays (`ui/canvas/overlays.py`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen

ToView = Callable[[QPointF], QPointF]  # scene point → viewport point

VEIL = QColor(255, 255, 255, 165)  # light, so a projected room stays bright and text legible
RING = QColor("#0b57d0")
RING_PX = 5.0
HOLE_PAD_PX = 14.0
TIMER_COLOURS = {
    "normal": (QColor("#111827"), QColor("#ffffff")),  # border, fill
    "amber": (QColor("#b45309"), QColor("#fff4d6")),
    "red": (QColor("#b91c1c"), QColor("#ffe1e1")),
}


@dataclass(frozen=True, slots=True)
class TimerReading:
    """What the countdown shows: the agenda item, the clock text and the timebox state."""

    title: str
    clock: str
    state: str  # "normal" | "amber" | "red"


class Spotlight:
    """The current step(s) in scene rectangles; empty means no veil at all."""

    def __init__(self) -> None:
        self.rects: list[QRectF] = []
        self.timer: TimerReading | None = None

    def paint(self, painter: QPainter, to_view: ToView, viewport: QRect) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.rects:
            self._paint_veil(painter, to_view, viewport)
        if self.timer is not None:
            paint_timer(painter, viewport, self.timer)
        painter.restore()

    def _paint_veil(self, painter: QPainter, to_view: ToView, viewport: QRect) -> None:
        holes = QPainterPath()
        holes.setFillRule(Qt.FillRule.WindingFill)
        views = [_to_view_rect(r, to_view) for r in self.rects]
        for rect in views:
            holes.addRoundedRect(rect, 12, 12)
        veil = QPainterPath()
        veil.addRect(QRectF(viewport).adjusted(-2, -2, 2, 2))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(VEIL))
        painter.drawPath(veil.subtracted(holes))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(RING, RING_PX))
        for rect in views:
            painter.drawRoundedRect(rect, 12, 12)


def _to_view_rect(scene_rect: QRectF, to_view: ToView) -> QRectF:
    rect = QRectF(to_view(scene_rect.topLeft()), to_view(scene_rect.bottomRight())).normalized()
    return rect.adjusted(-HOLE_PAD_PX, -HOLE_PAD_PX, HOLE_PAD_PX, HOLE_PAD_PX)


def timer_rect(viewport: QRect, reading: TimerReading) -> QRectF:
    """Top-right corner, sized for the clock in large type (readable from the back)."""
    width = max(300.0, 18.0 * len(reading.title) + 40.0)
    width = min(width, max(300.0, viewport.width() * 0.4))
    return QRectF(viewport.right() - width - 24, viewport.top() + 24, width, 150)


def paint_timer(painter: QPainter, viewport: QRect, reading: TimerReading) -> None:
    border, fill = TIMER_COLOURS.get(reading.state, TIMER_COLOURS["normal"])
    box = timer_rect(viewport, reading)
    painter.setPen(QPen(border, 6.0))
    painter.setBrush(QBrush(fill))
    painter.drawRoundedRect(box, 14, 14)
    inner = box.adjusted(18, 10, -18, -10)
    title_font = _font(26, bold=False)
    painter.setFont(title_font)
    painter.setPen(QColor("#111827"))
    metrics = painter.fontMetrics()
    title = metrics.elidedText(reading.title, Qt.TextElideMode.ElideRight, int(inner.width()))
    painter.drawText(
        QRectF(inner.left(), inner.top(), inner.width(), 36), Qt.AlignmentFlag.AlignLeft, title
    )
    painter.setFont(_font(76, bold=True))
    painter.setPen(border if reading.state != "normal" else QColor("#111827"))
    clock_box = QRectF(inner.left(), inner.top() + 34, inner.width(), inner.height() - 34)
    painter.drawText(clock_box, Qt.AlignmentFlag.AlignCenter, reading.clock)


def _font(px: int, *, bold: bool) -> QFont:
    font = QFont()
    font.setFamilies(["Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans", "Sans Serif"])
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def union(rects: Sequence[QRectF]) -> QRectF:
    result = QRectF()
    for rect in rects:
        result = rect if result.isNull() else result.united(rect)
    return result
