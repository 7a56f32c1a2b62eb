"""The simulator against queueing theory: the 95 % CI of the mean must contain the closed form.

Each check uses independent replications (the CI is the t interval of replication means) and
also asserts the interval is narrow (half-width within a few per cent), so a pass means the
estimate is close, not that the interval is so wide it contains anything. Arrival streams start
empty; the runs are long (thousands of cases) relative to the relaxation time at these loads,
and a warm-up drops the first cases.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from bpo_desktop.core.model import NodeKind
from bpo_desktop.core.simulation import SimParams, exponential, fixed, simulate
from bpo_desktop.core.simulation.results import Stat


def check(stat: Stat, expected: float, max_rel_half_width: float) -> None:
    low, high = stat.ci95
    assert low <= expected <= high, f"{expected:g} not in [{low:g}, {high:g}] (mean {stat.mean:g})"
    assert (high - low) / 2 <= max_rel_half_width * expected, f"CI too wide: [{low:g}, {high:g}]"


def with_warmup(params: SimParams, seconds: float) -> SimParams:
    return replace(params, warmup_s=seconds)


def test_mm1_mean_time_in_system(models: Any) -> None:
    lam, mu = 1 / 60, 1 / 30  # rho = 0.5
    m = models.stations([(1, exponential(1 / mu))], exponential(1 / lam))
    result = simulate(m.process, with_warmup(m.params, 3600), 11, cases=4000, replications=12)
    check(result.cycle_time, 1 / (mu - lam), 0.04)  # W = 60 s
    assert result.pools[0].utilisation == pytest.approx(lam / mu, abs=0.02)


def test_mmc_erlang_c(models: Any) -> None:
    lam, mu, c = 1 / 15, 1 / 30, 3  # a = 2, rho = 2/3
    m = models.stations([(c, exponential(1 / mu))], exponential(1 / lam))
    result = simulate(m.process, with_warmup(m.params, 7200), 12, cases=20000, replications=10)
    check(result.cycle_time, models.erlang_c_wait(c, lam, mu), 0.04)


def test_tandem_of_mmc_stations_adds_up(models: Any) -> None:
    """Jackson: with Poisson arrivals each M/M/c station behaves independently."""
    lam = 1 / 20
    stations = [(1, 12.0), (2, 30.0), (3, 45.0)]  # (servers, mean service s)
    m = models.stations([(c, exponential(s)) for c, s in stations], exponential(1 / lam))
    expected = sum(models.erlang_c_wait(c, lam, 1 / s) for c, s in stations)
    result = simulate(m.process, with_warmup(m.params, 7200), 13, cases=5000, replications=12)
    check(result.cycle_time, expected, 0.04)


def test_xor_split_by_probability(models: Any) -> None:
    m = models.split(
        NodeKind.EXCLUSIVE_GATEWAY, [(0.3, exponential(100.0)), (0.7, exponential(20.0))]
    )
    result = simulate(m.process, m.params, 14, cases=4000, replications=10)
    check(result.cycle_time, 0.3 * 100 + 0.7 * 20, 0.04)  # 44 s
    share = {a.name: a.executions_per_case for a in result.activities}
    se = math.sqrt(0.3 * 0.7 / 40000)
    assert share["A"] == pytest.approx(0.3, abs=4 * se)
    assert share["A"] + share["B"] == pytest.approx(1.0)


def test_and_split_join_waits_for_both(models: Any) -> None:
    """E[max] of independent exponentials with means 10 and 20: 10 + 20 - 1/(1/10 + 1/20)."""
    m = models.split(
        NodeKind.PARALLEL_GATEWAY, [(None, exponential(10.0)), (None, exponential(20.0))]
    )
    result = simulate(m.process, m.params, 15, cases=4000, replications=10)
    check(result.cycle_time, 10 + 20 - 1 / (1 / 10 + 1 / 20), 0.04)
    assert result.finished_fraction == 1.0
    assert {a.name: a.executions_per_case for a in result.activities} == {"A": 1.0, "B": 1.0}


def test_or_split_join_waits_only_for_emitted_tokens(models: Any) -> None:
    """Each branch fires with p = 0.5, at least one always (then by normalized probability).

    Outcomes: both 1/4 (20 s), A only 1/4 + 1/8 (10 s), B only 1/4 + 1/8 (20 s): E = 16.25 s.
    If the join waited for both branches, single-branch cases would never finish.
    """
    m = models.split(NodeKind.INCLUSIVE_GATEWAY, [(0.5, fixed(10.0)), (0.5, fixed(20.0))])
    result = simulate(m.process, m.params, 16, cases=4000, replications=10)
    assert result.finished_fraction == 1.0
    assert not result.stuck
    check(result.cycle_time, 16.25, 0.02)
    runs = {a.name: a.executions_per_case for a in result.activities}
    assert runs["A"] == pytest.approx(0.625, abs=0.01)  # 1/2 + 1/8
    assert runs["B"] == pytest.approx(0.625, abs=0.01)


def test_rework_loop_expected_visits(models: Any) -> None:
    """A loop taken back with p = 0.2: visits 1 / (1 - p) = 1.25, lead time 1.25 x 30 s."""
    m = models.loop(0.2, exponential(30.0))
    result = simulate(m.process, m.params, 17, cases=4000, replications=10)
    visits = result.activities[0].executions_per_case
    assert visits == pytest.approx(1.25, abs=4 * math.sqrt(0.2 / 0.8**2 / 40000))
    check(result.cycle_time, 1.25 * 30.0, 0.04)


def test_littles_law_holds(models: Any) -> None:
    """PRODUCT.md S2 test 4: average WIP within 5 % of throughput x average lead time."""
    lam, mu, c = 1 / 12, 1 / 30, 3
    m = models.stations([(c, exponential(1 / mu))], exponential(1 / lam))
    result = simulate(m.process, m.params, 18, cases=20000)
    assert result.wip == pytest.approx(result.little_wip, rel=0.05)
    assert result.throughput_per_h.mean == pytest.approx(lam * 3600, rel=0.05)


def test_shared_pools_seq10_product_form(models: Any) -> None:
    """The sim-bench seq10 shape: ten tasks on three shared FIFO pools (A: 3 people, B and C: 2),
    exponential 30 s everywhere, Poisson arrivals every 60 s. FIFO stations with one exponential
    rate for all classes have a product form (BCMP), so each visit to pool P costs its M/M/c
    sojourn at the pool's total load: 4 W_A + 3 W_B + 3 W_C = 584.8 s."""
    lam, mu = 1 / 60, 1 / 30
    m = models.stations([(3, exponential(30.0))] * 10, exponential(60.0), tag="bcmp")
    pools = list(m.params.pools)
    params = m.params
    tasks = {tid: replace(t, pool=pools["ABC".index("ABC"[i % 3])])
             for i, (tid, t) in enumerate(m.params.tasks.items())}  # fmt: skip
    params = replace(params, tasks=tasks).with_pool(pools[1], staff=2).with_pool(pools[2], staff=2)
    w_a = models.erlang_c_wait(3, 4 * lam, mu)
    w_bc = models.erlang_c_wait(2, 3 * lam, mu)
    expected = 4 * w_a + 6 * w_bc
    assert expected == pytest.approx(584.8, abs=0.1)
    result = simulate(m.process, with_warmup(params, 36000), 19, cases=20000, replications=10)
    check(result.cycle_time, expected, 0.04)
    utilisation = [result.pools[i].utilisation for i in range(3)]
    assert utilisation == pytest.approx([2 / 3, 0.75, 0.75], abs=0.01)


@pytest.mark.slow
def test_confidence_intervals_cover_the_truth_about_95_percent(models: Any) -> None:
    """The CI procedure itself: over 100 seeds, the M/M/1 interval holds W in 88-100 % of runs
    (95 % expected; the binomial sd over 100 runs is 2.2 points)."""
    lam, mu = 1 / 60, 1 / 30
    m = models.stations([(1, exponential(1 / mu))], exponential(1 / lam))
    params = with_warmup(m.params, 3600)
    covered = sum(
        simulate(m.process, params, seed, cases=3000, replications=8).cycle_time.contains(60.0)
        for seed in range(100)
    )
    assert covered >= 88
