"""The Prosimos/Simod simulation-parameter JSON, read into SimParams and written back.

Distributions follow what Prosimos 2.1 does with them (pix-framework's `DurationDistribution`):

| JSON name | parameters (`[{"value": …}]`) | meaning |
|---|---|---|
| `fix` | value | always `value` |
| `expon` | mean, min, max | min + Exp(scale = mean - min), redrawn outside [min, max] |
| `uniform` | min, max | uniform on [min, max] |
| `norm` | mean, std, min, max | normal, redrawn outside [max(min, 0), max] |
| `lognorm` | mean, var, min, max | log-normal with that mean and variance of the value |
| `gamma` | mean, var, min, max | gamma with shape mean²/var and scale var/mean |
| `triang` | c, loc, scale, min, max | scipy's triangular (Prosimos 2.1 itself crashes on it) |
| `histogram_sampling` | `histogram_data.cdf`, `.bin_midpoints` | midpoints drawn by CDF steps |

Every draw is redrawn when negative, as in Prosimos. Resource pools: each resource profile
becomes one pool whose staff is the sum of its resources' `amount`s; a task runs on the profile
of its first listed resource with that resource's duration (differences are warnings).
`write_prosimos_params` (in `prosimos_writer`) goes the other way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bpo_desktop.core.simulation.calendars import (
    DAY,
    DAY_NAMES,
    WeeklyCalendar,
    parse_clock,
)
from bpo_desktop.core.simulation.params import (
    ArrivalParams,
    DistKind,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    empirical,
    fixed,
    make_params,
    triangular,
    uniform,
)
from bpo_desktop.core.simulation.prosimos_writer import BIG, write_prosimos_params

_IGNORED = (
    "batch_processing",
    "case_attributes",
    "prioritisation_rules",
    "branch_rules",
    "event_attributes",
    "global_attributes",
    "multitask",
)


__all__ = [
    "ProsimosParams",
    "ProsimosParamsError",
    "calendar_from_periods",
    "distribution_from_json",
    "read_prosimos_params",
    "write_prosimos_params",
]


class ProsimosParamsError(ValueError):
    """The JSON is not usable; the message names the section and element."""


@dataclass(frozen=True)
class ProsimosParams:
    params: SimParams
    warnings: tuple[str, ...]


def read_prosimos_params(source: Mapping[str, Any] | str | bytes) -> ProsimosParams:
    """Parse the JSON (a dict, or its text) into SimParams keyed by BPMN element ids."""
    try:
        data = json.loads(source) if isinstance(source, str | bytes) else source
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than the stack
        raise ProsimosParamsError(f"not valid JSON: {str(exc)[:200]}") from None
    if not isinstance(data, Mapping):
        raise ProsimosParamsError("the parameters must be a JSON object")
    try:
        return _Reader(data).read()
    except ProsimosParamsError:
        raise
    # Any value of the wrong shape or size (None for a time, inf for a count) is bad input.
    except (LookupError, TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        raise ProsimosParamsError(f"malformed Prosimos parameters: {exc!r}"[:300]) from None


class _Reader:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.warnings: list[str] = []
        self.calendars: dict[str, WeeklyCalendar] = {}
        self.resource_pool: dict[str, str] = {}  # resource id -> profile id

    def read(self) -> ProsimosParams:
        for item in self.data.get("resource_calendars", []):
            self.calendars[item["id"]] = calendar_from_periods(item["time_periods"], item["id"])
        pools = self._pools()
        tasks = self._tasks()
        arrival = ArrivalParams(
            self._distribution(self.data["arrival_time_distribution"], "arrival"),
            _non_trivial(calendar_from_periods(self.data.get("arrival_time_calendar", []))),
        )
        branches = self._branches()
        delays = {
            e["event_id"]: self._distribution(e, f"event {e['event_id']}")
            for e in self.data.get("event_distribution", [])
        }
        for key in _IGNORED:
            if self.data.get(key):
                self.warnings.append(f"'{key}' is not simulated and was ignored")
        if str(self.data.get("model_type", "CRISP")).upper() != "CRISP":
            self.warnings.append("fuzzy availability is not simulated; calendars are crisp")
        params = make_params(arrival, tasks, pools, branches, event_delays=delays)
        return ProsimosParams(params, tuple(self.warnings))

    def _pools(self) -> dict[str, PoolParams]:
        pools: dict[str, PoolParams] = {}
        for profile in self.data.get("resource_profiles", []):
            resources = profile["resource_list"]
            if not resources:
                continue
            staff = sum(int(r["amount"]) for r in resources)
            cost = sum(float(r["cost_per_hour"]) * int(r["amount"]) for r in resources)
            calendar_ids = {r["calendar"] for r in resources}
            if len(calendar_ids) > 1:
                self.warnings.append(
                    f"profile {profile['id']}: resources have different calendars; "
                    f"the pool uses {resources[0]['calendar']}"
                )
            if len({float(r["cost_per_hour"]) for r in resources}) > 1:
                self.warnings.append(f"profile {profile['id']}: the pool uses the mean cost")
            calendar = self.calendars.get(resources[0]["calendar"])
            if calendar is None or not calendar.periods:
                raise ProsimosParamsError(
                    f"profile {profile['id']}: calendar {resources[0]['calendar']} is not "
                    "defined or has no working time"
                )
            pools[profile["id"]] = PoolParams(
                name=profile.get("name") or profile["id"],
                staff=staff,
                cost_per_hour=cost / staff if staff else 0.0,
                calendar=None if calendar.is_always else calendar,
            )
            for resource in resources:
                self.resource_pool[resource["id"]] = profile["id"]
        return pools

    def _tasks(self) -> dict[str, TaskParams]:
        tasks: dict[str, TaskParams] = {}
        for entry in self.data.get("task_resource_distribution", []):
            task_id, options = entry["task_id"], entry["resources"]
            if not options:
                raise ProsimosParamsError(f"task {task_id}: no resource is assigned")
            first = options[0]
            pool = self.resource_pool.get(first["resource_id"])
            if pool is None:
                raise ProsimosParamsError(
                    f"task {task_id}: resource {first['resource_id']} is in no resource profile"
                )
            duration = self._distribution(first, f"task {task_id}")
            others = [self._distribution(o, f"task {task_id}") for o in options[1:]]
            profiles = {self.resource_pool.get(o["resource_id"]) for o in options}
            if any(d != duration for d in others) or len(profiles) > 1:
                self.warnings.append(
                    f"task {task_id}: runs on {pool} with the duration of "
                    f"{first['resource_id']} (per-resource durations are not simulated)"
                )
            tasks[task_id] = TaskParams(duration=duration, pool=pool)
        return tasks

    def _branches(self) -> dict[str, float]:
        branches: dict[str, float] = {}
        for gateway in self.data.get("gateway_branching_probabilities", []):
            for prob in gateway["probabilities"]:
                if "value" in prob:
                    branches[prob["path_id"]] = float(prob["value"])
        return branches

    def _distribution(self, spec: Mapping[str, Any], where: str) -> Distribution:
        try:
            dist, note = distribution_from_json(spec)
        except ProsimosParamsError as exc:
            raise ProsimosParamsError(f"{where}: {exc}") from None
        if note:
            self.warnings.append(f"{where}: {note}")
        return dist


def distribution_from_json(spec: Mapping[str, Any]) -> tuple[Distribution, str]:
    """One Prosimos distribution as ours, plus a note when Prosimos itself would differ."""
    name = str(spec["distribution_name"]).lower()
    if name == "histogram_sampling":
        cdf = [float(v) for v in spec["histogram_data"]["cdf"]]
        mids = [float(v) for v in spec["histogram_data"]["bin_midpoints"]]
        weights = [b - a for a, b in zip([0.0, *cdf], cdf, strict=False)]
        return empirical(tuple(mids), tuple(weights)), ""
    v = [
        float(p["value"]) if isinstance(p, Mapping) else float(p)
        for p in spec["distribution_params"]
    ]
    low = max(v[-2], 0.0) if len(v) >= 3 else 0.0
    high = v[-1] if len(v) >= 3 and v[-1] < BIG else math.inf
    if name in ("fix", "fixed"):
        return fixed(v[0]), ""
    if name in ("uniform",):
        return uniform(v[0], v[1]), ""
    if high <= low and len(v) >= 3:
        return fixed(low), f"{name} limited to [{low:g}, {v[-1]:g}] is always {low:g}"
    if name in ("expon", "exponential"):
        minimum = v[1] if len(v) > 1 else 0.0
        scale, note = v[0] - minimum, ""
        if scale <= 0:
            scale, note = v[0], "mean below min: Prosimos uses the mean as the scale"
        return Distribution(
            DistKind.EXPONENTIAL, (scale, minimum), (), (), max(minimum, 0.0), high
        ), note
    if name in ("norm", "normal"):
        return Distribution(DistKind.NORMAL, (v[0], v[1]), minimum=low, maximum=high), ""
    if name in ("lognorm", "lognormal", "log_normal", "gamma"):
        kind = DistKind.GAMMA if name == "gamma" else DistKind.LOGNORMAL
        return Distribution(kind, (v[0], math.sqrt(max(v[1], 0.0))), minimum=low, maximum=high), ""
    if name in ("triang", "triangular"):
        c, loc, scale = v[0], v[1], v[2]
        dist = triangular(loc, loc + c * scale, loc + scale)
        return dist, "Prosimos 2.1 cannot run 'triang'; simulated as scipy's triangular"
    raise ProsimosParamsError(f"unknown distribution {name!r}")


def calendar_from_periods(items: list[Mapping[str, Any]], name: str = "") -> WeeklyCalendar:
    """Prosimos time periods ({from, to, beginTime, endTime}) as a weekly calendar."""
    periods: list[tuple[float, float]] = []
    for item in items:
        first = DAY_NAMES.index(str(item["from"]).upper())
        last = DAY_NAMES.index(str(item["to"]).upper())
        begin, end = parse_clock(item["beginTime"]), parse_clock(item["endTime"])
        day = first
        while True:
            if end > begin:
                periods.append((day * DAY + begin, day * DAY + end))
            elif end < begin:  # overnight: runs into the next day (wrapping Sunday to Monday)
                periods.append((day * DAY + begin, (day + 1) * DAY))
                periods.append((((day + 1) % 7) * DAY, ((day + 1) % 7) * DAY + end))
            if day == last:
                break
            day = (day + 1) % 7
    return WeeklyCalendar.of(periods, name)


def _non_trivial(calendar: WeeklyCalendar) -> WeeklyCalendar | None:
    """None (24/7) for an always-on or empty-list calendar."""
    return None if calendar.is_always or not calendar.periods else calendar
