"""Write SimParams as Prosimos/Simod JSON (the reverse of `prosimos_params`), for export.

Only what Prosimos 2.1 runs is written: `fix`, `expon`, `uniform`, `norm`, `lognorm`, `gamma`
(and `histogram_sampling` for arrivals). A triangular or empirical task duration becomes a
normal with the same mean and sd within the same limits, with a warning; so does everything
Prosimos has no field for (a step's wait time, fixed costs, fees, unlimited staff).
"""

from __future__ import annotations

import math
from typing import Any

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation.calendars import DAY, DAY_NAMES, WeeklyCalendar, format_clock
from bpo_desktop.core.simulation.params import DistKind, Distribution, SimParams
from bpo_desktop.core.simulation.topology import Role, Topology, or_branching, xor_branching

BIG = 1e12  # Prosimos's "no upper limit"


def write_prosimos_params(process: Process, params: SimParams) -> tuple[dict[str, Any], list[str]]:
    """SimParams as Prosimos JSON, plus what it cannot express (as warnings).

    Branch probabilities are resolved as the simulator resolves them (flow probabilities of the
    model unless `params.branches` overrides them). Prosimos has no per-step wait (delay), no
    fixed cost per execution and no fee per case; those are reported, not written.
    """
    notes: list[str] = []
    calendars: dict[str, WeeklyCalendar] = {}
    arrival = params.arrival
    data: dict[str, Any] = {
        "resource_profiles": _profiles_json(params, calendars, notes),
        "arrival_time_distribution": _distribution_json(
            arrival.interarrival, "arrivals", notes, histogram=True
        ),
        "arrival_time_calendar": calendar_json(arrival.calendar or WeeklyCalendar.always()),
        "gateway_branching_probabilities": _branching_json(process, params),
        "task_resource_distribution": _tasks_json(params, notes),
        "event_distribution": [
            {"event_id": e, **_distribution_json(d, f"event {e}", notes)}
            for e, d in params.event_delays.items()
        ],
        "resource_calendars": [
            {"id": key, "name": cal.name or key, "time_periods": calendar_json(cal)}
            for key, cal in calendars.items()
        ],
    }
    return data, notes


def _profiles_json(
    params: SimParams, calendars: dict[str, WeeklyCalendar], notes: list[str]
) -> list[dict[str, Any]]:
    """One profile per pool with one resource entry of `amount` = staff."""
    profiles = []
    for pool_id, pool in params.pools.items():
        amount = pool.staff
        if amount is None:
            amount = 1000
            notes.append(f"pool {pool_id}: unlimited staff written as {amount} resources")
        if pool.fee_per_case:
            notes.append(f"pool {pool_id}: the fee per case has no Prosimos equivalent")
        calendar = pool.calendar or WeeklyCalendar.always()
        calendar_id = "24_7" if calendar.is_always else (calendar.name or f"{pool_id}_calendar")
        calendars[calendar_id] = calendar
        resource = {
            "id": f"{pool_id}_staff",
            "name": pool.name,
            "cost_per_hour": pool.cost_per_hour,
            "amount": amount,
            "calendar": calendar_id,
            "assignedTasks": [t for t, task in params.tasks.items() if task.pool == pool_id],
        }
        profiles.append({"id": pool_id, "name": pool.name, "resource_list": [resource]})
    return profiles


def _tasks_json(params: SimParams, notes: list[str]) -> list[dict[str, Any]]:
    tasks = []
    for task_id, task in params.tasks.items():
        if task.delay is not None:
            notes.append(f"task {task_id}: its wait time (a delay before it) is not written")
        if task.fixed_cost:
            notes.append(f"task {task_id}: the fixed cost per execution is not written")
        spec = _distribution_json(task.duration, f"task {task_id}", notes)
        resource = {"resource_id": f"{task.pool}_staff", **spec}
        tasks.append({"task_id": task_id, "resources": [resource]})
    return tasks


