"""elements.move and elements.delete, with what they bring along (contents, flows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.editing import CommandEvent
from bpo_desktop.core.editing.commands import ELEMENTS_DELETE, post_execute, pre_execute
from bpo_desktop.core.editing.contexts import DeleteElementsContext
from bpo_desktop.core.model import Bounds, EdgeLayout, Flow, Point, Process, ShapeLayout

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling

S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"


def flow_between(process: Process, source: str, target: str) -> Flow:
    return next(f for f in process.flows() if (f.source, f.target) == (source, target))


def shape(process: Process, element_id: str) -> Bounds:
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


def route(process: Process, flow_id: str) -> tuple[Point, ...]:
    layout = process.layout[flow_id]
    assert isinstance(layout, EdgeLayout)
    return layout.waypoints


class TestMoveElements:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1 = onb.node_by_name(S1).id
        old = shape(onb, s1)
        _, change = triad.execute(lambda: modeling.move_elements([s1], 10, 20))
        assert shape(onb, s1) == old.moved(10, 20)
        flows = {f.id for f in onb.connections_of(s1)}
        assert len(flows) == 2
        assert change.ids == {s1} | flows

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1 = onb.node_by_name(S1).id
        old = shape(onb, s1)
        triad.execute(lambda: modeling.move_elements([s1], 10, 20))
        assert s1 in triad.undo().ids
        assert shape(onb, s1) == old

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1 = onb.node_by_name(S1).id
        old = shape(onb, s1)
        triad.execute(lambda: modeling.move_elements([s1], 10, 20))
        triad.undo()
        assert s1 in triad.redo().ids
        assert shape(onb, s1) == old.moved(10, 20)

    def test_label_counts_the_selection(
        self, modeling: Modeling, editor: Editor, onb: Process
    ) -> None:
        ids = [onb.node_by_name(S1).id, onb.node_by_name(S2).id, onb.lanes()[0].id]
        modeling.move_elements(ids, 1, 1)
        assert editor.stack.undo_label == "Move 3 elements"

    def test_a_moved_lane_takes_its_steps_along(self, modeling: Modeling, onb: Process) -> None:
        finance = onb.lane_by_name("Finance").id
        s4 = onb.node_by_name("Collect payment")
        old = shape(onb, s4.id)
        modeling.move_elements([finance], 0, 5)
        assert shape(onb, s4.id) == old.moved(0, 5)
        assert onb.node(s4.id).lane_id == finance

    def test_a_moved_pool_takes_lanes_and_steps_along(
        self, modeling: Modeling, onb: Process
    ) -> None:
        before = {i: lay for i, lay in onb.layout.items() if isinstance(lay, ShapeLayout)}
        modeling.move_elements([onb.pools()[0].id], 100, 0)
        for element_id, layout in before.items():
            assert onb.layout[element_id] == layout.moved(100, 0)

    def test_invalid_moves_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process, con: Process
    ) -> None:
        s1 = onb.node_by_name(S1).id
        refused(lambda: modeling.move_elements([], 1, 1), "no elements")
        refused(lambda: modeling.move_elements(["Nope"], 1, 1), "no element 'Nope'")
        refused(lambda: modeling.move_elements([s1, next(con.nodes()).id], 1, 1), "no element")
        refused(lambda: modeling.move_elements([s1], float("inf"), 1), "finite")


class TestDeleteElements:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s2 = onb.node_by_name(S2).id
        flows = {f.id for f in onb.connections_of(s2)}
        _, change = triad.execute(lambda: modeling.delete_elements([s2]))
        assert s2 not in onb.elements and s2 not in onb.layout
        assert not flows & onb.elements.keys()
        notes = set(onb.annotations)  # P1 and I1 targeted S2
        scenarios = set(onb.scenarios)  # "Automate S2" overrode S2
        assert change.ids == {s2} | flows | notes | scenarios

    def test_undo_restores_everything_in_order(
        self, triad: Triad, modeling: Modeling, onb: Process
    ) -> None:
        s2 = onb.node_by_name(S2).id
        order = (list(onb.elements), list(onb.layout))
        triad.execute(lambda: modeling.delete_elements([s2]))
        assert s2 in triad.undo().ids
        assert (list(onb.elements), list(onb.layout)) == order

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s2 = onb.node_by_name(S2).id
        triad.execute(lambda: modeling.delete_elements([s2]))
        triad.undo()
        assert s2 in triad.redo().ids
        assert s2 not in onb.elements

    def test_is_one_undo_step_with_its_nested_deletes(
        self, modeling: Modeling, editor: Editor, onb: Process
    ) -> None:
        modeling.delete_elements([onb.node_by_name(S2).id])
        assert editor.stack.undo_label == "Delete 1 element"
        editor.stack.undo()
        assert not editor.stack.can_undo

    def test_selected_flow_and_its_node_are_deleted_once(
        self, modeling: Modeling, onb: Process
    ) -> None:
        s1, s2 = onb.node_by_name(S1).id, onb.node_by_name(S2).id
        flow = flow_between(onb, s1, s2).id
        modeling.delete_elements([flow, s2, flow])
        assert flow not in onb.elements and s2 not in onb.elements
        assert s1 in onb.elements

    def test_deleting_a_flow_keeps_its_ends(self, modeling: Modeling, onb: Process) -> None:
        s1, s2 = onb.node_by_name(S1).id, onb.node_by_name(S2).id
        flow = flow_between(onb, s1, s2).id
        modeling.delete_elements([flow])
        assert flow not in onb.elements and flow not in onb.layout
        assert {s1, s2} <= onb.elements.keys()

    def test_a_pool_takes_its_lanes_and_steps_stay_unassigned(
        self, modeling: Modeling, onb: Process
    ) -> None:
        steps = {n.id for n in onb.nodes()}
        modeling.delete_elements([onb.pools()[0].id])
        assert onb.lanes() == [] and onb.pools() == []
        assert {n.id for n in onb.nodes()} == steps
        assert all(n.lane_id is None for n in onb.nodes())

    def test_a_host_takes_its_boundary_event_and_a_subprocess_its_children(
        self, modeling: Modeling, onb: Process
    ) -> None:
        s4 = onb.node_by_name("Collect payment").id
        box = Bounds(0, 0, 36, 36)
        timer = modeling.create_node(onb.id, "boundary_event", "24 h", box, attached_to=s4)
        sub = modeling.create_node(onb.id, "subprocess", "Check", Bounds(0, 0, 300, 200))
        child = modeling.create_node(onb.id, "task", "Inner", box, parent_id=sub)
        modeling.connect(onb.id, timer, child)
        modeling.delete_elements([s4, sub])
        assert not {timer, sub, child} & onb.elements.keys()
        assert all(f.source in onb.elements and f.target in onb.elements for f in onb.flows(None))

    def test_duplicate_ids_in_a_context_are_refused(
        self, refused: Refused, editor: Editor, onb: Process
    ) -> None:
        s1 = onb.node_by_name(S1).id
        ctx = DeleteElementsContext(onb.id, (s1, s1))
        assert not editor.stack.can_execute(ELEMENTS_DELETE, ctx)
        refused(lambda: editor.stack.execute(ELEMENTS_DELETE, ctx), "selected twice")

    def test_unknown_ids_are_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.delete_elements(["Nope"]), "no element 'Nope'")

    @pytest.mark.parametrize("bad", ["Nope", "Annotation_onb28"])
    def test_a_partly_unknown_selection_is_refused(
        self, refused: Refused, editor: Editor, onb: Process, bad: str
    ) -> None:
        ctx = DeleteElementsContext(onb.id, (onb.node_by_name(S2).id, bad))
        refused(lambda: editor.stack.execute(ELEMENTS_DELETE, ctx), f"no element '{bad}'")

    def test_a_late_failure_rolls_back_every_nested_delete(
        self, refused: Refused, editor: Editor, modeling: Modeling, onb: Process
    ) -> None:
        s2 = onb.node_by_name(S2).id

        def veto(event: CommandEvent) -> None:
            # Runs after S2's flows, notes and scenario were already changed by nested commands.
            if s2 in event.context_as(DeleteElementsContext).element_ids:
                raise ValueError("vetoed late")

        editor.bus.on(post_execute(ELEMENTS_DELETE), veto)
        refused(lambda: modeling.delete_elements([s2]), "vetoed late")


def test_a_selected_flow_already_deleted_with_a_child_is_fine(
    modeling: Modeling, editor: Editor, onb: Process
) -> None:
    before = editor.workspace.copy()
    box = Bounds(0, 0, 100, 80)
    sub = modeling.create_node(onb.id, "subprocess", "Check", box)
    child = modeling.create_node(onb.id, "task", "Inner", box, parent_id=sub)
    flow = modeling.connect(onb.id, child, onb.node_by_name(S1).id)
    modeling.delete_elements([sub, flow])  # the flow goes with the child, before the selection
    assert not {sub, child, flow} & onb.elements.keys()
    for _ in range(4):
        editor.stack.undo()
    assert editor.workspace == before


class TestDeleteCycles:
    """Regressions found by the random-edit property: cascades through cycles terminate."""

    def test_flows_attached_to_each_other(
        self, modeling: Modeling, editor: Editor, onb: Process
    ) -> None:
        s1, s2 = onb.node_by_name(S1).id, onb.node_by_name(S2).id
        points = [Point(0, 0), Point(1, 1)]
        first = modeling.connect(onb.id, s1, s2, points, kind="association")
        second = modeling.connect(onb.id, first, s2, points, kind="association")
        modeling.reconnect(first, source=second, waypoints=points)  # first <-> second
        before = editor.workspace.copy()
        modeling.delete_elements([s2])
        assert not {s2, first, second} & onb.elements.keys()
        editor.stack.undo()
        assert editor.workspace == before

    def test_boundary_events_within_a_subprocess_they_sit_on(
        self, modeling: Modeling, editor: Editor, onb: Process
    ) -> None:
        box = Bounds(0, 0, 100, 80)
        sub = modeling.create_node(onb.id, "subprocess", "Sub", box)
        timer = modeling.create_node(onb.id, "boundary_event", "T", box, attached_to=sub)
        modeling.update_properties(timer, parent_id=sub)  # contained twice over
        before = editor.workspace.copy()
        modeling.delete_elements([sub])
        assert not {sub, timer} & onb.elements.keys()
        editor.stack.undo()
        assert editor.workspace == before

    def test_nested_deletes_run_without_cascading(
        self, modeling: Modeling, editor: Editor, onb: Process
    ) -> None:
        seen: list[tuple[tuple[str, ...], bool]] = []
        editor.bus.on(
            pre_execute(ELEMENTS_DELETE),
            lambda e: seen.append((e.context.element_ids, e.context.cascade)),
        )
        sales = onb.lane_by_name("Sales").id
        modeling.delete_elements([onb.pools()[0].id])
        assert seen[0][1] is True
        assert all(cascade is False for _, cascade in seen[1:])
        assert sales in seen[1][0]  # the lanes, as one nested delete
