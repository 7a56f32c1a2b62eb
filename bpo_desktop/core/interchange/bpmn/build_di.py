"""Builder, part 3: diagram interchange (BPMNDI) → `Process.layout`.

The first diagram gives the layout of the main plane; a further diagram whose plane is a
collapsed sub-process (or the process a collapsed call activity calls) gives the layout of that
container's own plane (`core.model.planes`); the others are kept verbatim for export. Shapes of
content the model does not hold (groups, data inputs, conversations) are kept verbatim too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.build_elements import Context
from bpo_desktop.core.interchange.bpmn.canonical import prune_shapes
from bpo_desktop.core.interchange.bpmn.dto import Box, DiagramDTO, ShapeDTO
from bpo_desktop.core.interchange.bpmn.namespaces import (
    FILL_KEYS,
    LABEL_COLOUR_KEYS,
    STROKE_KEYS,
)
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    FlowKind,
    Layout,
    Node,
    NodeKind,
    Point,
    ShapeLayout,
    Verbatim,
)
from bpo_desktop.core.model.planes import is_collapsed_container, plane_map

DIAGRAM = "#diagram"
_DI_REFERENCES = ("sourceElement", "targetElement")
_ID = re.compile(r'\sid="([^"]*)"')
MORE_DIAGRAMS = "#diagrams"
PLANE_DIAGRAM = "#diagram:"  # + a container's id: the diagram that drew its plane
_EXPANDABLE = (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)
_KINDS = ("initiating", "non_initiating")  # BPMNEdge messageVisibleKind
MAX_COLOUR = 64


def apply_diagrams(
    ctx: Context, diagrams: list[DiagramDTO], main_id: str, known: frozenset[str]
) -> set[str]:
    """The first diagram gives the main plane's layout; returns the diagram element ids an
    export will have (for `apply_plane_diagrams`, which takes the others)."""
    if not diagrams:
        return set()
    first = diagrams[0]
    kept_shapes: list[str] = []
    drawn: set[str] = set()  # the diagram element ids an export will have
    for shape in first.shapes:
        if _shape(ctx, shape, known, kept_shapes):
            drawn.add(shape.attributes.get("id") or defaults.shape_id(shape.element))
    drawn.update(_root_id(xml) for xml in first.styles)
    process_id = ctx.process.id
    unknown = () if first.plane_element in known else (first.plane_element,)
    plane = _without_id(first.plane_attributes, defaults.plane_id(process_id))
    kept = Verbatim(
        tag="BPMNDiagram",
        attributes=_without_id(first.attributes, defaults.diagram_id(process_id)),
        children=tuple(kept_shapes),
        extensions=tuple(first.styles),
        shape=plane,
        parent=first.plane_element if first.plane_element not in (main_id, *unknown) else "",
    )
    if kept != Verbatim(tag="BPMNDiagram"):  # an empty diagram is what the writer makes anyway
        ctx.process.verbatim[DIAGRAM] = kept
    return drawn


def apply_plane_diagrams(
    ctx: Context, diagrams: list[DiagramDTO], known: frozenset[str], drawn: set[str]
) -> None:
    """The diagrams after the first (once called processes are nested): one whose plane is a
    collapsed sub-process, or the process a collapsed call activity calls, lays out that
    container's own plane (bpmn-js drill-down); the others are kept verbatim for export."""
    unplaced: list[DiagramDTO] = []
    placed: set[str] = set()
    for diagram in diagrams:
        container = _plane_container(ctx, diagram.plane_element)
        if container is None or container in placed:
            unplaced.append(diagram)
            continue
        placed.add(container)
        drawn |= _apply_plane(ctx, diagram, container, known)
    _forget_dangling(ctx, drawn)
    if unplaced:
        keep = known - ctx.skipped
        more = tuple(prune_shapes(d.xml, keep) for d in unplaced if d.xml)
        ctx.process.verbatim[MORE_DIAGRAMS] = Verbatim(tag="BPMNDiagram", children=more)
        ctx.warn(
            unplaced[0].line,
            f"{len(unplaced)} more diagram(s) show no collapsed sub-process or call "
            "activity: they are not shown, and kept for export",
        )


def _plane_container(ctx: Context, plane_element: str) -> str | None:
    """The collapsed container a further diagram draws the inside of, if any."""
    elements, kept = ctx.process.elements, ctx.process.verbatim
    element = elements.get(plane_element)
    if element is not None:
        return element.id if is_collapsed_container(element) else None
    for node in elements.values():  # a called process: its steps sit in the call activity
        if not isinstance(node, Node) or node.parent_id is None:
            continue
        record = kept.get(node.id)
        caller = elements.get(node.parent_id)
        if (
            record is not None
            and record.parent == plane_element
            and is_collapsed_container(caller)
            and isinstance(caller, Node)
            and caller.kind is NodeKind.CALL_ACTIVITY
        ):
            return caller.id
    return None


