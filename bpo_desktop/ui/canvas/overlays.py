"""Interaction chrome drawn over the diagram in screen pixels: selection handles, snap guides,
connection previews, drop targets and the context pad. None of it is a scene item, so the
scene holds exactly one item per element (plus labels) and overlays never change the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen

from bpo_desktop.core.editing.snapping import Guide
from bpo_desktop.ui.canvas import theme

ToView = Callable[[QPointF], QPointF]  # scene point → viewport point
HANDLE_PX = 8
HIT_PX = 7


@dataclass(frozen=True, slots=True)
class Handle:
    """A grip: `kind` is "resize" (index = corner 0..3 from top-left, clockwise), "lane_height",
    "pool_width", "flow_start", "flow_end" or "segment" (index = segment)."""

    kind: str
    element_id: str
    index: int
    scene_pos: QPointF


@dataclass(frozen=True, slots=True)
class HeatSpot:
    """A simulation heat-map cell over a step: scene rect, fill colour and a short figure."""

    element_id: str
    scene_rect: QRectF
    colour: QColor
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A case's token in the workshop animation: scene position, colour, case number."""

    scene_pos: QPointF
    colour: QColor
    case: int


@dataclass(frozen=True, slots=True)
class PadEntry:
    id: str
    tip: str
    icon: QIcon


