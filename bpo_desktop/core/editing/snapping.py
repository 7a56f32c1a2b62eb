"""Snapping maths for moves and resizes: the grid, and alignment with other shapes.

The UI draws the guides; this module only decides where things snap (ARCHITECTURE §1.7.7).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from bpo_desktop.core.model import Bounds

GRID = 10.0
TOLERANCE = 7.0  # screen pixels; callers divide by the zoom


def snap(value: float, grid: float = GRID) -> float:
    return round(value / grid) * grid


@dataclass(frozen=True, slots=True)
class Guide:
    """A line to draw: vertical (`axis="x"`, at x=`at` from `start` to `end` in y) or
    horizontal (`axis="y"`)."""

    axis: str
    at: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Snapped:
    dx: float
    dy: float
    guides: tuple[Guide, ...] = ()


def _xs(b: Bounds) -> tuple[float, float, float]:
    return (b.x, b.x + b.width / 2, b.x + b.width)


def _ys(b: Bounds) -> tuple[float, float, float]:
    return (b.y, b.y + b.height / 2, b.y + b.height)


class AlignmentIndex:
    """Other shapes' edges and centres, sorted per axis, for O(log n) snap look-ups."""

    def __init__(self, shapes: Iterable[Bounds]) -> None:
        xs: list[tuple[float, int]] = []
        ys: list[tuple[float, int]] = []
        self._bounds: list[Bounds] = []
        for i, b in enumerate(shapes):
            self._bounds.append(b)
            xs.extend((v, i) for v in _xs(b))
            ys.extend((v, i) for v in _ys(b))
        xs.sort()
        ys.sort()
        self._x_values = [v for v, _ in xs]
        self._x_owner = [i for _, i in xs]
        self._y_values = [v for v, _ in ys]
        self._y_owner = [i for _, i in ys]

    def __len__(self) -> int:
        return len(self._bounds)

    def _nearest(
        self, values: list[float], owners: list[int], wanted: tuple[float, ...], tolerance: float
    ) -> tuple[float, float, int] | None:
        """(offset to add, the matched value, owner index) of the closest match, centres first."""
        best: tuple[float, float, int] | None = None
        # Centres (index 1) win ties, so shapes line up through their middles.
        for rank, value in sorted(enumerate(wanted), key=lambda item: item[0] != 1):
            lo = bisect.bisect_left(values, value - tolerance)
            hi = bisect.bisect_right(values, value + tolerance)
            for k in range(lo, hi):
                offset = values[k] - value
                if best is None or abs(offset) < abs(best[0]) - 1e-9:
                    best = (offset, values[k], owners[k])
            if best is not None and rank == 1:
                return best
        return best

    def snap_move(self, moving: Bounds, tolerance: float, grid: float | None = GRID) -> Snapped:
        """Offsets that align `moving` (already at its unsnapped place) with another shape's
        edge or centre; an axis with no match snaps the centre to the grid (if given)."""
        dx = dy = 0.0
        guides: list[Guide] = []
        x_hit = self._nearest(self._x_values, self._x_owner, _xs(moving), tolerance)
        if x_hit is not None:
            dx = x_hit[0]
            other = self._bounds[x_hit[2]]
            guides.append(
                Guide("x", x_hit[1], min(other.y, moving.y), max(_ys(other)[2], _ys(moving)[2]))
            )
        elif grid:
            centre = moving.x + moving.width / 2
            dx = snap(centre, grid) - centre
        y_hit = self._nearest(self._y_values, self._y_owner, _ys(moving), tolerance)
        if y_hit is not None:
            dy = y_hit[0]
            other = self._bounds[y_hit[2]]
            guides.append(
                Guide("y", y_hit[1], min(other.x, moving.x), max(_xs(other)[2], _xs(moving)[2]))
            )
        elif grid:
            centre = moving.y + moving.height / 2
            dy = snap(centre, grid) - centre
        return Snapped(dx, dy, tuple(_shifted(g, dx, dy) for g in guides))


def _shifted(guide: Guide, dx: float, dy: float) -> Guide:
    """Extend a guide over the moving shape's final place."""
    shift = dy if guide.axis == "x" else dx
    return Guide(guide.axis, guide.at, guide.start + min(shift, 0.0), guide.end + max(shift, 0.0))


def snap_bounds(bounds: Bounds, grid: float = GRID, min_size: float = GRID) -> Bounds:
    """A resized box with its edges on the grid and at least `min_size` each way."""
    left, top = snap(bounds.x, grid), snap(bounds.y, grid)
    right = max(left + min_size, snap(bounds.x + bounds.width, grid))
    bottom = max(top + min_size, snap(bounds.y + bounds.height, grid))
    return Bounds(left, top, right - left, bottom - top)
