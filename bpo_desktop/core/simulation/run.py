"""`simulate()`: validate, compile once, run the replications, aggregate.

A pure function of (process snapshot, parameters, seed): nothing is written back to the model,
and all randomness comes from numpy Generators seeded from `seed` (ARCHITECTURE rule 13).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation.aggregate import aggregate
from bpo_desktop.core.simulation.engine import Engine
from bpo_desktop.core.simulation.errors import InvalidModelError, SimulationError
from bpo_desktop.core.simulation.kpis import Accumulator, Replication
from bpo_desktop.core.simulation.net import Net, compile_net
from bpo_desktop.core.simulation.params import ArrivalParams, SimParams
from bpo_desktop.core.simulation.results import SimulationResult
from bpo_desktop.core.simulation.sampling import draw, generator
from bpo_desktop.core.simulation.validate import Severity, errors, validate

Progress = Callable[[float], None]


def simulate(
    process: Process,
    params: SimParams,
    seed: int,
    *,
    cases: int,
    replications: int = 1,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    keep_log: bool = False,
    cycle_times: Callable[[np.ndarray], None] | None = None,
) -> SimulationResult:
    """Simulate `cases` cases, `replications` times, and return the KPIs with 95 % CIs.

    Raises InvalidModelError (with every issue) when validation finds errors, SimulationError
    when a run cannot finish (the guards), SimulationCancelledError when `cancel()` returns True.
    `progress(fraction)` is called from the running thread every few thousand events.
    `cycle_times(array)` receives the per-case cycle times of all replications (for histograms).
    """
    if cases < 1 or replications < 1:
        raise SimulationError("cases and replications must be at least 1")
    started = time.perf_counter()
    issues = validate(process, params)
    if errors(issues):
        raise InvalidModelError(errors(issues))
    net = compile_net(process, params)
    reps: list[Replication] = [
        _replicate(
            net, params, seed, r, cases, keep_log, _scaled(progress, r, replications), cancel
        )
        for r in range(replications)
    ]
    if cycle_times is not None:
        cycle_times(np.concatenate([r.cycle for r in reps]))
    notes = [i.message for i in issues if i.severity is Severity.WARNING]
    return aggregate(
        net,
        reps,
        cases=cases,
        seed=seed,
        wall_s=time.perf_counter() - started,
        notes=notes,
        keep_log=keep_log,
    )


def _replicate(
    net: Net,
    params: SimParams,
    seed: int,
    replication: int,
    cases: int,
    keep_log: bool,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> Replication:
    arrivals = arrival_times(params.arrival, seed, replication, cases, params.horizon_s)
    accumulator = Accumulator(net, arrivals, params.warmup_s, keep_log)
    engine = Engine(
        net,
        arrivals,
        seed=seed,
        replication=replication,
        sink=accumulator.add,
        max_events=params.max_events,
        horizon=params.horizon_s,
        progress=progress,
        cancel=cancel,
    )
    outcome = engine.run()
    return accumulator.finish(outcome, params.warmup_s)


def arrival_times(
    arrival: ArrivalParams, seed: int, replication: int, cases: int, horizon: float | None
) -> list[float]:
    """Arrival instants: the first case at time 0 (or when the calendar opens), then gaps.

    With a calendar, gaps count working time of that calendar (BIMP's rule; Prosimos instead
    adds wall-clock gaps and moves an arrival that falls outside the calendar to its next
    opening; with a 24/7 calendar both agree).
    """
    rng = generator(seed, replication, "arrival")
    gaps = draw(arrival.interarrival, rng, max(cases - 1, 0))
    calendar = arrival.calendar
    if calendar is None or calendar.is_always:
        times = np.concatenate(([0.0], np.cumsum(gaps)))
    else:
        t = calendar.next_on(0.0)
        out = [t]
        for gap in gaps.tolist():
            t = calendar.finish(calendar.next_on(t), gap)
            out.append(t)
        times = np.array(out)
    if horizon is not None:
        times = times[times < horizon]
    result: list[float] = times.tolist()
    return result


def _scaled(progress: Progress | None, replication: int, total: int) -> Progress | None:
    if progress is None:
        return None
    report = progress

    def scaled(fraction: float) -> None:
        report((replication + fraction) / total)

    return scaled