def _distribution_json(
    dist: Distribution, where: str, notes: list[str], *, histogram: bool = False
) -> dict[str, Any]:
    p, high = dist.params, dist.maximum if math.isfinite(dist.maximum) else BIG
    low = dist.minimum

    def spec(name: str, *values: float) -> dict[str, Any]:
        return {"distribution_name": name, "distribution_params": [{"value": v} for v in values]}

    match dist.kind:
        case DistKind.FIXED:
            return spec("fix", p[0])
        case DistKind.UNIFORM:
            return spec("uniform", p[0], p[1])
        case DistKind.EXPONENTIAL:
            return spec("expon", p[0] + p[1], p[1], high)
        case DistKind.NORMAL:
            return spec("norm", p[0], p[1], low, high)
        case DistKind.LOGNORMAL | DistKind.GAMMA:
            return spec(
                str(dist.kind.value).replace("lognormal", "lognorm"), p[0], p[1] ** 2, low, high
            )
        case DistKind.EMPIRICAL if histogram:
            return _histogram_json(dist)
    mean, sd, low, high = _moments(dist)
    notes.append(
        f"{where}: Prosimos cannot run {dist.describe()}; written as a normal "
        f"with the same mean and sd, limited to [{low:g}, {high:g}]"
    )
    return spec("norm", mean, sd, low, high)


def _moments(dist: Distribution) -> tuple[float, float, float, float]:
    if dist.kind is DistKind.TRIANGULAR:
        a, c, b = dist.params
        return dist.mean, math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), a, b
    values = dist.values
    weights = dist.weights or tuple(1.0 for _ in values)
    total = sum(weights)
    mean = sum(v * w for v, w in zip(values, weights, strict=True)) / total
    var = sum(w * (v - mean) ** 2 for v, w in zip(values, weights, strict=True)) / total
    return mean, math.sqrt(var), min(values), max(values)


def _histogram_json(dist: Distribution) -> dict[str, Any]:
    pairs = sorted(zip(dist.values, dist.weights or tuple(1.0 for _ in dist.values), strict=True))
    total = sum(w for _, w in pairs)
    cdf, acc = [], 0.0
    for _, w in pairs:
        acc += w / total
        cdf.append(acc)
    return {
        "distribution_name": "histogram_sampling",
        "histogram_data": {"cdf": cdf, "bin_midpoints": [v for v, _ in pairs]},
    }


def _branching_json(process: Process, params: SimParams) -> list[dict[str, Any]]:
    topo = Topology.of(process)
    given: dict[str, float | None] = dict(params.branches)
    out = []
    for node_id in topo.nodes:
        role = topo.role(node_id)
        if not topo.is_split(node_id) or role not in (Role.XOR, Role.OR):
            continue
        resolve = xor_branching if role is Role.XOR else or_branching
        branching = resolve(topo.outgoing[node_id], given)
        out.append({
            "gateway_id": node_id,
            "probabilities": [
                {"path_id": f.id, "value": p}
                for f, p in zip(branching.flows, branching.probabilities, strict=True)
            ],
        })  # fmt: skip
    return out


def calendar_json(calendar: WeeklyCalendar) -> list[dict[str, str]]:
    """A weekly calendar as Prosimos time periods, one per day and working period."""
    out = []
    for begin, end in calendar.periods:
        day = int(begin // DAY)
        while day * DAY < end:
            lo, hi = max(begin, day * DAY) - day * DAY, min(end, (day + 1) * DAY) - day * DAY
            if hi > lo:
                out.append(
                    {
                        "from": DAY_NAMES[day],
                        "to": DAY_NAMES[day],
                        "beginTime": format_clock(lo),
                        "endTime": format_clock(hi),
                    }
                )
            day += 1
    if len(out) == 7 and all(
        o["beginTime"] == "00:00:00.000" and o["endTime"] == "23:59:59.999" for o in out
    ):
        return [
            {
                "from": "MONDAY",
                "to": "SUNDAY",
                "beginTime": "00:00:00.000",
                "endTime": "23:59:59.999",
            }
        ]
    return out
