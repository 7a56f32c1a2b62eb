"""Planes: which drawing surface an element lives on (pure queries, no Qt).

A *collapsed* sub-process or call activity is drawn as one box; what it contains lives on its
own plane (bpmn-js "drill-down"), with coordinates of its own. Every other element lives on
the main plane (`None`). Membership is derived, not stored:

- a node: the nearest collapsed container among its ancestors (`parent_id`, through expanded
  containers); a boundary event lives where its host lives;
- a text annotation or data object: on a container's plane when every node it is linked to
  lives there, else on the main plane; pools, lanes and groups: the main plane;
- a flow: where both its ends live (ends on two planes: the main plane).
"""

from __future__ import annotations

from collections.abc import Iterable

from bpo_desktop.core.model.elements import DataObject, Element, Flow, Node, TextAnnotation
from bpo_desktop.core.model.enums import NodeKind
from bpo_desktop.core.model.process import Process

Plane = str | None  # the container's id; None is the main plane
CONTAINER_KINDS = (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)


def is_collapsed_container(element: Element | None) -> bool:
    """A collapsed sub-process or call activity: it may hold a plane of its own."""
    return isinstance(element, Node) and element.kind in CONTAINER_KINDS and not element.expanded


def plane_of(process: Process, element_id: str) -> Plane:
    """The plane an element lives on (None: the main plane, or an unknown id)."""
    element = process.elements.get(element_id)
    if isinstance(element, Node):
        return _node_plane(process, element, {})
    if isinstance(element, Flow):
        ends = (_end_plane(process, end) for end in (element.source, element.target))
        return _shared(ends)
    if isinstance(element, TextAnnotation | DataObject):
        return _end_plane(process, element_id)
    return None


def plane_map(process: Process) -> dict[str, Plane]:
    """Every element's plane, in one pass over the elements and two over the flows."""
    elements = process.elements
    memo: dict[str, Plane] = {}
    planes: dict[str, Plane] = dict.fromkeys(elements)
    for element in elements.values():
        if isinstance(element, Node) and (element.parent_id or element.attached_to):
            planes[element.id] = _node_plane(process, element, memo)
    if not any(planes.values()):  # no container holds a plane of its own: all on the main one
        return planes
    flows = [e for e in elements.values() if isinstance(e, Flow)]
    linked: dict[str, list[Plane]] = {}
    for flow in flows:
        source, target = elements.get(flow.source), elements.get(flow.target)
        if isinstance(source, Node):
            linked.setdefault(flow.target, []).append(planes[source.id])
        if isinstance(target, Node):
            linked.setdefault(flow.source, []).append(planes[target.id])
    for element in elements.values():
        if isinstance(element, TextAnnotation | DataObject):
            planes[element.id] = _shared(linked.get(element.id, ()))
    for flow in flows:
        ends = planes.get(flow.source), planes.get(flow.target)
        planes[flow.id] = ends[0] if ends[0] == ends[1] else None
    return planes


def elements_in_plane(process: Process, plane: Plane) -> list[str]:
    """The ids of the elements on a plane, in model order."""
    planes = plane_map(process)
    return [element_id for element_id in process.elements if planes[element_id] == plane]


def planes_with_content(process: Process, planes: dict[str, Plane] | None = None) -> list[str]:
    """Containers whose plane holds at least one laid-out element, in model order (`planes`:
    a `plane_map` the caller has already)."""
    planes = plane_map(process) if planes is None else planes
    used = {planes[i] for i in process.layout if i in planes}
    return [i for i in process.elements if i in used]


def plane_path(process: Process, plane: Plane) -> list[str]:
    """The containers from the outermost plane down to `plane` (breadcrumbs; [] for main)."""
    path: list[str] = []
    current = plane
    while current is not None and current not in path:
        path.append(current)
        current = plane_of(process, current)
    return path[::-1]


def _node_plane(process: Process, node: Node, memo: dict[str, Plane]) -> Plane:
    if node.id in memo:
        return memo[node.id]
    chain: list[str] = []
    current: Node | None = node
    plane: Plane = None
    while current is not None and current.id not in chain:
        if current.id in memo:
            plane = memo[current.id]
            break
        chain.append(current.id)
        owner = process.elements.get(current.attached_to or current.parent_id or "")
        if not isinstance(owner, Node):
            break
        if current.attached_to is None and is_collapsed_container(owner):
            plane = owner.id
            break
        current = owner
    for element_id in chain:
        memo[element_id] = plane
    return plane


def _end_plane(process: Process, element_id: str) -> Plane:
    """The plane of a flow end: a node's, or an artifact's (from the nodes it is linked to)."""
    element = process.elements.get(element_id)
    if isinstance(element, Node):
        return _node_plane(process, element, {})
    if not isinstance(element, TextAnnotation | DataObject):
        return None
    linked: list[Plane] = []
    for flow in process.flows(kind=None):
        if element_id in (flow.source, flow.target):
            other = process.elements.get(flow.target if flow.source == element_id else flow.source)
            if isinstance(other, Node):
                linked.append(_node_plane(process, other, {}))
    return _shared(linked)


def _shared(planes: Iterable[Plane]) -> Plane:
    """The one container plane all links agree on; the main plane otherwise."""
    found = set(planes)
    return found.pop() if len(found) == 1 else None
