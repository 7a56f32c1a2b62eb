"""Align and distribute: per-element moves that line shapes up (pure)."""

from __future__ import annotations

from enum import StrEnum

from bpo_desktop.core.model import Bounds


class Edge(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


def align(boxes: dict[str, Bounds], edge: Edge) -> dict[str, tuple[float, float]]:
    """Moves (dx, dy) per id that put every box's `edge` on the selection's: left/top/right/
    bottom edges go to the outermost one; centre/middle to the middle of the selection."""
    if len(boxes) < 2:
        return {}
    left = min(b.x for b in boxes.values())
    right = max(b.x + b.width for b in boxes.values())
    top = min(b.y for b in boxes.values())
    bottom = max(b.y + b.height for b in boxes.values())
    moves: dict[str, tuple[float, float]] = {}
    for element_id, b in boxes.items():
        delta = {
            Edge.LEFT: (left - b.x, 0.0),
            Edge.RIGHT: (right - (b.x + b.width), 0.0),
            Edge.CENTER: ((left + right) / 2 - b.center.x, 0.0),
            Edge.TOP: (0.0, top - b.y),
            Edge.BOTTOM: (0.0, bottom - (b.y + b.height)),
            Edge.MIDDLE: (0.0, (top + bottom) / 2 - b.center.y),
        }[edge]
        if delta != (0.0, 0.0):
            moves[element_id] = delta
    return moves


def distribute(boxes: dict[str, Bounds], horizontal: bool) -> dict[str, tuple[float, float]]:
    """Equal gaps between neighbours, the outermost two staying where they are."""
    if len(boxes) < 3:
        return {}

    def start(b: Bounds) -> float:
        return b.x if horizontal else b.y

    def size(b: Bounds) -> float:
        return b.width if horizontal else b.height

    ordered = sorted(boxes.items(), key=lambda item: (start(item[1]), item[0]))
    first, last = ordered[0][1], ordered[-1][1]
    span = start(last) + size(last) - start(first)
    gap = (span - sum(size(b) for _, b in ordered)) / (len(ordered) - 1)
    moves: dict[str, tuple[float, float]] = {}
    cursor = start(first)
    for element_id, b in ordered:
        shift = cursor - start(b)
        if abs(shift) > 1e-9:
            moves[element_id] = (shift, 0.0) if horizontal else (0.0, shift)
        cursor += size(b) + gap
    return moves