def _apply_plane(
    ctx: Context, diagram: DiagramDTO, container: str, known: frozenset[str]
) -> set[str]:
    elements = ctx.process.elements
    for shape in diagram.shapes:  # which containers inside are open decides who is inside
        node = elements.get(shape.element)
        if (
            isinstance(node, Node)
            and node.kind in _EXPANDABLE
            and node.id not in ctx.process.layout
        ):
            expanded = shape.attributes.get("isExpanded", "false").strip() in ("true", "1")
            elements[node.id] = replace(node, expanded=expanded)
    planes = plane_map(ctx.process)
    kept_shapes: list[str] = []
    drawn: set[str] = set()
    for shape in diagram.shapes:
        if shape.element in planes and planes[shape.element] != container:
            ctx.warn(
                shape.line,
                f"diagram of {container}: {shape.element} is not inside it; its shape dropped",
            )
            continue
        if _shape(ctx, shape, known, kept_shapes):
            drawn.add(shape.attributes.get("id") or defaults.shape_id(shape.element))
    drawn.update(_root_id(xml) for xml in diagram.styles)
    kept = Verbatim(
        tag="BPMNDiagram",
        attributes=_without_id(diagram.attributes, defaults.diagram_id(container)),
        children=tuple(kept_shapes),
        extensions=tuple(diagram.styles),
        shape=_without_id(diagram.plane_attributes, defaults.plane_id(container)),
    )
    if kept != Verbatim(tag="BPMNDiagram"):
        ctx.process.verbatim[PLANE_DIAGRAM + container] = kept
    return drawn


def _forget_dangling(ctx: Context, drawn: set[str]) -> None:
    """Edge ends and label styles that point at no diagram element of the export go."""
    for key, kept in list(ctx.process.verbatim.items()):
        shape = tuple(
            (k, v) for k, v in kept.shape if k not in _DI_REFERENCES or _local(v) in drawn
        )
        label = tuple((k, v) for k, v in kept.label if k != "labelStyle" or _local(v) in drawn)
        if (shape, label) != (kept.shape, kept.label):
            ctx.warn(None, f"diagram of {key}: a reference to a missing diagram element dropped")
            ctx.process.verbatim[key] = replace(kept, shape=shape, label=label)


def _local(value: str) -> str:
    return value.strip().rpartition(":")[2]


def _root_id(xml: str) -> str:
    match = _ID.search(xml[: xml.find(">")])
    return match.group(1) if match else ""


def _shape(ctx: Context, shape: ShapeDTO, known: frozenset[str], kept: list[str]) -> bool:
    """Layout for a model element, or keep the shape of kept content; True if it stays."""
    element = ctx.process.elements.get(shape.element)
    if element is None:
        if shape.element in known and shape.element not in ctx.skipped and shape.xml:
            kept.append(shape.xml)
            return True
        what = f"unknown element {shape.element!r}" if shape.element else "no bpmnElement"
        ctx.warn(shape.line, f"diagram {'edge' if shape.is_edge else 'shape'} for {what} dropped")
        return False
    if element.id in ctx.process.layout:
        ctx.warn(shape.line, f"a second diagram shape for {element.id} was ignored")
        return False
    layout = _layout(shape, isinstance(element, Flow))
    if layout is None:
        ctx.warn(shape.line, f"diagram element for {element.id} has no usable geometry")
        return False
    attributes = dict(shape.attributes)
    label_attributes = dict(shape.label_attributes or {})
    fill, stroke = _colour(attributes, FILL_KEYS), _colour(attributes, STROKE_KEYS)
    label_colour = _colour(label_attributes, LABEL_COLOUR_KEYS)
    if isinstance(layout, ShapeLayout):
        layout = replace(layout, fill=fill, stroke=stroke, label_colour=label_colour)
        if isinstance(element, Node) and element.kind is NodeKind.EXCLUSIVE_GATEWAY:
            # BPMN DI's default is "not visible"; bpmn.io and Camunda draw no X then either.
            marker = attributes.pop("isMarkerVisible", "false").strip()
            layout = replace(layout, marker_visible=marker in ("true", "1"))
    else:
        message = attributes.get("messageVisibleKind", "").strip()
        if isinstance(element, Flow) and element.kind is FlowKind.MESSAGE and message in _KINDS:
            attributes.pop("messageVisibleKind")  # the layout holds it now
            layout = replace(layout, message_visible=message)
        layout = replace(layout, stroke=stroke, label_colour=label_colour)
    ctx.process.layout[element.id] = layout
    if isinstance(element, Node) and element.kind in _EXPANDABLE:
        expanded = attributes.pop("isExpanded", "false").strip() in ("true", "1")
        ctx.process.elements[element.id] = replace(element, expanded=expanded)
    kept_record = ctx.process.verbatim.get(element.id, Verbatim())
    ctx.process.verbatim[element.id] = replace(
        kept_record,
        shape=_without_id(attributes, defaults.shape_id(element.id)),
        label=tuple(sorted(label_attributes.items())),
    )
    return True


def _colour(attributes: dict[str, str], keys: tuple[str, ...]) -> str:
    """The first colour the keys give (bpmn.io's first); the model holds it, so the kept
    shape attributes lose all of them and the writer writes them from the layout."""
    values = [attributes.pop(key, "").strip() for key in keys]
    # No CSS colour is longer; a `.bpo` refuses longer ones, so they must not get that far.
    return next((value for value in values if value and len(value) <= MAX_COLOUR), "")


def _without_id(attributes: dict[str, str], default_id: str) -> tuple[tuple[str, str], ...]:
    """Sorted pairs, leaving out an id the writer would make up anyway."""
    return tuple(sorted((k, v) for k, v in attributes.items() if (k, v) != ("id", default_id)))


def _layout(shape: ShapeDTO, is_flow: bool) -> Layout | None:
    label = _bounds(shape.label_bounds)
    if is_flow:
        if not shape.is_edge or len(shape.waypoints) < 2:
            return None
        return EdgeLayout(tuple(Point(x, y) for x, y in shape.waypoints), label)
    bounds = _bounds(shape.bounds)
    if shape.is_edge or bounds is None:
        return None
    return ShapeLayout(bounds, label)


def _bounds(box: Box | None) -> Bounds | None:
    return Bounds(*box) if box is not None else None
