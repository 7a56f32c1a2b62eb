"""The timebox of one agenda item: pure arithmetic, so the edit-mode mini timer and the
presentation overlay agree on the same states. The clock is the caller's."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bpo_desktop.core.workshop.model import AgendaItem

TimerState = Literal["normal", "amber", "red"]
DEFAULT_AMBER_S = 120.0  # amber when two minutes are left (W2)


@dataclass(frozen=True)
class Timebox:
    planned_s: float
    extensions_s: tuple[float, ...] = ()
    amber_s: float = DEFAULT_AMBER_S  # seconds left at which the warning starts

    @classmethod
    def of(cls, item: AgendaItem, amber_s: float = DEFAULT_AMBER_S) -> Timebox:
        return cls(item.planned_min * 60.0, tuple(m * 60.0 for m in item.extensions_min), amber_s)

    @property
    def allowed_s(self) -> float:
        return self.planned_s + sum(self.extensions_s)

    def remaining_s(self, elapsed_s: float) -> float:
        """Seconds left; negative once the item overruns."""
        return self.allowed_s - elapsed_s

    def overrun_s(self, elapsed_s: float) -> float:
        return max(0.0, elapsed_s - self.allowed_s)

    def state(self, elapsed_s: float) -> TimerState:
        left = self.remaining_s(elapsed_s)
        if left <= 0:
            return "red"
        if left <= self.amber_s:
            return "amber"
        return "normal"

    def extended(self, minutes: int) -> Timebox:
        return replace(self, extensions_s=(*self.extensions_s, minutes * 60.0))


def format_clock(seconds: float) -> str:
    """ "18:00", or "-2:05" for an overrun."""
    sign = "-" if seconds < 0 else ""
    whole = round(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def planned_vs_actual(item: AgendaItem) -> str:
    """ "planned 20 / actual 25 (extended once)", as the minutes and the agenda list show it."""
    actual_min = round(item.actual_s / 60.0)
    text = f"planned {item.planned_min} / actual {actual_min}"
    count = len(item.extensions_min)
    if count:
        times = {1: "once", 2: "twice"}.get(count, f"{count} times")
        text += f" (extended {times})"
    return text


# -- logging time into an agenda item (the clock is passed in, so tests need no sleeping) -----
def running_item(agenda: tuple[AgendaItem, ...]) -> AgendaItem | None:
    """The agenda item whose timer is running (at most one runs at a time)."""
    return next((item for item in agenda if item.started_at), None)


def elapsed_s(item: AgendaItem, now: datetime) -> float:
    """Time spent on the item: what was logged plus the running stretch, if any."""
    if not item.started_at:
        return item.actual_s
    return item.actual_s + max(0.0, (now - datetime.fromisoformat(item.started_at)).total_seconds())


def started(item: AgendaItem, now: datetime) -> AgendaItem:
    return item if item.started_at else replace(item, started_at=now.isoformat())


def paused(item: AgendaItem, now: datetime) -> AgendaItem:
    """Bank the running stretch into `actual_s`."""
    if not item.started_at:
        return item
    return replace(item, actual_s=elapsed_s(item, now), started_at="")


def extended(item: AgendaItem, minutes: int) -> AgendaItem:
    if minutes <= 0:
        raise ValueError("an extension is a positive number of minutes")
    return replace(item, extensions_min=(*item.extensions_min, minutes))
