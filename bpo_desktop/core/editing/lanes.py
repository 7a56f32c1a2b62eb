"""Swimlane geometry: stacking lanes in their pool when they are added, removed, reordered or
resized (pure functions; `Modeling` turns a plan into one undoable command).

Lanes of one parent (a pool or a lane) are stacked top to bottom without gaps, in `position`
order; the parent's height is their sum. Whatever a lane contains moves with it, and flows
between lanes that moved by different amounts are re-routed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bpo_desktop.core.editing.containment import child_lanes, moving_shapes, shape_bounds
from bpo_desktop.core.editing.geometry import reshaped
from bpo_desktop.core.editing.routing import follow_route, route
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Lane,
    Layout,
    Node,
    Pool,
    Process,
    ShapeLayout,
)
from bpo_desktop.core.model.element_types import LANE_HEIGHT

BAND = 30.0  # the name band of a pool, where its lanes start
MIN_LANE_HEIGHT = 60.0
NEW = "__new_lane__"  # the placeholder id of a lane being inserted


@dataclass
class LanePlan:
    """New layouts for lanes, their parent, their contents and affected flows; new positions."""

    layouts: dict[str, Layout] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    new_lane: Bounds | None = None  # where an inserted lane goes


def _parent_bounds(process: Process, parent_id: str | None) -> Bounds | None:
    return shape_bounds(process, parent_id) if parent_id is not None else None


def restack(
    process: Process,
    parent_id: str | None,
    order: Sequence[str],
    heights: dict[str, float] | None = None,
) -> LanePlan:
    """Stack the lanes `order` (ids; `NEW` for an inserted lane) under their parent."""
    heights = dict(heights or {})
    siblings = {lane.id: lane for lane in child_lanes(process, parent_id)}
    parent = _parent_bounds(process, parent_id)
    current = [b for i in order if i in siblings and (b := shape_bounds(process, i)) is not None]
    if parent is not None:
        top, left, width = parent.y, parent.x + BAND, parent.width - BAND
    elif current:
        top, left, width = min(b.y for b in current), current[0].x, current[0].width
    else:
        top, left, width = 0.0, BAND, 800.0 - BAND
    if current and parent is not None:
        top = min(top, min(b.y for b in current))
        left, width = current[0].x, current[0].width
    plan = LanePlan()
    shifts: dict[str, float] = {}
    y = top
    for index, lane_id in enumerate(order):
        old = shape_bounds(process, lane_id) if lane_id != NEW else None
        height = heights.get(lane_id, old.height if old else LANE_HEIGHT)
        new = Bounds(old.x if old else left, y, old.width if old else width, height)
        if lane_id == NEW:
            plan.new_lane = new
        else:
            if old is None or (old.y, old.height) != (new.y, new.height):
                plan.layouts[lane_id] = _with_bounds(process, lane_id, new)
            if old is not None and new.y != old.y:
                shifts[lane_id] = new.y - old.y
            lane = siblings.get(lane_id)
            if lane is not None and lane.position != index:
                plan.positions[lane_id] = index
        y += height
    _shift_contents(process, shifts, plan)
    _resize_parent(process, parent_id, y - top, plan)
    return plan


def _with_bounds(process: Process, element_id: str, bounds: Bounds) -> ShapeLayout:
    old = process.layout.get(element_id)
    return reshaped(old, bounds, old.label_bounds if isinstance(old, ShapeLayout) else None)


def _shift_contents(process: Process, shifts: dict[str, float], plan: LanePlan) -> None:
    """Move what each shifted lane contains by the lane's shift; re-route affected flows."""
    moved: dict[str, float] = {}
    for lane_id, dy in shifts.items():
        for shape_id in moving_shapes(process, [lane_id]):
            if shape_id != lane_id:
                moved[shape_id] = dy
    for shape_id, dy in moved.items():
        layout = process.layout[shape_id]
        assert isinstance(layout, ShapeLayout)
        plan.layouts[shape_id] = layout.moved(0.0, dy)
    reroute_flows(process, moved_by={i: (0.0, dy) for i, dy in moved.items()}, plan=plan)


def reroute_flows(
    process: Process, moved_by: dict[str, tuple[float, float]], plan: LanePlan
) -> None:
    """Routes of flows attached to shapes that moved by different amounts (new bounds come
    from `plan.layouts` when present)."""
    if not moved_by:
        return

    def bounds(element_id: str) -> Bounds | None:
        layout = plan.layouts.get(element_id, process.layout.get(element_id))
        return layout.bounds if isinstance(layout, ShapeLayout) else None

    for flow in process.flows(kind=None):
        start, end = moved_by.get(flow.source), moved_by.get(flow.target)
        layout = process.layout.get(flow.id)
        if (start is None and end is None) or not isinstance(layout, EdgeLayout):
            continue
        source, target = bounds(flow.source), bounds(flow.target)
        if start is not None and end is not None:
            if start == end:
                plan.layouts[flow.id] = layout.moved(*start)
            elif source is not None and target is not None:
                plan.layouts[flow.id] = replace(layout, waypoints=route(source, target))
            continue
        dx, dy = start if start is not None else end  # type: ignore[misc]
        points = follow_route(
            layout.waypoints, dx, dy, start=start is not None, end=end is not None,
            source=source, target=target,
        )  # fmt: skip
        plan.layouts[flow.id] = replace(
            layout, waypoints=points, label_bounds=_moved_label(layout, dx, dy)
        )


