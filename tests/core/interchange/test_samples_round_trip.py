"""(d) Our own processes survive export → import: every custom property, annotation, scenario.

PRODUCT.md E5: an FX-ONB round trip keeps node, flow and lane counts and every custom
property; A4: an annotation stays linked to its step. These need no corpus except for schema
validation (which skips, or fails under CI, without it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    DataObject,
    EdgeLayout,
    EventTrigger,
    Flow,
    FlowKind,
    Lane,
    LaneKind,
    Node,
    NodeKind,
    Point,
    Pool,
    Process,
    ShapeLayout,
    TaskType,
    TextAnnotation,
    VAClass,
    Workspace,
    new_workspace,
)
from bpo_desktop.core.samples import CONTRACTS, ONBOARDING, ONBOARDING_REWORK, sample_workspace

SAMPLES = (ONBOARDING, ONBOARDING_REWORK, CONTRACTS)


def same_content(a: Process, b: Process) -> None:
    """Everything but the verbatim records (which an import of our own export adds)."""
    assert (b.id, b.name, b.documentation, b.owner) == (a.id, a.name, a.documentation, a.owner)
    assert b.elements == a.elements
    assert b.layout == a.layout
    assert b.annotations == a.annotations
    assert b.scenarios == a.scenarios


def round_trip(process: Process, workspace: Workspace, into: Workspace) -> Process:
    result = import_bpmn(export_bpmn(process, workspace), source="export.bpmn", workspace=into)
    result.add_to(into)
    return result.processes[0]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_round_trip_keeps_everything(name: str) -> None:
    workspace = sample_workspace()
    process = workspace.process_by_name(name)
    target = new_workspace()
    again = round_trip(process, workspace, target)
    same_content(process, again)
    for node in again.nodes():  # systems arrive in the new workspace's catalogue, by name
        original = process.node(node.id).system_id
        if original is not None:
            assert node.system_id is not None
            assert target.systems[node.system_id].name == workspace.systems[original].name


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_export_validates(name: str, schema_errors: Callable[[bytes], list[str]]) -> None:
    workspace = sample_workspace()
    assert schema_errors(export_bpmn(workspace.process_by_name(name), workspace)) == []


def test_onboarding_custom_properties_spelled_out() -> None:
    """E5/A4 as the product brief states them, on FX-ONB and FX-RW."""
    workspace = sample_workspace()
    onboarding = round_trip(workspace.process_by_name(ONBOARDING), workspace, new_workspace())
    s4 = onboarding.node_by_name("Collect payment")
    assert (s4.touch_min, s4.wait_min, s4.va_class) == (45, 24 * 60, VAClass.NNVA)
    assert s4.task_type is TaskType.USER
    assert onboarding.elements[s4.lane_id or ""] == onboarding.lane_by_name("Finance")
    assert onboarding.lane_by_name("Sales").hourly_rate == 60
    assert [lane.name for lane in onboarding.lanes()] == [
        "Sales", "Customer Service", "Finance", "Marketing"
    ]  # fmt: skip
    s2 = onboarding.node_by_name("Email CS, Finance, Marketing")
    pain = next(a for a in onboarding.annotations.values() if a.ref == "P1")
    assert pain.kind is AnnotationKind.PAIN_POINT and pain.severity == 3
    assert pain.targets == (s2.id,)
    (scenario,) = onboarding.scenarios.values()
    assert scenario.name == "Automate S2"
    assert scenario.overrides[s2.id]["touch_min"] == 0.0
    rework = round_trip(workspace.process_by_name(ONBOARDING_REWORK), workspace, new_workspace())
    check = rework.node_by_name("Payment received?")
    shares = sorted(f.probability or 0 for f in rework.flows() if f.source == check.id)
    assert shares == [0.2, 0.8]


def test_contracts_keeps_data_and_planning_sheet() -> None:
    workspace = sample_workspace()
    contracts = workspace.process_by_name(CONTRACTS)
    again = round_trip(contracts, workspace, new_workspace())
    (data,) = again.data_objects()
    (association,) = again.flows(FlowKind.DATA_ASSOCIATION)
    assert data.name == "Contract"
    assert association.target == data.id
    refs = {a.ref: a for a in again.annotations.values()}
    assert set(refs) == {"G1", "G2", "K1", "K2", "St1", "St2", "W1", "W2"}
    assert refs["W2"].strategy_text == "MDM + automate spreadsheet consolidation"


def test_import_into_the_same_workspace_renames_ids_consistently() -> None:
    workspace = sample_workspace()
    process = workspace.process_by_name(ONBOARDING)
    result = import_bpmn(export_bpmn(process, workspace), source="x", workspace=workspace)
    copy = result.processes[0]
    assert not set(copy.elements) & set(process.elements)
    assert copy.id != process.id
    result.add_to(workspace)
    s2 = copy.node_by_name("Email CS, Finance, Marketing")
    assert next(a for a in copy.annotations.values() if a.ref == "P1").targets == (s2.id,)
    (scenario,) = copy.scenarios.values()
    assert set(scenario.overrides) == {s2.id}
    lane = scenario.overrides[s2.id]["lane_id"]
    assert lane in {e.id for e in scenario.added}
    assert s2.system_id == process.node_by_name(s2.name).system_id  # matched by name
    assert any("already used in the workspace" in w for w in result.warnings)


def kitchen_sink() -> tuple[Workspace, Process]:
    """A process using every node kind, trigger, task type, flow kind and nesting we model."""
    ws = new_workspace("sink")
    p = Process("Process_sink", "Everything", documentation="all kinds", owner="Ann")
    ws.processes[p.id] = p
    shape = iter(range(10_000))

    def add(element: Node | Flow | Pool | Lane | DataObject | TextAnnotation) -> str:
        p.elements[element.id] = element
        if isinstance(element, Flow):
            p.layout[element.id] = EdgeLayout((Point(0, 0), Point(10, 10)))
        else:
            n = next(shape)
            p.layout[element.id] = ShapeLayout(Bounds(n * 10.5, n, 30, 20), Bounds(n, 1, 2, 3))
        return element.id

    add(Pool("Pool_a", "Customer", documentation="outside"))
    add(Pool("Pool_b", "Company"))
    add(Lane("Lane_1", "Team", "Pool_b", LaneKind.TEAM, 0, staff=3, hourly_rate=55.5))
    add(Lane("Lane_2", "System", "Pool_b", LaneKind.SYSTEM, 1))
    add(Lane("Lane_2a", "Vendor", "Lane_2", LaneKind.EXTERNAL, 0, fee_per_case=12.5))
    previous = add(Node("Start_1", NodeKind.START_EVENT, "Go", lane_id="Lane_1",
                        trigger=EventTrigger.MESSAGE))  # fmt: skip
    n = 0
    for task_type in TaskType:
        n += 1
        node = add(Node(f"Task_{n}", NodeKind.TASK, f"T {task_type}", lane_id="Lane_1",
                        task_type=task_type, touch_min=n, wait_min=2.5 * n, cost_per_use=1.25,
                        va_class=list(VAClass)[n % 3], owner_role="clerk",
                        manual_trigger=n % 2 == 0, documentation=f"doc {n}\nline 2"))  # fmt: skip
        add(Flow(f"Flow_{n}", previous, node, name=f"f{n}", documentation="why"))
        previous = node
    for trigger in EventTrigger:
        for kind in (NodeKind.INTERMEDIATE_EVENT, NodeKind.END_EVENT):
            n += 1
            add(Node(f"Event_{n}", kind, str(trigger), lane_id="Lane_2a", trigger=trigger))
    for kind in NodeKind:
        if kind.is_gateway:
            n += 1
            add(Node(f"Gateway_{n}", kind, str(kind), lane_id="Lane_2"))
    add(Node("Sub_1", NodeKind.SUBPROCESS, "Sub", lane_id="Lane_1", expanded=True))
    add(Node("Inner_1", NodeKind.TASK, "Inside", parent_id="Sub_1", lane_id="Lane_1"))
    add(Node("Inner_2", NodeKind.END_EVENT, "Done", parent_id="Sub_1"))
    add(Flow("Flow_inner", "Inner_1", "Inner_2"))
    add(Node("Call_1", NodeKind.CALL_ACTIVITY, "Call", lane_id="Lane_1"))
    add(Node("Boundary_1", NodeKind.BOUNDARY_EVENT, "Late", attached_to="Call_1",
             trigger=EventTrigger.TIMER))  # fmt: skip
    add(Flow("Flow_xor_a", "Gateway_" + str(n - 3), "Task_1", condition="amount > 10",
             probability=0.25))  # fmt: skip
    add(Flow("Flow_xor_b", "Gateway_" + str(n - 3), "Task_2", is_default=True, probability=0.75))
    add(Flow("Flow_msg", "Pool_a", "Start_1", FlowKind.MESSAGE, name="order"))
    add(DataObject("Data_1", "Form", documentation="paper form"))
    add(DataObject("Store_1", "CRM", is_store=True))
    add(Flow("Flow_in", "Data_1", "Task_2", FlowKind.DATA_ASSOCIATION))
    add(Flow("Flow_out", "Task_3", "Store_1", FlowKind.DATA_ASSOCIATION))
    add(TextAnnotation("Note_1", "Check twice"))
    add(Flow("Flow_note", "Note_1", "Task_3", FlowKind.ASSOCIATION))
    p.annotations["Annotation_1"] = Annotation(
        "Annotation_1", AnnotationKind.QUESTION, "Who approves?\nAnd when?",
        author="Bo", created_at="2026-01-02", targets=("Task_3", "Lane_2"),
    )  # fmt: skip
    return ws, p


def test_every_modelled_kind_round_trips(schema_errors: Callable[[bytes], list[str]]) -> None:
    workspace, process = kitchen_sink()
    exported = export_bpmn(process, workspace)
    assert schema_errors(exported) == []
    again = import_bpmn(exported, source="sink.bpmn", workspace=new_workspace()).processes[0]
    same_content(process, again)


def test_what_bpmn_cannot_say_goes_to_our_extension() -> None:
    """A trigger on a task or a detached boundary event are not BPMN, but still round-trip."""
    workspace, process = kitchen_sink()
    process.elements["Task_1"] = replace(process.node("Task_1"), trigger=EventTrigger.SIGNAL)
    process.elements["Boundary_1"] = replace(process.node("Boundary_1"), attached_to=None)
    exported = export_bpmn(process, workspace)
    assert b"bpo:properties" in exported
    again = import_bpmn(exported, source="x", workspace=new_workspace()).processes[0]
    assert again.node("Task_1").trigger is EventTrigger.SIGNAL
    assert again.node("Boundary_1").kind is NodeKind.BOUNDARY_EVENT
    assert again.node("Boundary_1").attached_to is None
