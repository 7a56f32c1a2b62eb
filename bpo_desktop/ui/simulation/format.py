"""Shown text for simulation figures (times are seconds in every stored KPI dict)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def number(value: object) -> float:
    """A stored figure as a float (None, missing or text → NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    return float(value)


def unit_for(seconds: float) -> tuple[str, float]:
    """A readable unit for a duration of this size: (suffix, seconds per unit)."""
    if not math.isfinite(seconds) or abs(seconds) >= 2 * 3600:
        return "h", 3600.0
    if abs(seconds) >= 120:
        return "min", 60.0
    return "s", 1.0


def duration(seconds: float, unit: tuple[str, float] | None = None) -> str:
    if not math.isfinite(seconds):
        return "-"
    suffix, size = unit or unit_for(seconds)
    return f"{seconds / size:,.2f} {suffix}"


def money(value: float) -> str:
    return f"{value:,.2f}" if math.isfinite(value) else "-"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f} %" if math.isfinite(fraction) else "unlimited"


def interval(ci: object, show: Any) -> str:
    """A stored `[low, high]` as “[low, high]” with `show` formatting each end."""
    if not isinstance(ci, list | tuple) or len(ci) != 2:
        return "-"
    low, high = number(ci[0]), number(ci[1])
    if not (math.isfinite(low) and math.isfinite(high)):
        return "-"
    return f"[{show(low)}, {show(high)}]"


def stat(kpis: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = kpis.get(key)
    return value if isinstance(value, Mapping) else {}
