"""A compact way to build a laid-out process in code: for samples, tests and benchmarks.

Building is not editing: the result is a new model, like loading a file (ARCHITECTURE §7.2).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    EdgeLayout,
    Flow,
    FlowKind,
    Lane,
    LaneKind,
    Node,
    NodeKind,
    Point,
    Pool,
    Process,
    ShapeLayout,
    System,
    SystemKind,
    Workspace,
    id_prefix,
)

LANE_HEIGHT = 160.0
POOL_LABEL = 30.0
COLUMN = 170.0
MARGIN = 50.0

SIZES: dict[NodeKind, tuple[float, float]] = {
    NodeKind.TASK: (110.0, 80.0),
    NodeKind.SUBPROCESS: (110.0, 80.0),
    NodeKind.CALL_ACTIVITY: (110.0, 80.0),
}
EVENT_SIZE = (36.0, 36.0)
GATEWAY_SIZE = (50.0, 50.0)


def node_size(kind: NodeKind) -> tuple[float, float]:
    if kind in SIZES:
        return SIZES[kind]
    return EVENT_SIZE if kind.is_event else GATEWAY_SIZE


def counter_ids(tag: str) -> Callable[[str], str]:
    """Deterministic ids (`Activity_onb3`), so a rebuilt sample is identical to the stored one."""
    counter = itertools.count(1)
    return lambda prefix: f"{prefix}_{tag}{next(counter)}"


class ProcessBuilder:
    """Adds a pool, lanes, nodes on a column grid and orthogonally routed flows."""

    def __init__(
        self,
        workspace: Workspace,
        name: str,
        *,
        pool: str | None = None,
        ids: Callable[[str], str] | None = None,
    ) -> None:
        self._workspace = workspace
        self._ids = ids or workspace.new_id
        self.process = Process(id=self._ids("Process"), name=name)
        self._pool_id = self._add_pool(pool or name)
        self._lane_rows: dict[str, int] = {}
        self._max_col = 0

    # -- construction ---------------------------------------------------------------------
    def _add_pool(self, name: str) -> str:
        pool = Pool(id=self._ids("Participant"), name=name)
        self.process.elements[pool.id] = pool
        return pool.id

    def lane(self, name: str, *, kind: LaneKind = LaneKind.TEAM, **attrs: float) -> str:
        row = len(self._lane_rows)
        lane = Lane(
            id=self._ids("Lane"),
            name=name,
            parent_id=self._pool_id,
            kind=kind,
            position=row,
            **attrs,  # type: ignore[arg-type]
        )
        self.process.elements[lane.id] = lane
        self._lane_rows[lane.id] = row
        return lane.id

    def system(self, name: str, kind: SystemKind = SystemKind.IT) -> str:
        return self.system_in(self._workspace, name, self._ids, kind)

    @staticmethod
    def system_in(
        workspace: Workspace,
        name: str,
        ids: Callable[[str], str],
        kind: SystemKind = SystemKind.IT,
    ) -> str:
        """The id of the catalogue's system called `name`, added when missing."""
        existing = workspace.system_by_name(name)
        if existing is not None:
            return existing.id
        system = System(id=ids("System"), name=name, kind=kind)
        workspace.systems[system.id] = system
        return system.id

    def node(self, kind: NodeKind, name: str, *, lane: str, col: int, **attrs: object) -> str:
        system_name = attrs.pop("system", None)
        if isinstance(system_name, str):
            attrs["system_id"] = self.system(system_name)
        node = Node(id=self._ids(_prefix(kind)), kind=kind, name=name, lane_id=lane, **attrs)  # type: ignore[arg-type]
        width, height = node_size(kind)
        center_x = MARGIN + POOL_LABEL + 90.0 + col * COLUMN
        center_y = MARGIN + (self._lane_rows[lane] + 0.5) * LANE_HEIGHT
        bounds = Bounds(center_x - width / 2, center_y - height / 2, width, height)
        label = None
        if not kind.is_activity:  # events and gateways carry their label below the shape
            label = Bounds(center_x - 50, bounds.y + height + 5, 100, 28)
        self.process.elements[node.id] = node
        self.process.layout[node.id] = ShapeLayout(bounds, label)
        self._max_col = max(self._max_col, col)
        return node.id

    def task(self, name: str, *, lane: str, col: int, **attrs: object) -> str:
        return self.node(NodeKind.TASK, name, lane=lane, col=col, **attrs)

    def flow(self, source: str, target: str, **attrs: object) -> str:
        flow = Flow(id=self._ids("Flow"), source=source, target=target, **attrs)  # type: ignore[arg-type]
        self.process.elements[flow.id] = flow
        self.process.layout[flow.id] = EdgeLayout(self.route(source, target))
        return flow.id

    def data_object(self, name: str, *, near: str, written_by: str) -> str:
        """A data object just above `near`, its label beside it, joined by a straight line."""
        data = DataObject(id=self._ids("DataObject"), name=name)
        b = self._bounds(near)
        center_x = b.center.x
        bounds = Bounds(center_x - 18, b.y - 95, 36, 50)
        self.process.elements[data.id] = data
        self.process.layout[data.id] = ShapeLayout(bounds, Bounds(center_x + 22, b.y - 84, 64, 28))
        flow = Flow(
            id=self._ids("Flow"), source=written_by, target=data.id, kind=FlowKind.DATA_ASSOCIATION
        )
        self.process.elements[flow.id] = flow
        points = (Point(center_x, b.y), Point(center_x, bounds.y + bounds.height))
        self.process.layout[flow.id] = EdgeLayout(points)
        return data.id

    # -- geometry -------------------------------------------------------------------------
    def route(self, source: str, target: str) -> tuple[Point, ...]:
        """Right side out, left side in; one vertical segment half-way when rows differ."""
        a = self._bounds(source)
        b = self._bounds(target)
        start = Point(a.x + a.width, a.center.y)
        end = Point(b.x, b.center.y)
        if end.x < start.x:  # a back edge: over the top, clear of the labels below shapes
            above = min(a.y, b.y) - 25
            return (
                Point(a.center.x, a.y),
                Point(a.center.x, above),
                Point(b.center.x, above),
                Point(b.center.x, b.y),
            )
        if abs(start.y - end.y) < 0.5:
            return (start, end)
        mid_x = (start.x + end.x) / 2
        return (start, Point(mid_x, start.y), Point(mid_x, end.y), end)

    def _bounds(self, element_id: str) -> Bounds:
        layout = self.process.layout[element_id]
        assert isinstance(layout, ShapeLayout)
        return layout.bounds

    def build(self) -> Process:
        """Size the pool and lanes to the content and add the process to the workspace."""
        width = POOL_LABEL + 90.0 + self._max_col * COLUMN + 90.0  # same margin both ends
        lanes = max(1, len(self._lane_rows))
        self.process.layout[self._pool_id] = ShapeLayout(
            Bounds(MARGIN, MARGIN, width, lanes * LANE_HEIGHT)
        )
        for lane_id, row in self._lane_rows.items():
            self.process.layout[lane_id] = ShapeLayout(
                Bounds(
                    MARGIN + POOL_LABEL, MARGIN + row * LANE_HEIGHT, width - POOL_LABEL, LANE_HEIGHT
                )
            )
        self._workspace.processes[self.process.id] = self.process
        return self.process


def _prefix(kind: NodeKind) -> str:
    return id_prefix(Node(id="x", kind=kind))
