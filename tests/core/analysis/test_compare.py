"""N12: as-is vs to-be comparison and gap list (FX-ONB vs "Automate S2")."""

from __future__ import annotations

import pytest

from bpo_desktop.core.analysis import AnalysisOptions, Comparison, analyze, compare
from bpo_desktop.core.model import Process, Workspace, effective_process


@pytest.fixture
def comparison(ws: Workspace, onboarding: Process) -> Comparison:
    options = AnalysisOptions(demand_per_day=12)
    to_be = effective_process(onboarding, "Automate S2")
    return compare(
        analyze(onboarding, ws.systems, options),
        analyze(to_be, ws.systems, options, scenario="Automate S2"),
        before_process=onboarding,
        after_process=to_be,
        systems=ws.systems,
    )


def test_n12_lead_time_and_cost_deltas(comparison: Comparison) -> None:
    lead = comparison.row("lead_time_h")
    assert round(lead.delta, 2) == -8.17
    assert lead.delta_pct is not None
    assert round(lead.delta_pct, 1) == -20.0
    cost = comparison.row("cost_per_case")
    assert round(cost.delta, 2) == -10.00
    assert cost.delta_pct is not None
    assert round(cost.delta_pct, 1) == -10.8


def test_n12_handoffs_and_off_system(comparison: Comparison) -> None:
    email = comparison.row("email_handoffs")
    assert (email.before, email.after) == (3, 0)
    system = comparison.row("system_handoffs")
    assert (system.before, system.after) == (0, 4)
    assert system.delta_pct is None  # nothing to compare against
    off = comparison.row("off_system_steps")
    assert (off.before, off.after) == (2, 1)
    touch = comparison.row("touch_time_min")
    assert (touch.before, touch.after) == (110, 100)
    peak = comparison.row("bottleneck_utilisation")
    assert (peak.before, peak.after) == (1.125, 1.125)


def test_gap_list(comparison: Comparison) -> None:
    gaps = comparison.gaps
    assert gaps.changed_steps == ("Notify CS, Finance, Marketing (workflow)",)
    assert gaps.added_steps == gaps.removed_steps == ()
    assert gaps.added_lanes == ("Workflow",)
    assert gaps.added_systems == ("Workflow",)
    assert gaps.removed_systems == ("Email",)


def test_json(comparison: Comparison) -> None:
    data = comparison.to_json()
    assert (data["before"], data["after"]) == ("as-is", "Automate S2")
    lead = data["metrics"]["lead_time_h"]
    assert (round(lead["delta"], 2), lead["delta_pct"]) == (-8.17, -20.0)
    cost = data["metrics"]["cost_per_case"]
    assert (round(cost["delta"], 2), cost["delta_pct"]) == (-10.0, -10.81)
    assert data["gaps"]["added_lanes"] == ["Workflow"]


def test_without_processes_there_is_no_gap_list(ws: Workspace, onboarding: Process) -> None:
    m = analyze(onboarding, ws.systems)
    same = compare(m, m)
    assert all(row.delta == 0 for row in same.rows)
    assert same.gaps.to_json() == {name: [] for name in same.gaps.to_json()}
    assert "bottleneck_utilisation" not in [row.key for row in same.rows]
