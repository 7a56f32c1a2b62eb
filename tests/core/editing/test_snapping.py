"""Snapping maths: the grid, alignment with other shapes (centres first), resize boxes."""

from __future__ import annotations

from bpo_desktop.core.editing.snapping import AlignmentIndex, snap, snap_bounds
from bpo_desktop.core.model import Bounds


def test_grid() -> None:
    assert snap(14.0) == 10.0 and snap(15.1) == 20.0 and snap(-4.0) == 0.0


def test_without_neighbours_the_centre_goes_on_the_grid() -> None:
    index = AlignmentIndex([])
    snapped = index.snap_move(Bounds(3, 4, 36, 36), tolerance=5)
    assert (3 + snapped.dx + 18) % 10 == 0 and (4 + snapped.dy + 18) % 10 == 0
    assert snapped.guides == ()


def test_centres_line_up_with_a_guide() -> None:
    other = Bounds(0, 0, 110, 80)  # centre y = 40
    index = AlignmentIndex([other])
    moving = Bounds(300, 23, 36, 36)  # centre y = 41: one off
    snapped = index.snap_move(moving, tolerance=7)
    assert snapped.dy == -1.0
    guide = next(g for g in snapped.guides if g.axis == "y")
    assert guide.at == 40.0 and guide.start <= 0 and guide.end >= 336


def test_an_edge_matches_when_no_centre_does() -> None:
    index = AlignmentIndex([Bounds(0, 0, 100, 80)])
    snapped = index.snap_move(Bounds(3, 500, 50, 50), tolerance=5)  # left edge 3 → 0
    assert snapped.dx == -3.0
    assert len(index) == 1


def test_snap_bounds_keeps_a_minimum() -> None:
    assert snap_bounds(Bounds(12, 18, 3, 2)) == Bounds(10, 20, 10, 10)
    assert snap_bounds(Bounds(12, 18, 96, 81)) == Bounds(10, 20, 100, 80)
