"""Writer, part 3: `Process.layout` → BPMNDI: the main plane's diagram, one diagram per
collapsed container with a plane of its own, plus diagrams kept from an import."""

from __future__ import annotations

from lxml import etree

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.build_di import DIAGRAM, MORE_DIAGRAMS, PLANE_DIAGRAM
from bpo_desktop.core.interchange.bpmn.namespaces import (
    DC,
    DI,
    FILL_KEYS,
    LABEL_COLOUR_KEYS,
    STROKE_KEYS,
    bpmndi,
    clark,
)
from bpo_desktop.core.interchange.bpmn.plan import Plan, attribute
from bpo_desktop.core.interchange.bpmn.xmlout import fragment
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Lane,
    Layout,
    Node,
    NodeKind,
    Pool,
    Process,
    ShapeLayout,
)
from bpo_desktop.core.model.planes import is_collapsed_container, plane_map, planes_with_content

_EXPANDABLE = (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)


def number(value: float) -> str:
    value = float(value)  # layouts built in code may hold ints
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def write_diagrams(root: etree._Element, plan: Plan) -> list[etree._Element]:
    """Write the diagram(s); returns the elements that came from kept content."""
    process = plan.process
    kept = process.verbatim.get(DIAGRAM)
    if kept is None and not process.layout:
        return []
    kept_elements: list[etree._Element] = []
    diagram = etree.SubElement(root, bpmndi("BPMNDiagram"))
    diagram.set("id", attribute(kept, "id") or defaults.diagram_id(process.id))
    for key, value in kept.attributes if kept else ():
        if key != "id":
            diagram.set(key, value)
    plane = etree.SubElement(diagram, bpmndi("BPMNPlane"))
    plane_attributes = dict(kept.shape) if kept else {}
    plane.set("id", plane_attributes.pop("id", None) or defaults.plane_id(process.id))
    main = process.id if plan.has_collaboration else plan.main_process or process.id
    plane.set("bpmnElement", (kept.parent if kept and kept.parent else "") or main)
    for key, value in plane_attributes.items():
        plane.set(key, value)
    planes = plane_map(process)
    for element_id, layout in _drawing_order(plan, planes, None):
        _shape(plane, plan, element_id, layout)
    for xml in kept.children if kept else ():
        kept_elements.append(fragment(xml))
        plane.append(kept_elements[-1])
    for xml in kept.extensions if kept else ():
        kept_elements.append(fragment(xml))
        diagram.append(kept_elements[-1])
    for container in _containers_with_planes(process):
        kept_elements += _write_plane(root, plan, planes, container)
    more = process.verbatim.get(MORE_DIAGRAMS)
    for xml in more.children if more else ():
        kept_elements.append(fragment(xml))
        root.append(kept_elements[-1])
    return kept_elements


def _containers_with_planes(process: Process) -> list[str]:
    """Collapsed containers with laid-out content or a diagram kept from an import."""
    with_content = set(planes_with_content(process))
    return [
        element_id
        for element_id, element in process.elements.items()
        if is_collapsed_container(element)
        and (element_id in with_content or PLANE_DIAGRAM + element_id in process.verbatim)
    ]


def _write_plane(
    root: etree._Element, plan: Plan, planes: dict[str, str | None], container: str
) -> list[etree._Element]:
    """One more BPMNDiagram: the plane of a collapsed sub-process (its plane's bpmnElement,
    as bpmn-js writes it) or of a call activity (the process it calls, as MIWG C.5.0 has it)."""
    kept = plan.process.verbatim.get(PLANE_DIAGRAM + container)
    diagram = etree.SubElement(root, bpmndi("BPMNDiagram"))
    diagram.set("id", attribute(kept, "id") or defaults.diagram_id(container))
    for key, value in kept.attributes if kept else ():
        if key != "id":
            diagram.set(key, value)
    plane = etree.SubElement(diagram, bpmndi("BPMNPlane"))
    plane_attributes = dict(kept.shape) if kept else {}
    plane.set("id", plane_attributes.pop("id", None) or defaults.plane_id(container))
    plane.set("bpmnElement", _plane_element(plan, planes, container))
    for key, value in plane_attributes.items():
        plane.set(key, value)
    for element_id, layout in _drawing_order(plan, planes, container):
        _shape(plane, plan, element_id, layout)
    out: list[etree._Element] = []
    for xml in kept.children if kept else ():
        out.append(fragment(xml))
        plane.append(out[-1])
    for xml in kept.extensions if kept else ():
        out.append(fragment(xml))
        diagram.append(out[-1])
    return out


