"""Expanding and collapsing a sub-process: where its contents and the box go (pure).

Collapsed, a container's contents live on its own plane with coordinates of their own
(`core.model.planes`). Expanding brings them into the plane the container sits on, moved as
one block inside the container, which grows to hold them; like bpmn-js's space tool, what
lies right of the box moves right and what lies below moves down by as much as it grew, and
pools, lanes and groups across those lines stretch, so nothing ends up under the box.
Collapsing shrinks the box to a task's size about its centre; the contents keep their
coordinates, which become those of the container's own plane.
"""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.editing.containment import connections, shape_bounds
from bpo_desktop.core.editing.routing import route
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Group,
    Lane,
    Layout,
    Node,
    Point,
    Pool,
    Process,
    ShapeLayout,
)
from bpo_desktop.core.model.element_types import TASK_SIZE
from bpo_desktop.core.model.planes import plane_map

PADDING = 20.0  # around the contents, inside the expanded box
TITLE = 40.0  # room for the name at the top of an expanded box
EMPTY_SIZE = (350.0, 200.0)  # an expanded sub-process with nothing inside (bpmn-js)


def toggle_layouts(process: Process, container_id: str, *, expand: bool) -> dict[str, Layout]:
    """New layouts for the container, its connections and (expanding) its contents."""
    box = shape_bounds(process, container_id)
    if box is None:
        return {}
    layouts: dict[str, Layout] = {}
    if expand:
        inside = [
            element_id
            for element_id, plane in plane_map(process).items()
            if plane == container_id and element_id in process.layout
        ]
        shapes = [shape_bounds(process, i) for i in inside]
        block = _union([b for b in shapes if b is not None])
        if block is None:
            width, height = EMPTY_SIZE
            new_box = Bounds(box.x, box.y, max(box.width, width), max(box.height, height))
        else:
            dx, dy = box.x + PADDING - block.x, box.y + TITLE - block.y
            for element_id in inside:
                layouts[element_id] = process.layout[element_id].moved(dx, dy)
            width = max(box.width, block.width + 2 * PADDING)
            height = max(box.height, block.height + TITLE + PADDING)
            new_box = Bounds(box.x, box.y, width, height)
    else:
        width, height = TASK_SIZE
        centre = box.center
        new_box = Bounds(centre.x - width / 2, centre.y - height / 2, width, height)
        inside = []
        layouts.update(_boundary_onto(process, container_id, box, new_box))
    if expand:
        planes = plane_map(process)
        plane = planes.get(container_id)
        others = [
            i
            for i, p in planes.items()
            if p == plane and i != container_id and i not in inside and i in process.layout
        ]
        layouts.update(_make_space(process, container_id, others, box, new_box))
    old = process.layout[container_id]
    assert isinstance(old, ShapeLayout)
    layouts[container_id] = replace(old, bounds=new_box, label_bounds=None)
    # Expanding, `_make_space` already took the boundary events' flows along.
    moved = {container_id} | (set() if expand else set(layouts))
    for flow in connections(process, moved):
        if flow.id in inside:
            continue
        ends = [_moved_box(process, layouts, end) for end in (flow.source, flow.target)]
        if ends[0] is not None and ends[1] is not None:
            layouts[flow.id] = _rerouted(process.layout.get(flow.id), route(ends[0], ends[1]))
    return layouts


def _is_boundary_of(process: Process, element_id: str, container_id: str) -> bool:
    element = process.elements.get(element_id)
    return isinstance(element, Node) and element.attached_to == container_id


def _boundary_onto(
    process: Process, container_id: str, old: Bounds, new: Bounds
) -> dict[str, Layout]:
    """Boundary events of a resized box onto the new box's border: the edge they sat on,
    at the same fraction along it (clamped), same size; their labels go along."""
    out: dict[str, Layout] = {}
    for element_id, layout in process.layout.items():
        if not isinstance(layout, ShapeLayout) or not _is_boundary_of(
            process, element_id, container_id
        ):
            continue
        centre = layout.bounds.center
        x, y = _onto_edge(centre.x, centre.y, old, new)
        out[element_id] = layout.moved(x - centre.x, y - centre.y)
    return out


