"""Orthogonal routing, routes that follow moved shapes, and segment editing."""

from __future__ import annotations

import pytest

from bpo_desktop.core.editing.routing import (
    follow_route,
    is_orthogonal,
    move_segment,
    nearest_segment,
    route,
    simplify,
)
from bpo_desktop.core.model import Bounds, Point

A = Bounds(0, 0, 100, 80)  # centre (50, 40)


def test_forward_routes_leave_right_and_enter_left() -> None:
    assert route(A, Bounds(200, 0, 100, 80)) == (Point(100, 40), Point(200, 40))
    points = route(A, Bounds(200, 200, 36, 36))
    assert points[0] == Point(100, 40) and points[-1] == Point(200, 218)
    assert is_orthogonal(points)


def test_a_back_edge_beside_loops_over_the_top() -> None:
    points = route(A, Bounds(-300, 10, 100, 80))
    assert points[0] == Point(50, 0) and points[-1] == Point(-250, 10)
    assert all(p.y <= 0 for p in points[:-1]) and is_orthogonal(points)


def test_a_back_edge_below_enters_the_right_side() -> None:
    points = route(A, Bounds(-300, 300, 100, 80))
    assert points == (Point(50, 80), Point(50, 340), Point(-200, 340))


def test_stacked_shapes_connect_vertically() -> None:
    assert route(A, Bounds(0, 200, 100, 80)) == (Point(50, 80), Point(50, 200))


def test_follow_keeps_bends_or_reroutes_a_diagonal() -> None:
    straight = (Point(100, 40), Point(200, 40))
    b = Bounds(200, 0, 100, 80)
    # The target moved down 50: a plain shift would be diagonal, so it is re-routed.
    moved_b = Bounds(200, 50, 100, 80)
    points = follow_route(straight, 0, 50, start=False, end=True, source=A, target=moved_b)
    assert is_orthogonal(points) and points[-1] == Point(200, 90)
    # Moving right only stays a straight line.
    assert follow_route(straight, 30, 0, start=False, end=True, source=A, target=b) == (
        Point(100, 40),
        Point(230, 40),
    )
    bent = (Point(100, 40), Point(150, 40), Point(150, 140), Point(200, 140))
    assert follow_route(bent, 0, 10, start=False, end=True, source=A, target=b)[1:] == (
        Point(150, 40),
        Point(150, 150),
        Point(200, 150),
    )


def test_simplify_and_segment_moves() -> None:
    assert simplify([Point(0, 0), Point(5, 0), Point(10, 0), Point(10, 0), Point(10, 5)]) == (
        Point(0, 0),
        Point(10, 0),
        Point(10, 5),
    )
    route_ = (Point(0, 0), Point(50, 0), Point(50, 100), Point(100, 100))
    # Drag the vertical middle segment right by 20.
    assert move_segment(route_, 1, 20, 999) == (
        Point(0, 0),
        Point(70, 0),
        Point(70, 100),
        Point(100, 100),
    )
    # Dragging the first (horizontal) segment down keeps the docking point with a new bend.
    moved = move_segment(route_, 0, 0, 10)
    assert moved[0] == Point(0, 0) and is_orthogonal(moved) and Point(0, 10) in moved
    assert nearest_segment(route_, Point(52, 60)) == (1, 2.0)
    with pytest.raises(IndexError):
        move_segment(route_, 3, 0, 0)