def _plane_element(plan: Plan, planes: dict[str, str | None], container: str) -> str:
    """A call activity's plane shows the process its steps are written in."""
    element = plan.process.elements[container]
    if isinstance(element, Node) and element.kind is NodeKind.CALL_ACTIVITY:
        inside = {i for i, plane in planes.items() if plane == container}
        for (kind, holder), members in plan.members.items():
            if kind == "process" and any(member.id in inside for member in members):
                return holder
    return container


def _drawing_order(
    plan: Plan, planes: dict[str, str | None], plane: str | None
) -> list[tuple[str, Layout]]:
    """Pools and lanes first (they are the background), then everything in model order."""
    elements = plan.process.elements
    items = [(k, v) for k, v in plan.process.layout.items() if k in elements and planes[k] == plane]
    back = [item for item in items if isinstance(elements[item[0]], Pool | Lane)]
    return back + [item for item in items if not isinstance(elements[item[0]], Pool | Lane)]


def _shape(plane: etree._Element, plan: Plan, element_id: str, layout: Layout) -> None:
    element = plan.process.elements[element_id]
    is_edge = isinstance(element, Flow)
    if is_edge != isinstance(layout, EdgeLayout):
        return
    kept = plan.process.verbatim.get(element_id)
    el = etree.SubElement(plane, bpmndi("BPMNEdge" if is_edge else "BPMNShape"))
    shape_attributes = dict(kept.shape) if kept else {}
    el.set("id", shape_attributes.pop("id", None) or defaults.shape_id(element_id))
    el.set("bpmnElement", element_id)
    colours = {key: "" for key in (*FILL_KEYS, *STROKE_KEYS)}  # the layout's, not kept ones
    if isinstance(layout, ShapeLayout):
        colours.update(dict.fromkeys(FILL_KEYS, layout.fill))
    colours.update(dict.fromkeys(STROKE_KEYS, layout.stroke))
    for key, value in {**shape_attributes, **colours}.items():
        if value or key not in colours:
            el.set(key, value)
    if isinstance(element, Node) and element.kind in _EXPANDABLE:
        el.set("isExpanded", "true" if element.expanded else "false")
    if (
        isinstance(element, Node)
        and element.kind is NodeKind.EXCLUSIVE_GATEWAY
        and isinstance(layout, ShapeLayout)
        and layout.marker_visible
    ):
        el.set("isMarkerVisible", "true")  # absent means hidden (BPMN DI default)
    if isinstance(layout, EdgeLayout):
        if layout.message_visible:
            el.set("messageVisibleKind", layout.message_visible)
        for point in layout.waypoints:
            waypoint = etree.SubElement(el, clark(DI, "waypoint"))
            waypoint.set("x", number(point.x))
            waypoint.set("y", number(point.y))
    else:
        _bounds(el, layout.bounds)
    label_attributes = dict(kept.label) if kept else {}
    for key in LABEL_COLOUR_KEYS:  # the layout's, not a kept one
        label_attributes.pop(key, None)
    if layout.label_colour:
        label_attributes[LABEL_COLOUR_KEYS[0]] = layout.label_colour
    if layout.label_bounds is not None or label_attributes:
        label = etree.SubElement(el, bpmndi("BPMNLabel"))
        for key, value in label_attributes.items():
            label.set(key, value)
        if layout.label_bounds is not None:
            _bounds(label, layout.label_bounds)


def _bounds(parent: etree._Element, bounds: Bounds) -> None:
    el = etree.SubElement(parent, clark(DC, "Bounds"))
    for key in ("x", "y", "width", "height"):
        el.set(key, number(getattr(bounds, key)))
