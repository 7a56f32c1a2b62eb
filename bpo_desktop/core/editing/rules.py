"""What BPMN allows: predicates the UI asks before it offers an edit, and the handlers enforce.

Each check returns a `Verdict` (truthy when allowed, with a reason when not), so the canvas can
show *why* a connection is refused. `check_flow` raises the same reason as a ValueError for the
connection handlers (ARCHITECTURE §1.7.4: the same check the UI asks vetoes the command).
"""

from __future__ import annotations

from dataclasses import dataclass

from bpo_desktop.core.editing.containment import pool_of
from bpo_desktop.core.model import (
    DataObject,
    Element,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    Process,
    TextAnnotation,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def _no(reason: str) -> Verdict:
    return Verdict(False, reason)


def _label(node: Node) -> str:
    return node.kind.value.replace("_", " ")


def can_start_flow(process: Process, source_id: str, kind: FlowKind = FlowKind.SEQUENCE) -> Verdict:
    """May a flow of `kind` leave this element at all (before a target is known)?"""
    source = process.elements.get(source_id)
    if source is None:
        return _no("nothing to connect from")
    if kind is FlowKind.SEQUENCE:
        if not isinstance(source, Node):
            return _no("only events, activities and gateways have sequence flows")
        if source.kind is NodeKind.END_EVENT:
            return _no("an end event has no outgoing sequence flow")
    return ALLOWED


def can_connect(
    process: Process, source_id: str, target_id: str, kind: FlowKind = FlowKind.SEQUENCE
) -> Verdict:
    """May a flow of `kind` run from `source_id` to `target_id`?"""
    source = process.elements.get(source_id)
    target = process.elements.get(target_id)
    if source is None or target is None:
        return _no("both ends must be elements of this process")
    if kind is FlowKind.SEQUENCE:
        return _sequence(process, source, target)
    if kind is FlowKind.MESSAGE:
        return _message(process, source, target)
    if kind is FlowKind.DATA_ASSOCIATION:
        return _data_association(source, target)
    return ALLOWED  # associations link annotations (and notes) to anything


def _sequence(process: Process, source: Element, target: Element) -> Verdict:
    if not isinstance(source, Node) or not isinstance(target, Node):
        return _no("sequence flows connect events, activities and gateways")
    if source.kind is NodeKind.END_EVENT:
        return _no("an end event has no outgoing sequence flow")
    if target.kind is NodeKind.START_EVENT:
        return _no("a start event has no incoming sequence flow")
    if target.kind is NodeKind.BOUNDARY_EVENT:
        return _no("a boundary event has no incoming sequence flow")
    source_pool, target_pool = pool_of(process, source.id), pool_of(process, target.id)
    if source_pool and target_pool and source_pool != target_pool:
        return _no("sequence flows stay inside one pool (use a message flow between pools)")
    return ALLOWED


def _message(process: Process, source: Element, target: Element) -> Verdict:
    if not isinstance(source, Node) or not isinstance(target, Node):
        return _no("message flows connect events and activities")
    if source.kind.is_gateway or target.kind.is_gateway:
        return _no("a gateway has no message flows")
    source_pool, target_pool = pool_of(process, source.id), pool_of(process, target.id)
    if source_pool is not None and source_pool == target_pool:
        return _no("message flows connect different pools")
    return ALLOWED


def _data_association(source: Element, target: Element) -> Verdict:
    ends = (source, target)
    if not any(isinstance(e, DataObject) for e in ends):
        return _no("a data association needs a data object or store at one end")
    if not any(isinstance(e, Node) and e.kind.is_activity for e in ends):
        return _no("a data association links a data object to an activity")
    return ALLOWED


def connection_kind(process: Process, source_id: str, target_id: str) -> FlowKind:
    """The kind of flow the connect tool draws between two elements."""
    ends = (process.elements.get(source_id), process.elements.get(target_id))
    if any(isinstance(e, TextAnnotation) for e in ends):
        return FlowKind.ASSOCIATION
    if any(isinstance(e, DataObject) for e in ends):
        return FlowKind.DATA_ASSOCIATION
    return FlowKind.SEQUENCE


def can_change_kind(process: Process, node_id: str, kind: NodeKind) -> Verdict:
    """May this node become `kind` with the sequence flows it has?"""
    node = process.elements.get(node_id)
    if not isinstance(node, Node):
        return _no("only events, activities and gateways change type")
    for flow in process.flows():
        if flow.target == node_id and kind in (NodeKind.START_EVENT, NodeKind.BOUNDARY_EVENT):
            return _no(f"a {kind.value.replace('_', ' ')} cannot have incoming sequence flows")
        if flow.source == node_id and kind is NodeKind.END_EVENT:
            return _no("an end event cannot have outgoing sequence flows")
    if kind is not node.kind and any(
        isinstance(e, Node) and e.parent_id == node_id for e in process.elements.values()
    ):  # a task holds no steps, and a call activity only those of the process it calls
        return _no("a sub-process or call activity with steps inside keeps its type")
    return ALLOWED


def check_flow(process: Process, flow: Flow) -> None:
    """Raise ValueError when BPMN forbids `flow` (used by the connection handlers)."""
    verdict = can_connect(process, flow.source, flow.target, flow.kind)
    if not verdict:
        raise ValueError(verdict.reason)


def check_kind_change(process: Process, node: Node, old: Node) -> None:
    """Raise ValueError when a node's new kind contradicts its sequence flows."""
    if node.kind is old.kind:
        return
    verdict = can_change_kind(process, node.id, node.kind)
    if not verdict:
        raise ValueError(f"kind: {verdict.reason} ({_label(old)} {node.id!r} has them)")
