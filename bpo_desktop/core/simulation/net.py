"""Compile a process and its parameters into integer-indexed tables the engine walks.

Every model node becomes one or more *stages* (a task with a wait time becomes DELAY → TASK; a
gateway that both joins and splits becomes JOIN → AND). Pass-through stages (merges, events
without delay, one-way gateways) are resolved away: `nxt[i]` already points at the next stage
that does something. The tables are plain Python lists: list indexing is the fastest lookup the
interpreter has, and nothing here is touched again while the run goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation.calendars import WeeklyCalendar
from bpo_desktop.core.simulation.errors import SimulationError
from bpo_desktop.core.simulation.params import ArrivalParams, Distribution, SimParams
from bpo_desktop.core.simulation.topology import (
    Role,
    Topology,
    matching_or_join,
    or_branching,
    xor_branching,
)

# Stage kinds.
TASK, DELAY, XOR, AND, JOIN, OR, ORJOIN, END, PASS = range(9)
# Dispatch modes: the engine's inline fast paths, or its general router.
FAST_TASK, FAST_DELAY, GENERAL, FAST_END = range(4)


@dataclass(frozen=True)
class PoolSpec:
    id: str
    name: str
    staff: int | None
    rate_per_s: float
    calendar: WeeklyCalendar | None
    fee_per_case: float


@dataclass
class Net:
    """The compiled process. Index i is a stage; `origin[i]` is its model element id."""

    kind: list[int] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)
    nxt: list[int] = field(default_factory=list)
    branches: list[tuple[int, ...]] = field(default_factory=list)
    probs: list[tuple[float, ...]] = field(default_factory=list)
    need: list[int] = field(default_factory=list)
    or_join: list[int] = field(default_factory=list)
    dist: list[Distribution | None] = field(default_factory=list)
    pool: list[int] = field(default_factory=list)
    fixed_cost: list[float] = field(default_factory=list)
    mode: list[int] = field(default_factory=list)
    pools: list[PoolSpec] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    first: int = -1
    arrival: ArrivalParams | None = None

    @property
    def size(self) -> int:
        return len(self.kind)

    def stream_key(self, i: int) -> str:
        """A stable name for stage i's random stream (survives unrelated model edits)."""
        return f"{'delay' if self.kind[i] == DELAY else 'stage'}:{self.origin[i]}"


def compile_net(process: Process, params: SimParams) -> Net:
    """Build the tables. Assumes `validate` found no errors; raises SimulationError otherwise."""
    topo = Topology.of(process)
    builder = _Builder(topo, params)
    return builder.build()


