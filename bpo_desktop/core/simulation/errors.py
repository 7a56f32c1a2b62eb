"""Errors a simulation run reports. Every message names the elements involved."""

from __future__ import annotations

from collections.abc import Sequence


class SimulationError(Exception):
    """The run cannot start or cannot finish (e.g. a loop that never exits)."""


class SimulationCancelledError(SimulationError):
    """The caller's `cancel()` returned True; no result is produced."""


class InvalidModelError(SimulationError):
    """Validation found errors; `issues` lists every one of them (errors first)."""

    def __init__(self, issues: Sequence[object]) -> None:
        self.issues = list(issues)
        lines = [str(issue) for issue in issues]
        shown = "; ".join(lines[:5]) + (f"; and {len(lines) - 5} more" if len(lines) > 5 else "")
        super().__init__(f"the model cannot be simulated: {shown}")
