"""FlowsFollowShapesBehavior: routes stay attached to moved shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import EdgeLayout, Flow, Point, Process

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Editor, Modeling

S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"


def waypoints(process: Process, flow: Flow) -> tuple[Point, ...]:
    layout = process.layout[flow.id]
    assert isinstance(layout, EdgeLayout)
    return layout.waypoints


def test_the_attached_end_of_each_flow_moves(modeling: Modeling, onb: Process) -> None:
    s1 = onb.node_by_name(S1).id
    incoming = next(f for f in onb.flows() if f.target == s1)
    outgoing = next(f for f in onb.flows() if f.source == s1)
    old_in, old_out = waypoints(onb, incoming), waypoints(onb, outgoing)
    modeling.move_elements([s1], 10, 20)
    new_in, new_out = waypoints(onb, incoming), waypoints(onb, outgoing)
    assert new_in[-1] == Point(old_in[-1].x + 10, old_in[-1].y + 20)
    assert new_in[0] == old_in[0]
    assert new_out[0] == Point(old_out[0].x + 10, old_out[0].y + 20)
    assert new_out[-1] == old_out[-1]


def test_a_flow_between_two_moved_shapes_moves_entirely(modeling: Modeling, onb: Process) -> None:
    s1, s2 = onb.node_by_name(S1).id, onb.node_by_name(S2).id
    between = next(f for f in onb.flows() if (f.source, f.target) == (s1, s2))
    old = waypoints(onb, between)
    modeling.move_elements([s1, s2], 7, -3)
    assert waypoints(onb, between) == tuple(Point(p.x + 7, p.y - 3) for p in old)


def test_one_undo_restores_every_route(editor: Editor, modeling: Modeling, onb: Process) -> None:
    before = editor.workspace.copy()
    modeling.move_elements([onb.node_by_name(S1).id], 10, 20)
    editor.stack.undo()
    assert editor.workspace == before
