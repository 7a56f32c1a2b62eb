"""connection.create, connection.reconnect and connection.update_waypoints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    FlowKind,
    Point,
    Process,
    ShapeLayout,
    TextAnnotation,
)

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Modeling

S1 = "Enter customer + contract in CRM"
S3 = "Assign account rep"
S4 = "Collect payment"
POINTS = (Point(0, 0), Point(50, 0), Point(50, 40))


def box_of(process: Process, element_id: str) -> Bounds:
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


class TestConnect:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s4 = onb.node_by_name(S1).id, onb.node_by_name(S4).id
        flow_id, change = triad.execute(
            lambda: modeling.connect(onb.id, s1, s4, POINTS, name="shortcut", probability="0.5")
        )
        assert onb.elements[flow_id] == Flow(flow_id, s1, s4, name="shortcut", probability=0.5)
        assert onb.layout[flow_id] == EdgeLayout(POINTS)
        assert change.ids == {flow_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s4 = onb.node_by_name(S1).id, onb.node_by_name(S4).id
        flow_id, _ = triad.execute(lambda: modeling.connect(onb.id, s1, s4))
        assert triad.undo().ids == {flow_id}
        assert flow_id not in onb.elements and flow_id not in onb.layout

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s4 = onb.node_by_name(S1).id, onb.node_by_name(S4).id
        flow_id, _ = triad.execute(lambda: modeling.connect(onb.id, s1, s4))
        triad.undo()
        assert triad.redo().ids == {flow_id}
        assert onb.elements[flow_id] == Flow(flow_id, s1, s4)

    def test_default_route_runs_between_the_shapes(self, modeling: Modeling, onb: Process) -> None:
        s1, s4 = onb.node_by_name(S1).id, onb.node_by_name(S4).id
        a, b = box_of(onb, s1), box_of(onb, s4)
        assert a.x + a.width < b.x and a.center.y < b.center.y  # S4 is right of and below S1
        flow_id = modeling.connect(onb.id, s1, s4)
        # Out of S1's right side, into S4's left side, with one vertical half-way.
        mid_x = (a.x + a.width + b.x) / 2
        assert onb.layout[flow_id] == EdgeLayout(
            (
                Point(a.x + a.width, a.center.y),
                Point(mid_x, a.center.y),
                Point(mid_x, b.center.y),
                Point(b.x, b.center.y),
            )
        )

    def test_an_annotation_can_be_associated_with_a_flow(
        self, modeling: Modeling, onb: Process
    ) -> None:
        note = modeling.create_shape(onb.id, TextAnnotation("", "why?"), Bounds(0, 400, 80, 30))
        target = next(onb.flows()).id
        flow_id = modeling.connect(onb.id, note, target, kind="association")
        assert onb.elements[flow_id] == Flow(flow_id, note, target, FlowKind.ASSOCIATION)

    def test_invalid_connections_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process, con: Process
    ) -> None:
        s1 = onb.node_by_name(S1).id
        elsewhere = next(con.nodes()).id
        refused(lambda: modeling.connect(onb.id, s1, "Nope", POINTS), "target: no element 'Nope'")
        refused(lambda: modeling.connect(onb.id, s1, elsewhere, POINTS), "target: no element")
        refused(lambda: modeling.connect(onb.id, s1, s1, (Point(0, 0),)), "two waypoints")
        refused(lambda: modeling.connect(onb.id, s1, s1, POINTS, kind="pipe"), "kind")
        refused(lambda: modeling.connect(onb.id, s1, s1, POINTS, id="X"), "no editable property")
        refused(lambda: modeling.connect("P", s1, s1, POINTS), "no process 'P'")


class TestReconnect:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s3 = onb.node_by_name(S1).id, onb.node_by_name(S3).id
        flow = next(f for f in onb.flows() if f.source == s1)
        _, change = triad.execute(lambda: modeling.reconnect(flow.id, target=s3, waypoints=POINTS))
        assert onb.elements[flow.id] == Flow(flow.id, s1, s3)
        assert onb.layout[flow.id] == EdgeLayout(POINTS)
        assert change.ids == {flow.id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s3 = onb.node_by_name(S1).id, onb.node_by_name(S3).id
        flow = next(f for f in onb.flows() if f.source == s1)
        old_layout = onb.layout[flow.id]
        triad.execute(lambda: modeling.reconnect(flow.id, source=s3))
        assert triad.undo().ids == {flow.id}
        assert (onb.elements[flow.id], onb.layout[flow.id]) == (flow, old_layout)

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s1, s3 = onb.node_by_name(S1).id, onb.node_by_name(S3).id
        flow = next(f for f in onb.flows() if f.source == s1)
        triad.execute(lambda: modeling.reconnect(flow.id, source=s3))
        triad.undo()
        assert triad.redo().ids == {flow.id}
        assert onb.elements[flow.id] == Flow(flow.id, s3, flow.target)

    def test_invalid_reconnects_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        flow = next(onb.flows())
        s1 = onb.node_by_name(S1).id
        refused(lambda: modeling.reconnect(flow.id, waypoints=POINTS), "new source or a new target")
        refused(lambda: modeling.reconnect(flow.id, source="Nope", waypoints=POINTS), "source")
        refused(lambda: modeling.reconnect(flow.id, source=flow.id, waypoints=POINTS), "source")
        refused(lambda: modeling.reconnect(s1, target=s1), "is not a flow")


class TestUpdateWaypoints:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        flow = next(onb.flows()).id
        _, change = triad.execute(lambda: modeling.update_waypoints(flow, POINTS))
        assert onb.layout[flow] == EdgeLayout(POINTS)
        assert change.ids == {flow}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        flow = next(onb.flows()).id
        old = onb.layout[flow]
        triad.execute(lambda: modeling.update_waypoints(flow, POINTS))
        assert triad.undo().ids == {flow}
        assert onb.layout[flow] == old

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        flow = next(onb.flows()).id
        triad.execute(lambda: modeling.update_waypoints(flow, POINTS))
        triad.undo()
        assert triad.redo().ids == {flow}
        assert onb.layout[flow] == EdgeLayout(POINTS)

    def test_a_flow_without_a_route_gets_one_and_loses_it_on_undo(
        self, triad: Triad, modeling: Modeling, onb: Process
    ) -> None:
        flow = next(onb.flows()).id
        del onb.layout[flow]  # as imported from a file without diagram information
        triad.execute(lambda: modeling.update_waypoints(flow, POINTS))
        triad.undo()
        assert flow not in onb.layout

    def test_invalid_routes_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        flow = next(onb.flows()).id
        refused(lambda: modeling.update_waypoints(flow, [Point(1, 1)]), "two waypoints")
        refused(
            lambda: modeling.update_waypoints(flow, [Point(0, 0), Point(float("nan"), 1)]),
            "finite",
        )
