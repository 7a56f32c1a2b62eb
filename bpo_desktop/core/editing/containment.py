"""Who contains whom: lanes in pools, steps in lanes and sub-processes (pure queries).

Shared by the handlers (what a move or delete takes along) and the UI (what a drag previews).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bpo_desktop.core.model import (
    Bounds,
    Element,
    Flow,
    Lane,
    Node,
    Point,
    Pool,
    Process,
    ShapeLayout,
)
from bpo_desktop.core.model.planes import is_collapsed_container


def _contained_in(element: Element, ids: set[str]) -> bool:
    """Lanes in a pool/lane, nodes in a sub-process and boundary events on an activity."""
    if isinstance(element, Lane):
        return element.parent_id in ids
    if isinstance(element, Node):
        return element.parent_id in ids or element.attached_to in ids
    return False


def _follows_move(process: Process, element: Element, moving: set[str]) -> bool:
    """Contents go where their container goes (not those on a collapsed container's own
    plane); a node also goes with its lane."""
    if isinstance(element, Node) and element.parent_id in moving:
        return not is_collapsed_container(process.elements.get(element.parent_id or ""))
    return _contained_in(element, moving) or (
        isinstance(element, Node) and element.lane_id in moving
    )


def contents_closure(process: Process, element_ids: set[str]) -> set[str]:
    """The elements plus everything they contain, transitively."""
    return _closure(process, element_ids, _contained_in)


def flows_closure(process: Process, element_ids: set[str]) -> set[str]:
    """The elements plus every flow attached to them, or to such a flow, transitively."""
    return _closure(process, element_ids, _attached_flow)


def _attached_flow(element: Element, ids: set[str]) -> bool:
    return isinstance(element, Flow) and (element.source in ids or element.target in ids)


def _closure(
    process: Process, element_ids: set[str], belongs: Callable[[Element, set[str]], bool]
) -> set[str]:
    result = set(element_ids)
    while True:
        extra = {
            e.id for e in process.elements.values() if e.id not in result and belongs(e, result)
        }
        if not extra:
            return result
        result |= extra


def moving_shapes(process: Process, element_ids: Iterable[str]) -> list[str]:
    """The given shapes plus the shapes they contain, in the process's layout order."""
    shapes = {i for i, lay in process.layout.items() if isinstance(lay, ShapeLayout)}

    def follows(element: Element, moving: set[str]) -> bool:
        return element.id in shapes and _follows_move(process, element, moving)

    moving = _closure(process, set(element_ids) & shapes, follows)
    return [i for i in process.layout if i in moving]


def shape_bounds(process: Process, element_id: str) -> Bounds | None:
    layout = process.layout.get(element_id)
    return layout.bounds if isinstance(layout, ShapeLayout) else None


def lane_at(process: Process, point: Point) -> str | None:
    """The innermost (smallest) lane whose box contains the point."""
    best: tuple[float, str] | None = None
    for element in process.elements.values():
        layout = process.layout.get(element.id)
        if isinstance(element, Lane) and isinstance(layout, ShapeLayout):
            bounds = layout.bounds
            if bounds.contains(point) and (best is None or bounds.width * bounds.height < best[0]):
                best = (bounds.width * bounds.height, element.id)
    return best[1] if best else None


def pool_at(process: Process, point: Point) -> str | None:
    for pool in process.pools():
        bounds = shape_bounds(process, pool.id)
        if bounds is not None and bounds.contains(point):
            return pool.id
    return None


def pool_of(process: Process, element_id: str | None) -> str | None:
    """The pool a lane or node sits in (through its lanes), or None when it is in none."""
    seen: set[str] = set()
    while element_id is not None and element_id not in seen:
        seen.add(element_id)
        element = process.elements.get(element_id)
        if isinstance(element, Pool):
            return element.id
        if isinstance(element, Node):
            element_id = element.lane_id
        elif isinstance(element, Lane):
            element_id = element.parent_id
        else:
            return None
    return None


def child_lanes(process: Process, parent_id: str | None) -> list[Lane]:
    """The lanes directly under a pool or lane, top to bottom."""
    return [lane for lane in process.lanes() if lane.parent_id == parent_id]


def lane_subtree(process: Process, lane_id: str) -> set[str]:
    """The lane and every lane nested in it."""
    result = {lane_id}
    changed = True
    while changed:
        extra = {lane.id for lane in process.lanes() if lane.parent_id in result} - result
        changed = bool(extra)
        result |= extra
    return result


def connections(process: Process, element_ids: set[str]) -> list[Flow]:
    """Every flow with an end in `element_ids`."""
    return [
        f for f in process.flows(kind=None) if f.source in element_ids or f.target in element_ids
    ]