def _moved_label(layout: EdgeLayout, dx: float, dy: float) -> Bounds | None:
    label = layout.label_bounds
    return label.moved(dx / 2, dy / 2) if label is not None else None


def _resize_parent(process: Process, parent_id: str | None, height: float, plan: LanePlan) -> None:
    parent = _parent_bounds(process, parent_id)
    if parent_id is None or parent is None or parent.height == height:
        return
    element = process.elements.get(parent_id)
    if isinstance(element, Pool):
        plan.layouts[parent_id] = _with_bounds(
            process, parent_id, Bounds(parent.x, parent.y, parent.width, height)
        )
    elif isinstance(element, Lane):  # a nested lane grew: restack its own siblings too
        order = [lane.id for lane in child_lanes(process, element.parent_id)]
        outer = restack(process, element.parent_id, order, {parent_id: height})
        for element_id, layout in outer.layouts.items():
            plan.layouts.setdefault(element_id, layout)
        plan.positions.update(outer.positions)


# -- the edits ------------------------------------------------------------------------------
def reorder(process: Process, lane_id: str, index: int) -> LanePlan:
    lane = _lane(process, lane_id)
    order = [other.id for other in child_lanes(process, lane.parent_id) if other.id != lane_id]
    index = max(0, min(index, len(order)))
    order.insert(index, lane_id)
    return restack(process, lane.parent_id, order)


def resize(process: Process, lane_id: str, height: float) -> LanePlan:
    lane = _lane(process, lane_id)
    height = max(height, min_height(process, lane_id))
    order = [other.id for other in child_lanes(process, lane.parent_id)]
    return restack(process, lane.parent_id, order, {lane_id: height})


def insert(
    process: Process, parent_id: str | None, index: int, height: float = LANE_HEIGHT
) -> LanePlan:
    """Room for a new lane at `index` among the parent's lanes (`plan.new_lane` says where)."""
    order: list[str] = [lane.id for lane in child_lanes(process, parent_id)]
    order.insert(max(0, min(index, len(order))), NEW)
    return restack(process, parent_id, order, {NEW: height})


def remove(process: Process, lane_id: str) -> tuple[LanePlan, str | None]:
    """The neighbour (above, else below) grows over the removed lane's space and takes its
    steps; returns the plan and that neighbour (None when it was the only lane)."""
    lane = _lane(process, lane_id)
    siblings = [other.id for other in child_lanes(process, lane.parent_id)]
    index = siblings.index(lane_id)
    if len(siblings) == 1:
        return LanePlan(), None
    heir = siblings[index - 1] if index > 0 else siblings[1]
    removed, kept = shape_bounds(process, lane_id), shape_bounds(process, heir)
    plan = LanePlan()
    if removed is not None and kept is not None:
        top = min(removed.y, kept.y)
        grown = Bounds(kept.x, top, kept.width, kept.height + removed.height)
        plan.layouts[heir] = _with_bounds(process, heir, grown)
    for position, other in enumerate(i for i in siblings if i != lane_id):
        if _lane(process, other).position != position:
            plan.positions[other] = position
    return plan, heir


def min_height(process: Process, lane_id: str) -> float:
    """A lane keeps room for the steps it holds."""
    bounds = shape_bounds(process, lane_id)
    if bounds is None:
        return MIN_LANE_HEIGHT
    bottom = bounds.y + MIN_LANE_HEIGHT
    for node in _members(process, [lane_id]):
        box = shape_bounds(process, node.id)
        if box is not None:
            bottom = max(bottom, box.y + box.height + 10)
    return bottom - bounds.y


def _members(process: Process, lane_ids: Iterable[str]) -> list[Node]:
    wanted = set(lane_ids)
    return [n for n in process.nodes() if n.lane_id in wanted]


def resize_pool_width(process: Process, pool_id: str, right: float) -> dict[str, Layout]:
    """The pool and every lane in it end at `right`."""
    pool = shape_bounds(process, pool_id)
    if pool is None:
        return {}
    right = max(right, pool.x + BAND + 100)
    layouts: dict[str, Layout] = {
        pool_id: _with_bounds(process, pool_id, Bounds(pool.x, pool.y, right - pool.x, pool.height))
    }
    for lane in process.lanes():
        box = shape_bounds(process, lane.id)
        if box is not None and _inside(process, lane, pool_id):
            layouts[lane.id] = _with_bounds(
                process, lane.id, Bounds(box.x, box.y, right - box.x, box.height)
            )
    return layouts


def fit_pool(
    process: Process, pool_id: str, content: Bounds, margin: float = 40.0
) -> dict[str, Layout]:
    """Widen a pool (and its lanes) so `content` fits inside with a margin; {} if it fits."""
    pool = shape_bounds(process, pool_id)
    if pool is None or content.x + content.width + margin <= pool.x + pool.width:
        return {}
    return resize_pool_width(process, pool_id, content.x + content.width + margin)


def _inside(process: Process, lane: Lane, pool_id: str) -> bool:
    parent = lane.parent_id
    seen: set[str] = set()
    while parent is not None and parent not in seen:
        if parent == pool_id:
            return True
        seen.add(parent)
        element = process.elements.get(parent)
        parent = element.parent_id if isinstance(element, Lane) else None
    return False


def _lane(process: Process, lane_id: str) -> Lane:
    lane = process.elements.get(lane_id)
    if not isinstance(lane, Lane):
        raise ValueError(f"{lane_id!r} is not a lane")
    return lane
