"""Turn execution rows into KPIs with numpy: per case, per activity, per pool, per replication.

Rows arrive from the engine in chunks `(case, stage, enabled, start, end)`; `Accumulator.add`
folds each chunk into per-case and per-stage sums (bincount), so memory stays O(cases + stages)
unless an event log is asked for. `Accumulator.finish` gives one replication's figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from bpo_desktop.core.simulation.engine import RunOutcome
from bpo_desktop.core.simulation.net import DELAY, TASK, Net
from bpo_desktop.core.simulation.results import ReplicationSummary

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass
class Replication:
    """Everything one replication contributes to the final result."""

    summary: ReplicationSummary
    cycle: FloatArray  # per finished case after the warm-up, in arrival order
    waiting: FloatArray
    processing: FloatArray
    cost: FloatArray
    stage_count: FloatArray
    stage_wait: FloatArray
    stage_work: FloatArray
    stage_cost: FloatArray
    counted_cases: int
    pool_work: FloatArray
    offered: FloatArray
    stuck: dict[int, int]
    events: int
    log_rows: list[FloatArray] = field(default_factory=list)


class Accumulator:
    """Folds row chunks of one replication; `add` is the engine's sink."""

    def __init__(self, net: Net, arrivals: list[float], warmup: float, keep_log: bool) -> None:
        self.net = net
        self.arrivals = np.array(arrivals, dtype=np.float64)
        self.counted = self.arrivals >= warmup
        n, s = len(arrivals), net.size
        self.case_wait = np.zeros(n)
        self.case_work = np.zeros(n)
        self.case_cost = np.zeros(n)
        self.stage_count = np.zeros(s)
        self.stage_wait = np.zeros(s)
        self.stage_work = np.zeros(s)
        self.stage_cost = np.zeros(s)
        self.pool_work = np.zeros(len(net.pools))
        self.fee_cases = {
            p: np.zeros(n, dtype=bool) for p, spec in enumerate(net.pools) if spec.fee_per_case
        }
        self.is_task = np.array([k == TASK for k in net.kind], dtype=bool)
        self.stage_pool = np.array(net.pool, dtype=np.int64)
        rates = [net.pools[p].rate_per_s if p >= 0 else 0.0 for p in net.pool]
        self.stage_rate = np.array(rates, dtype=np.float64)
        self.stage_fixed = np.array(net.fixed_cost, dtype=np.float64)
        self.keep_log = keep_log
        self.log_rows: list[FloatArray] = []

    def add(self, rows: FloatArray) -> None:
        case = rows[:, 0].astype(np.int64)
        stage = rows[:, 1].astype(np.int64)
        enabled, start, end = rows[:, 2], rows[:, 3], rows[:, 4]
        task = self.is_task[stage]
        work = np.where(task, end - start, 0.0)
        for p, spec in enumerate(self.net.pools):
            if spec.calendar is not None:
                on = task & (self.stage_pool[stage] == p)
                if on.any():
                    cal = spec.calendar
                    work[on] = cal.work_at_array(end[on]) - cal.work_at_array(start[on])
        wait = start - enabled
        cost = np.where(task, work * self.stage_rate[stage] + self.stage_fixed[stage], 0.0)
        n, s = len(self.arrivals), self.net.size
        self.case_wait += np.bincount(case, wait, n)
        self.case_work += np.bincount(case, work, n)
        self.case_cost += np.bincount(case, cost, n)
        counted = self.counted[case]
        self.stage_count += np.bincount(stage[counted], minlength=s)
        self.stage_wait += np.bincount(stage[counted], wait[counted], s)
        self.stage_work += np.bincount(stage[counted], work[counted], s)
        self.stage_cost += np.bincount(stage[counted], cost[counted], s)
        pools = self.stage_pool[stage]
        self.pool_work += np.bincount(pools[task], work[task], len(self.net.pools))
        for p, touched in self.fee_cases.items():
            touched[case[task & (pools == p)]] = True
        if self.keep_log:
            self.log_rows.append(rows[task])

    def finish(self, outcome: RunOutcome, warmup: float) -> Replication:
        net, arrivals = self.net, self.arrivals
        cost = self.case_cost.copy()
        for p, touched in self.fee_cases.items():
            cost[touched] += net.pools[p].fee_per_case
        done = ~np.isnan(outcome.finished)
        sel = self.counted & done
        cycle = outcome.finished[sel] - arrivals[sel]
        throughput, wip = _flow_rates(arrivals, outcome.finished, warmup, outcome.end_time)
        utilisation = _utilisation(net, self.pool_work, outcome.end_time)
        offered = _offered_load(net, self.pool_work, arrivals)
        summary = ReplicationSummary(
            cycle_time=_mean(cycle),
            waiting_time=_mean(self.case_wait[sel]),
            processing_time=_mean(self.case_work[sel]),
            cost_per_case=_mean(cost[sel]),
            throughput_per_h=throughput * 3600.0,
            wip=wip,
            finished=int(done.sum()),
            arrived=len(arrivals),
            utilisation={
                spec.name: float(u) for spec, u in zip(net.pools, utilisation, strict=True)
            },
        )
        return Replication(
            summary, cycle, self.case_wait[sel], self.case_work[sel], cost[sel],
            self.stage_count, self.stage_wait, self.stage_work, self.stage_cost,
            int(self.counted.sum()), self.pool_work, offered, outcome.stuck, outcome.events,
            self.log_rows,
        )  # fmt: skip


