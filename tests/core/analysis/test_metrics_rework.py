"""FX-RW (PRODUCT.md §4): the rework loop after "Collect payment" (N3, N6, N9)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bpo_desktop.core.analysis import AnalysisOptions, PathLimits, ProcessMetrics, analyze, lint
from bpo_desktop.core.analysis.graph import ControlFlow
from bpo_desktop.core.analysis.metrics import flow_figures
from bpo_desktop.core.model import Flow, Process, Workspace

S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"
S3 = "Assign account rep"
S4 = "Collect payment"
S5 = "Send welcome kit"
CHECK = "Payment received?"


@pytest.fixture
def m(ws: Workspace, rework: Process) -> ProcessMetrics:
    return analyze(rework, ws.systems)


def _back_edge(process: Process) -> Flow:
    return next(f for f in process.flows() if f.name == "no")


def _set_branches(process: Process, *, no: float, yes: float) -> Process:
    copy = process.copy()
    for flow in list(copy.flows()):
        if flow.name in ("yes", "no"):
            copy.elements[flow.id] = replace(flow, probability=no if flow.name == "no" else yes)
    return copy


def test_s4_visits_fpy_and_rty(m: ProcessMetrics) -> None:
    s4 = m.step_named(S4)
    assert s4.visits == pytest.approx(1.25)
    assert round(s4.fpy * 100, 1) == 80.0
    assert round(m.rty * 100, 1) == 80.0
    assert round(m.rework_rate * 100, 1) == 20.0
    others = [s for s in m.steps if s.name != S4]
    assert all(s.visits == 1 and s.fpy == 1 for s in others)


def test_cost_with_rework(m: ProcessMetrics) -> None:
    assert round(m.cost_per_case, 2) == 101.88
    assert round(m.cost.rework, 2) == 9.38


def test_lead_time_unchanged_because_s4_branch_stays_shorter(
    ws: Workspace, rework: Process, m: ProcessMetrics
) -> None:
    assert round(m.lead_time_h, 2) == 40.83
    assert m.critical_path_names == [S1, S2, S5]
    cf = ControlFlow(rework)
    figures = flow_figures(cf)
    finish = figures.timing[None].finish
    split = next(n for n in cf.nodes if cf.routing(n).value == "parallel")
    check = rework.node_by_name(CHECK).id
    assert round((finish[check] - finish[split]) / 60, 2) == 30.94  # 1.25 x 24.75 h


def test_one_loop_listed(m: ProcessMetrics) -> None:
    (loop,) = m.loops
    assert loop.steps == (S4, CHECK)
    assert loop.visits == pytest.approx(1.25)
    assert loop.back_probability == pytest.approx(0.2)
    assert not loop.infinite
    assert m.to_json()["loops"] == [
        {"steps": [S4, CHECK], "visits": 1.25, "back_probability": 0.2, "infinite": False}
    ]


def test_n9_variants_with_loops_unrolled_twice(m: ProcessMetrics) -> None:
    paths = m.paths
    assert paths.loop_limit == 2
    assert [round(v.probability * 100, 1) for v in paths.variants] == [80.0, 16.0, 3.2]
    assert round(paths.truncated * 100, 1) == 0.8
    assert [v.steps.count(m.step_named(S4).id) for v in paths.variants] == [1, 2, 3]
    first, second, _third = paths.variants
    assert round(first.lead_min / 60, 2) == 40.83
    assert round(second.lead_min / 60, 2) == 58.0  # 8.5 h + 2 x 24.75 h beats S5's branch
    assert round(first.cost, 2) == 92.50
    assert round(second.cost, 2) == 130.00
    assert all(v.completes for v in paths.variants)


def test_loop_limit_zero_keeps_only_the_first_pass(ws: Workspace, rework: Process) -> None:
    options = AnalysisOptions(paths=PathLimits(loop_limit=0))
    paths = analyze(rework, ws.systems, options).paths
    assert [round(v.probability, 3) for v in paths.variants] == [0.8]
    assert round(paths.truncated, 3) == 0.2


def test_back_edge_probability_one_is_an_infinite_loop(ws: Workspace, rework: Process) -> None:
    broken = _set_branches(rework, no=1.0, yes=0.0)
    report = lint(broken, ws.systems)
    (finding,) = report.by_rule("infinite-loop")
    assert finding.severity == "error"
    assert finding.element_name == CHECK
    assert "infinite loop" in finding.message.lower()
    assert "100 %" in finding.message
    assert not report.sound
    m = analyze(broken, ws.systems)
    assert m.lead_time_h == float("inf")
    assert m.step_named(S4).visits == float("inf")
    assert m.loops[0].infinite
    assert any("infinite loop" in w for w in m.warnings)
    data = m.to_json()
    assert data["lead_time_h"] is None
    assert data["cost_per_case"] is None
    assert data["expected_visits"][S4] is None


def test_a_likelier_rework_raises_visits(ws: Workspace, rework: Process) -> None:
    m = analyze(_set_branches(rework, no=0.5, yes=0.5), ws.systems)
    assert m.step_named(S4).visits == pytest.approx(2.0)
    assert m.step_named(S4).fpy == pytest.approx(0.5)
    assert m.cost_per_case == pytest.approx(92.5 + 37.5)
    # 8.5 h + 2 x 24.75 h = 58 h now beats S5's branch (40.83 h)
    assert round(m.lead_time_h, 2) == 58.0
    assert m.critical_path_names == [S1, S2, S4]


def test_rework_fixture_is_sound(ws: Workspace, rework: Process) -> None:
    report = lint(rework, ws.systems)
    assert report.errors == 0
    assert report.warnings == 0
    assert report.sound
    assert "0 dead" in report.state_space
    assert _back_edge(rework).probability == 0.2
