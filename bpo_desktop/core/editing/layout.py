"""Auto-layout: a layered, left-to-right, lane-aware layout of a whole process (pure).

Columns come from the sequence-flow graph (networkx: back edges of a DFS are set aside so the
graph is acyclic, then each step goes one column right of its furthest predecessor). Each
step stays in its lane; steps of one lane in one column are stacked in rows, ordered by their
predecessors' rows to keep crossings down. Lanes grow to their rows and are stacked in their
pool; flows are routed orthogonally. The result is a layout per element, which
`Modeling.auto_layout` applies as one undoable command; an importer can apply it directly to a
model that came without diagram information.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx

from bpo_desktop.core.editing.geometry import label_below, rerouted, reshaped
from bpo_desktop.core.editing.lanes import BAND
from bpo_desktop.core.editing.routing import route
from bpo_desktop.core.model import (
    Bounds,
    Lane,
    Layout,
    Node,
    NodeKind,
    Process,
    ShapeLayout,
)
from bpo_desktop.core.model.element_types import EVENT_SIZE, GATEWAY_SIZE, LANE_HEIGHT, TASK_SIZE
from bpo_desktop.core.model.planes import plane_map

MARGIN = 50.0
COLUMN_GAP = 60.0
ROW = 130.0  # distance between rows of steps in one lane
LEAD = 60.0  # space between a lane's name band and its first column
POOL_GAP = 40.0
_NO_LANE = ""


@dataclass(frozen=True)
class _Graph:
    nodes: list[str]  # top-level, laid-out steps in model order
    edges: list[tuple[str, str]]  # forward edges only (acyclic)
    back: set[tuple[str, str]]


def default_size(node: Node) -> tuple[float, float]:
    if node.kind.is_activity:
        return TASK_SIZE
    return EVENT_SIZE if node.kind.is_event else GATEWAY_SIZE


def _size(process: Process, node: Node) -> tuple[float, float]:
    layout = process.layout.get(node.id)
    if isinstance(layout, ShapeLayout):
        return layout.bounds.width, layout.bounds.height
    return default_size(node)


def _top_level(process: Process) -> list[Node]:
    return [
        n for n in process.nodes() if n.parent_id is None and n.kind is not NodeKind.BOUNDARY_EVENT
    ]


def _representative(process: Process, element_id: str) -> str | None:
    """The top-level step a flow end belongs to (a boundary event's host, a child's parent)."""
    seen: set[str] = set()
    current: str | None = element_id
    while current is not None and current not in seen:
        seen.add(current)
        node = process.elements.get(current)
        if not isinstance(node, Node):
            return None
        if node.attached_to is not None:
            current = node.attached_to
        elif node.parent_id is not None:
            current = node.parent_id
        else:
            return node.id
    return None


def _graph(process: Process, nodes: list[Node]) -> _Graph:
    ids = [n.id for n in nodes]
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for flow in process.flows():
        a, b = _representative(process, flow.source), _representative(process, flow.target)
        if a in successors and b in successors and a != b and b not in successors[a]:
            successors[a].append(b)
    incoming = {b for succ in successors.values() for b in succ}
    starts = [n.id for n in nodes if n.kind is NodeKind.START_EVENT]
    roots = starts + [i for i in ids if i not in incoming and i not in starts] + ids
    back = _back_edges(successors, roots)
    edges = [(a, b) for a, succ in successors.items() for b in succ if (a, b) not in back]
    return _Graph(ids, edges, back)


def _back_edges(successors: dict[str, list[str]], roots: Iterable[str]) -> set[tuple[str, str]]:
    """Edges that close a cycle in a depth-first walk from the roots (iterative, no recursion)."""
    state: dict[str, int] = {}  # 1 = on the walk's stack, 2 = done
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors[child])))
    return back


def _columns(graph: _Graph) -> dict[str, int]:
    dag = nx.DiGraph()
    dag.add_nodes_from(graph.nodes)
    dag.add_edges_from(graph.edges)
    column: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        column[node] = max((column[p] + 1 for p in dag.predecessors(node)), default=0)
    return column


def _lane_key(process: Process, node: Node) -> str:
    lane = node.lane_id
    return lane if lane is not None and isinstance(process.elements.get(lane), Lane) else _NO_LANE


def _rows(
    process: Process, graph: _Graph, nodes: list[Node], column: dict[str, int]
) -> dict[str, int]:
    """A row per step within its lane: no two steps of a lane share a column and a row."""
    lane_of = {n.id: _lane_key(process, n) for n in nodes}
    preds: dict[str, list[str]] = defaultdict(list)
    for a, b in graph.edges:
        preds[b].append(a)
    by_cell: dict[tuple[int, str], list[str]] = defaultdict(list)
    for n in nodes:
        by_cell[(column[n.id], lane_of[n.id])].append(n.id)
    order = {node_id: i for i, node_id in enumerate(graph.nodes)}
    row: dict[str, int] = {}

    def preferred(node_id: str) -> float:
        same = [row[p] for p in preds[node_id] if p in row and lane_of[p] == lane_of[node_id]]
        return sum(same) / len(same) if same else 0.0

    for col, lane in sorted(by_cell, key=lambda key: key[0]):
        members = by_cell[(col, lane)]
        taken: set[int] = set()
        for node_id in sorted(members, key=lambda i: (preferred(i), order[i])):
            wanted = round(preferred(node_id))
            slot = next(r for r in _outward(wanted) if r not in taken)
            taken.add(slot)
            row[node_id] = slot
    # Rows may have gone negative (outward search): shift each lane so its first row is 0.
    lowest: dict[str, int] = defaultdict(int)
    for node_id, r in row.items():
        lowest[lane_of[node_id]] = min(lowest[lane_of[node_id]], r)
    return {i: r - lowest[lane_of[i]] for i, r in row.items()}


def _outward(start: int) -> Iterable[int]:
    yield start
    step = 1
    while True:
        yield start + step
        yield start - step
        step += 1


def auto_layout(process: Process) -> dict[str, Layout]:
    """New layouts for every step, lane, pool and flow of the process (and for artifacts
    attached to a step). Elements that had no layout get one."""
    nodes = _top_level(process)
    graph = _graph(process, nodes)
    column = _columns(graph)
    row = _rows(process, graph, nodes, column)
    widths: dict[int, float] = defaultdict(float)
    for n in nodes:
        widths[column[n.id]] = max(widths[column[n.id]], _size(process, n)[0])
    centres: dict[int, float] = {}
    x = MARGIN + BAND + LEAD
    for col in range(max(column.values(), default=-1) + 1):
        width = widths.get(col, TASK_SIZE[0])
        centres[col] = x + width / 2
        x += width + COLUMN_GAP
    right = x - COLUMN_GAP + LEAD
    layouts: dict[str, Layout] = {}
    lane_rows: dict[str, int] = defaultdict(lambda: 1)
    for n in nodes:
        key = _lane_key(process, n)
        lane_rows[key] = max(lane_rows[key], row[n.id] + 1)
    lane_boxes = _stack_swimlanes(process, lane_rows, right, layouts)
    for n in nodes:
        box = lane_boxes.get(_lane_key(process, n))
        assert box is not None
        rows = lane_rows[_lane_key(process, n)]
        centre_y = box.y + box.height / 2 + (row[n.id] - (rows - 1) / 2) * ROW
        width, height = _size(process, n)
        bounds = Bounds(centres[column[n.id]] - width / 2, centre_y - height / 2, width, height)
        layouts[n.id] = _placed(process, n, bounds)
    _carry_along(process, layouts)
    _route_flows(process, layouts)
    return layouts


def _placed(process: Process, node: Node, bounds: Bounds) -> ShapeLayout:
    old = process.layout.get(node.id)
    if isinstance(old, ShapeLayout) and old.label_bounds is not None:
        shift_x, shift_y = bounds.x - old.bounds.x, bounds.y - old.bounds.y
        return replace(old, bounds=bounds, label_bounds=old.label_bounds.moved(shift_x, shift_y))
    label = None if node.kind.is_activity else label_below(bounds)
    if isinstance(old, ShapeLayout):
        return replace(old, bounds=bounds, label_bounds=label)
    return ShapeLayout(bounds, label)


def _stack_swimlanes(
    process: Process, lane_rows: dict[str, int], right: float, layouts: dict[str, Layout]
) -> dict[str, Bounds]:
    """Pools one under another, their lanes stacked inside; steps without a lane below all."""
    boxes: dict[str, Bounds] = {}
    y = MARGIN
    for pool in process.pools():
        top = y
        y = _stack_children(process, pool.id, MARGIN + BAND, y, right, lane_rows, layouts, boxes)
        if y == top:  # a pool without lanes
            y += LANE_HEIGHT
        layouts[pool.id] = _shape(process, pool.id, Bounds(MARGIN, top, right - MARGIN, y - top))
        y += POOL_GAP
    orphans = [lane for lane in process.lanes() if lane.parent_id not in process.elements]
    for lane in orphans:
        y = _stack_lane(process, lane, MARGIN + BAND, y, right, lane_rows, layouts, boxes)
    height = max(LANE_HEIGHT, lane_rows.get(_NO_LANE, 1) * ROW + ROW / 2)
    boxes[_NO_LANE] = Bounds(MARGIN, y, right - MARGIN, height)
    return boxes


def _stack_children(
    process: Process,
    parent_id: str,
    x: float,
    y: float,
    right: float,
    lane_rows: dict[str, int],
    layouts: dict[str, Layout],
    boxes: dict[str, Bounds],
) -> float:
    for lane in process.lanes():
        if lane.parent_id == parent_id:
            y = _stack_lane(process, lane, x, y, right, lane_rows, layouts, boxes)
    return y


def _stack_lane(
    process: Process,
    lane: Lane,
    x: float,
    y: float,
    right: float,
    lane_rows: dict[str, int],
    layouts: dict[str, Layout],
    boxes: dict[str, Bounds],
) -> float:
    top = y
    bottom = _stack_children(process, lane.id, x + BAND, y, right, lane_rows, layouts, boxes)
    if bottom == top:  # a leaf lane: room for its rows
        bottom = top + max(LANE_HEIGHT, lane_rows.get(lane.id, 1) * ROW + ROW / 2)
    box = Bounds(x, top, right - x, bottom - top)
    boxes[lane.id] = box
    layouts[lane.id] = _shape(process, lane.id, box)
    return bottom


def _shape(process: Process, element_id: str, bounds: Bounds) -> ShapeLayout:
    old = process.layout.get(element_id)
    return reshaped(old, bounds, old.label_bounds if isinstance(old, ShapeLayout) else None)


def _carry_along(process: Process, layouts: dict[str, Layout]) -> None:
    """Sub-process contents, boundary events and linked artifacts keep their place relative
    to the step they belong to (the plane of a collapsed container stays as it is)."""
    planes = plane_map(process)
    for element_id, old in process.layout.items():
        if element_id in layouts or not isinstance(old, ShapeLayout) or planes.get(element_id):
            continue
        anchor = _anchor_of(process, element_id)
        before, after = process.layout.get(anchor or ""), layouts.get(anchor or "")
        if isinstance(before, ShapeLayout) and isinstance(after, ShapeLayout):
            dx, dy = after.bounds.x - before.bounds.x, after.bounds.y - before.bounds.y
            layouts[element_id] = old.moved(dx, dy)


def _anchor_of(process: Process, element_id: str) -> str | None:
    element = process.elements.get(element_id)
    if isinstance(element, Node):
        return _representative(process, element_id)
    for flow in process.flows(kind=None):
        other = flow.target if flow.source == element_id else flow.source
        if element_id in (flow.source, flow.target):
            node = _representative(process, other)
            if node is not None:
                return node
    return None


def _route_flows(process: Process, layouts: dict[str, Layout]) -> None:
    def box(element_id: str) -> Bounds | None:
        layout = layouts.get(element_id, process.layout.get(element_id))
        return layout.bounds if isinstance(layout, ShapeLayout) else None

    planes = plane_map(process)
    for flow in process.flows(kind=None):
        a, b = box(flow.source), box(flow.target)
        if a is not None and b is not None and planes.get(flow.id) is None:
            layouts[flow.id] = rerouted(process.layout.get(flow.id), route(a, b))


def layout_missing(process: Process) -> dict[str, Layout]:
    """Layouts for the top-level steps that have none, keeping every layout the process has.

    A model without any diagram (BPMN without DI) gets a full `auto_layout`. A diagram that
    lacks only a few shapes keeps its positions: the missing steps go in a row under it, and
    their flows (and flows without waypoints) are routed, so an imported drawing is never
    rearranged because one step came without a shape.
    """
    top = _top_level(process)
    missing = [n for n in top if n.id not in process.layout]
    if not missing:
        return {}
    planes = plane_map(process)  # shapes of a container's own plane have coordinates of theirs
    placed = [
        lay.bounds
        for element_id, lay in process.layout.items()
        if isinstance(lay, ShapeLayout) and planes.get(element_id) is None
    ]
    if len(missing) == len(top) or not placed:
        return auto_layout(process)
    x = min(b.x for b in placed)
    y = max(b.y + b.height for b in placed) + POOL_GAP
    layouts: dict[str, Layout] = {}
    for node in missing:
        width, height = _size(process, node)
        layouts[node.id] = _placed(process, node, Bounds(x, y, width, height))
        x += width + COLUMN_GAP

    def box(element_id: str) -> Bounds | None:
        layout = layouts.get(element_id, process.layout.get(element_id))
        return layout.bounds if isinstance(layout, ShapeLayout) else None

    for flow in process.flows(kind=None):
        touches_new = flow.source in layouts or flow.target in layouts
        if flow.id in process.layout and not touches_new:
            continue
        a, b = box(flow.source), box(flow.target)
        if a is not None and b is not None:
            layouts[flow.id] = rerouted(process.layout.get(flow.id), route(a, b))
    return layouts
