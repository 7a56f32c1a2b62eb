"""Label text: wrapping, eliding and placement, so no label overflows its box unreadably."""

from __future__ import annotations

import math
from enum import Enum
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath

from bpo_desktop.ui.canvas import theme


class VAlign(Enum):
    TOP = "top"
    CENTER = "center"


@lru_cache(maxsize=4096)
def wrap_text(
    text: str, width: float, height: float, px: int = theme.LABEL_PX, bold: bool = False
) -> tuple[str, ...]:
    """The lines of `text` wrapped to `width`; lines that do not fit `height` are elided."""
    metrics = QFontMetricsF(theme.font(px, bold))
    if width <= metrics.horizontalAdvance("W"):
        return ()
    max_lines = max(1, math.floor((height + metrics.leading()) / metrics.lineSpacing()))
    lines: list[str] = []
    for paragraph in text.strip().splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph.split(), metrics, width))
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        lines = [*lines[: max_lines - 1], last]
    return tuple(lines)


def _wrap_paragraph(words: list[str], metrics: QFontMetricsF, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while metrics.horizontalAdvance(current) > width:  # a word longer than the box
            cut = _fitting_prefix(current, metrics, width)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fitting_prefix(word: str, metrics: QFontMetricsF, width: float) -> int:
    cut = len(word) - 1
    while cut > 1 and metrics.horizontalAdvance(word[:cut]) > width:
        cut -= 1
    return cut


def draw_text_block(
    painter: QPainter,
    rect: QRectF,
    text: str,
    *,
    valign: VAlign = VAlign.CENTER,
    align_left: bool = False,
    px: int = theme.LABEL_PX,
    bold: bool = False,
    halo: QColor | None = None,
) -> None:
    """Draw `text` wrapped and elided inside `rect`; `halo` outlines the glyphs so a line
    crossing an external label does not cut through the letters."""
    if not text.strip():
        return
    lines = wrap_text(text, round(rect.width(), 1), round(rect.height(), 1), px, bold)
    if not lines:
        return
    metrics = QFontMetricsF(theme.font(px, bold))
    block = len(lines) * metrics.lineSpacing() - metrics.leading()
    top = rect.top() if valign is VAlign.TOP else rect.center().y() - block / 2
    painter.setFont(theme.font(px, bold))
    painter.setPen(theme.TEXT)
    for i, line in enumerate(lines):
        advance = metrics.horizontalAdvance(line)
        x = rect.left() if align_left else rect.center().x() - advance / 2
        origin = QPointF(x, top + i * metrics.lineSpacing() + metrics.ascent())
        if halo is not None:
            outline = QPainterPath()
            outline.addText(origin, theme.font(px, bold), line)
            painter.strokePath(outline, theme.pen(3.0, halo))
        painter.drawText(origin, line)


def draw_vertical_text(painter: QPainter, band: QRectF, text: str, *, bold: bool = False) -> None:
    """Draw `text` reading bottom-to-top, centred in a vertical name band."""
    painter.save()
    painter.translate(band.left(), band.bottom())
    painter.rotate(-90)
    # In the rotated frame the band is `height` wide and `width` tall.
    draw_text_block(painter, QRectF(4, 2, band.height() - 8, band.width() - 4), text, bold=bold)
    painter.restore()


def text_height(
    text: str, width: float, max_height: float = 60.0, px: int = theme.LABEL_PX
) -> float:
    """The height a wrapped label of `width` needs (capped at `max_height`)."""
    lines = wrap_text(text, round(width, 1), round(max_height, 1), px)
    metrics = QFontMetricsF(theme.font(px))
    return max(0.0, len(lines) * metrics.lineSpacing() - metrics.leading())


def node_label_rect(shape: QRectF, label: QRectF | None, text: str) -> QRectF:
    """Where an external label goes: its stored bounds, else centred below the shape."""
    if label is not None:
        # Stored label bounds may be tight for our font: grow downwards rather than elide.
        return QRectF(label.x(), label.y(), label.width(), max(label.height(), _fit(text, label)))
    width = max(shape.width(), 90.0)
    rect = QRectF(shape.center().x() - width / 2, shape.bottom() + 5, width, 0)
    rect.setHeight(_fit(text, rect))
    return rect


def flow_label_candidates(points: list[QPointF], text: str) -> list[QRectF]:
    """Places for a flow label without stored bounds, best first: beside the first, the
    middle and the last segment (above/below a horizontal one, right/left of a vertical one).
    The scene takes the first that covers no shape."""
    metrics = QFontMetricsF(theme.font(theme.EXTERNAL_LABEL_PX))
    width = min(120.0, metrics.horizontalAdvance(text) + 6)
    height = text_height(text, width, MAX_LABEL_HEIGHT, theme.EXTERNAL_LABEL_PX)
    last = len(points) - 2
    candidates: list[QRectF] = []
    for index in dict.fromkeys([0, last // 2 + last % 2, last]):  # unique, in order
        a, b = points[index], points[index + 1]
        mid = (a + b) / 2
        if abs(a.y() - b.y()) <= abs(a.x() - b.x()):  # horizontal: above, then below
            candidates.append(QRectF(mid.x() - width / 2, mid.y() - height - 3, width, height))
            candidates.append(QRectF(mid.x() - width / 2, mid.y() + 3, width, height))
        else:  # vertical: to the right, then to the left
            candidates.append(QRectF(mid.x() + 5, mid.y() - height / 2, width, height))
            candidates.append(QRectF(mid.x() - 5 - width, mid.y() - height / 2, width, height))
    return candidates


MAX_LABEL_HEIGHT = 42.0  # three lines of an external label


def _fit(text: str, rect: QRectF) -> float:
    return text_height(text, rect.width(), MAX_LABEL_HEIGHT, theme.EXTERNAL_LABEL_PX)
