"""A container with steps inside keeps its type (so no step is left with nowhere to be
written); re-laid-out shapes and re-routed flows keep their diagram look."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bpo_desktop.core.analysis.graph import has_condition
from bpo_desktop.core.editing import Editor, create_editor
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    new_workspace,
)


@pytest.fixture
def editor() -> Editor:
    workspace = new_workspace()
    process = Process(id="P", name="Orders")
    process.elements["Sub"] = Node("Sub", NodeKind.SUBPROCESS, "Review")
    process.elements["Read"] = Node("Read", NodeKind.TASK, "Read", parent_id="Sub")
    process.elements["Call"] = Node("Call", NodeKind.CALL_ACTIVITY, "Check")
    process.elements["X"] = Node("X", NodeKind.EXCLUSIVE_GATEWAY, "Ok?")
    process.elements["Done"] = Node("Done", NodeKind.END_EVENT, "Done")
    process.elements["F"] = Flow("F", "X", "Done", FlowKind.SEQUENCE, name="yes")
    process.layout["Sub"] = ShapeLayout(Bounds(200, 100, 100, 80))
    process.layout["Read"] = ShapeLayout(Bounds(100, 100, 100, 80))
    process.layout["Call"] = ShapeLayout(Bounds(400, 100, 100, 80))
    process.layout["X"] = ShapeLayout(
        Bounds(600, 115, 50, 50), fill="#fff9c4", marker_visible=False
    )
    process.layout["Done"] = ShapeLayout(Bounds(750, 122, 36, 36))
    process.layout["F"] = EdgeLayout(
        (Point(650, 140), Point(750, 140)), Bounds(680, 120, 30, 14), "#e53935", "#000000"
    )
    workspace.processes[process.id] = process
    return create_editor(workspace)


def test_a_sub_process_with_steps_inside_keeps_its_type(editor: Editor) -> None:
    for type_id in ("call_activity", "task"):
        with pytest.raises(ValueError, match="steps inside keeps its type"):
            editor.modeling.change_type("Sub", type_id)
    sub = editor.workspace.processes["P"].elements["Sub"]
    assert isinstance(sub, Node) and sub.kind is NodeKind.SUBPROCESS
    editor.modeling.update_properties("Read", parent_id=None)  # emptied, it may change
    editor.modeling.change_type("Sub", "task")


def test_a_step_goes_into_a_call_activity_only_beside_its_called_process(editor: Editor) -> None:
    with pytest.raises(ValueError, match="no called process"):
        editor.modeling.update_properties("Read", parent_id="Call")
    assert editor.workspace.processes["P"].elements["Read"].parent_id == "Sub"  # type: ignore[union-attr]


def test_a_new_type_keeps_the_look_and_a_gateway_shows_its_x(editor: Editor) -> None:
    process = editor.workspace.processes["P"]
    editor.modeling.change_type("X", "parallel_gateway")
    editor.modeling.change_type("X", "exclusive_gateway")
    shape = process.layout["X"]
    assert isinstance(shape, ShapeLayout)
    assert (shape.fill, shape.marker_visible) == ("#fff9c4", True)
    edge = process.layout["F"]
    assert isinstance(edge, EdgeLayout)
    assert (edge.stroke, edge.label_colour) == ("#e53935", "#000000")


def test_auto_layout_keeps_colours_and_a_hidden_x(editor: Editor) -> None:
    process = editor.workspace.processes["P"]
    before = process.layout["X"]
    editor.modeling.auto_layout("P")
    after = process.layout["X"]
    assert isinstance(after, ShapeLayout) and isinstance(before, ShapeLayout)
    assert after.bounds != before.bounds or after == before
    assert (after.fill, after.marker_visible) == ("#fff9c4", False)
    edge = process.layout["F"]
    assert isinstance(edge, EdgeLayout) and edge.stroke == "#e53935"


def test_a_conditional_flow_without_text_counts_as_conditioned() -> None:
    plain = Flow("F", "A", "B")
    assert not has_condition(plain)
    assert has_condition(replace(plain, conditional=True))


def test_a_copy_through_the_clipboard_keeps_the_look(editor: Editor) -> None:
    from bpo_desktop.core.editing.clipboard import copy_fragment, from_json, to_json

    process = editor.workspace.processes["P"]
    fragment = copy_fragment(process, ["X", "Done", "F"])
    assert fragment is not None
    pasted = editor.modeling.paste("P", from_json(to_json(fragment)), 0, 200)
    layouts = {process.elements[i].kind: process.layout[i] for i in pasted}  # type: ignore[union-attr]
    gateway, flow = layouts[NodeKind.EXCLUSIVE_GATEWAY], layouts[FlowKind.SEQUENCE]
    assert isinstance(gateway, ShapeLayout) and isinstance(flow, EdgeLayout)
    assert (gateway.fill, gateway.marker_visible) == ("#fff9c4", False)
    assert (flow.stroke, flow.label_colour) == ("#e53935", "#000000")


def test_a_tampered_clipboard_look_is_left_out() -> None:
    from bpo_desktop.core.editing.clipboard import _layout_from

    edge = _layout_from({"points": [[0, 0], [1, 1]], "message_visible": "loud", "stroke": "x" * 99})
    assert isinstance(edge, EdgeLayout) and (edge.message_visible, edge.stroke) == ("", "")