class Overlays:
    """State of the chrome; `paint` is called by the view's foreground pass."""

    def __init__(self) -> None:
        self.handles: list[Handle] = []
        self.guides: tuple[Guide, ...] = ()
        self.target: tuple[QRectF, bool] | None = None  # scene rect, allowed
        self.line: list[QPointF] = []  # a route preview in scene coordinates
        self.ghost: QRectF | None = None  # where a new element would go
        self.insert_line: tuple[float, float, float] | None = None  # y, x1, x2 (scene)
        self.band: QRectF | None = None  # rubber band, scene coordinates
        self.pad_entries: list[PadEntry] = []
        self.pad_origin: QPointF | None = None  # scene point the pad is anchored to
        self.pad_hover: str | None = None
        self.pad_above = False  # flows: the pad sits above the anchor, clear of the shapes
        self.message: tuple[str, bool] | None = None  # text near the cursor, allowed
        self.heat: list[HeatSpot] = []  # simulation heat map (ui/simulation/heatmap.py)
        self.tokens: list[Token] = []  # simulation token animation (ui/simulation/animation.py)

    def clear_feedback(self) -> None:
        self.guides, self.target, self.line = (), None, []
        self.ghost, self.insert_line, self.band, self.message = None, None, None, None

    # -- hit testing (view pixels) --------------------------------------------------------
    def handle_at(self, view_pos: QPoint, to_view: ToView) -> Handle | None:
        for handle in self.handles:
            p = to_view(handle.scene_pos)
            if abs(p.x() - view_pos.x()) <= HIT_PX and abs(p.y() - view_pos.y()) <= HIT_PX:
                return handle
        return None

    def pad_rects(self, to_view: ToView) -> list[tuple[PadEntry, QRect]]:
        if self.pad_origin is None:
            return []
        origin = to_view(self.pad_origin)
        size, gap, per_row = 26, 2, 3
        if self.pad_above:
            origin = QPointF(origin.x() - size / 2 - 8, origin.y() - size - 10)
        rects = []
        for i, entry in enumerate(self.pad_entries):
            col, row = i % per_row, i // per_row
            x = origin.x() + 8 + col * (size + gap)
            y = origin.y() + row * (size + gap)
            rects.append((entry, QRect(int(x), int(y), size, size)))
        return rects

    def pad_entry_at(self, view_pos: QPoint, to_view: ToView) -> PadEntry | None:
        for entry, rect in self.pad_rects(to_view):
            if rect.contains(view_pos):
                return entry
        return None

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, to_view: ToView) -> None:
        """Paint in viewport coordinates (the painter's transform is reset)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_heat(painter, to_view)
        self._paint_tokens(painter, to_view)
        for guide in self.guides:
            self._paint_guide(painter, guide, to_view)
        if self.band is not None:
            rect = QRectF(to_view(self.band.topLeft()), to_view(self.band.bottomRight()))
            fill = QColor(theme.SELECTION)
            fill.setAlpha(40)
            painter.setPen(theme.cosmetic(theme.SELECTION, 1.0))
            painter.setBrush(QBrush(fill))
            painter.drawRect(rect.normalized())
        if self.ghost is not None:
            rect = QRectF(to_view(self.ghost.topLeft()), to_view(self.ghost.bottomRight()))
            painter.setPen(theme.cosmetic(theme.SELECTION, 1.5, dash=True))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
        if self.insert_line is not None:
            y, x1, x2 = self.insert_line
            painter.setPen(theme.cosmetic(theme.SELECTION, 3.0))
            painter.drawLine(to_view(QPointF(x1, y)), to_view(QPointF(x2, y)))
        if self.target is not None:
            rect, allowed = self.target
            colour = theme.ALLOWED if allowed else theme.FORBIDDEN
            view_rect = QRectF(to_view(rect.topLeft()), to_view(rect.bottomRight()))
            painter.setPen(theme.cosmetic(colour, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(view_rect.adjusted(-4, -4, 4, 4), 5, 5)
        if len(self.line) >= 2:
            path = QPainterPath(to_view(self.line[0]))
            for p in self.line[1:]:
                path.lineTo(to_view(p))
            painter.setPen(theme.cosmetic(theme.SELECTION, 1.5, dash=True))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        self._paint_handles(painter, to_view)
        self._paint_pad(painter, to_view)
        self._paint_message(painter, to_view)

    def _paint_heat(self, painter: QPainter, to_view: ToView) -> None:
        """Translucent fills over the steps (the label stays readable) and the figure below."""
        for spot in self.heat:
            scene = spot.scene_rect
            rect = QRectF(to_view(scene.topLeft()), to_view(scene.bottomRight()))
            fill = QColor(spot.colour)
            fill.setAlpha(110)
            painter.setPen(QPen(spot.colour.darker(120), 2.0))
            painter.setBrush(QBrush(fill))
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 6, 6)
            metrics = painter.fontMetrics()
            box = QRectF(rect.left(), rect.bottom() + 5, rect.width(), metrics.height() + 4)
            box.setWidth(max(box.width(), metrics.horizontalAdvance(spot.text) + 10))
            box.moveCenter(QPointF(rect.center().x(), box.center().y()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(spot.colour.darker(115)))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, spot.text)

    def _paint_tokens(self, painter: QPainter, to_view: ToView) -> None:
        for token in self.tokens:
            p = to_view(token.scene_pos)
            painter.setPen(QPen(token.colour.darker(150), 1.5))
            painter.setBrush(QBrush(token.colour))
            painter.drawEllipse(p, 7.0, 7.0)

    def _paint_guide(self, painter: QPainter, guide: Guide, to_view: ToView) -> None:
        painter.setPen(theme.cosmetic(theme.GUIDE, 1.0, dash=True))
        if guide.axis == "x":
            a, b = QPointF(guide.at, guide.start), QPointF(guide.at, guide.end)
        else:
            a, b = QPointF(guide.start, guide.at), QPointF(guide.end, guide.at)
        painter.drawLine(to_view(a), to_view(b))

    def _paint_handles(self, painter: QPainter, to_view: ToView) -> None:
        painter.setPen(theme.cosmetic(theme.SELECTION, 1.5))
        painter.setBrush(QBrush(theme.HANDLE_FILL))
        half = HANDLE_PX / 2
        for handle in self.handles:
            p = to_view(handle.scene_pos)
            rect = QRectF(p.x() - half, p.y() - half, HANDLE_PX, HANDLE_PX)
            if handle.kind in ("flow_start", "flow_end", "segment"):
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)

    def _paint_pad(self, painter: QPainter, to_view: ToView) -> None:
        rects = self.pad_rects(to_view)
        if not rects:
            return
        frame = rects[0][1]
        for _, rect in rects[1:]:
            frame = frame.united(rect)
        painter.setPen(QPen(theme.MUTED, 1))
        painter.setBrush(QBrush(theme.PAD_FILL))
        painter.drawRoundedRect(QRectF(frame).adjusted(-3, -3, 3, 3), 4, 4)
        for entry, rect in rects:
            if entry.id == self.pad_hover:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(theme.PAD_HOVER))
                painter.drawRoundedRect(QRectF(rect), 3, 3)
            entry.icon.paint(painter, rect.adjusted(2, 2, -2, -2))

    def _paint_message(self, painter: QPainter, to_view: ToView) -> None:
        if self.message is None or len(self.line) < 1:
            return
        text, allowed = self.message
        anchor = to_view(self.line[-1]) + QPointF(14, 18)
        metrics = painter.fontMetrics()
        box = QRectF(anchor, metrics.size(0, text)).adjusted(-4, -2, 4, 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(theme.FORBIDDEN if not allowed else theme.ALLOWED))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def corners(rect: QRectF) -> Sequence[QPointF]:
    return (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
