"""Which model fields BPMN itself expresses for an element; the rest go to `bpo:properties`.

A field is written in our extension when it differs from its default and the BPMN written for
the element cannot carry it (step times, value class, lane rates, but also, say, a trigger on
a task). Reading the extension back overrides what the BPMN gave, so nothing is lost.
"""

from __future__ import annotations

from bpo_desktop.core.interchange.bpmn.bpo import non_default
from bpo_desktop.core.interchange.bpmn.content_model import content_model
from bpo_desktop.core.interchange.bpmn.mapping import node_fits, node_tag
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn
from bpo_desktop.core.model import (
    DataObject,
    Element,
    Flow,
    FlowKind,
    Group,
    Lane,
    Node,
    NodeKind,
    Pool,
    Process,
    ShapeLayout,
    TextAnnotation,
)

_ALWAYS = {
    Node: {"id", "name", "documentation"},
    Flow: {"id", "source", "target", "kind", "name", "documentation"},
    Pool: {"id", "name", "documentation"},
    Lane: {"id", "name", "documentation"},
    DataObject: {"id", "name", "is_store", "documentation"},
    TextAnnotation: {"id", "text"},
    Group: {"id", "name", "documentation"},  # the name as its category value
}


def extra_properties(process: Process, element: Element) -> dict[str, str]:
    expressed = set(_ALWAYS[type(element)])
    if isinstance(element, Node):
        expressed |= _node(process, element)
    elif isinstance(element, Flow):
        expressed |= _flow(process, element)
    elif isinstance(element, Lane):
        expressed |= _lane(process, element)
    elif isinstance(element, DataObject) and not element.is_store:
        expressed.add("io")  # a dataInput/dataOutput; a store's role needs our extension
    return non_default(element, skip=expressed)


def _node(process: Process, node: Node) -> set[str]:
    elements = process.elements
    out = set()
    if isinstance(elements.get(node.lane_id or ""), Lane):
        out.add("lane_id")
    parent = elements.get(node.parent_id or "")
    if isinstance(parent, Node) and parent.kind is NodeKind.SUBPROCESS:
        out.add("parent_id")
    elif isinstance(parent, Node) and parent.kind is NodeKind.CALL_ACTIVITY:
        out.add("parent_id")  # written in the called process, nested again on import
    if node.kind is NodeKind.TASK:
        out.add("task_type")
    if node.kind.is_activity:
        out |= {"loop", "compensation"}
    if node.kind is NodeKind.SUBPROCESS:
        out |= {"triggered_by_event", "ad_hoc"}
    host = elements.get(node.attached_to or "")
    if node.kind is NodeKind.START_EVENT or (
        node.kind is NodeKind.BOUNDARY_EVENT and isinstance(host, Node)
    ):
        out.add("interrupting")
    if node.kind.is_event:
        out.add("trigger")
    if node.kind is NodeKind.BOUNDARY_EVENT and isinstance(
        elements.get(node.attached_to or ""), Node
    ):
        out.add("attached_to")
    if node_fits(node_tag(node), node):
        out.add("kind")
    if node.kind in (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY) and isinstance(
        process.layout.get(node.id), ShapeLayout
    ):
        out.add("expanded")
    return out


def _flow(process: Process, flow: Flow) -> set[str]:
    if flow.kind is not FlowKind.SEQUENCE:
        return set()
    out = {"condition"}
    source = process.elements.get(flow.source)
    if isinstance(source, Node):
        info = content_model().element_type(bpmn(node_tag(source)))
        if info is not None and "default" in info.attributes:
            out.add("is_default")
    return out


def _lane(process: Process, lane: Lane) -> set[str]:
    out = set()
    parent = process.elements.get(lane.parent_id or "")
    if lane.parent_id is None or isinstance(parent, Pool | Lane):
        out.add("parent_id")
    siblings = sorted(
        (
            e
            for e in process.elements.values()
            if isinstance(e, Lane) and e.parent_id == lane.parent_id
        ),
        key=lambda e: e.position,
    )
    if [e.id for e in siblings].index(lane.id) == lane.position:
        out.add("position")
    return out
