"""Collapsing a sub-process takes its boundary events and their flows along (and undoes)."""

from __future__ import annotations

from bpo_desktop.core.editing import create_editor
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
from bpo_desktop.core.model.element_types import TASK_SIZE


def _on_border(point: Point, box: Bounds) -> bool:
    left, right = box.x, box.x + box.width
    top, bottom = box.y, box.y + box.height
    inside_x, inside_y = left <= point.x <= right, top <= point.y <= bottom
    on_side = point.x in (left, right) and inside_y
    on_top_or_bottom = point.y in (top, bottom) and inside_x
    return on_side or on_top_or_bottom


def test_collapse_puts_boundary_events_on_the_new_box_and_reroutes_their_flows() -> None:
    workspace = new_workspace()
    process = Process(id="P", name="Orders")
    process.elements["Sub"] = Node("Sub", NodeKind.SUBPROCESS, "Review", expanded=True)
    process.elements["Read"] = Node("Read", NodeKind.TASK, "Read", parent_id="Sub")
    process.elements["Late"] = Node("Late", NodeKind.BOUNDARY_EVENT, "", attached_to="Sub")
    process.elements["Chase"] = Node("Chase", NodeKind.TASK, "Chase")
    process.elements["F"] = Flow("F", "Late", "Chase", FlowKind.SEQUENCE)
    sub = Bounds(100, 100, 400, 250)
    process.layout["Sub"] = ShapeLayout(sub, stroke="#aa0000")
    process.layout["Read"] = ShapeLayout(Bounds(150, 160, 100, 80))
    # On the bottom edge, three quarters along.
    late = ShapeLayout(
        Bounds(382, 332, 36, 36), fill="#ffeeee", label_bounds=Bounds(380, 370, 40, 14)
    )
    process.layout["Late"] = late
    process.layout["Chase"] = ShapeLayout(Bounds(600, 450, 100, 80))
    flow_look = EdgeLayout(
        (Point(400, 368), Point(400, 490), Point(600, 490)),
        stroke="#0000aa",
        label_colour="#00aa00",
    )
    process.layout["F"] = flow_look
    workspace.processes["P"] = process
    editor = create_editor(workspace)
    before = dict(process.layout)

    editor.modeling.set_expanded("Sub", False)

    after = editor.workspace.processes["P"].layout
    box = after["Sub"]
    assert isinstance(box, ShapeLayout) and (box.bounds.width, box.bounds.height) == TASK_SIZE
    event = after["Late"]
    assert isinstance(event, ShapeLayout)
    assert _on_border(event.bounds.center, box.bounds)
    assert event.bounds.center.y == box.bounds.y + box.bounds.height  # still the bottom edge
    assert event.bounds.center.x == box.bounds.x + 0.75 * box.bounds.width  # same fraction
    assert (event.bounds.width, event.bounds.height) == (36, 36)
    assert event.fill == "#ffeeee" and event.label_bounds != late.label_bounds
    flow = after["F"]
    assert isinstance(flow, EdgeLayout)
    assert flow.waypoints[0] != flow_look.waypoints[0]  # leaves from where the event is now
    assert event.bounds.contains(flow.waypoints[0]) or _on_border(flow.waypoints[0], event.bounds)
    assert (flow.stroke, flow.label_colour) == ("#0000aa", "#00aa00")

    editor.stack.undo()
    assert editor.workspace.processes["P"].layout == before


def test_collapse_keeps_the_look_of_the_container_s_own_flows() -> None:
    workspace = new_workspace()
    process = Process(id="P", name="Orders")
    process.elements["Start"] = Node("Start", NodeKind.START_EVENT, "")
    process.elements["Sub"] = Node("Sub", NodeKind.SUBPROCESS, "Review", expanded=True)
    process.elements["F"] = Flow("F", "Start", "Sub", FlowKind.SEQUENCE)
    process.layout["Start"] = ShapeLayout(Bounds(0, 200, 36, 36))
    process.layout["Sub"] = ShapeLayout(Bounds(100, 100, 400, 250))
    process.layout["F"] = EdgeLayout(
        (Point(36, 218), Point(100, 218)), label_bounds=Bounds(50, 190, 30, 14), stroke="#123456"
    )
    workspace.processes["P"] = process
    editor = create_editor(workspace)

    editor.modeling.set_expanded("Sub", False)

    flow = editor.workspace.processes["P"].layout["F"]
    assert isinstance(flow, EdgeLayout)
    assert flow.stroke == "#123456" and flow.label_bounds == Bounds(50, 190, 30, 14)
    assert flow.waypoints[-1].x == 300 - TASK_SIZE[0] / 2  # into the shrunk box