def _mean(values: FloatArray) -> float:
    return float(values.mean()) if values.size else math.nan


def _flow_rates(
    arrivals: FloatArray, finished: FloatArray, warmup: float, end_time: float
) -> tuple[float, float]:
    """Throughput (cases/s) and time-average WIP over the steady window.

    The window runs from the warm-up (or the first arrival) to the last arrival, when arrivals
    still feed the system; if that is empty (one case, or all at once) it runs to the end.
    """
    if arrivals.size == 0:
        return math.nan, math.nan
    t0 = max(warmup, float(arrivals[0]))
    t1 = float(arrivals[-1])
    if t1 <= t0:
        t0, t1 = float(arrivals[0]), end_time
    if t1 <= t0:
        return math.nan, math.nan
    leave = np.where(np.isnan(finished), end_time, finished)
    departures = np.count_nonzero((finished >= t0) & (finished <= t1))
    inside = np.clip(np.minimum(leave, t1) - np.maximum(arrivals, t0), 0.0, None)
    span = t1 - t0
    return float(departures) / span, float(inside.sum()) / span


def _utilisation(net: Net, pool_work: FloatArray, end_time: float) -> FloatArray:
    out = np.full(len(net.pools), math.nan)
    for p, spec in enumerate(net.pools):
        if spec.staff is None or end_time <= 0:
            continue
        if spec.calendar is None:
            available = end_time
        else:
            available = float(spec.calendar.work_at_array(np.array([end_time]))[0])
        if available > 0:
            out[p] = pool_work[p] / (spec.staff * available)
    return out


def _offered_load(net: Net, pool_work: FloatArray, arrivals: FloatArray) -> FloatArray:
    """Work the arrivals bring per unit of the pool's working time, over staff (PRODUCT.md §3
    implied utilization): above 1 the queue cannot be stable."""
    out = np.full(len(net.pools), math.nan)
    if arrivals.size < 2 or arrivals[-1] <= arrivals[0]:
        return out
    span = np.array([arrivals[0], arrivals[-1]])
    for p, spec in enumerate(net.pools):
        if spec.staff is None:
            continue
        on = span if spec.calendar is None else spec.calendar.work_at_array(span)
        available = float(on[1] - on[0])
        if available > 0:
            per_case = pool_work[p] / arrivals.size
            out[p] = per_case * (arrivals.size - 1) / (spec.staff * available)
    return out


def delay_stage_of(net: Net) -> dict[str, int]:
    """Task id -> the stage of its own wait (delay), for tasks that have one."""
    return {net.origin[i]: i for i, k in enumerate(net.kind) if k == DELAY}
