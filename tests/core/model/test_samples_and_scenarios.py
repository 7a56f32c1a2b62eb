"""The sample fixtures match PRODUCT.md §4, and scenarios apply as overrides of their base."""

from __future__ import annotations

import pytest

from bpo_desktop.core.model import (
    AnnotationKind,
    LaneKind,
    NodeKind,
    Process,
    Scenario,
    ScenarioError,
    Strategy,
    VAClass,
    Workspace,
    apply_scenario,
    effective_process,
)
from bpo_desktop.core.samples import CONTRACTS, ONBOARDING, ONBOARDING_REWORK, sample_workspace
from bpo_desktop.core.samples.generated import generated_workspace


@pytest.fixture
def ws() -> Workspace:
    return sample_workspace()


@pytest.fixture
def onboarding(ws: Workspace) -> Process:
    return ws.process_by_name(ONBOARDING)


def _lane_of(process: Process, step: str) -> str:
    node = process.node_by_name(step)
    assert node.lane_id is not None
    return process.elements[node.lane_id].name  # type: ignore[union-attr]


def test_onboarding_matches_fx_onb(ws: Workspace, onboarding: Process) -> None:
    rates = {lane.name: lane.hourly_rate for lane in onboarding.lanes()}
    assert rates == {"Sales": 60, "Customer Service": 40, "Finance": 50, "Marketing": 45}
    expected = {  # name: (lane, touch, wait, system, VA class)
        "Enter customer + contract in CRM": ("Sales", 20, 0, "CRM", VAClass.NNVA),
        "Email CS, Finance, Marketing": ("Sales", 10, 480, "Email", VAClass.NVA),
        "Assign account rep": ("Customer Service", 15, 960, "CRM", VAClass.VA),
        "Collect payment": ("Finance", 45, 1440, "ERP", VAClass.NNVA),
        "Send welcome kit": ("Marketing", 20, 1920, "Paper", VAClass.VA),
    }
    tasks = [n for n in onboarding.nodes() if n.kind is NodeKind.TASK]
    assert len(tasks) == 5
    for task in tasks:
        lane, touch, wait, system, va = expected[task.name]
        assert task.system_id is not None
        actual = (
            _lane_of(onboarding, task.name),
            task.touch_min,
            task.wait_min,
            ws.systems[task.system_id].name,
            task.va_class,
        )
        assert actual == (lane, touch, wait, system, va)


def test_onboarding_flows_split_into_three_parallel_steps(onboarding: Process) -> None:
    names = {n.id: n.name or str(n.kind) for n in onboarding.nodes()}
    edges = {(names[f.source], names[f.target]) for f in onboarding.flows()}
    assert ("Email CS, Finance, Marketing", "parallel_gateway") in edges
    for step in ("Assign account rep", "Collect payment", "Send welcome kit"):
        assert ("parallel_gateway", step) in edges
        assert (step, "parallel_gateway") in edges
    assert ("parallel_gateway", "Customer onboarded") in edges
    # every node and flow is laid out
    assert all(e in onboarding.layout for e in onboarding.elements)


def test_automate_s2_scenario_moves_s2_to_a_workflow_lane(onboarding: Process) -> None:
    to_be = effective_process(onboarding, "Automate S2")
    s2 = to_be.node_by_name("Notify CS, Finance, Marketing (workflow)")
    assert (s2.touch_min, s2.wait_min) == (0, 0)
    assert to_be.lane_by_name("Workflow").kind is LaneKind.SYSTEM
    assert s2.lane_id == to_be.lane_by_name("Workflow").id
    # the base is untouched and the scenario result carries no scenarios of its own
    assert onboarding.node_by_name("Email CS, Finance, Marketing").touch_min == 10
    assert to_be.scenarios == {}
    assert effective_process(onboarding, None) is onboarding


def test_removing_a_node_drops_its_flows(onboarding: Process) -> None:
    s2 = onboarding.node_by_name("Email CS, Finance, Marketing")
    result = apply_scenario(
        onboarding, Scenario("Scenario_x", "Drop S2", removed=frozenset({s2.id}))
    )
    assert s2.id not in result.elements
    assert not [f for f in result.flows(kind=None) if s2.id in (f.source, f.target)]
    assert len(list(result.flows())) == len(list(onboarding.flows())) - 2


def test_broken_scenarios_say_what_is_wrong(onboarding: Process) -> None:
    stale = Scenario("Scenario_s", "Stale", overrides={"Activity_gone": {"touch_min": 1}})
    with pytest.raises(ScenarioError, match="Activity_gone, which is not in the process"):
        apply_scenario(onboarding, stale)
    s1 = onboarding.node_by_name("Enter customer + contract in CRM")
    wrong = Scenario("Scenario_w", "Wrong", overrides={s1.id: {"touch_min": "lots"}})
    with pytest.raises(ScenarioError, match="touch_min: expected a number"):
        apply_scenario(onboarding, wrong)
    with pytest.raises(ScenarioError, match="scenarios: 'Automate S2'"):
        effective_process(onboarding, "Automate S9")


def test_rework_loop_has_80_20_branches(ws: Workspace) -> None:
    process = ws.process_by_name(ONBOARDING_REWORK)
    check = process.node_by_name("Payment received?")
    out = {f.name: f.probability for f in process.flows() if f.source == check.id}
    assert out == {"yes": 0.8, "no": 0.2}
    back = next(f for f in process.flows() if f.source == check.id and f.name == "no")
    merge_to_s4 = next(f for f in process.flows() if f.source == back.target)
    assert process.elements[merge_to_s4.target].name == "Collect payment"  # type: ignore[union-attr]


def test_contracts_planning_sheet_matches_fx_con(ws: Workspace) -> None:
    process = ws.process_by_name(CONTRACTS)
    by_ref = {a.ref: a for a in process.annotations.values()}
    kinds = [a.kind for a in process.annotations.values()]
    for kind in ("goal", "constraint", "strength", "weakness"):
        assert kinds.count(AnnotationKind(kind)) == 2
    assert by_ref["St2"].strategy is Strategy.PRESERVE
    assert by_ref["W2"].strategy is Strategy.ELIMINATE
    assert by_ref["W2"].strategy_text == "MDM + automate spreadsheet consolidation"
    spreadsheet_step = process.node_by_name("Consolidate contracts in spreadsheet")
    assert by_ref["W2"].targets == (spreadsheet_step.id,)
    validate = process.node_by_name("Validate contract data")
    assert by_ref["St2"].targets == (validate.id,)
    assert ws.systems[spreadsheet_step.system_id or ""].name == "Spreadsheet"
    data = process.data_objects()
    assert [d.name for d in data] == ["Contract"]
    writes = [f for f in process.flows(kind=None) if f.target == data[0].id]
    assert [f.source for f in writes] == [spreadsheet_step.id]


def test_sample_is_deterministic() -> None:
    assert sample_workspace() == sample_workspace()


@pytest.mark.parametrize("size", [1000, 5000])
def test_generated_process_has_about_the_requested_size(size: int) -> None:
    process = next(iter(generated_workspace(size).processes.values()))
    assert abs(len(process.elements) - size) <= 2
    assert all(e in process.layout for e in process.elements)
