"""BPMN connection rules: asked by the UI, enforced by the connection and property handlers."""

from __future__ import annotations

from bpo_desktop.core.editing import Modeling
from bpo_desktop.core.editing.rules import (
    can_change_kind,
    can_connect,
    can_start_flow,
    connection_kind,
)
from bpo_desktop.core.model import Bounds, FlowKind, NodeKind, Process, TextAnnotation

from .conftest import Refused

BOX = Bounds(900, 900, 36, 36)


def _ids(onb: Process) -> tuple[str, str, str, str]:
    start = next(n.id for n in onb.nodes() if n.kind is NodeKind.START_EVENT)
    end = next(n.id for n in onb.nodes() if n.kind is NodeKind.END_EVENT)
    s1 = onb.node_by_name("Enter customer + contract in CRM").id
    lane = onb.lanes()[0].id
    return start, end, s1, lane


def test_sequence_flow_rules(onb: Process) -> None:
    start, end, s1, lane = _ids(onb)
    assert can_connect(onb, start, s1)
    assert can_connect(onb, s1, s1)  # a loop on a task is valid BPMN
    verdict = can_connect(onb, s1, start)
    assert not verdict and "start event" in verdict.reason
    assert "end event" in can_connect(onb, end, s1).reason
    assert "sequence flows connect" in can_connect(onb, s1, lane).reason
    assert not can_start_flow(onb, end) and can_start_flow(onb, s1)
    assert not can_start_flow(onb, lane)


def test_message_and_data_rules(onb: Process, modeling: Modeling) -> None:
    start, _end, s1, _lane = _ids(onb)
    assert "different pools" in can_connect(onb, start, s1, FlowKind.MESSAGE).reason
    data = modeling.create_typed(onb.id, "data_object", BOX.center)
    assert connection_kind(onb, s1, data) is FlowKind.DATA_ASSOCIATION
    assert can_connect(onb, s1, data, FlowKind.DATA_ASSOCIATION)
    assert not can_connect(onb, start, data, FlowKind.DATA_ASSOCIATION)
    note = modeling.create_shape(onb.id, TextAnnotation("", "n"), Bounds(0, 0, 50, 30))
    assert connection_kind(onb, note, s1) is FlowKind.ASSOCIATION
    assert connection_kind(onb, start, s1) is FlowKind.SEQUENCE


def test_handlers_refuse_what_the_rules_forbid(
    onb: Process, modeling: Modeling, refused: Refused
) -> None:
    start, end, s1, lane = _ids(onb)
    refused(lambda: modeling.connect(onb.id, s1, start), "start event has no incoming")
    refused(lambda: modeling.connect(onb.id, end, s1), "end event has no outgoing")
    refused(lambda: modeling.connect(onb.id, s1, lane), "sequence flows connect")
    flow = next(f for f in onb.flows() if f.source == start)
    refused(lambda: modeling.reconnect(flow.id, target=start), "start event")
    refused(lambda: modeling.update_properties(s1, kind="start_event"), "incoming")
    refused(lambda: modeling.update_properties(start, kind="end_event"), "outgoing")


def test_kind_changes_that_fit_the_flows_are_allowed(onb: Process) -> None:
    start, end, s1, _lane = _ids(onb)
    assert can_change_kind(onb, s1, NodeKind.SUBPROCESS)
    assert not can_change_kind(onb, s1, NodeKind.START_EVENT)
    assert can_change_kind(onb, end, NodeKind.INTERMEDIATE_EVENT)
    assert not can_change_kind(onb, start, NodeKind.END_EVENT)
