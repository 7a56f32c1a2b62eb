"""Writer, part 3: `Process.layout` → BPMNDI (one diagram, plus diagrams kept from an import)."""

from __future__ import annotations

from lxml import etree

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.build_di import DIAGRAM, MORE_DIAGRAMS
from bpo_desktop.core.interchange.bpmn.namespaces import (
    DC,
    DI,
    FILL_KEYS,
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
    ShapeLayout,
)

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
    for element_id, layout in _drawing_order(plan):
        _shape(plane, plan, element_id, layout)
    for xml in kept.children if kept else ():
        kept_elements.append(fragment(xml))
        plane.append(kept_elements[-1])
    for xml in kept.extensions if kept else ():
        kept_elements.append(fragment(xml))
        diagram.append(kept_elements[-1])
    more = process.verbatim.get(MORE_DIAGRAMS)
    for xml in more.children if more else ():
        kept_elements.append(fragment(xml))
        root.append(kept_elements[-1])
    return kept_elements


def _drawing_order(plan: Plan) -> list[tuple[str, Layout]]:
    """Pools and lanes first (they are the background), then everything in model order."""
    elements = plan.process.elements
    items = [(k, v) for k, v in plan.process.layout.items() if k in elements]
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
    if isinstance(layout, EdgeLayout):
        for point in layout.waypoints:
            waypoint = etree.SubElement(el, clark(DI, "waypoint"))
            waypoint.set("x", number(point.x))
            waypoint.set("y", number(point.y))
    else:
        _bounds(el, layout.bounds)
    label_attributes = kept.label if kept else ()
    if layout.label_bounds is not None or label_attributes:
        label = etree.SubElement(el, bpmndi("BPMNLabel"))
        for key, value in label_attributes:
            label.set(key, value)
        if layout.label_bounds is not None:
            _bounds(label, layout.label_bounds)


def _bounds(parent: etree._Element, bounds: Bounds) -> None:
    el = etree.SubElement(parent, clark(DC, "Bounds"))
    for key in ("x", "y", "width", "height"):
        el.set(key, number(getattr(bounds, key)))
