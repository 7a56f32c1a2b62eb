"""elements.create and layout.update: execute / undo / redo, one notification, refusals."""

from __future__ import annotations

from bpo_desktop.core.editing import Modeling
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
)

from .conftest import Refused, Triad

BOX = Bounds(1200, 100, 110, 80)


def _batch() -> tuple[list[Node | Flow], dict[str, ShapeLayout | EdgeLayout]]:
    a = Node("Activity_pa", NodeKind.TASK, "A")
    b = Node("Activity_pb", NodeKind.TASK, "B")
    flow = Flow("Flow_pab", a.id, b.id)
    layouts: dict[str, ShapeLayout | EdgeLayout] = {
        a.id: ShapeLayout(BOX),
        b.id: ShapeLayout(BOX.moved(200, 0)),
        flow.id: EdgeLayout((Point(1310, 140), Point(1400, 140))),
    }
    return [a, b, flow], layouts


class TestCreateElements:
    def test_execute_undo_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        elements, layouts = _batch()
        ids, change = triad.execute(
            lambda: modeling.create_elements(onb.id, elements, dict(layouts))
        )
        assert ids == ("Activity_pa", "Activity_pb", "Flow_pab")
        assert change.ids == set(ids)
        assert onb.layout["Flow_pab"] == layouts["Flow_pab"]
        assert triad.undo().ids == set(ids)
        assert "Activity_pa" not in onb.elements
        assert triad.redo().ids == set(ids)

    def test_refusals(self, modeling: Modeling, onb: Process, refused: Refused) -> None:
        elements, _layouts = _batch()
        start = next(n.id for n in onb.nodes() if n.kind is NodeKind.START_EVENT)
        into_start = Flow("Flow_bad", "Activity_pa", start)
        refused(
            lambda: modeling.create_elements(onb.id, [elements[0], into_start], {}),
            "start event",
        )
        s1 = next(onb.nodes()).id
        refused(lambda: modeling.create_elements(onb.id, [Node(s1, NodeKind.TASK)], {}), "used")
        refused(lambda: modeling.create_elements(onb.id, [], {}), "nothing to create")
        wrong = {"Activity_pa": EdgeLayout((Point(0, 0), Point(1, 1)))}
        refused(lambda: modeling.create_elements(onb.id, elements[:1], wrong), "needs bounds")


class TestUpdateLayout:
    def test_execute_undo_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1 = onb.node_by_name("Enter customer + contract in CRM").id
        flow = next(f.id for f in onb.flows() if f.source == s1)
        new = {s1: ShapeLayout(BOX), flow: EdgeLayout((Point(0, 0), Point(5, 0)))}
        _, change = triad.execute(lambda: modeling.update_layout(onb.id, new, label="Tidy"))
        assert change.ids == {s1, flow}
        assert onb.layout[s1] == ShapeLayout(BOX)
        assert triad.undo().ids == {s1, flow}
        triad.redo()

    def test_an_element_without_layout_gets_one_and_loses_it_on_undo(
        self, triad: Triad, modeling: Modeling, onb: Process
    ) -> None:
        s1 = onb.node_by_name("Enter customer + contract in CRM").id
        del onb.layout[s1]  # as imported without diagram information
        triad.execute(lambda: modeling.update_layout(onb.id, {s1: ShapeLayout(BOX)}))
        triad.undo()
        assert s1 not in onb.layout

    def test_refusals(self, modeling: Modeling, onb: Process, refused: Refused) -> None:
        s1 = next(onb.nodes()).id
        refused(lambda: modeling.update_layout(onb.id, {}), "no layouts")
        refused(lambda: modeling.update_layout(onb.id, {"Nope": ShapeLayout(BOX)}), "no element")
        bad = {s1: ShapeLayout(Bounds(0, 0, 0, 10))}
        refused(lambda: modeling.update_layout(onb.id, bad), "positive width")
