"""The result of `analyze`: frozen values, separate from the model (ARCHITECTURE rule 13).

Times are kept in minutes; the `_h` properties convert. `to_json()` gives plain JSON types and
rounds for display (infinite values, from a loop with no way out, become null).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bpo_desktop.core.analysis.paths import PathReport


def finite(value: float, digits: int = 4) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


@dataclass(frozen=True)
class StepMetrics:
    """One activity: where it runs, how often and what it costs per case."""

    id: str
    name: str
    lane: str | None
    system: str  # the system's name, "none" or "unknown (<id>)"
    off_system: bool
    va_class: str | None
    visits: float
    touch_min: float  # per visit
    wait_min: float  # per visit
    unit_cost: float  # per visit
    fpy: float


@dataclass(frozen=True)
class Handoff:
    """Two consecutive activities in different lanes; the medium is the sender's system."""

    from_step_id: str
    to_step_id: str
    from_step: str  # step names
    to_step: str
    from_lane: str
    to_lane: str
    medium: str
    medium_kind: str  # a SystemKind value, "none" or "unknown"
    expected: float  # per case


@dataclass(frozen=True)
class LoopMetrics:
    steps: tuple[str, ...]  # member names (unnamed gateways left out)
    visits: float  # 1 / (1 - p)
    back_probability: float
    infinite: bool


@dataclass(frozen=True)
class CostBreakdown:
    total: float
    labour: float
    per_use: float
    fees: float
    rework: float  # the part of the total spent on repeat visits
    by_lane: Mapping[str, float]
    by_step: Mapping[str, float]  # step id → cost per case


@dataclass(frozen=True)
class LaneLoad:
    lane: str
    staff: float
    work_min: float  # expected touch minutes per case
    capacity_per_day: float  # cases per day; inf when the lane does no work
    utilisation: float  # implied: demand ÷ capacity, may exceed 1


@dataclass(frozen=True)
class Capacity:
    demand_per_day: float
    available_hours: float
    takt_min: float
    lanes: tuple[LaneLoad, ...]
    bottleneck: str | None
    over_takt_steps: tuple[str, ...]  # step ids whose touch time exceeds takt


