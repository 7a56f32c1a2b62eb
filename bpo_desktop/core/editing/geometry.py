"""Pure geometry for edits: validation, default routes and flows that follow moved shapes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from bpo_desktop.core.model import Bounds, EdgeLayout, Layout, Point, ShapeLayout

LABEL_GAP = 5.0
LABEL_SIZE = (100.0, 28.0)


def check_delta(dx: float, dy: float) -> None:
    if not (math.isfinite(dx) and math.isfinite(dy)):
        raise ValueError(f"a move needs finite dx and dy, got ({dx!r}, {dy!r})")


def check_bounds(bounds: Bounds) -> None:
    values = (bounds.x, bounds.y, bounds.width, bounds.height)
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
        raise ValueError(f"bounds must be finite numbers, got {bounds!r}")
    if bounds.width <= 0 or bounds.height <= 0:
        raise ValueError(f"bounds need a positive width and height, got {bounds!r}")


def check_waypoints(points: Sequence[Point]) -> None:
    if len(points) < 2:
        raise ValueError("a flow needs at least two waypoints")
    for p in points:
        if not (isinstance(p, Point) and math.isfinite(p.x) and math.isfinite(p.y)):
            raise ValueError(f"waypoints must be points with finite coordinates, got {p!r}")


def label_below(bounds: Bounds) -> Bounds:
    """Where events and gateways carry their name: centred under the shape."""
    width, height = LABEL_SIZE
    return Bounds(bounds.center.x - width / 2, bounds.y + bounds.height + LABEL_GAP, width, height)


def default_waypoints(a: Bounds, b: Bounds) -> tuple[Point, ...]:
    """An orthogonal route from `a` to `b`: sideways when they don't overlap horizontally."""
    if b.x >= a.x + a.width:
        return _elbow(Point(a.x + a.width, a.center.y), Point(b.x, b.center.y), horizontal=True)
    if b.x + b.width <= a.x:
        return _elbow(Point(a.x, a.center.y), Point(b.x + b.width, b.center.y), horizontal=True)
    if b.center.y >= a.center.y:
        return _elbow(Point(a.center.x, a.y + a.height), Point(b.center.x, b.y), horizontal=False)
    return _elbow(Point(a.center.x, a.y), Point(b.center.x, b.y + b.height), horizontal=False)


def _elbow(start: Point, end: Point, *, horizontal: bool) -> tuple[Point, ...]:
    if (horizontal and math.isclose(start.y, end.y)) or (
        not horizontal and math.isclose(start.x, end.x)
    ):
        return (start, end)
    if horizontal:
        mid_x = (start.x + end.x) / 2
        return (start, Point(mid_x, start.y), Point(mid_x, end.y), end)
    mid_y = (start.y + end.y) / 2
    return (start, Point(start.x, mid_y), Point(end.x, mid_y), end)


def follow_ends(
    points: Sequence[Point], dx: float, dy: float, *, start: bool, end: bool
) -> tuple[Point, ...]:
    """Waypoints after the shapes at the start and/or end moved by (dx, dy).

    Both ends moved: the whole route shifts. One end: that end shifts and, when there is a bend
    next to it, the bend shifts across the first segment so the segment stays orthogonal.
    """
    result = list(points)
    if start and end:
        return tuple(Point(p.x + dx, p.y + dy) for p in result)
    if start:
        _drag_end(result, 0, 1, dx, dy)
    elif end:
        _drag_end(result, len(result) - 1, len(result) - 2, dx, dy)
    return tuple(result)


def _drag_end(points: list[Point], tip: int, neighbour: int, dx: float, dy: float) -> None:
    old_tip = points[tip]
    points[tip] = Point(old_tip.x + dx, old_tip.y + dy)
    if len(points) <= 2:
        return  # the neighbour is the other end, which stays where its shape is
    bend = points[neighbour]
    if math.isclose(bend.y, old_tip.y):  # horizontal segment: keep it horizontal
        points[neighbour] = Point(bend.x, bend.y + dy)
    elif math.isclose(bend.x, old_tip.x):  # vertical segment: keep it vertical
        points[neighbour] = Point(bend.x + dx, bend.y)


def reshaped(old: Layout | None, bounds: Bounds, label: Bounds | None) -> ShapeLayout:
    """New bounds for a shape that keeps its look (colours, the gateway's marker flag)."""
    if isinstance(old, ShapeLayout):
        return replace(old, bounds=bounds, label_bounds=label)
    return ShapeLayout(bounds, label)


def rerouted(old: Layout | None, waypoints: Sequence[Point]) -> EdgeLayout:
    """A new route for a flow that keeps its look (colours, message envelope); its label is
    placed anew, as the old place belonged to the old route."""
    if isinstance(old, EdgeLayout):
        return replace(old, waypoints=tuple(waypoints), label_bounds=None)
    return EdgeLayout(tuple(waypoints))
