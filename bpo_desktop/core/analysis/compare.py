"""As-is vs to-be (PRODUCT.md N12): each metric with its absolute and relative change, and a
gap list of the steps, lanes and systems the to-be adds, removes or changes."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bpo_desktop.core.analysis.results import ProcessMetrics, finite
from bpo_desktop.core.model import Lane, Node, Process, System


@dataclass(frozen=True)
class MetricDelta:
    key: str
    label: str
    unit: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def delta_pct(self) -> float | None:
        """Change relative to the before value, in percent (None when before is 0)."""
        if self.before == 0 or not math.isfinite(self.before):
            return None
        return self.delta / self.before * 100

    def to_json(self) -> dict[str, Any]:
        pct = self.delta_pct
        return {
            "label": self.label,
            "unit": self.unit,
            "before": finite(self.before, 6),
            "after": finite(self.after, 6),
            "delta": finite(self.delta, 6),
            "delta_pct": finite(pct, 2) if pct is not None else None,
        }


@dataclass(frozen=True)
class GapList:
    added_steps: tuple[str, ...] = ()  # names
    removed_steps: tuple[str, ...] = ()
    changed_steps: tuple[str, ...] = ()
    added_lanes: tuple[str, ...] = ()
    removed_lanes: tuple[str, ...] = ()
    changed_lanes: tuple[str, ...] = ()
    added_systems: tuple[str, ...] = ()  # systems steps use
    removed_systems: tuple[str, ...] = ()

    def to_json(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Comparison:
    before: str
    after: str
    rows: tuple[MetricDelta, ...]
    gaps: GapList

    def row(self, key: str) -> MetricDelta:
        return next(r for r in self.rows if r.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "metrics": {r.key: r.to_json() for r in self.rows},
            "gaps": self.gaps.to_json(),
        }


_ROWS: tuple[tuple[str, str, str, Callable[[ProcessMetrics], float]], ...] = (
    ("lead_time_h", "Lead time (end-to-end cycle time)", "h", lambda m: m.lead_time_h),
    ("touch_time_min", "Touch time", "min", lambda m: m.touch_time_min),
    ("wait_time_h", "Wait time", "h", lambda m: m.wait_time_h),
    ("pce", "Process cycle efficiency", "fraction", lambda m: m.pce),
    ("handoffs", "Handoffs", "per case", lambda m: m.handoff_count),
    ("email_handoffs", "Email handoffs", "per case", lambda m: m.email_handoffs),
    ("system_handoffs", "System handoffs", "per case", lambda m: m.system_handoffs),
    ("off_system_steps", "Off-system steps", "steps", lambda m: len(m.off_system_steps)),
    ("off_system_share", "Off-system share of touch time", "fraction",
     lambda m: m.off_system_share),
    ("cost_per_case", "Cost per case", "currency", lambda m: m.cost_per_case),
    ("rty", "Rolled throughput yield", "fraction", lambda m: m.rty),
)  # fmt: skip


def compare(
    before: ProcessMetrics,
    after: ProcessMetrics,
    *,
    before_process: Process | None = None,
    after_process: Process | None = None,
    systems: Mapping[str, System] | None = None,
) -> Comparison:
    """Compare two analyses; pass both processes to get the gap list too."""
    rows = [
        MetricDelta(key, text, unit, float(get(before)), float(get(after)))
        for key, text, unit, get in _ROWS
    ]
    if before.capacity and after.capacity:
        rows.append(
            MetricDelta(
                "bottleneck_utilisation",
                "Bottleneck utilisation",
                "fraction",
                _peak(before),
                _peak(after),
            )
        )
    gaps = GapList()
    if before_process is not None and after_process is not None:
        gaps = gap_list(before_process, after_process, systems or {})
    name = before.scenario or "as-is"
    return Comparison(before=name, after=after.scenario or "as-is", rows=tuple(rows), gaps=gaps)


def _peak(metrics: ProcessMetrics) -> float:
    capacity = metrics.capacity
    assert capacity is not None
    return max((lane.utilisation for lane in capacity.lanes), default=0.0)


def gap_list(before: Process, after: Process, systems: Mapping[str, System]) -> GapList:
    def steps(p: Process) -> dict[str, Node]:
        return {n.id: n for n in p.nodes() if n.kind.is_activity}

    def lanes(p: Process) -> dict[str, Lane]:
        return {lane.id: lane for lane in p.lanes()}

    def used(p: Process) -> set[str]:
        return {n.system_id for n in steps(p).values() if n.system_id is not None}

    def name_of(system_id: str) -> str:
        system = systems.get(system_id)
        return system.name if system is not None else system_id

    s0, s1 = steps(before), steps(after)
    l0, l1 = lanes(before), lanes(after)
    y0, y1 = used(before), used(after)
    return GapList(
        added_steps=tuple(s1[i].name or i for i in s1 if i not in s0),
        removed_steps=tuple(s0[i].name or i for i in s0 if i not in s1),
        changed_steps=tuple(s1[i].name or i for i in s1 if i in s0 and s0[i] != s1[i]),
        added_lanes=tuple(l1[i].name or i for i in l1 if i not in l0),
        removed_lanes=tuple(l0[i].name or i for i in l0 if i not in l1),
        changed_lanes=tuple(l1[i].name or i for i in l1 if i in l0 and l0[i] != l1[i]),
        added_systems=tuple(sorted(name_of(i) for i in y1 - y0)),
        removed_systems=tuple(sorted(name_of(i) for i in y0 - y1)),
    )