@dataclass(frozen=True)
class ProcessMetrics:
    process_id: str
    process_name: str
    scenario: str | None
    lead_time_min: float
    touch_time_min: float
    wait_time_min: float
    va_touch_min: float
    touch_by_value: Mapping[str, float]  # "VA", "NNVA", "NVA", "unclassified" → minutes
    critical_path: tuple[str, ...]  # step ids
    steps: tuple[StepMetrics, ...]
    visits: Mapping[str, float]  # every node id → expected visits per case
    loops: tuple[LoopMetrics, ...]
    handoffs: tuple[Handoff, ...]
    off_system_touch_min: float
    cost: CostBreakdown
    capacity: Capacity | None
    paths: PathReport
    warnings: tuple[str, ...]

    # -- derived figures ------------------------------------------------------------------
    @property
    def lead_time_h(self) -> float:
        return self.lead_time_min / 60

    @property
    def wait_time_h(self) -> float:
        return self.wait_time_min / 60

    @property
    def pce(self) -> float:
        """Process cycle efficiency: value-added touch time ÷ lead time (a fraction)."""
        return self.va_touch_min / self.lead_time_min if self.lead_time_min > 0 else 0.0

    def step(self, step_id: str) -> StepMetrics:
        return next(s for s in self.steps if s.id == step_id)

    def step_named(self, name: str) -> StepMetrics:
        return next(s for s in self.steps if s.name == name)

    @property
    def critical_path_names(self) -> list[str]:
        return [self.step(step_id).name for step_id in self.critical_path]

    @property
    def handoff_count(self) -> float:
        return sum(h.expected for h in self.handoffs)

    def handoffs_by_medium(self) -> dict[str, float]:
        media: dict[str, float] = {}
        for h in self.handoffs:
            media[h.medium] = media.get(h.medium, 0.0) + h.expected
        return media

    @property
    def email_handoffs(self) -> float:
        return sum(h.expected for h in self.handoffs if h.medium_kind == "email")

    @property
    def system_handoffs(self) -> float:
        return sum(h.expected for h in self.handoffs if h.medium_kind == "it")

    @property
    def off_system_steps(self) -> tuple[StepMetrics, ...]:
        return tuple(s for s in self.steps if s.off_system)

    @property
    def off_system_share(self) -> float:
        return self.off_system_touch_min / self.touch_time_min if self.touch_time_min else 0.0

    @property
    def cost_per_case(self) -> float:
        return self.cost.total

    @property
    def rty(self) -> float:
        """Rolled throughput yield: the product of the steps' first-pass yields."""
        return math.prod(s.fpy for s in self.steps if s.visits > 0)

    @property
    def rework_rate(self) -> float:
        return 1.0 - self.rty

    def expected_visits(self) -> dict[str, float]:
        """Step name → expected visits per case."""
        return {s.name: s.visits for s in self.steps}

    # -- JSON -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        capacity = self.capacity
        return {
            "process": self.process_name,
            "scenario": self.scenario,
            "lead_time_h": finite(self.lead_time_h),
            "touch_time_min": finite(self.touch_time_min),
            "wait_time_h": finite(self.wait_time_h),
            "va_touch_min": finite(self.va_touch_min),
            "touch_by_value_min": {k: finite(v) for k, v in self.touch_by_value.items()},
            "pce": finite(self.pce, 6),
            "critical_path": self.critical_path_names,
            "handoff_count": finite(self.handoff_count),
            "handoffs": [_handoff_json(h) for h in self.handoffs],
            "handoffs_by_medium": {k: finite(v) for k, v in self.handoffs_by_medium().items()},
            "off_system_steps": [s.name for s in self.off_system_steps],
            "off_system_detail": [
                {"step": s.name, "lane": s.lane, "system": s.system, "touch_min": s.touch_min}
                for s in self.off_system_steps
            ],
            "off_system_share": finite(self.off_system_share, 6),
            "cost_per_case": finite(self.cost.total, 2),
            "cost_breakdown": _cost_json(self.cost, self),
            "expected_visits": {k: finite(v) for k, v in self.expected_visits().items()},
            "fpy": {s.name: finite(s.fpy, 6) for s in self.steps},
            "rty": finite(self.rty, 6),
            "rework_rate": finite(self.rework_rate, 6),
            "loops": [
                {
                    "steps": list(loop.steps),
                    "visits": finite(loop.visits),
                    "back_probability": finite(loop.back_probability, 6),
                    "infinite": loop.infinite,
                }
                for loop in self.loops
            ],
            "demand_per_day": capacity.demand_per_day if capacity else None,
            "available_hours": capacity.available_hours if capacity else None,
            "takt_min": finite(capacity.takt_min) if capacity else None,
            "utilisation": (
                {lane.lane: finite(lane.utilisation, 6) for lane in capacity.lanes}
                if capacity
                else {}
            ),
            "bottleneck": capacity.bottleneck if capacity else None,
            "capacity": [_lane_json(lane) for lane in capacity.lanes] if capacity else [],
            "over_takt_steps": (
                [self.step(s).name for s in capacity.over_takt_steps] if capacity else []
            ),
            "paths": self._paths_json(),
            "warnings": list(self.warnings),
        }

    def _paths_json(self) -> dict[str, Any]:
        names = {s.id: s.name for s in self.steps}
        return {
            "loop_limit": self.paths.loop_limit,
            "exhaustive": self.paths.exhaustive,
            "truncated": finite(self.paths.truncated, 6),
            "variants": [
                {
                    "steps": [names.get(step, step) for step in v.steps],
                    "probability": finite(v.probability, 6),
                    "lead_time_h": finite(v.lead_min / 60),
                    "cost": finite(v.cost, 2),
                    "completes": v.completes,
                }
                for v in self.paths.variants
            ],
        }


def _handoff_json(h: Handoff) -> dict[str, Any]:
    return {
        "from": h.from_lane,
        "to": h.to_lane,
        "medium": h.medium,
        "medium_kind": h.medium_kind,
        "from_step": h.from_step,
        "to_step": h.to_step,
        "expected": finite(h.expected),
    }


def _cost_json(cost: CostBreakdown, metrics: ProcessMetrics) -> dict[str, Any]:
    return {
        "labour": finite(cost.labour, 2),
        "per_use": finite(cost.per_use, 2),
        "fees": finite(cost.fees, 2),
        "rework": finite(cost.rework, 2),
        "by_lane": {k: finite(v, 2) for k, v in cost.by_lane.items()},
        "by_step": {metrics.step(k).name: finite(v, 2) for k, v in cost.by_step.items()},
    }


def _lane_json(lane: LaneLoad) -> dict[str, Any]:
    return {
        "lane": lane.lane,
        "staff": lane.staff,
        "work_min": finite(lane.work_min),
        "capacity_per_day": finite(lane.capacity_per_day),
        "utilisation": finite(lane.utilisation, 6),
    }
