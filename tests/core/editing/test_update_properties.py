"""element.update_properties: typed updates of any element, with reference checks."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.model import Bounds, Lane, LaneKind, Process, VAClass, Workspace

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling

S2 = "Email CS, Finance, Marketing"


class TestUpdateProperties:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s2 = onb.node_by_name(S2)
        _, change = triad.execute(
            lambda: modeling.update_properties(s2.id, touch_min="12.5", va_class="VA")
        )
        assert onb.node(s2.id) == replace(s2, touch_min=12.5, va_class=VAClass.VA)
        assert change.ids == {s2.id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s2 = onb.node_by_name(S2)
        triad.execute(lambda: modeling.update_properties(s2.id, name="Notify teams"))
        assert triad.undo().ids == {s2.id}
        assert onb.node(s2.id) == s2

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s2 = onb.node_by_name(S2)
        triad.execute(lambda: modeling.update_properties(s2.id, name="Notify teams"))
        triad.undo()
        assert triad.redo().ids == {s2.id}
        assert onb.node(s2.id).name == "Notify teams"

    def test_works_on_lanes_flows_and_pools(self, modeling: Modeling, onb: Process) -> None:
        lane = onb.lane_by_name("Finance")
        flow = next(onb.flows())
        pool = onb.pools()[0]
        modeling.update_properties(lane.id, kind="external", fee_per_case=15)
        modeling.update_properties(flow.id, probability=0.3, condition="amount > 100")
        modeling.update_properties(pool.id, documentation="Our customers")
        assert onb.elements[lane.id] == replace(lane, kind=LaneKind.EXTERNAL, fee_per_case=15.0)
        assert onb.elements[flow.id] == replace(flow, probability=0.3, condition="amount > 100")
        assert onb.elements[pool.id] == replace(pool, documentation="Our customers")

    def test_valid_references_are_accepted(
        self, modeling: Modeling, onb: Process, workspace: Workspace
    ) -> None:
        s2 = onb.node_by_name(S2).id
        finance = onb.lane_by_name("Finance").id
        paper = workspace.system_by_name("Paper")
        assert paper is not None
        modeling.update_properties(s2, lane_id=finance, system_id=paper.id)
        assert (onb.node(s2).lane_id, onb.node(s2).system_id) == (finance, paper.id)
        modeling.update_properties(s2, lane_id=None, system_id=None)
        assert (onb.node(s2).lane_id, onb.node(s2).system_id) == (None, None)

    def test_label(self, modeling: Modeling, editor: Editor, onb: Process) -> None:
        s2 = onb.node_by_name(S2).id
        modeling.update_properties(s2, name="N")
        assert editor.stack.undo_label == "Rename"
        modeling.update_properties(s2, wait_min=1)
        assert editor.stack.undo_label == "Edit wait min"
        modeling.update_properties(s2, wait_min=2, touch_min=3)
        assert editor.stack.undo_label == "Edit 2 properties"


class TestRefusedUpdates:
    def test_unknown_fields_and_wrong_types(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s2 = onb.node_by_name(S2).id
        refused(lambda: modeling.update_properties(s2, colour="red"), "no editable property")
        refused(lambda: modeling.update_properties(s2, id="X"), "no editable property")
        refused(lambda: modeling.update_properties(s2, touch_min="soon"), "expected a number")
        refused(lambda: modeling.update_properties(s2, va_class="maybe"), "is not one of")
        refused(lambda: modeling.update_properties(s2, manual_trigger="yes"), "true or false")
        refused(lambda: modeling.update_properties(s2), "no properties")
        refused(lambda: modeling.update_properties("Nope", name="x"), "no element 'Nope'")

    def test_references_to_missing_things(
        self, refused: Refused, modeling: Modeling, onb: Process, con: Process
    ) -> None:
        s2 = onb.node_by_name(S2).id
        other_lane = con.lanes()[0].id
        refused(lambda: modeling.update_properties(s2, lane_id="Lane_x"), "lane_id: no lane")
        refused(lambda: modeling.update_properties(s2, lane_id=other_lane), "lane_id: no lane")
        refused(lambda: modeling.update_properties(s2, system_id="System_x"), "system_id")
        refused(lambda: modeling.update_properties(s2, parent_id=s2), "parent_id")
        refused(lambda: modeling.update_properties(s2, attached_to=s2), "attached_to")

    def test_a_lane_cannot_become_its_own_ancestor(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        sales = onb.lane_by_name("Sales").id
        inner = modeling.add_lane(onb.id, "Inside sales", Bounds(0, 0, 10, 10), parent_id=sales)
        refused(lambda: modeling.update_properties(sales, parent_id=inner), "inside itself")
        refused(lambda: modeling.update_properties(sales, parent_id=sales), "inside itself")
        assert isinstance(onb.elements[inner], Lane)

    def test_a_subprocess_cannot_contain_itself(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        box = Bounds(0, 0, 200, 100)
        outer = modeling.create_node(onb.id, "subprocess", "Outer", box)
        inner = modeling.create_node(onb.id, "subprocess", "Inner", box, parent_id=outer)
        refused(lambda: modeling.update_properties(outer, parent_id=inner), "inside itself")

    def test_flow_ends_change_only_through_reconnect(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        flow = next(onb.flows()).id
        s2 = onb.node_by_name(S2).id
        refused(lambda: modeling.update_properties(flow, target=s2), "connection.reconnect")


class TestKindChanges:
    def test_a_subprocess_with_children_cannot_become_a_task(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        box = Bounds(0, 0, 200, 100)
        sub = modeling.create_node(onb.id, "subprocess", "Check", box)
        modeling.create_node(onb.id, "task", "Inner", box, parent_id=sub)
        refused(lambda: modeling.update_properties(sub, kind="task"), "steps inside keeps its type")

    def test_an_activity_with_a_boundary_event_cannot_become_a_gateway(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s4 = onb.node_by_name("Collect payment").id
        box = Bounds(0, 0, 36, 36)
        modeling.create_node(onb.id, "boundary_event", "24 h", box, attached_to=s4)
        refused(lambda: modeling.update_properties(s4, kind="exclusive_gateway"), "attached_to")
        modeling.update_properties(s4, kind="call_activity")  # still an activity: fine
        assert onb.node(s4).kind == "call_activity"

    def test_only_boundary_events_attach(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s4 = onb.node_by_name("Collect payment").id
        box = Bounds(0, 0, 36, 36)
        timer = modeling.create_node(onb.id, "boundary_event", "24 h", box, attached_to=s4)
        refused(lambda: modeling.update_properties(timer, kind="task"), "only boundary events")
        refused(
            lambda: modeling.create_node(onb.id, "task", "X", box, attached_to=s4),
            "only boundary events",
        )


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("touch_min", -1.0, "touch_min: must not be negative"),
        ("wait_min", -0.5, "wait_min: must not be negative"),
        ("cost_per_use", -10, "cost_per_use: must not be negative"),
    ],
)
def test_negative_step_figures_are_refused(
    refused: Refused, modeling: Modeling, onb: Process, field: str, value: float, match: str
) -> None:
    task = next(n for n in onb.nodes() if n.kind.is_activity)
    refused(lambda: modeling.update_properties(task.id, **{field: value}), match)


def test_lane_staff_and_flow_probability_ranges(
    refused: Refused, modeling: Modeling, onb: Process
) -> None:
    lane = onb.lanes()[0]
    refused(lambda: modeling.update_properties(lane.id, staff=-2), "staff: must not be negative")
    flow = next(iter(onb.flows()))
    refused(lambda: modeling.update_properties(flow.id, probability=1.5), "between 0 and 1")
