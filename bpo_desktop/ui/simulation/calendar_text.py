"""Weekly calendars and distributions as short text a person can type in a table cell.

Calendars: "24/7", or day groups with hours, e.g. "Mon-Fri 09:00-17:00" or
"Mon-Thu 08:00-12:00, 13:00-17:00; Fri 08:00-12:00". Distributions: a kind plus numbers in
minutes, e.g. exponential "30" (mean) or "30, 5" (mean, shift), triangular "10, 20, 45".
Both parsers raise ValueError with a message a table cell can show.
"""

from __future__ import annotations

import re

from bpo_desktop.core.simulation import (
    DistKind,
    Distribution,
    WeeklyCalendar,
    empirical,
    exponential,
    fixed,
    gamma,
    lognormal,
    normal,
    triangular,
    uniform,
)
from bpo_desktop.core.simulation.calendars import DAY

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALWAYS = "24/7"
MINUTE = 60.0

PARAM_HINTS = {
    DistKind.FIXED: "minutes",
    DistKind.UNIFORM: "low, high",
    DistKind.TRIANGULAR: "low, mode, high",
    DistKind.NORMAL: "mean, sd",
    DistKind.LOGNORMAL: "mean, sd",
    DistKind.EXPONENTIAL: "mean[, shift]",
    DistKind.GAMMA: "mean, sd",
    DistKind.EMPIRICAL: "v1, v2, …",
}


# -- calendars --------------------------------------------------------------------------------
def _clock(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def calendar_text(calendar: WeeklyCalendar | None) -> str:
    if calendar is None or calendar.is_always:
        return ALWAYS
    per_day: list[list[str]] = [[] for _ in DAYS]
    for begin, end in calendar.periods:
        day = int(begin // DAY)
        while begin < end and day < 7:
            stop = min(end, (day + 1) * DAY)
            per_day[day].append(f"{_clock(begin - day * DAY)}-{_clock(stop - day * DAY)}")
            begin, day = stop, day + 1
    groups: list[str] = []
    d = 0
    while d < 7:
        if not per_day[d]:
            d += 1
            continue
        e = d
        while e + 1 < 7 and per_day[e + 1] == per_day[d]:
            e += 1
        days = DAYS[d] if e == d else f"{DAYS[d]}-{DAYS[e]}"
        groups.append(f"{days} {', '.join(per_day[d])}")
        d = e + 1
    return "; ".join(groups)


_GROUP = re.compile(r"^\s*([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+(.+)$")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_calendar(text: str) -> WeeklyCalendar | None:
    """None for "24/7" (or empty); ValueError naming the part that is not understood."""
    text = text.strip()
    if not text or text.lower() in (ALWAYS, "always", "24x7"):
        return None
    periods: list[tuple[float, float]] = []
    for group in text.split(";"):
        match = _GROUP.match(group)
        if not match:
            raise ValueError(
                f"“{group.strip()}”: expected days and hours, e.g. Mon-Fri 09:00-17:00"
            )
        first, last, hours = match.groups()
        days = _day_range(first, last or first)
        for part in hours.split(","):
            found = _HOURS.match(part)
            if not found:
                raise ValueError(f"“{part.strip()}”: expected hours like 09:00-17:00")
            h1, m1, h2, m2 = (int(v) for v in found.groups())
            begin, end = h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60
            if not 0 <= begin < end <= DAY or m1 > 59 or m2 > 59:
                raise ValueError(f"“{part.strip()}”: the end must come after the start, by 24:00")
            periods += [(d * DAY + begin, d * DAY + end) for d in days]
    return WeeklyCalendar.of(periods)


def _day_range(first: str, last: str) -> list[int]:
    names = [d.lower() for d in DAYS]
    try:
        a, b = names.index(first.lower()), names.index(last.lower())
    except ValueError:
        raise ValueError(
            f"“{first}”/“{last}”: days are Mon, Tue, Wed, Thu, Fri, Sat, Sun"
        ) from None
    if b < a:
        raise ValueError(f"“{first}-{last}”: write the days in week order")
    return list(range(a, b + 1))


# -- distributions ----------------------------------------------------------------------------
def _m(seconds: float) -> str:
    return f"{seconds / MINUTE:g}"


def distribution_text(dist: Distribution) -> str:
    """The numbers of a distribution in minutes, as `parse_distribution` reads them."""
    p = dist.params
    if dist.kind is DistKind.EMPIRICAL:
        return ", ".join(_m(v) for v in dist.values)
    if dist.kind is DistKind.EXPONENTIAL and len(p) == 2:
        mean, shift = p[0] + p[1], p[1]
        return _m(mean) if shift == 0 else f"{_m(mean)}, {_m(shift)}"
    return ", ".join(_m(v) for v in p)


def parse_distribution(kind: DistKind, text: str) -> Distribution:
    """A distribution from minutes typed in a cell; ValueError says what is expected."""
    try:
        numbers = [float(v) * MINUTE for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"“{text}”: expected numbers of minutes ({PARAM_HINTS[kind]})") from None
    count = {DistKind.FIXED: (1,), DistKind.UNIFORM: (2,), DistKind.TRIANGULAR: (3,),
             DistKind.EXPONENTIAL: (1, 2), DistKind.EMPIRICAL: tuple(range(1, 10_001))}.get(
        kind, (2,))  # fmt: skip
    if len(numbers) not in count:
        raise ValueError(f"{kind} needs {PARAM_HINTS[kind]} (minutes), got “{text}”")
    match kind:
        case DistKind.FIXED:
            dist = fixed(numbers[0])
        case DistKind.UNIFORM:
            dist = uniform(*numbers)
        case DistKind.TRIANGULAR:
            dist = triangular(*numbers)
        case DistKind.NORMAL:
            dist = normal(*numbers)
        case DistKind.LOGNORMAL:
            dist = lognormal(*numbers)
        case DistKind.GAMMA:
            dist = gamma(*numbers)
        case DistKind.EXPONENTIAL:
            shift = numbers[1] if len(numbers) == 2 else 0.0
            if numbers[0] <= shift:
                raise ValueError(f"exponential: the mean must exceed the shift, got “{text}”")
            dist = exponential(numbers[0], shift=shift)
        case _:
            dist = empirical(tuple(numbers))
    problems = dist.problems()
    if problems:
        raise ValueError(problems[0])
    return dist
