"""Pure geometry of edits: default routes, flows following moved ends, validation."""

from __future__ import annotations

import pytest

from bpo_desktop.core.editing.geometry import (
    check_bounds,
    check_delta,
    check_waypoints,
    default_waypoints,
    follow_ends,
    label_below,
)
from bpo_desktop.core.model import Bounds, Point

A = Bounds(0, 0, 100, 80)  # centre (50, 40)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (Bounds(200, 0, 100, 80), (Point(100, 40), Point(200, 40))),
        (
            Bounds(200, 100, 100, 80),
            (Point(100, 40), Point(150, 40), Point(150, 140), Point(200, 140)),
        ),
        (
            Bounds(-200, 100, 100, 80),
            (Point(0, 40), Point(-50, 40), Point(-50, 140), Point(-100, 140)),
        ),
        (Bounds(0, 200, 100, 80), (Point(50, 80), Point(50, 200))),
        (
            Bounds(40, -200, 100, 80),
            (Point(50, 0), Point(50, -60), Point(90, -60), Point(90, -120)),
        ),
    ],
    ids=["right-aligned", "right-lower", "left-lower", "below", "above-offset"],
)
def test_default_waypoints(target: Bounds, expected: tuple[Point, ...]) -> None:
    assert default_waypoints(A, target) == expected


ROUTE = (Point(0, 0), Point(50, 0), Point(50, 100), Point(100, 100))


def test_both_ends_moved_shifts_the_whole_route() -> None:
    moved = follow_ends(ROUTE, 5, 7, start=True, end=True)
    assert moved == tuple(Point(p.x + 5, p.y + 7) for p in ROUTE)


def test_a_moved_start_keeps_its_segment_horizontal() -> None:
    assert follow_ends(ROUTE, 5, 7, start=True, end=False) == (
        Point(5, 7),
        Point(50, 7),
        Point(50, 100),
        Point(100, 100),
    )


def test_a_moved_end_keeps_its_segment_horizontal() -> None:
    assert follow_ends(ROUTE, 5, 7, start=False, end=True) == (
        Point(0, 0),
        Point(50, 0),
        Point(50, 107),
        Point(105, 107),
    )


def test_a_vertical_first_segment_stays_vertical() -> None:
    route = (Point(0, 0), Point(0, 50), Point(80, 50))
    assert follow_ends(route, 5, 7, start=True, end=False) == (
        Point(5, 7),
        Point(5, 50),
        Point(80, 50),
    )


def test_a_straight_flow_only_moves_the_moved_end() -> None:
    route = (Point(0, 0), Point(100, 0))
    assert follow_ends(route, 0, 10, start=False, end=True) == (Point(0, 0), Point(100, 10))


def test_nothing_moved_keeps_the_route() -> None:
    assert follow_ends(ROUTE, 5, 7, start=False, end=False) == ROUTE


def test_label_below_is_centred_under_the_shape() -> None:
    assert label_below(Bounds(0, 0, 36, 36)) == Bounds(-32, 41, 100, 28)


def test_validation() -> None:
    check_bounds(Bounds(0, 0, 1, 1))
    check_delta(-3, 4)
    check_waypoints((Point(0, 0), Point(1, 1)))
    with pytest.raises(ValueError, match="positive"):
        check_bounds(Bounds(0, 0, 1, 0))
    with pytest.raises(ValueError, match="finite"):
        check_bounds(Bounds(float("inf"), 0, 1, 1))
    with pytest.raises(ValueError, match="finite"):
        check_delta(float("nan"), 0)
    with pytest.raises(ValueError, match="two waypoints"):
        check_waypoints(())
