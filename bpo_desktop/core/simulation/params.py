"""Simulation parameters: frozen values keyed by the process's element ids. Times are seconds.

`SimParams` says how cases arrive, how long each task takes and on which resource pool, how
many people each pool has, what they cost and when they work, and how splits branch.
`core.simulation.defaults.params_from_process` derives one from the model (touch and wait times,
lanes, flow probabilities); `prosimos_params` reads and writes the Prosimos/Simod JSON format.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from bpo_desktop.core.simulation.calendars import WeeklyCalendar


class DistKind(StrEnum):
    FIXED = "fixed"  # (value,)
    UNIFORM = "uniform"  # (low, high)
    TRIANGULAR = "triangular"  # (low, mode, high)
    NORMAL = "normal"  # (mean, sd)
    LOGNORMAL = "lognormal"  # (mean, sd) of the value itself, not of its logarithm
    EXPONENTIAL = "exponential"  # (scale, shift): shift + Exp(mean = scale)
    GAMMA = "gamma"  # (mean, sd)
    EMPIRICAL = "empirical"  # values drawn with weights (equal when no weights)


_ARITY = {
    DistKind.FIXED: 1,
    DistKind.UNIFORM: 2,
    DistKind.TRIANGULAR: 3,
    DistKind.NORMAL: 2,
    DistKind.LOGNORMAL: 2,
    DistKind.EXPONENTIAL: 2,
    DistKind.GAMMA: 2,
    DistKind.EMPIRICAL: 0,
}


@dataclass(frozen=True)
class Distribution:
    """A random duration in seconds. Samples outside [minimum, maximum] are drawn again.

    The default minimum 0 keeps durations non-negative (a normal becomes a truncated normal),
    as Prosimos does. Use the module functions (`fixed`, `normal` …) to build one.
    """

    kind: DistKind
    params: tuple[float, ...] = ()
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    minimum: float = 0.0
    maximum: float = math.inf

    @property
    def mean(self) -> float:
        """The mean before truncation (exact for fixed, uniform, triangular, exponential)."""
        p = self.params
        match self.kind:
            case DistKind.FIXED:
                return p[0]
            case DistKind.UNIFORM:
                return (p[0] + p[1]) / 2
            case DistKind.TRIANGULAR:
                return (p[0] + p[1] + p[2]) / 3
            case DistKind.EXPONENTIAL:
                return p[0] + p[1]
            case DistKind.EMPIRICAL:
                return _weighted_mean(self.values, self.weights)
            case _:
                return p[0]

    @property
    def is_fixed(self) -> bool:
        return self.kind is DistKind.FIXED

    def problems(self) -> list[str]:
        """What makes this distribution unusable (empty when it is fine)."""
        p = self.params
        if self.kind is DistKind.EMPIRICAL:
            return _empirical_problems(self.values, self.weights)
        if len(p) != _ARITY[self.kind]:
            return [f"{self.kind} needs {_ARITY[self.kind]} parameters, got {len(p)}"]
        if any(not math.isfinite(v) for v in p):
            return [f"{self.kind} parameters must be finite numbers"]
        if self.minimum > self.maximum:
            return [f"minimum {self.minimum:g} is above maximum {self.maximum:g}"]
        return _shape_problems(self.kind, p)

    def describe(self) -> str:
        args = ", ".join(f"{v:g}" for v in self.params)
        if self.kind is DistKind.EMPIRICAL:
            args = f"{len(self.values)} values"
        return f"{self.kind}({args})"


def _shape_problems(kind: DistKind, p: tuple[float, ...]) -> list[str]:
    if kind is DistKind.FIXED and p[0] < 0:
        return [f"a duration cannot be negative ({p[0]:g} s)"]
    if kind is DistKind.UNIFORM and not 0 <= p[0] <= p[1]:
        return [f"uniform needs 0 <= low <= high (got {p[0]:g}, {p[1]:g})"]
    if kind is DistKind.TRIANGULAR and not 0 <= p[0] <= p[1] <= p[2]:
        return [f"triangular needs 0 <= low <= mode <= high (got {p[0]:g}, {p[1]:g}, {p[2]:g})"]
    if kind is DistKind.EXPONENTIAL and (p[0] <= 0 or p[1] < 0):
        return [f"exponential needs a positive mean above its shift (scale {p[0]:g})"]
    if kind in (DistKind.NORMAL, DistKind.LOGNORMAL, DistKind.GAMMA):
        if p[1] < 0:
            return [f"{kind} needs a standard deviation >= 0 (got {p[1]:g})"]
        if kind is not DistKind.NORMAL and p[0] <= 0:
            return [f"{kind} needs a positive mean (got {p[0]:g})"]
        if kind is DistKind.NORMAL and p[0] + 5 * p[1] < 0:
            return [f"normal with mean {p[0]:g} is almost never a positive duration"]
    return []


def _empirical_problems(values: tuple[float, ...], weights: tuple[float, ...]) -> list[str]:
    if not values:
        return ["empirical needs at least one value"]
    if any(not math.isfinite(v) or v < 0 for v in values):
        return ["empirical values must be finite durations >= 0"]
    if weights and (len(weights) != len(values) or any(w < 0 for w in weights)):
        return ["empirical weights must be one non-negative number per value"]
    if weights and sum(weights) <= 0:
        return ["empirical weights must not all be zero"]
    return []


def _weighted_mean(values: tuple[float, ...], weights: tuple[float, ...]) -> float:
    if not values:
        return math.nan
    if not weights:
        return sum(values) / len(values)
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


# -- constructors -----------------------------------------------------------------------------
def fixed(value: float) -> Distribution:
    return Distribution(DistKind.FIXED, (float(value),))


def uniform(low: float, high: float) -> Distribution:
    return Distribution(DistKind.UNIFORM, (float(low), float(high)))


def triangular(low: float, mode: float, high: float) -> Distribution:
    return Distribution(DistKind.TRIANGULAR, (float(low), float(mode), float(high)))


def normal(mean: float, sd: float, *, maximum: float = math.inf) -> Distribution:
    return Distribution(DistKind.NORMAL, (float(mean), float(sd)), maximum=maximum)


def lognormal(mean: float, sd: float, *, maximum: float = math.inf) -> Distribution:
    return Distribution(DistKind.LOGNORMAL, (float(mean), float(sd)), maximum=maximum)


def exponential(mean: float, *, shift: float = 0.0, maximum: float = math.inf) -> Distribution:
    """`shift` + an exponential with mean `mean` overall (Prosimos's `expon` [mean, min, max])."""
    return Distribution(
        DistKind.EXPONENTIAL, (float(mean - shift), float(shift)), minimum=shift, maximum=maximum
    )


def gamma(mean: float, sd: float, *, maximum: float = math.inf) -> Distribution:
    return Distribution(DistKind.GAMMA, (float(mean), float(sd)), maximum=maximum)


def empirical(values: tuple[float, ...], weights: tuple[float, ...] = ()) -> Distribution:
    return Distribution(DistKind.EMPIRICAL, values=tuple(values), weights=tuple(weights))


# -- parameters of a run ----------------------------------------------------------------------
@dataclass(frozen=True)
class ArrivalParams:
    """Time between case arrivals; with a calendar, it counts working time of that calendar."""

    interarrival: Distribution
    calendar: WeeklyCalendar | None = None


@dataclass(frozen=True)
class TaskParams:
    """One task: duration on its pool, an optional delay before it, and a cost per execution.

    `delay` is the step's wait time (PRODUCT.md §7: wait belongs to the step, as the queue before
    it); it needs no resource. Queueing for the pool comes on top.
    """

    duration: Distribution
    pool: str | None
    delay: Distribution | None = None
    fixed_cost: float = 0.0


@dataclass(frozen=True)
class PoolParams:
    """A resource pool (by default one per lane). `staff=None` means unlimited (no queue)."""

    name: str
    staff: int | None = 1
    cost_per_hour: float = 0.0
    calendar: WeeklyCalendar | None = None
    fee_per_case: float = 0.0  # outsourced lanes: charged once per case that uses the pool


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class SimParams:
    """Everything a run needs besides the process, the seed and the number of cases.

    `branches` maps a sequence flow id out of an XOR or OR split to its probability. `event_delays`
    maps an intermediate event id to its delay. `warmup_s`: cases arriving earlier are left out of
    the case statistics. `horizon_s`: no event after this time (unfinished cases are reported as
    in progress). `max_events`: a hard cap on processed events (None: the engine's stall guard).
    """

    arrival: ArrivalParams
    tasks: Mapping[str, TaskParams] = field(default_factory=_empty)
    pools: Mapping[str, PoolParams] = field(default_factory=_empty)
    branches: Mapping[str, float] = field(default_factory=_empty)
    event_delays: Mapping[str, Distribution] = field(default_factory=_empty)
    warmup_s: float = 0.0
    horizon_s: float | None = None
    max_events: int | None = None

    def with_pool(self, pool_id: str, **changes: Any) -> SimParams:
        """A copy with one pool's fields changed, e.g. `with_pool("Lane_1", staff=2)`."""
        pools = dict(self.pools)
        pools[pool_id] = replace(pools[pool_id], **changes)
        return replace(self, pools=MappingProxyType(pools))

    def with_task(self, task_id: str, **changes: Any) -> SimParams:
        tasks = dict(self.tasks)
        tasks[task_id] = replace(tasks[task_id], **changes)
        return replace(self, tasks=MappingProxyType(tasks))

    def with_all_pools(self, **changes: Any) -> SimParams:
        pools = {k: replace(p, **changes) for k, p in self.pools.items()}
        return replace(self, pools=MappingProxyType(pools))

    def pool_by_name(self, name: str) -> str:
        """The id of the pool called `name`."""
        for pool_id, pool in self.pools.items():
            if pool.name == name:
                return pool_id
        raise KeyError(f"no resource pool named {name!r}")


def make_params(
    arrival: ArrivalParams,
    tasks: Mapping[str, TaskParams],
    pools: Mapping[str, PoolParams],
    branches: Mapping[str, float] | None = None,
    event_delays: Mapping[str, Distribution] | None = None,
    **options: Any,
) -> SimParams:
    """Build SimParams with read-only copies of the mappings (`options`: warm-up and limits)."""
    return SimParams(
        arrival=arrival,
        tasks=MappingProxyType(dict(tasks)),
        pools=MappingProxyType(dict(pools)),
        branches=MappingProxyType(dict(branches or {})),
        event_delays=MappingProxyType(dict(event_delays or {})),
        **options,
    )
