"""Builder, part 3: diagram interchange (BPMNDI) → `Process.layout`.

The first diagram gives the layout; the others are kept verbatim for export. Shapes of content
the model does not hold (groups, data inputs, conversations) are kept verbatim too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.build_elements import Context
from bpo_desktop.core.interchange.bpmn.canonical import prune_shapes
from bpo_desktop.core.interchange.bpmn.dto import Box, DiagramDTO, ShapeDTO
from bpo_desktop.core.interchange.bpmn.namespaces import FILL_KEYS, STROKE_KEYS
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Layout,
    Node,
    NodeKind,
    Point,
    ShapeLayout,
    Verbatim,
)

DIAGRAM = "#diagram"
_DI_REFERENCES = ("sourceElement", "targetElement")
_ID = re.compile(r'\sid="([^"]*)"')
MORE_DIAGRAMS = "#diagrams"
_EXPANDABLE = (NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)


def apply_diagrams(
    ctx: Context, diagrams: list[DiagramDTO], main_id: str, known: frozenset[str]
) -> None:
    if not diagrams:
        return
    first = diagrams[0]
    kept_shapes: list[str] = []
    drawn: set[str] = set()  # the diagram element ids an export will have
    for shape in first.shapes:
        if _shape(ctx, shape, known, kept_shapes):
            drawn.add(shape.attributes.get("id") or defaults.shape_id(shape.element))
    drawn.update(_root_id(xml) for xml in first.styles)
    _forget_dangling(ctx, drawn)
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
    keep = known - ctx.skipped
    more = tuple(prune_shapes(d.xml, keep) for d in diagrams[1:] if d.xml)
    if len(diagrams) > 1:
        ctx.process.verbatim[MORE_DIAGRAMS] = Verbatim(tag="BPMNDiagram", children=more)
        ctx.warn(
            diagrams[1].line,
            f"{len(diagrams) - 1} more diagram(s): the first one is "
            "shown, the others are kept for export",
        )


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
    fill, stroke = _colour(attributes, FILL_KEYS), _colour(attributes, STROKE_KEYS)
    if isinstance(layout, ShapeLayout):
        layout = replace(layout, fill=fill, stroke=stroke)
    else:
        layout = replace(layout, stroke=stroke)
    ctx.process.layout[element.id] = layout
    if isinstance(element, Node) and element.kind in _EXPANDABLE:
        expanded = attributes.pop("isExpanded", "false").strip() in ("true", "1")
        ctx.process.elements[element.id] = replace(element, expanded=expanded)
    kept_record = ctx.process.verbatim.get(element.id, Verbatim())
    ctx.process.verbatim[element.id] = replace(
        kept_record,
        shape=_without_id(attributes, defaults.shape_id(element.id)),
        label=tuple(sorted((shape.label_attributes or {}).items())),
    )
    return True


def _colour(attributes: dict[str, str], keys: tuple[str, ...]) -> str:
    """The first colour the keys give (bpmn.io's first); the model holds it, so the kept
    shape attributes lose all of them and the writer writes them from the layout."""
    values = [attributes.pop(key, "").strip() for key in keys]
    return next((value for value in values if value), "")


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