def _onto_edge(x: float, y: float, old: Bounds, new: Bounds) -> tuple[float, float]:
    """A point on (or near) `old`'s border, onto the same edge of `new`."""

    def along(
        value: float, start: float, length: float, new_start: float, new_length: float
    ) -> float:
        fraction = (value - start) / length if length else 0.5
        return new_start + min(max(fraction, 0.0), 1.0) * new_length

    nx = along(x, old.x, old.width, new.x, new.width)
    ny = along(y, old.y, old.height, new.y, new.height)
    gaps = {
        "left": abs(x - old.x),
        "right": abs(x - (old.x + old.width)),
        "top": abs(y - old.y),
        "bottom": abs(y - (old.y + old.height)),
    }
    edge = min(gaps, key=gaps.__getitem__)
    if edge == "left":
        return new.x, ny
    if edge == "right":
        return new.x + new.width, ny
    if edge == "top":
        return nx, new.y
    return nx, new.y + new.height


def _rerouted(old: Layout | None, waypoints: tuple[Point, ...]) -> EdgeLayout:
    """New waypoints keeping the flow's look (stroke, label, message marker)."""
    if isinstance(old, EdgeLayout):
        return replace(old, waypoints=waypoints)
    return EdgeLayout(waypoints)


def _make_space(
    process: Process, container_id: str, others: list[str], old: Bounds, new: Bounds
) -> dict[str, Layout]:
    """Push what is right of the old box right and what is below it down by its growth."""
    dw, dh = new.width - old.width, new.height - old.height
    right, bottom = old.x + old.width - 1, old.y + old.height - 1
    if dw <= 0 and dh <= 0:
        return {}

    def shift_x(x: float) -> float:
        return x + dw if x >= right else x

    def shift_y(y: float) -> float:
        return y + dh if y >= bottom else y

    out: dict[str, Layout] = {}
    flows: list[str] = []
    for element_id in others:
        layout = process.layout[element_id]
        element = process.elements.get(element_id)
        if isinstance(layout, EdgeLayout):
            flows.append(element_id)
            continue
        b = layout.bounds
        if isinstance(element, Node) and element.attached_to == container_id:
            x = b.x + dw if b.center.x >= right else b.x
            y = b.y + dh if b.center.y >= bottom else b.y
        else:
            x, y = shift_x(b.x), shift_y(b.y)
        moved = layout.moved(x - b.x, y - b.y)  # its label goes along
        if isinstance(element, Pool | Lane | Group):  # across a line: stretch
            width = b.width + (dw if b.x < right <= b.x + b.width else 0)
            height = b.height + (dh if b.y < bottom <= b.y + b.height else 0)
            moved = replace(moved, bounds=Bounds(x, y, width, height))
        out[element_id] = moved
    for flow_id in flows:
        flow = process.elements[flow_id]
        assert isinstance(flow, Flow)
        deltas = [_delta(process, out, end) for end in (flow.source, flow.target)]
        layout = process.layout[flow_id]
        assert isinstance(layout, EdgeLayout)
        if deltas[0] == deltas[1]:  # both ends (or neither) moved alike: the flow goes along
            out[flow_id] = layout.moved(*deltas[0])
            continue
        ends = [_moved_box(process, out, end) for end in (flow.source, flow.target)]
        if ends[0] is not None and ends[1] is not None:
            label = layout.label_bounds.moved(*deltas[1]) if layout.label_bounds else None
            out[flow_id] = replace(layout, waypoints=route(ends[0], ends[1]), label_bounds=label)
    return {k: v for k, v in out.items() if v != process.layout[k]}


def _delta(process: Process, out: dict[str, Layout], element_id: str) -> tuple[float, float]:
    before, after = process.layout.get(element_id), out.get(element_id)
    if isinstance(before, ShapeLayout) and isinstance(after, ShapeLayout):
        return after.bounds.x - before.bounds.x, after.bounds.y - before.bounds.y
    return 0.0, 0.0


def _moved_box(process: Process, layouts: dict[str, Layout], element_id: str) -> Bounds | None:
    layout = layouts.get(element_id, process.layout.get(element_id))
    return layout.bounds if isinstance(layout, ShapeLayout) else None


def _union(boxes: list[Bounds]) -> Bounds | None:
    if not boxes:
        return None
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    right = max(b.x + b.width for b in boxes)
    bottom = max(b.y + b.height for b in boxes)
    return Bounds(left, top, right - left, bottom - top)