class _Builder:
    def __init__(self, topo: Topology, params: SimParams) -> None:
        self.topo = topo
        self.params = params
        self.net = Net(names={i: n.name or i for i, n in topo.nodes.items()})
        self.entry: dict[str, int] = {}  # model node -> its first stage
        self.exit: dict[str, int] = {}  # model node -> its last stage
        self.pool_index: dict[str, int] = {}
        self.given: dict[str, float | None] = dict(params.branches)

    def build(self) -> Net:
        self._add_pools()
        for node_id in self.topo.nodes:
            self._add_stages(node_id)
        self._link()
        self._resolve_passes()
        starts = self.topo.starts()
        if len(starts) != 1:
            raise SimulationError("a simulated process needs exactly one start event")
        self.net.first = self._resolved(self.entry[starts[0]])
        self.net.arrival = self.params.arrival
        self._set_modes()
        return self.net

    def _add_pools(self) -> None:
        for pool_id, pool in self.params.pools.items():
            calendar = None if pool.calendar is None or pool.calendar.is_always else pool.calendar
            self.pool_index[pool_id] = len(self.net.pools)
            self.net.pools.append(
                PoolSpec(
                    pool_id,
                    pool.name or pool_id,
                    pool.staff,
                    pool.cost_per_hour / 3600.0,
                    calendar,
                    pool.fee_per_case,
                )
            )

    def _stage(self, origin: str, kind: int, dist: Distribution | None = None) -> int:
        net = self.net
        net.kind.append(kind)
        net.origin.append(origin)
        net.nxt.append(-1)
        net.branches.append(())
        net.probs.append(())
        net.need.append(0)
        net.or_join.append(-1)
        net.dist.append(dist)
        net.pool.append(-1)
        net.fixed_cost.append(0.0)
        return net.size - 1

    def _add_stages(self, node_id: str) -> None:
        topo, role = self.topo, self.topo.role(node_id)
        fan_in, fan_out = len(topo.incoming[node_id]), len(topo.outgoing[node_id])
        stages: list[int] = []
        if role is Role.TASK:
            stages += self._task_stages(node_id)
        elif role is Role.EVENT:
            delay = self.params.event_delays.get(node_id)
            stages.append(self._stage(node_id, PASS if delay is None else DELAY, delay))
        elif role is Role.END:
            stages.append(self._stage(node_id, END))
        elif role is Role.AND and fan_in > 1:
            stages.append(self._stage(node_id, JOIN))
            self.net.need[stages[-1]] = fan_in
        elif role is Role.OR and fan_in > 1:
            stages.append(self._stage(node_id, ORJOIN))
        if fan_out > 1 and role is not Role.END:
            split_kind = {Role.XOR: XOR, Role.OR: OR}.get(role, AND)
            stages.append(self._stage(node_id, split_kind))
        if not stages:
            stages.append(self._stage(node_id, PASS))
        for before, after in pairwise(stages):
            self.net.nxt[before] = after
        self.entry[node_id], self.exit[node_id] = stages[0], stages[-1]

    def _task_stages(self, node_id: str) -> list[int]:
        task = self.params.tasks.get(node_id)
        if task is None or task.pool not in self.pool_index:
            raise SimulationError(f"task {self.topo.label(node_id)} has no resource pool")
        stages = []
        if task.delay is not None and not (task.delay.is_fixed and task.delay.params[0] == 0):
            stages.append(self._stage(node_id, DELAY, task.delay))
        stage = self._stage(node_id, TASK, task.duration)
        self.net.pool[stage] = self.pool_index[task.pool]
        self.net.fixed_cost[stage] = task.fixed_cost
        return [*stages, stage]

    def _link(self) -> None:
        net, topo = self.net, self.topo
        for node_id in topo.nodes:
            last = self.exit[node_id]
            targets = [self.entry[t] for t in topo.targets(node_id)]
            if net.kind[last] in (XOR, OR, AND) and len(targets) > 1:
                net.branches[last] = tuple(targets)
                self._set_probabilities(node_id, last)
            elif targets and net.kind[last] != END:
                net.nxt[last] = targets[0]
            elif net.kind[last] != END:
                raise SimulationError(f"{topo.label(node_id)} has no outgoing sequence flow")

    def _set_probabilities(self, node_id: str, stage: int) -> None:
        flows = self.topo.outgoing[node_id]
        kind = self.net.kind[stage]
        if kind == AND:
            return
        branching = (xor_branching if kind == XOR else or_branching)(flows, self.given)
        if branching.errors:
            raise SimulationError(f"{self.topo.label(node_id)}: {branching.errors[0]}")
        self.net.probs[stage] = branching.probabilities
        if kind == OR:
            join = matching_or_join(self.topo, node_id)
            if join is None:
                raise SimulationError(f"inclusive split {self.topo.label(node_id)} has no join")
            self.net.or_join[stage] = self.entry[join]

    def _resolved(self, stage: int) -> int:
        """Follow pass-through stages to the first stage that does something."""
        seen = set()
        while self.net.kind[stage] == PASS:
            if stage in seen or self.net.nxt[stage] < 0:
                origin = self.topo.label(self.net.origin[stage])
                raise SimulationError(f"{origin}: a cycle or dead end with no step in it")
            seen.add(stage)
            stage = self.net.nxt[stage]
        return stage

    def _resolve_passes(self) -> None:
        net = self.net
        for i in range(net.size):
            if net.nxt[i] >= 0 and net.kind[i] != PASS:
                net.nxt[i] = self._resolved(net.nxt[i])
            net.branches[i] = tuple(self._resolved(b) for b in net.branches[i])

    def _set_modes(self) -> None:
        net = self.net
        one_token = not any(k in (AND, OR) for k in net.kind)  # a case is one token throughout
        for i, kind in enumerate(net.kind):
            if kind == TASK and net.pools[net.pool[i]].calendar is None:
                net.mode.append(FAST_TASK)
            elif kind == DELAY:
                net.mode.append(FAST_DELAY)
            elif kind == END and one_token:
                net.mode.append(FAST_END)
            else:
                net.mode.append(GENERAL)
