"""Results of a simulation: frozen values, separate from the model (ARCHITECTURE rule 13).

Times are seconds, costs are in the model's currency, utilisation is a fraction (0.75 = 75 %).
A case's waiting and processing times are sums over its step executions: with parallel branches
they add up (Prosimos instead takes the union of the intervals; in a sequence both agree).
`SimulationResult.to_json()` gives the CLI's JSON (NaN becomes null).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

NAN = math.nan


@dataclass(frozen=True)
class Stat:
    """A per-case measure: mean with its 95 % confidence interval, and percentiles."""

    mean: float
    ci95: tuple[float, float]
    p50: float = NAN
    p90: float = NAN
    p95: float = NAN
    max: float = NAN

    def contains(self, value: float) -> bool:
        return self.ci95[0] <= value <= self.ci95[1]

    def to_json(self) -> dict[str, Any]:
        return {
            "mean": _num(self.mean),
            "p50": _num(self.p50),
            "p90": _num(self.p90),
            "p95": _num(self.p95),
            "max": _num(self.max),
            "ci95": [_num(self.ci95[0]), _num(self.ci95[1])],
        }


@dataclass(frozen=True)
class ActivityStats:
    """One task, averaged over its executions (cases after the warm-up)."""

    id: str
    name: str
    pool: str
    executions_per_case: float
    waiting_s: float  # the step's own wait (delay) plus queueing for the pool, per execution
    queueing_s: float  # queueing for the pool alone, per execution
    processing_s: float  # working time per execution
    cost_per_case: float

    def to_json(self) -> dict[str, Any]:
        return {k: _num(v) if isinstance(v, float) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class PoolStats:
    """A resource pool: measured utilisation and the offered load the arrivals put on it."""

    id: str
    name: str
    staff: int | None
    utilisation: float  # busy time / (staff x working time of the run); NaN when unlimited
    utilisation_ci95: tuple[float, float]
    offered_load: float  # arrival rate x work per case / capacity; >= 1 means not stable
    busy_h_per_case: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "staff": self.staff,
            "utilisation": _num(self.utilisation),
            "utilisation_ci95": [_num(v) for v in self.utilisation_ci95],
            "offered_load": _num(self.offered_load),
            "busy_h_per_case": _num(self.busy_h_per_case),
        }


@dataclass(frozen=True)
class ReplicationSummary:
    """The headline means of one replication (the CI is built from these)."""

    cycle_time: float
    waiting_time: float
    processing_time: float
    cost_per_case: float
    throughput_per_h: float
    wip: float
    finished: int
    arrived: int
    utilisation: Mapping[str, float]


@dataclass(frozen=True)
class EventLog:
    """Task executions of every replication: one row per execution, times in seconds."""

    replication: npt.NDArray[np.int64]
    case: npt.NDArray[np.int64]
    activity: tuple[str, ...]  # per row: the activity's name
    resource: tuple[str, ...]  # per row: the pool's name
    enabled: npt.NDArray[np.float64]
    start: npt.NDArray[np.float64]
    end: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.activity)


@dataclass(frozen=True)
class SimulationResult:
    cases: int
    replications: int
    seed: int
    wall_s: float
    events: int
    cycle_time: Stat
    waiting_time: Stat
    processing_time: Stat
    cost_per_case: Stat
    throughput_per_h: Stat
    wip: float  # time-average number of cases in the system (steady window)
    finished_fraction: float
    stuck: Mapping[str, int]  # element label -> cases whose token waits there at the end
    activities: tuple[ActivityStats, ...]
    pools: tuple[PoolStats, ...]
    bottleneck: str | None  # the pool with the highest utilisation
    warnings: tuple[str, ...]
    per_replication: tuple[ReplicationSummary, ...]
    log: EventLog | None = None

    @property
    def utilisation(self) -> dict[str, float]:
        return {p.name: p.utilisation for p in self.pools}

    @property
    def little_wip(self) -> float:
        """Little's law: throughput x mean lead time (compare with `wip`)."""
        return self.throughput_per_h.mean / 3600.0 * self.cycle_time.mean

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "replications": self.replications,
            "seed": self.seed,
            "wall_s": round(self.wall_s, 4),
            "events": self.events,
            "cycle_time": self.cycle_time.to_json(),
            "waiting_time": self.waiting_time.to_json(),
            "processing_time": self.processing_time.to_json(),
            "cost_per_case": self.cost_per_case.to_json(),
            "utilisation": {p.name: _num(p.utilisation) for p in self.pools},
            "throughput_per_h": _num(self.throughput_per_h.mean),
            "throughput_per_h_ci95": [_num(v) for v in self.throughput_per_h.ci95],
            "wip": _num(self.wip),
            "little_wip": _num(self.little_wip),
            "finished_fraction": _num(self.finished_fraction),
            "stuck": dict(self.stuck),
            "bottleneck": self.bottleneck,
            "pools": [p.to_json() for p in self.pools],
            "activities": [a.to_json() for a in self.activities],
            "warnings": list(self.warnings),
        }


def _num(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)
