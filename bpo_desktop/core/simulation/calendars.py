"""Weekly working calendars: when a resource pool works, or when cases may arrive.

Simulated time is seconds from Monday 00:00 of week 0. A calendar is a set of working periods
within one week, repeated every week. Work only advances inside a period: a task of 2 h started
at 16:00 on a 9-17 calendar finishes at 10:00 the next working day (the BIMP/Prosimos rule).

The cumulative working time W(t) is piecewise linear (slope 1 inside periods, flat outside), so
"how much work fits between a and b" is W(b) - W(a) and "when is d seconds of work done" is the
inverse of W. Both have a scalar form (bisect, for the engine) and a numpy form (for KPIs).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

DAY = 86400.0
WEEK = 7 * DAY
DAY_NAMES = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WeeklyCalendar:
    """Working periods `(begin_s, end_s)` within a week, sorted, merged and non-empty.

    Build with `WeeklyCalendar.of(periods)` (which normalizes) or `WeeklyCalendar.days(...)`.
    """

    periods: tuple[tuple[float, float], ...]
    name: str = ""
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _ends: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _work_before: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _work_through: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = tuple(p[0] for p in self.periods)
        ends = tuple(p[1] for p in self.periods)
        before: list[float] = []
        total = 0.0
        for begin, end in self.periods:
            before.append(total)
            total += end - begin
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_ends", ends)
        object.__setattr__(self, "_work_before", tuple(before))
        object.__setattr__(
            self,
            "_work_through",
            tuple(b + e - s for b, (s, e) in zip(before, self.periods, strict=True)),
        )

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def of(cls, periods: Iterable[tuple[float, float]], name: str = "") -> WeeklyCalendar:
        """Clip to one week, sort and merge overlapping or touching periods, drop empty ones."""
        clipped = sorted((max(0.0, b), min(WEEK, e)) for b, e in periods)
        merged: list[tuple[float, float]] = []
        for begin, end in clipped:
            if end <= begin:
                continue
            if merged and begin <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((begin, end))
        return cls(tuple(merged), name)

    @classmethod
    def days(
        cls, weekdays: Iterable[int], begin_s: float, end_s: float, name: str = ""
    ) -> WeeklyCalendar:
        """The same hours on each weekday given (0 = Monday); `end_s` may be 86400 (midnight)."""
        return cls.of(((d * DAY + begin_s, d * DAY + end_s) for d in weekdays), name)

    @classmethod
    def always(cls) -> WeeklyCalendar:
        return cls(((0.0, WEEK),), "24/7")

    # -- properties -----------------------------------------------------------------------
    @property
    def is_always(self) -> bool:
        return self.periods == ((0.0, WEEK),)

    @property
    def week_seconds(self) -> float:
        """Working seconds per week."""
        return self._work_through[-1] if self.periods else 0.0

    # -- scalar operations (the engine) ---------------------------------------------------
    def next_on(self, t: float) -> float:
        """The first instant at or after `t` inside a working period."""
        week = math.floor(t / WEEK)
        x = t - week * WEEK
        j = bisect_right(self._ends, x)
        if j == len(self._ends):
            return (week + 1) * WEEK + self._starts[0]
        begin = self._starts[j]
        return t if begin <= x else week * WEEK + begin

    def work_at(self, t: float) -> float:
        """W(t): working seconds in [0, t]."""
        week = math.floor(t / WEEK)
        x = t - week * WEEK
        j = bisect_right(self._starts, x) - 1
        inside = 0.0 if j < 0 else self._work_before[j] + min(x, self._ends[j]) - self._starts[j]
        return week * self.week_seconds + inside

    def time_of_work(self, w: float) -> float:
        """The first instant at which W reaches `w` (w > 0)."""
        total = self.week_seconds
        week = math.floor(w / total)
        rest = w - week * total
        if rest <= 0.0 and week > 0:
            week, rest = week - 1, total
        j = min(bisect_left(self._work_through, rest), len(self._starts) - 1)
        return week * WEEK + self._starts[j] + (rest - self._work_before[j])

    def finish(self, start: float, work: float) -> float:
        """When `work` seconds of work started at `start` (a working instant) are done."""
        if work <= 0.0:
            return start
        return max(start, self.time_of_work(self.work_at(start) + work))

    # -- vectorized operations (KPIs) -----------------------------------------------------
    def work_at_array(self, t: FloatArray) -> FloatArray:
        """W(t) for an array of times."""
        xs = [0.0]
        ws = [0.0]
        for (begin, end), before in zip(self.periods, self._work_before, strict=True):
            xs += [begin, end]
            ws += [before, before + end - begin]
        xs.append(WEEK)
        ws.append(self.week_seconds)
        week = np.floor(t / WEEK)
        inside = np.interp(t - week * WEEK, np.array(xs), np.array(ws))
        result: FloatArray = week * self.week_seconds + inside
        return result


def parse_clock(text: str) -> float:
    """'HH:MM[:SS[.fff]]' to seconds after midnight; 23:59:59 and later count as midnight."""
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"not a time of day: {text!r}")
    hours, minutes = int(parts[0]), int(parts[1])
    seconds = float(parts[2]) if len(parts) == 3 else 0.0
    value = hours * 3600 + minutes * 60 + seconds
    if not 0 <= value <= DAY:
        raise ValueError(f"not a time of day: {text!r}")
    return DAY if value >= DAY - 1 else value


def format_clock(seconds: float) -> str:
    """Seconds after midnight as 'HH:MM:SS.fff'; midnight at the end of a day is 23:59:59.999."""
    if seconds >= DAY:
        return "23:59:59.999"
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"
