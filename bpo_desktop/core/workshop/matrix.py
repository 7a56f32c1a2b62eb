"""The impact/effort matrix (W8): four quadrants by configurable thresholds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from bpo_desktop.core.workshop.model import MatrixScore

Quadrant = Literal["quick_win", "big_bet", "fill_in", "time_sink"]
QUADRANTS: tuple[Quadrant, ...] = ("quick_win", "big_bet", "fill_in", "time_sink")
QUADRANT_TITLES: dict[Quadrant, str] = {
    "quick_win": "Quick wins",
    "big_bet": "Big bets",
    "fill_in": "Fill-ins",
    "time_sink": "Time sinks",
}
SCALE = (1, 5)


def quadrant(
    impact: int, effort: int, impact_threshold: int = 3, effort_threshold: int = 3
) -> Quadrant:
    high_impact = impact >= impact_threshold
    high_effort = effort >= effort_threshold
    if high_impact:
        return "big_bet" if high_effort else "quick_win"
    return "time_sink" if high_effort else "fill_in"


def board(
    scores: Iterable[MatrixScore], impact_threshold: int = 3, effort_threshold: int = 3
) -> dict[Quadrant, list[MatrixScore]]:
    """Scores per quadrant, each list by impact (high first), then effort (low first)."""
    binned: dict[Quadrant, list[MatrixScore]] = {q: [] for q in QUADRANTS}
    for score in scores:
        binned[quadrant(score.impact, score.effort, impact_threshold, effort_threshold)].append(
            score
        )
    for items in binned.values():
        items.sort(key=lambda s: (-s.impact, s.effort))
    return binned


def impact_from_votes(votes: int, most_votes: int) -> int:
    """A 1-5 impact from a vote count, scaled to the most-voted item (W8 "from W7 votes")."""
    if most_votes <= 0:
        return 1
    return 1 + round(4 * votes / most_votes)


def clamp(value: int) -> int:
    return max(SCALE[0], min(SCALE[1], int(value)))
