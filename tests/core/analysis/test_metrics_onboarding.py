"""FX-ONB (PRODUCT.md §4) and the feature tests built on it: N4-N7, N13, M1, M3, M8."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.analysis import AnalysisOptions, ProcessMetrics, analyze
from bpo_desktop.core.model import LaneKind, Process, Workspace, effective_process

if TYPE_CHECKING:
    from conftest import Edit

S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"
S3 = "Assign account rep"
S4 = "Collect payment"
S5 = "Send welcome kit"


def run(ws: Workspace, process: Process, demand: float | None = 12) -> ProcessMetrics:
    return analyze(process, ws.systems, AnalysisOptions(demand_per_day=demand))


@pytest.fixture
def m(ws: Workspace, onboarding: Process) -> ProcessMetrics:
    return run(ws, onboarding)


def test_lead_touch_wait_and_pce(m: ProcessMetrics) -> None:
    assert round(m.lead_time_h, 2) == 40.83
    assert m.lead_time_min == pytest.approx(20 + 490 + 1940)  # 0.333 + 8.167 + 32.333 h
    assert m.touch_time_min == pytest.approx(110)
    assert m.wait_time_h == pytest.approx(80)
    assert m.va_touch_min == pytest.approx(35)  # S3 + S5
    assert round(m.pce * 100, 2) == 1.43
    assert m.touch_by_value == pytest.approx({"VA": 35, "NNVA": 65, "NVA": 10, "unclassified": 0})


def test_critical_path_by_step_names(m: ProcessMetrics) -> None:
    assert m.critical_path_names == [S1, S2, S5]


def test_three_email_handoffs_from_sales(m: ProcessMetrics) -> None:
    pairs = [(h.from_lane, h.to_lane, h.medium) for h in m.handoffs]
    assert pairs == [
        ("Sales", "Customer Service", "Email"),
        ("Sales", "Finance", "Email"),
        ("Sales", "Marketing", "Email"),
    ]
    assert m.handoff_count == 3
    assert m.email_handoffs == 3
    assert m.system_handoffs == 0
    assert m.handoffs_by_medium() == {"Email": 3}
    assert {h.from_step for h in m.handoffs} == {S2}


def test_off_system_steps_and_share(m: ProcessMetrics) -> None:
    assert [(s.name, s.system, s.touch_min) for s in m.off_system_steps] == [
        (S2, "Email", 10),
        (S5, "Paper", 20),
    ]
    assert m.off_system_touch_min == pytest.approx(30)
    assert round(m.off_system_share * 100, 1) == 27.3


def test_cost_per_case(m: ProcessMetrics) -> None:
    assert round(m.cost_per_case, 2) == 92.50
    by_step = {m.step(k).name: v for k, v in m.cost.by_step.items()}
    assert by_step == pytest.approx({S1: 20, S2: 10, S3: 10, S4: 37.5, S5: 15})
    assert m.cost.rework == 0
    assert m.cost.fees == 0
    assert dict(m.cost.by_lane) == pytest.approx(
        {"Sales": 30, "Customer Service": 10, "Finance": 37.5, "Marketing": 15}
    )


def test_capacity_takt_and_bottleneck_at_12_cases_a_day(m: ProcessMetrics) -> None:
    assert m.capacity is not None
    assert m.capacity.takt_min == pytest.approx(40)
    utilisation = {lane.lane: round(lane.utilisation * 100, 2) for lane in m.capacity.lanes}
    assert utilisation == {"Sales": 75, "Customer Service": 37.5, "Finance": 112.5, "Marketing": 50}
    assert m.capacity.bottleneck == "Finance"
    assert [m.step(s).name for s in m.capacity.over_takt_steps] == [S4]
    finance = next(lane for lane in m.capacity.lanes if lane.lane == "Finance")
    assert finance.work_min == 45
    assert finance.capacity_per_day == pytest.approx(480 / 45)


def test_no_capacity_without_demand(ws: Workspace, onboarding: Process) -> None:
    m = run(ws, onboarding, demand=None)
    assert m.capacity is None
    data = m.to_json()
    assert data["utilisation"] == {}
    assert data["bottleneck"] is None
    assert data["takt_min"] is None


def test_every_step_runs_once_and_no_rework(m: ProcessMetrics) -> None:
    assert m.expected_visits() == {S1: 1, S2: 1, S3: 1, S4: 1, S5: 1}
    assert m.rty == 1
    assert m.loops == ()
    assert m.warnings == ()


def test_one_variant_covers_the_and_block(m: ProcessMetrics) -> None:
    (variant,) = m.paths.variants
    assert variant.probability == 1
    assert round(variant.lead_min / 60, 2) == 40.83
    assert round(variant.cost, 2) == 92.50
    assert variant.completes
    assert m.paths.truncated == 0
    assert m.paths.exhaustive


def test_automate_s2_scenario(ws: Workspace, onboarding: Process) -> None:
    to_be = run(ws, effective_process(onboarding, "Automate S2"))
    assert round(to_be.lead_time_h, 2) == 32.67
    assert round(to_be.cost_per_case, 2) == 82.50
    assert to_be.email_handoffs == 0
    assert to_be.system_handoffs == 4
    assert [s.name for s in to_be.off_system_steps] == [S5]
    as_is = run(ws, onboarding)
    assert round((to_be.lead_time_h / as_is.lead_time_h - 1) * 100, 1) == -20.0


def test_automate_s2_and_s5(ws: Workspace, onboarding: Process, edit: type[Edit]) -> None:
    to_be = effective_process(onboarding, "Automate S2")
    to_be = edit.step(to_be, S5, name="Welcome email", touch_min=0.0, wait_min=0.0)
    m = run(ws, to_be)
    assert round(m.lead_time_h, 2) == 25.08
    assert round(m.cost_per_case, 2) == 67.50


def test_n5_shorter_s5_wait_moves_critical_path_to_s4(
    ws: Workspace, onboarding: Process, edit: type[Edit]
) -> None:
    m = run(ws, edit.step(onboarding, S5, wait_min=10 * 60.0))
    assert round(m.lead_time_h, 2) == 33.25
    assert m.critical_path_names == [S1, S2, S4]


def test_n7_second_finance_person_moves_bottleneck(
    ws: Workspace, onboarding: Process, edit: type[Edit]
) -> None:
    m = run(ws, edit.lane(onboarding, "Finance", staff=2.0))
    assert m.capacity is not None
    loads = {lane.lane: lane.utilisation for lane in m.capacity.lanes}
    assert round(loads["Finance"] * 100, 2) == 56.25
    assert m.capacity.bottleneck == "Sales"
    assert round(loads["Sales"] * 100, 2) == 75


def test_n6_finance_rate_60(ws: Workspace, onboarding: Process, edit: type[Edit]) -> None:
    m = run(ws, edit.lane(onboarding, "Finance", hourly_rate=60.0))
    assert round(m.cost_per_case, 2) == 100.00


def test_m1_s4_in_sales_drops_a_handoff(
    ws: Workspace, onboarding: Process, edit: type[Edit]
) -> None:
    sales = onboarding.lane_by_name("Sales")
    m = run(ws, edit.step(onboarding, S4, lane_id=sales.id))
    assert m.handoff_count == 2
    assert [h.to_lane for h in m.handoffs] == ["Customer Service", "Marketing"]


def test_n13_s5_on_crm_leaves_s2_off_system(
    ws: Workspace, onboarding: Process, edit: type[Edit]
) -> None:
    crm = ws.system_by_name("CRM")
    assert crm is not None
    m = run(ws, edit.step(onboarding, S5, system_id=crm.id))
    assert [s.name for s in m.off_system_steps] == [S2]
    assert round(m.off_system_share * 100, 1) == 9.1


def test_m8_outsourced_finance_lane(ws: Workspace, onboarding: Process, edit: type[Edit]) -> None:
    outsourced = edit.lane(onboarding, "Finance", kind=LaneKind.EXTERNAL, fee_per_case=15.0)
    m = run(ws, outsourced)
    assert round(m.cost_per_case, 2) == 70.00
    assert m.cost.fees == 15
    assert m.cost.by_lane["Finance"] == 15


def test_step_with_no_or_unknown_system_is_off_system(
    ws: Workspace, onboarding: Process, edit: type[Edit]
) -> None:
    process = edit.step(onboarding, S1, system_id=None)
    process = edit.step(process, S3, system_id="System_gone")
    m = run(ws, process)
    off = {s.name: s.system for s in m.off_system_steps}
    assert off == {S1: "none", S2: "Email", S3: "unknown (System_gone)", S5: "Paper"}
    assert round(m.off_system_share * 100, 1) == 59.1  # (20 + 10 + 15 + 20) / 110


def test_json_keys_and_values(m: ProcessMetrics) -> None:
    data = m.to_json()
    assert data["lead_time_h"] == 40.8333
    assert data["touch_time_min"] == 110
    assert data["wait_time_h"] == 80
    assert round(data["pce"] * 100, 2) == 1.43
    assert data["critical_path"] == [S1, S2, S5]
    assert [(h["from"], h["to"], h["medium"]) for h in data["handoffs"]] == [
        ("Sales", "Customer Service", "Email"),
        ("Sales", "Finance", "Email"),
        ("Sales", "Marketing", "Email"),
    ]
    assert data["off_system_steps"] == [S2, S5]
    assert round(data["off_system_share"] * 100, 1) == 27.3
    assert data["cost_per_case"] == 92.5
    assert data["utilisation"] == {
        "Sales": 0.75,
        "Customer Service": 0.375,
        "Finance": 1.125,
        "Marketing": 0.5,
    }
    assert data["bottleneck"] == "Finance"
    assert data["takt_min"] == 40
    assert data["expected_visits"] == {S1: 1, S2: 1, S3: 1, S4: 1, S5: 1}
    assert data["rty"] == 1
    assert data["over_takt_steps"] == [S4]


def test_analysis_leaves_the_process_untouched(ws: Workspace, onboarding: Process) -> None:
    before = onboarding.copy()
    run(ws, onboarding)
    assert onboarding == before


def test_bad_options_are_refused(ws: Workspace, onboarding: Process) -> None:
    with pytest.raises(ValueError, match="demand"):
        analyze(onboarding, ws.systems, AnalysisOptions(demand_per_day=0))
    with pytest.raises(ValueError, match="hours"):
        analyze(onboarding, ws.systems, AnalysisOptions(available_hours=0))
