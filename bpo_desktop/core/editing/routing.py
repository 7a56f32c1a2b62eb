"""Orthogonal (Manhattan) routes between shapes, and routes that follow moved shapes.

Pure geometry, shared by the commands (connect, flows follow a move) and the UI's previews,
so what a drag shows is exactly what the release commits.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from bpo_desktop.core.editing.geometry import default_waypoints, follow_ends
from bpo_desktop.core.model import Bounds, Point

LOOP_CLEARANCE = 25.0  # how far above the shapes a back edge runs
_EPS = 0.5


def route(a: Bounds, b: Bounds) -> tuple[Point, ...]:
    """A route from shape `a` to shape `b` that leaves and enters through side midpoints.

    Forward (b right of a): out of the right side, into the left side, one vertical half-way.
    Stacked (overlapping columns): out of the bottom/top, into the top/bottom.
    Backward and beside (b left of a, rows overlapping): a loop over the top of both.
    Backward and apart: out of the top/bottom, across into b's right side.
    """
    if a.width <= 0 or b.width <= 0:  # a point (the middle of a flow): a plain elbow
        return default_waypoints(a, b)
    if b.x >= a.x + a.width or _columns_overlap(a, b):
        return default_waypoints(a, b)
    rows_overlap = b.y < a.y + a.height and a.y < b.y + b.height
    if rows_overlap:
        top = min(a.y, b.y) - LOOP_CLEARANCE
        return (
            Point(a.center.x, a.y),
            Point(a.center.x, top),
            Point(b.center.x, top),
            Point(b.center.x, b.y),
        )
    start_y = a.y + a.height if b.center.y > a.center.y else a.y
    return (
        Point(a.center.x, start_y),
        Point(a.center.x, b.center.y),
        Point(b.x + b.width, b.center.y),
    )


def _columns_overlap(a: Bounds, b: Bounds) -> bool:
    return b.x < a.x + a.width and a.x < b.x + b.width


def is_orthogonal(points: Sequence[Point]) -> bool:
    return all(
        math.isclose(p.x, q.x, abs_tol=_EPS) or math.isclose(p.y, q.y, abs_tol=_EPS)
        for p, q in itertools.pairwise(points)
    )


def follow_route(
    points: Sequence[Point],
    dx: float,
    dy: float,
    *,
    start: bool,
    end: bool,
    source: Bounds | None,
    target: Bounds | None,
) -> tuple[Point, ...]:
    """The route after the shape(s) at its moved end(s) shifted by (dx, dy).

    Shifting the moved end keeps the user's bends when that stays orthogonal; when it would
    leave a diagonal, and both shapes are known (with their *new* bounds), it is re-routed.
    """
    moved = follow_ends(points, dx, dy, start=start, end=end)
    if (start and end) or is_orthogonal(moved) or source is None or target is None:
        return moved
    return route(source, target)


def simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and bends that lie on a straight line (after bendpoint edits)."""
    out: list[Point] = []
    for p in points:
        if (
            out
            and math.isclose(p.x, out[-1].x, abs_tol=_EPS)
            and math.isclose(p.y, out[-1].y, abs_tol=_EPS)
        ):
            continue
        while len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out.pop()
        out.append(p)
    if len(out) < 2 and len(points) >= 2:
        return (points[0], points[-1])
    return tuple(out)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    same_x = math.isclose(a.x, b.x, abs_tol=_EPS) and math.isclose(b.x, c.x, abs_tol=_EPS)
    same_y = math.isclose(a.y, b.y, abs_tol=_EPS) and math.isclose(b.y, c.y, abs_tol=_EPS)
    return same_x or same_y


def move_segment(points: Sequence[Point], index: int, dx: float, dy: float) -> tuple[Point, ...]:
    """Drag segment `index` (points[index] → points[index+1]) sideways, keeping it orthogonal.

    A horizontal segment moves vertically and a vertical one horizontally. An end segment gets
    a new bend at the shape so the route still starts/ends where it did.
    """
    pts = list(points)
    if not 0 <= index < len(pts) - 1:
        raise IndexError(index)
    a, b = pts[index], pts[index + 1]
    horizontal = abs(a.y - b.y) <= abs(a.x - b.x)
    shift = Point(0.0, dy) if horizontal else Point(dx, 0.0)
    new_a = Point(a.x + shift.x, a.y + shift.y)
    new_b = Point(b.x + shift.x, b.y + shift.y)
    before, after = pts[:index], pts[index + 2 :]
    if index == 0:
        before = [a]  # keep the docking point; add a bend leading to the moved segment
    if index + 1 == len(pts) - 1:
        after = [b]
    return simplify([*before, new_a, new_b, *after])


def nearest_segment(points: Sequence[Point], p: Point) -> tuple[int, float]:
    """The index of the segment closest to `p`, and the distance to it."""
    best = (0, math.inf)
    for i, (a, b) in enumerate(itertools.pairwise(points)):
        d = distance_to_segment(p, a, b)
        if d < best[1]:
            best = (i, d)
    return best


def distance_to_segment(p: Point, a: Point, b: Point) -> float:
    vx, vy = b.x - a.x, b.y - a.y
    length2 = vx * vx + vy * vy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x - a.x) * vx + (p.y - a.y) * vy) / length2))
    return math.hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy))
