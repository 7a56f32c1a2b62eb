"""shape.create (nodes, lanes, artifacts) and shape.resize."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    Flow,
    Lane,
    Node,
    NodeKind,
    Process,
    ShapeLayout,
    TaskType,
    TextAnnotation,
)

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling

BOX = Bounds(900, 600, 110, 80)


class TestCreateNode:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        sales = onb.lane_by_name("Sales").id

        def create() -> str:
            return modeling.create_node(
                onb.id, "task", "Check ID", BOX, lane_id=sales, touch_min="5"
            )

        new_id, change = triad.execute(create)
        node = onb.node(new_id)
        assert (node.kind, node.name, node.lane_id, node.touch_min) == (
            NodeKind.TASK,
            "Check ID",
            sales,
            5.0,
        )
        assert onb.layout[new_id] == ShapeLayout(BOX)
        assert new_id.startswith("Activity_")
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_node(onb.id, "task", "X", BOX))
        assert triad.undo().ids == {new_id}
        assert new_id not in onb.elements and new_id not in onb.layout

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_node(onb.id, "task", "X", BOX))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert onb.node(new_id).name == "X"

    def test_events_and_gateways_get_a_label_below(self, modeling: Modeling, onb: Process) -> None:
        new_id = modeling.create_node(onb.id, NodeKind.END_EVENT, "Done", Bounds(0, 0, 36, 36))
        layout = onb.layout[new_id]
        assert isinstance(layout, ShapeLayout)
        assert layout.label_bounds == Bounds(-32, 41, 100, 28)

    def test_label_names_the_kind(self, modeling: Modeling, editor: Editor, onb: Process) -> None:
        modeling.create_node(onb.id, "exclusive_gateway", "?", Bounds(0, 0, 50, 50))
        assert editor.stack.undo_label == "Create exclusive gateway"

    def test_invalid_nodes_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        refused(lambda: modeling.create_node(onb.id, "blob", "X", BOX), "'blob' is not one of")
        refused(lambda: modeling.create_node(onb.id, "task", "X", BOX, lane_id="L"), "lane_id")
        refused(lambda: modeling.create_node(onb.id, "task", "X", BOX, system_id="S"), "system_id")
        refused(lambda: modeling.create_node(onb.id, "task", "X", BOX, colour="red"), "colour")
        refused(lambda: modeling.create_node(onb.id, "task", "X", Bounds(0, 0, 0, 5)), "positive")
        refused(lambda: modeling.create_node("Process_x", "task", "X", BOX), "no process")
        s1 = onb.node_by_name("Enter customer + contract in CRM").id
        refused(
            lambda: modeling.create_node(onb.id, "task", "X", BOX, parent_id=s1),
            "no sub-process",
        )


class TestCreateShape:
    def test_execute_keeps_a_given_id(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        element = DataObject("DataObject_new", name="Invoice")
        new_id, change = triad.execute(lambda: modeling.create_shape(onb.id, element, BOX))
        assert new_id == "DataObject_new"
        assert onb.elements[new_id] == element
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(
            lambda: modeling.create_shape(onb.id, TextAnnotation("", "Fridays"), BOX)
        )
        assert new_id.startswith("TextAnnotation_")
        assert triad.undo().ids == {new_id}
        assert new_id not in onb.elements

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(
            lambda: modeling.create_shape(onb.id, TextAnnotation("", "Fridays"), BOX)
        )
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert onb.elements[new_id] == TextAnnotation(new_id, "Fridays")

    def test_flows_and_taken_ids_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s1 = onb.node_by_name("Enter customer + contract in CRM").id
        flow = Flow("", s1, s1)
        refused(lambda: modeling.create_shape(onb.id, flow, BOX), "connection.create")
        refused(lambda: modeling.create_shape(onb.id, Node(s1, NodeKind.TASK), BOX), "already used")
        refused(lambda: modeling.create_shape(onb.id, DataObject("1bad"), BOX), "not a valid id")


class TestAddLane:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        pool = onb.pools()[0].id
        new_id, change = triad.execute(
            lambda: modeling.add_lane(onb.id, "Workflow", Bounds(80, 690, 1400, 160), kind="system")
        )
        lane = onb.elements[new_id]
        assert isinstance(lane, Lane)
        assert (lane.name, lane.parent_id, lane.position, lane.kind) == (
            "Workflow",
            pool,
            4,
            "system",
        )
        assert onb.lanes()[-1] == lane
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_lane(onb.id, "IT", BOX))
        assert triad.undo().ids == {new_id}
        assert [lane.name for lane in onb.lanes()] == [
            "Sales",
            "Customer Service",
            "Finance",
            "Marketing",
        ]

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_lane(onb.id, "IT", BOX))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert onb.lane_by_name("IT").id == new_id

    def test_a_lane_cannot_be_its_own_parent_or_sit_in_a_task(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s1 = onb.node_by_name("Enter customer + contract in CRM").id
        refused(lambda: modeling.add_lane(onb.id, "IT", BOX, parent_id=s1), "no pool or lane")


class TestResizeShape:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s4 = onb.node_by_name("Collect payment").id
        _, change = triad.execute(lambda: modeling.resize_shape(s4, BOX))
        assert onb.layout[s4] == ShapeLayout(BOX)
        assert change.ids == {s4}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s4 = onb.node_by_name("Collect payment").id
        old = onb.layout[s4]
        triad.execute(lambda: modeling.resize_shape(s4, BOX))
        assert triad.undo().ids == {s4}
        assert onb.layout[s4] == old

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s4 = onb.node_by_name("Collect payment").id
        triad.execute(lambda: modeling.resize_shape(s4, BOX))
        triad.undo()
        assert triad.redo().ids == {s4}
        assert onb.layout[s4] == ShapeLayout(BOX)

    def test_keeps_the_external_label(self, modeling: Modeling, onb: Process) -> None:
        start = onb.node_by_name("Contract signed").id
        old = onb.layout[start]
        assert isinstance(old, ShapeLayout)
        modeling.resize_shape(start, Bounds(0, 0, 40, 40))
        assert onb.layout[start] == ShapeLayout(Bounds(0, 0, 40, 40), old.label_bounds)

    def test_invalid_resizes_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s4 = onb.node_by_name("Collect payment").id
        flow = next(onb.flows()).id
        refused(lambda: modeling.resize_shape(s4, Bounds(0, 0, -1, 10)), "positive")
        refused(lambda: modeling.resize_shape(s4, Bounds(0, float("nan"), 1, 1)), "finite")
        refused(lambda: modeling.resize_shape(flow, BOX), "no shape")
        refused(lambda: modeling.resize_shape("Nope", BOX), "no element 'Nope'")


def test_node_task_type_is_coerced(modeling: Modeling, onb: Process) -> None:
    new_id = modeling.create_node(onb.id, "task", "Call", BOX, task_type="user")
    assert onb.node(new_id).task_type is TaskType.USER
