"""Copy and paste as data: a fragment of a process, its JSON form, and a paste with new ids.

The fragment is plain values, so it travels through the system clipboard between two open
files (or two running copies of the app). Pasting is one `elements.create`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any

from bpo_desktop.core.editing.containment import contents_closure, lane_at
from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    EdgeLayout,
    Element,
    Flow,
    Lane,
    Layout,
    Node,
    Point,
    Pool,
    Process,
    ShapeLayout,
    TextAnnotation,
    Workspace,
    id_prefix,
)
from bpo_desktop.core.model.coerce import coerce_fields

MIME_TYPE = "application/x-bpo-fragment+json"
FORMAT = "bpo-fragment/1"
_TYPES: dict[str, type[Element]] = {
    cls.__name__: cls for cls in (Node, Flow, TextAnnotation, DataObject, Lane, Pool)
}


@dataclass(frozen=True)
class Fragment:
    elements: tuple[Element, ...]
    layouts: dict[str, Layout]

    def box(self) -> Bounds | None:
        """The box around the fragment's shapes."""
        shapes = [lay.bounds for lay in self.layouts.values() if isinstance(lay, ShapeLayout)]
        if not shapes:
            return None
        left = min(b.x for b in shapes)
        top = min(b.y for b in shapes)
        right = max(b.x + b.width for b in shapes)
        bottom = max(b.y + b.height for b in shapes)
        return Bounds(left, top, right - left, bottom - top)


def copy_fragment(process: Process, element_ids: Iterable[str]) -> Fragment | None:
    """Nodes, annotations and data objects (with sub-process contents) and the flows among
    them. Lanes and pools are not copied: pasted steps join the lane they land in."""
    wanted = {i for i in element_ids if i in process.elements}
    shapes = {
        i
        for i in contents_closure(process, wanted)
        if isinstance(process.elements[i], Node | TextAnnotation | DataObject)
        and isinstance(process.layout.get(i), ShapeLayout)
    }
    if not shapes:
        return None
    flows = [
        f
        for f in process.flows(kind=None)
        if f.source in shapes
        and f.target in shapes
        and isinstance(process.layout.get(f.id), EdgeLayout)
    ]
    ordered = [e for i, e in process.elements.items() if i in shapes]
    return Fragment(
        tuple([*ordered, *flows]),
        {e.id: process.layout[e.id] for e in [*ordered, *flows]},
    )


def paste_fragment(
    fragment: Fragment, workspace: Workspace, process: Process, dx: float, dy: float
) -> tuple[tuple[Element, ...], dict[str, Layout]]:
    """The fragment with fresh ids, moved by (dx, dy), its references remapped; steps take the
    lane under their new centre, and systems unknown to this workspace are dropped."""
    new_ids: dict[str, str] = {}
    for element in fragment.elements:
        fresh = workspace.new_id(id_prefix(element))
        while fresh in new_ids.values():
            fresh = workspace.new_id(id_prefix(element))
        new_ids[element.id] = fresh
    layouts: dict[str, Layout] = {}
    for old_id, layout in fragment.layouts.items():
        layouts[new_ids[old_id]] = layout.moved(dx, dy)
    elements: list[Element] = []
    for element in fragment.elements:
        new = replace(element, id=new_ids[element.id])
        if isinstance(new, Flow):
            new = replace(new, source=new_ids[new.source], target=new_ids[new.target])
        elif isinstance(new, Node):
            new = _remap_node(new, new_ids, workspace, process, layouts.get(new.id))
        elements.append(new)
    return tuple(elements), layouts


def _remap_node(
    node: Node,
    new_ids: dict[str, str],
    workspace: Workspace,
    process: Process,
    layout: Layout | None,
) -> Node:
    lane = lane_at(process, layout.bounds.center) if isinstance(layout, ShapeLayout) else None
    return replace(
        node,
        parent_id=new_ids.get(node.parent_id) if node.parent_id else None,
        attached_to=new_ids.get(node.attached_to) if node.attached_to else None,
        lane_id=lane,
        system_id=node.system_id if node.system_id in workspace.systems else None,
    )


# -- JSON ---------------------------------------------------------------------------------------
def to_json(fragment: Fragment) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "elements": [_element_data(e) for e in fragment.elements],
            "layouts": {i: _layout_data(lay) for i, lay in fragment.layouts.items()},
        }
    )


def from_json(text: str) -> Fragment:
    """Raises ValueError for anything that is not a fragment this version understands."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a BPO Desktop fragment")
        elements = tuple(_element_from(item) for item in data["elements"])
        layouts = {str(i): _layout_from(item) for i, item in data["layouts"].items()}
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a BPO Desktop fragment ({exc})") from None
    ids = {e.id for e in elements}
    if not set(layouts) <= ids:
        raise ValueError("not a BPO Desktop fragment (layouts of unknown elements)")
    return Fragment(elements, layouts)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _element_data(element: Element) -> dict[str, Any]:
    values = {f.name: _plain(getattr(element, f.name)) for f in fields(element)}
    return {"type": type(element).__name__, "fields": values}


def _element_from(item: dict[str, Any]) -> Element:
    cls = _TYPES[item["type"]]
    values = dict(item["fields"])
    element_id = values.pop("id")
    if not isinstance(element_id, str):
        raise TypeError("element id must be text")
    return cls(id=element_id, **coerce_fields(cls, values))


def _box(b: Bounds | None) -> list[float] | None:
    return None if b is None else [b.x, b.y, b.width, b.height]


def _bounds(value: Any) -> Bounds | None:
    if value is None:
        return None
    x, y, w, h = (float(v) for v in value)
    return Bounds(x, y, w, h)


#: A diagram's look that travels with a copy (bpmn.io colours, markers): text fields.
_SHAPE_LOOK = ("fill", "stroke", "label_colour")
_EDGE_LOOK = ("stroke", "label_colour", "message_visible")
_LOOK = (*_SHAPE_LOOK, "message_visible")


def _layout_data(layout: Layout) -> dict[str, Any]:
    look = _SHAPE_LOOK if isinstance(layout, ShapeLayout) else _EDGE_LOOK
    data: dict[str, Any] = {k: getattr(layout, k) for k in look if getattr(layout, k)}
    if isinstance(layout, ShapeLayout):
        if not layout.marker_visible:
            data["marker_visible"] = False
        return {"bounds": _box(layout.bounds), "label": _box(layout.label_bounds), **data}
    points = [[p.x, p.y] for p in layout.waypoints]
    return {"points": points, "label": _box(layout.label_bounds), **data}


def _layout_from(item: dict[str, Any]) -> Layout:
    look = {k: v for k in _LOOK if isinstance(v := item.get(k), str) and len(v) <= 64}
    if look.get("message_visible") not in (None, "initiating", "non_initiating"):
        del look["message_visible"]
    label = _bounds(item.get("label"))
    if "bounds" in item:
        bounds = _bounds(item["bounds"])
        if bounds is None:
            raise TypeError("a shape needs bounds")
        return ShapeLayout(
            bounds,
            label,
            fill=look.get("fill", ""),
            stroke=look.get("stroke", ""),
            label_colour=look.get("label_colour", ""),
            marker_visible=item.get("marker_visible", True) is not False,
        )
    points = tuple(Point(float(x), float(y)) for x, y in item["points"])
    return EdgeLayout(
        points,
        label,
        stroke=look.get("stroke", ""),
        label_colour=look.get("label_colour", ""),
        message_visible=look.get("message_visible", ""),
    )
