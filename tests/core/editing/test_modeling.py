"""The Modeling facade: new ids, selections, default routes, transactions of facade calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.model import Bounds, EdgeLayout, Point, Process, TextAnnotation, Workspace

if TYPE_CHECKING:
    from conftest import Recorder

    from bpo_desktop.core.editing import Editor, Modeling

S1 = "Enter customer + contract in CRM"
S4 = "Collect payment"
BOX = Bounds(0, 0, 100, 80)


def test_new_ids_are_typed_and_unique(
    modeling: Modeling, onb: Process, workspace: Workspace
) -> None:
    task = modeling.create_node(onb.id, "task", "A", BOX)
    gateway = modeling.create_node(onb.id, "parallel_gateway", "", BOX)
    flow = modeling.connect(onb.id, task, gateway)
    note = modeling.add_annotation(onb.id, "idea", "B")
    scenario = modeling.create_scenario(onb.id, "C")
    system = modeling.add_system("D")
    process = modeling.create_process("E")
    ids = [task, gateway, flow, note, scenario, system, process]
    prefixes = ["Activity_", "Gateway_", "Flow_", "Annotation_", "Scenario_", "System_", "Process_"]
    assert all(i.startswith(p) for i, p in zip(ids, prefixes, strict=True))
    assert len(set(ids)) == len(ids)
    assert all(workspace.has_id(i) for i in ids)


def test_reconnect_without_waypoints_routes_afresh(modeling: Modeling, onb: Process) -> None:
    s1, s4 = onb.node_by_name(S1).id, onb.node_by_name(S4).id
    flow = modeling.connect(onb.id, s1, s1, [Point(0, 0), Point(1, 1)])
    modeling.reconnect(flow, target=s4)
    expected = modeling.connect(onb.id, s1, s4)
    assert onb.layout[flow] == onb.layout[expected]


def test_an_element_off_the_diagram_needs_explicit_waypoints(
    modeling: Modeling, onb: Process
) -> None:
    note = modeling.create_shape(onb.id, TextAnnotation(""), BOX)
    del onb.layout[note]  # as imported without diagram information
    s1 = onb.node_by_name(S1).id
    with pytest.raises(ValueError, match="pass waypoints explicitly"):
        modeling.connect(onb.id, note, s1, kind="association")
    flow = modeling.connect(onb.id, note, s1, [Point(0, 0), Point(5, 5)], kind="association")
    assert onb.layout[flow] == EdgeLayout((Point(0, 0), Point(5, 5)))


def test_facade_calls_in_a_transaction_are_one_undo_step(
    editor: Editor, modeling: Modeling, onb: Process, recorder: Recorder
) -> None:
    before = editor.workspace.copy()
    s1 = onb.node_by_name(S1).id
    with editor.stack.transaction("Append step"):
        step = modeling.create_node(onb.id, "task", "Next", BOX)
        flow = modeling.connect(onb.id, s1, step)
    assert [c.ids for c in recorder.changes] == [frozenset({step, flow})]
    assert editor.stack.undo_label == "Append step"
    editor.stack.undo()
    assert editor.workspace == before


def test_a_selection_must_lie_in_one_process(
    modeling: Modeling, onb: Process, con: Process
) -> None:
    ids = [onb.node_by_name(S1).id, next(con.nodes()).id]
    with pytest.raises(ValueError, match="no element"):
        modeling.delete_elements(ids)
    assert ids[1] in con.elements
