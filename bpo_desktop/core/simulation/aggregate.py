"""Combine replications into one `SimulationResult` with 95 % confidence intervals.

With two or more replications the interval is the t interval of the replication means (they are
independent). With one replication it comes from 10 batch means of the cases in arrival order,
which is approximate (neighbouring batches are correlated when queues are long); use
replications for intervals you want to rely on.
"""

from __future__ import annotations

import math

import numpy as np

from bpo_desktop.core.simulation.kpis import Replication, delay_stage_of
from bpo_desktop.core.simulation.net import TASK, Net
from bpo_desktop.core.simulation.results import (
    ActivityStats,
    EventLog,
    PoolStats,
    SimulationResult,
    Stat,
)
from bpo_desktop.core.simulation.stats import mean_ci

BATCHES = 10


def stat(means: list[float], samples: list[np.ndarray]) -> Stat:
    """Mean, CI and percentiles of a per-case measure over all replications."""
    pooled = np.concatenate(samples) if samples else np.zeros(0)
    pooled = pooled[~np.isnan(pooled)]
    if pooled.size == 0:
        return Stat(math.nan, (math.nan, math.nan))
    if len(means) >= 2:
        mean, low, high = mean_ci(means)
    else:
        mean, (low, high) = float(pooled.mean()), _batch_ci(pooled)
    p50, p90, p95 = (float(v) for v in np.percentile(pooled, [50, 90, 95]))
    return Stat(mean, (low, high), p50, p90, p95, float(pooled.max()))


def _batch_ci(values: np.ndarray) -> tuple[float, float]:
    if values.size < 2 * BATCHES:
        return math.nan, math.nan
    batches = [float(b.mean()) for b in np.array_split(values, BATCHES)]
    _, low, high = mean_ci(batches)
    return low, high


def aggregate(
    net: Net,
    reps: list[Replication],
    *,
    cases: int,
    seed: int,
    wall_s: float,
    notes: list[str],
    keep_log: bool,
) -> SimulationResult:
    summaries = [r.summary for r in reps]
    pools = _pools(net, reps)
    arrived = sum(s.arrived for s in summaries)
    finished = sum(s.finished for s in summaries)
    stuck = _stuck(net, reps)
    warnings = [*notes, *_pool_warnings(pools)]
    if finished < arrived:
        where = ", ".join(f"{n} at {label}" for label, n in stuck.items()) or "in progress"
        warnings.append(f"{arrived - finished} of {arrived} cases did not finish ({where})")
    finite = [p for p in pools if not math.isnan(p.utilisation)]
    bottleneck = max(finite, key=lambda p: p.utilisation).name if finite else None
    return SimulationResult(
        cases=cases,
        replications=len(reps),
        seed=seed,
        wall_s=wall_s,
        events=sum(r.events for r in reps),
        cycle_time=stat([s.cycle_time for s in summaries], [r.cycle for r in reps]),
        waiting_time=stat([s.waiting_time for s in summaries], [r.waiting for r in reps]),
        processing_time=stat([s.processing_time for s in summaries], [r.processing for r in reps]),
        cost_per_case=stat([s.cost_per_case for s in summaries], [r.cost for r in reps]),
        throughput_per_h=_scalar_stat([s.throughput_per_h for s in summaries]),
        wip=float(np.mean([s.wip for s in summaries])),
        finished_fraction=finished / arrived if arrived else math.nan,
        stuck=stuck,
        activities=_activities(net, reps),
        pools=tuple(pools),
        bottleneck=bottleneck,
        warnings=tuple(warnings),
        per_replication=tuple(summaries),
        log=_log(net, reps) if keep_log else None,
    )


def _scalar_stat(values: list[float]) -> Stat:
    mean, low, high = mean_ci(values)
    return Stat(mean, (low, high))


def _activities(net: Net, reps: list[Replication]) -> tuple[ActivityStats, ...]:
    count = np.sum([r.stage_count for r in reps], axis=0)
    wait = np.sum([r.stage_wait for r in reps], axis=0)
    work = np.sum([r.stage_work for r in reps], axis=0)
    cost = np.sum([r.stage_cost for r in reps], axis=0)
    cases = max(1, sum(r.counted_cases for r in reps))
    delays = delay_stage_of(net)
    out = []
    for i, kind in enumerate(net.kind):
        if kind != TASK:
            continue
        origin = net.origin[i]
        n = float(count[i])
        own_wait = float(wait[delays[origin]]) if origin in delays else 0.0
        per = n if n else math.nan
        out.append(
            ActivityStats(
                id=origin,
                name=net.names.get(origin, origin),
                pool=net.pools[net.pool[i]].name,
                executions_per_case=n / cases,
                waiting_s=(own_wait + float(wait[i])) / per,
                queueing_s=float(wait[i]) / per,
                processing_s=float(work[i]) / per,
                cost_per_case=float(cost[i]) / cases,
            )
        )
    return tuple(out)


def _pools(net: Net, reps: list[Replication]) -> list[PoolStats]:
    out = []
    arrived = sum(r.summary.arrived for r in reps)
    for p, spec in enumerate(net.pools):
        values = [r.summary.utilisation[spec.name] for r in reps]
        mean, low, high = mean_ci(values) if len(values) >= 2 else (values[0], math.nan, math.nan)
        offered = [float(r.offered[p]) for r in reps]
        out.append(
            PoolStats(
                id=spec.id,
                name=spec.name,
                staff=spec.staff,
                utilisation=mean,
                utilisation_ci95=(low, high),
                offered_load=float(np.mean(offered)),
                busy_h_per_case=sum(float(r.pool_work[p]) for r in reps) / max(1, arrived) / 3600,
            )
        )
    return out


def _pool_warnings(pools: list[PoolStats]) -> list[str]:
    return [
        f"pool '{p.name}': offered load is {p.offered_load:.0%} of its capacity, so its queue "
        "is not stable (it grows with the run length; waiting times depend on --cases)"
        for p in pools
        if p.offered_load >= 1.0
    ]


def _stuck(net: Net, reps: list[Replication]) -> dict[str, int]:
    out: dict[str, int] = {}
    for rep in reps:
        for stage, n in rep.stuck.items():
            origin = net.origin[stage]
            label = f"'{net.names.get(origin, origin)}' ({origin})"
            out[label] = out.get(label, 0) + n
    return out


def _log(net: Net, reps: list[Replication]) -> EventLog:
    chunks = [(r, rows) for r, rep in enumerate(reps) for rows in rep.log_rows]
    rows = np.concatenate([c for _, c in chunks]) if chunks else np.zeros((0, 5))
    replication = np.concatenate(
        [np.full(len(c), r, dtype=np.int64) for r, c in chunks] or [np.zeros(0, dtype=np.int64)]
    )
    stages = rows[:, 1].astype(np.int64)
    names = [net.names.get(o, o) for o in net.origin]
    pools = [net.pools[p].name if p >= 0 else "" for p in net.pool]
    order = np.lexsort((rows[:, 3], rows[:, 0], replication))
    return EventLog(
        replication=replication[order],
        case=rows[order, 0].astype(np.int64),
        activity=tuple(names[s] for s in stages[order]),
        resource=tuple(pools[s] for s in stages[order]),
        enabled=rows[order, 2],
        start=rows[order, 3],
        end=rows[order, 4],
    )
