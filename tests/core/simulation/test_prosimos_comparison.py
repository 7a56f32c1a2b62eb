"""Our engine against Prosimos 2.1 (the peer simulator) on the shared seq10 benchmark.

Both simulators read ../shared/sim-bench/seq10.bpmn and seq10_3pools.json: Prosimos with
its own parser, we through `core.interchange.bpmn.import_bpmn` and `read_prosimos_params`.

Design: both run replications of 1,000 cases from an empty system (no warm-up), so both
estimate the same quantity, E[mean cycle time of the first 1,000 cases], which is a little
below the steady-state 585 s. Prosimos is slow (≈ 0.7 s per 1,000 cases), so it gets 10
replications and a 95 % t interval of about ±7 % on the cycle time (±1 % on the processing time,
which depends only on the durations); we run 200 replications, so our mean is a near-exact
reference (±1.3 %). The test asserts that our mean lies inside Prosimos's 95 % CI and, as the
symmetric check, that the 95 % Welch interval of the difference contains 0. A difference beyond
the interval (a different queue discipline, a mis-mapped distribution) fails it.
Prosimos has no seed argument: Python's `random` and numpy's global RNG are seeded per run.
"""

from __future__ import annotations

import importlib
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest
from support.corpus import SIM_BENCH, sim_bench

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation import (
    WeeklyCalendar,
    exponential,
    fixed,
    gamma,
    lognormal,
    normal,
    simulate,
    uniform,
)
from bpo_desktop.core.simulation.net import END, TASK, compile_net
from bpo_desktop.core.simulation.prosimos_params import read_prosimos_params, write_prosimos_params
from bpo_desktop.core.simulation.stats import mean_ci, t_quantile

BENCH = SIM_BENCH
BPMN, PARAMS = BENCH / "seq10.bpmn", BENCH / "seq10_3pools.json"
CASES, PROSIMOS_REPS, OUR_REPS = 1000, 10, 200


@pytest.fixture(autouse=True)
def _needs_sim_bench() -> None:
    sim_bench()  # skips here, fails under CI, when the shared sim-bench is missing


def seq10_process() -> Process:
    imported = import_bpmn(BPMN.read_bytes(), source=str(BPMN))
    assert imported.warnings == []
    (process,) = imported.processes
    return process


def prosimos_means() -> dict[str, list[float]]:
    """Per replication: Prosimos's mean cycle, waiting and processing time per case."""
    engine = importlib.import_module("prosimos.simulation_engine")  # locked dev dependency
    means: dict[str, list[float]] = {"cycle": [], "waiting": [], "processing": []}
    for seed in range(PROSIMOS_REPS):
        random.seed(seed)
        np.random.seed(seed)
        kpis, _ = engine.run_simulation(
            str(BPMN), str(PARAMS), CASES, None, None, "2024-01-01T00:00:00.000000+00:00"
        )
        means["cycle"].append(float(kpis[0].cycle_time.avg))
        means["waiting"].append(float(kpis[0].waiting_time.avg))
        means["processing"].append(float(kpis[0].processing_time.avg))
    return means


def welch_difference(a: list[float], b: list[float]) -> tuple[float, float]:
    """95 % Welch interval of mean(a) - mean(b)."""
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = t_quantile(0.975, df) * math.sqrt(va + vb)
    diff = float(np.mean(a) - np.mean(b))
    return diff - half, diff + half


def test_mean_cycle_waiting_and_processing_time_agree_with_prosimos() -> None:
    params = read_prosimos_params(PARAMS.read_bytes()).params
    ours = simulate(seq10_process(), params, 2024, cases=CASES, replications=OUR_REPS)
    mine = {
        "cycle": [r.cycle_time for r in ours.per_replication],
        "waiting": [r.waiting_time for r in ours.per_replication],
        "processing": [r.processing_time for r in ours.per_replication],
    }
    theirs = prosimos_means()
    for name in ("cycle", "waiting", "processing"):
        mean, low, high = mean_ci(theirs[name])
        our_mean = float(np.mean(mine[name]))
        assert low <= our_mean <= high, (
            f"{name}: ours {our_mean:.1f} s, Prosimos {mean:.1f} s [{low:.1f}, {high:.1f}]"
        )
        d_low, d_high = welch_difference(mine[name], theirs[name])
        assert d_low <= 0 <= d_high, f"{name}: difference CI [{d_low:.1f}, {d_high:.1f}]"
    _, low, high = mean_ci(theirs["cycle"])
    assert (high - low) / 2 < 0.1 * 585  # informative: about +-7 % with 10 x 1,000 cases
    _, low, high = mean_ci(theirs["processing"])
    assert (high - low) / 2 < 0.02 * 300  # durations: a tight check of the distribution mapping


def test_imported_seq10_compiles_to_ten_tasks_on_three_pools() -> None:
    """The premise of the comparison: the same ten tasks in sequence, on the JSON's pools."""
    params = read_prosimos_params(PARAMS.read_bytes()).params
    net = compile_net(seq10_process(), params)
    order, stage = [], net.first
    while net.kind[stage] == TASK:
        order.append((net.origin[stage], net.pools[net.pool[stage]].name))
        stage = net.nxt[stage]
    assert order == [(f"T{i}", f"Pool {'ABC'[i % 3]}") for i in range(10)]
    assert net.kind[stage] == END


def test_prosimos_runs_the_parameters_we_write(tmp_path: Path) -> None:
    """Export stays within what Prosimos 2.1 accepts: every distribution kind it runs, a working
    calendar, and it reproduces the work content (300 s of processing per case)."""
    engine = importlib.import_module("prosimos.simulation_engine")  # locked dev dependency
    process = seq10_process()
    params = read_prosimos_params(PARAMS.read_bytes()).params
    kinds = [fixed(30.0), uniform(10.0, 50.0), normal(30.0, 10.0), lognormal(30.0, 10.0),
             gamma(30.0, 10.0), exponential(30.0)]  # fmt: skip
    for i in range(10):
        params = params.with_task(f"T{i}", duration=kinds[i % len(kinds)])
    office = WeeklyCalendar.days(range(5), 8 * 3600.0, 18 * 3600.0, "office")
    params = params.with_pool("pool_B", calendar=office)
    data, notes = write_prosimos_params(process, params)
    assert notes == []
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(data))
    assert read_prosimos_params(path.read_bytes()).params.pools == params.pools
    random.seed(5)
    np.random.seed(5)
    kpis, _ = engine.run_simulation(
        str(BPMN), str(path), 300, None, None, "2024-01-01T00:00:00.000000+00:00"
    )
    assert kpis[0].cycle_time.count == 300
    assert kpis[0].processing_time.avg == pytest.approx(300.0, rel=0.05)
    ours = simulate(process, params, 5, cases=300)
    assert ours.processing_time.mean == pytest.approx(300.0, rel=0.05)
