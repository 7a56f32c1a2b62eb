"""SimParams <-> a JSON-compatible dict, exactly (what `.bpo` records store).

`params_to_json(params)` gives plain dicts, lists, strings, numbers and None (tasks, pools and
branches as lists in their order, which a run's pool order follows); `params_from_json` reads it
back to an equal SimParams (floats survive JSON exactly; infinities are written as the
strings "inf"/"-inf", since JSON has no literal for them). Reading checks every field and raises
`CodecError` naming the place (`tasks.Task_1.duration.params`), so a tampered file gives one
clear message instead of a crash deep inside a run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from bpo_desktop.core.simulation.calendars import WeeklyCalendar
from bpo_desktop.core.simulation.params import (
    ArrivalParams,
    DistKind,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    make_params,
)

FORMAT = 1


class CodecError(ValueError):
    """Stored simulation parameters are not usable; the message names the field."""


# -- writing ----------------------------------------------------------------------------------
def params_to_json(params: SimParams) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "arrival": {
            "interarrival": distribution_to_json(params.arrival.interarrival),
            "calendar": _calendar_json(params.arrival.calendar),
        },
        "tasks": [{"id": key, **_task_json(task)} for key, task in params.tasks.items()],
        "pools": [{"id": key, **_pool_json(pool)} for key, pool in params.pools.items()],
        "branches": [{"id": key, "probability": _num(p)} for key, p in params.branches.items()],
        "event_delays": [
            {"id": key, "delay": distribution_to_json(d)} for key, d in params.event_delays.items()
        ],
        "warmup_s": _num(params.warmup_s),
        "horizon_s": None if params.horizon_s is None else _num(params.horizon_s),
        "max_events": params.max_events,
    }


def distribution_to_json(dist: Distribution) -> dict[str, Any]:
    return {
        "kind": str(dist.kind),
        "params": [_num(v) for v in dist.params],
        "values": [_num(v) for v in dist.values],
        "weights": [_num(v) for v in dist.weights],
        "minimum": _num(dist.minimum),
        "maximum": _num(dist.maximum),
    }


def _task_json(task: TaskParams) -> dict[str, Any]:
    return {
        "duration": distribution_to_json(task.duration),
        "pool": task.pool,
        "delay": None if task.delay is None else distribution_to_json(task.delay),
        "fixed_cost": _num(task.fixed_cost),
    }


def _pool_json(pool: PoolParams) -> dict[str, Any]:
    return {
        "name": pool.name,
        "staff": pool.staff,
        "cost_per_hour": _num(pool.cost_per_hour),
        "calendar": _calendar_json(pool.calendar),
        "fee_per_case": _num(pool.fee_per_case),
    }


def _calendar_json(calendar: WeeklyCalendar | None) -> dict[str, Any] | None:
    if calendar is None:
        return None
    return {"name": calendar.name, "periods": [[_num(b), _num(e)] for b, e in calendar.periods]}


def _num(value: float) -> float | str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return float(value)


# -- reading ----------------------------------------------------------------------------------
def params_from_json(data: object) -> SimParams:
    """The SimParams `params_to_json` wrote; CodecError naming the field when it is unusable."""
    root = _mapping(data, "parameters")
    if root.get("format", FORMAT) != FORMAT:
        raise CodecError(f"parameters: unknown format {root.get('format')!r}")
    arrival = _mapping(root.get("arrival"), "arrival")
    tasks = _entries(root.get("tasks", []), "tasks")
    pools = _entries(root.get("pools", []), "pools")
    branches = _entries(root.get("branches", []), "branches")
    delays = _entries(root.get("event_delays", []), "event_delays")
    horizon = root.get("horizon_s")
    max_events = root.get("max_events")
    if max_events is not None and (type(max_events) is not int or max_events < 1):
        raise CodecError("max_events: expected a positive whole number or null")
    return make_params(
        ArrivalParams(
            distribution_from_json(arrival.get("interarrival"), "arrival.interarrival"),
            _calendar(arrival.get("calendar"), "arrival.calendar"),
        ),
        {k: _task(v, f"tasks.{k}") for k, v in tasks.items()},
        {k: _pool(v, f"pools.{k}") for k, v in pools.items()},
        {k: _float(v.get("probability"), f"branches.{k}") for k, v in branches.items()},
        {k: distribution_from_json(v.get("delay"), f"event_delays.{k}") for k, v in delays.items()},
        warmup_s=_float(root.get("warmup_s", 0.0), "warmup_s"),
        horizon_s=None if horizon is None else _float(horizon, "horizon_s"),
        max_events=max_events,
    )


def distribution_from_json(data: object, where: str) -> Distribution:
    spec = _mapping(data, where)
    try:
        kind = DistKind(str(spec.get("kind")))
    except ValueError:
        names = ", ".join(k.value for k in DistKind)
        raise CodecError(f"{where}.kind: {spec.get('kind')!r} is not one of {names}") from None
    return Distribution(
        kind,
        _floats(spec.get("params", []), f"{where}.params"),
        _floats(spec.get("values", []), f"{where}.values"),
        _floats(spec.get("weights", []), f"{where}.weights"),
        _float(spec.get("minimum", 0.0), f"{where}.minimum"),
        _float(spec.get("maximum", "inf"), f"{where}.maximum"),
    )


def _task(data: object, where: str) -> TaskParams:
    spec = _mapping(data, where)
    delay = spec.get("delay")
    return TaskParams(
        duration=distribution_from_json(spec.get("duration"), f"{where}.duration"),
        pool=_optional_text(spec.get("pool"), f"{where}.pool"),
        delay=None if delay is None else distribution_from_json(delay, f"{where}.delay"),
        fixed_cost=_float(spec.get("fixed_cost", 0.0), f"{where}.fixed_cost"),
    )


def _pool(data: object, where: str) -> PoolParams:
    spec = _mapping(data, where)
    staff = spec.get("staff", 1)
    if staff is not None and (type(staff) is not int or staff < 0):
        raise CodecError(f"{where}.staff: expected a whole number of people or null (unlimited)")
    name = spec.get("name", "")
    if not isinstance(name, str):
        raise CodecError(f"{where}.name: expected text")
    return PoolParams(
        name=name,
        staff=staff,
        cost_per_hour=_float(spec.get("cost_per_hour", 0.0), f"{where}.cost_per_hour"),
        calendar=_calendar(spec.get("calendar"), f"{where}.calendar"),
        fee_per_case=_float(spec.get("fee_per_case", 0.0), f"{where}.fee_per_case"),
    )


def _calendar(data: object, where: str) -> WeeklyCalendar | None:
    if data is None:
        return None
    spec = _mapping(data, where)
    periods = spec.get("periods")
    if not isinstance(periods, list | tuple) or not periods:
        raise CodecError(f"{where}.periods: expected a non-empty list of [begin_s, end_s]")
    pairs: list[tuple[float, float]] = []
    for i, period in enumerate(periods):
        pair = _floats(period, f"{where}.periods[{i}]")
        if len(pair) != 2 or not 0 <= pair[0] < pair[1] <= 7 * 86400:
            raise CodecError(f"{where}.periods[{i}]: expected [begin_s, end_s] within one week")
        if pairs and pair[0] < pairs[-1][1]:
            raise CodecError(f"{where}.periods[{i}]: periods must be sorted and must not overlap")
        pairs.append((pair[0], pair[1]))
    name = spec.get("name", "")
    if not isinstance(name, str):
        raise CodecError(f"{where}.name: expected text")
    return WeeklyCalendar(tuple(pairs), name)


def _mapping(data: object, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise CodecError(f"{where}: expected an object")
    return data


def _entries(data: object, where: str) -> dict[str, Mapping[str, Any]]:
    """A list of objects with an "id" (a list, not an object: stored JSON sorts object keys,
    and the order of pools and tasks is kept exactly), by id in list order."""
    if not isinstance(data, list | tuple):
        raise CodecError(f"{where}: expected a list")
    out: dict[str, Mapping[str, Any]] = {}
    for i, entry in enumerate(data):
        spec = _mapping(entry, f"{where}[{i}]")
        key = spec.get("id")
        if not isinstance(key, str) or not key or key in out:
            raise CodecError(f"{where}[{i}].id: expected a unique element id")
        out[key] = spec
    return out


def _optional_text(value: object, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise CodecError(f"{where}: expected text or null")


def _float(value: object, where: str) -> float:
    if value in ("inf", "-inf"):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CodecError(f"{where}: expected a number, got {value!r}"[:200])
    number = float(value)
    if math.isnan(number):
        raise CodecError(f"{where}: expected a number, got NaN")
    return number


def _floats(value: object, where: str) -> tuple[float, ...]:
    if not isinstance(value, list | tuple):  # stored record bodies hold tuples
        raise CodecError(f"{where}: expected a list of numbers")
    return tuple(_float(v, f"{where}[{i}]") for i, v in enumerate(value))
