"""The product brief's fixtures (PRODUCT.md §4, S2, S3) simulated from the model's own fields."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bpo_desktop.core.model import Process, effective_process
from bpo_desktop.core.samples import ONBOARDING, ONBOARDING_REWORK, sample_workspace
from bpo_desktop.core.simulation import (
    ArrivalParams,
    SimParams,
    WeeklyCalendar,
    fixed,
    params_from_process,
    simulate,
)

H = 3600.0


@pytest.fixture(scope="module")
def onboarding() -> Process:
    return sample_workspace().process_by_name(ONBOARDING)


def ample(params: SimParams) -> SimParams:
    """No resource contention: every pool unlimited."""
    return params.with_all_pools(staff=None)


def test_fx_onb_without_contention_matches_the_analytic_lead_time(onboarding: Process) -> None:
    """Deterministic durations, wait time as a delay, no queueing: exactly 40.83 h per case."""
    result = simulate(onboarding, ample(params_from_process(onboarding)), 1, cases=500)
    expected = (20 + 10 + 8 * 60 + max(15 + 16 * 60, 45 + 24 * 60, 20 + 32 * 60)) * 60.0
    assert expected / H == pytest.approx(40.83, abs=0.01)
    assert result.cycle_time.mean == pytest.approx(expected, abs=1e-6)
    assert result.cycle_time.p95 == pytest.approx(expected, abs=1e-6)
    assert result.cycle_time.max == pytest.approx(expected, abs=1e-6)
    assert result.cost_per_case.mean == pytest.approx(92.50, abs=1e-9)
    assert result.processing_time.mean == pytest.approx(110 * 60.0)
    assert result.finished_fraction == 1.0


def test_fx_onb_scenario_automate_s2(onboarding: Process) -> None:
    """PRODUCT.md S3: Automate S2 gives 32.67 h and 82.50 per case."""
    process = effective_process(onboarding, "Automate S2")
    result = simulate(process, ample(params_from_process(process)), 1, cases=200)
    assert result.cycle_time.mean / H == pytest.approx(32.67, abs=0.005)
    assert result.cost_per_case.mean == pytest.approx(82.50, abs=1e-9)


def test_fx_rw_simulated_lead_time_is_the_true_expected_max() -> None:
    """FX-RW: rework on S4 with p = 0.2; S4's visits are 1.25 and cost is 101.88 per case.

    PRODUCT §7: the analytic 40.83 h uses expected durations and understates E[max]. With K
    visits of S4 (geometric, P(K = k) = 0.8 x 0.2^(k-1)) the lead time is
    8.5 h + E[max(32.33 h, 24.75 h x K)] = 45.50 h, which the simulation must reproduce.
    """
    process = sample_workspace().process_by_name(ONBOARDING_REWORK)
    result = simulate(process, ample(params_from_process(process)), 3, cases=5000, replications=10)
    s4 = next(a for a in result.activities if a.name == "Collect payment")
    assert s4.executions_per_case == pytest.approx(1.25, abs=0.02)
    low, high = result.cost_per_case.ci95
    assert low <= 101.875 <= high
    branch_s5 = (20 + 32 * 60) / 60
    expected_max = sum(0.8 * 0.2 ** (k - 1) * max(branch_s5, 24.75 * k) for k in range(1, 60))
    expected = (8.5 + expected_max) * H
    assert expected / H == pytest.approx(45.50, abs=0.01)
    low, high = result.cycle_time.ci95
    assert low <= expected <= high
    assert (high - low) / 2 < 0.01 * expected


def office_week() -> WeeklyCalendar:
    return WeeklyCalendar.days(range(5), 9 * H, 17 * H, "office")


def test_s2_finance_utilisation_with_working_calendars(onboarding: Process) -> None:
    """PRODUCT S2 test 3: arrivals every 40 working minutes; Finance with 1 person is unstable,
    with 2 people it is busy 56 +- 3 % of its working time."""
    base = params_from_process(onboarding).with_all_pools(calendar=office_week())
    base = replace(base, arrival=ArrivalParams(fixed(40 * 60.0), office_week()))
    finance = base.pool_by_name("Finance")
    one = simulate(onboarding, base, 1, cases=1500)
    assert one.pools[2].name == "Finance"
    assert one.pools[2].offered_load == pytest.approx(1.125, abs=0.01)
    assert one.utilisation["Finance"] > 0.97
    assert any("Finance" in w and "not stable" in w for w in one.warnings)
    two = simulate(onboarding, base.with_pool(finance, staff=2), 1, cases=1500)
    assert two.utilisation["Finance"] == pytest.approx(0.5625, abs=0.03)
    assert not any("not stable" in w for w in two.warnings)
    assert two.utilisation["Sales"] == pytest.approx(0.75, abs=0.03)


def test_wait_time_is_a_delay_before_the_step_and_queueing_comes_on_top(
    onboarding: Process,
) -> None:
    """S4's own wait (24 h) is in its waiting time; with one Finance person there is more."""
    params = params_from_process(onboarding)
    result = simulate(onboarding, params, 2, cases=3000, replications=3)
    s4 = next(a for a in result.activities if a.name == "Collect payment")
    assert s4.waiting_s >= 24 * H
    assert s4.waiting_s == pytest.approx(24 * H + s4.queueing_s)
    assert s4.queueing_s > 0
    assert s4.processing_s == pytest.approx(45 * 60.0)
