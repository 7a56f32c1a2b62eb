"""Expected visits per node (PRODUCT.md §3): branch probabilities, parallel branches and loops.

Within one scope, the strongly connected components of the sequence-flow graph are visited in
topological order. A node outside any loop gets the expected tokens of its incoming flows (an AND
join fires as often as its least-fed input). A loop is solved as a small linear system
v = inflow + M·v, so a simple loop whose back edge has probability p gives its body 1/(1 - p)
visits; inside a loop an AND join fires once per full set of inputs (the mean of its inputs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from bpo_desktop.core.analysis.graph import EPS, ControlFlow, dfs_back_edges
from bpo_desktop.core.model import Flow, NodeKind

INF = float("inf")


@dataclass(frozen=True)
class Loop:
    """A strongly connected part of the flow graph: a rework or repeat loop."""

    nodes: tuple[str, ...]  # members, in the order a walk from the entry reaches them
    entries: tuple[str, ...]  # members entered from outside the loop
    back_flows: tuple[str, ...]  # flow ids that close the loop
    visits: float  # expected passes through the loop head per entry, 1 / (1 - p)
    back_probability: float  # p: the share of arrivals at the head that are repeats
    infinite: bool  # no way out (or a way out with probability 0)
    forward_order: tuple[str, ...] = ()  # members in topological order without the back flows


@dataclass(frozen=True)
class ScopeVisits:
    """Expected visits per node and tokens per flow in one scope, per start of that scope."""

    scope: str | None
    components: tuple[tuple[str, ...], ...]  # strongly connected components, topological order
    visits: dict[str, float]
    flow_visits: dict[str, float]
    first_pass: dict[str, float]  # visits without going round any loop
    loops: tuple[Loop, ...]
    loop_of: dict[str, int] = field(default_factory=dict)  # node id → index into `loops`
    #: Expected traversals of back flows attributed to the step whose result they rework.
    rework: dict[str, float] = field(default_factory=dict)


def scope_visits(cf: ControlFlow, scope: str | None) -> ScopeVisits:
    members = cf.scopes().get(scope, [])
    member_set = set(members)
    position = {node_id: i for i, node_id in enumerate(members)}
    graph = nx.DiGraph()
    graph.add_nodes_from(members)
    graph.add_edges_from(
        (f.source, f.target) for f in cf.flows.values() if f.source in member_set
        and f.target in member_set
    )  # fmt: skip
    condensed = nx.condensation(graph)
    order = nx.topological_sort(condensed)  # deterministic for a given model
    components = tuple(
        tuple(sorted(condensed.nodes[c]["members"], key=position.__getitem__)) for c in order
    )
    starts = cf.starts(scope)
    calc = _Calculator(cf, member_set, 1.0 / len(starts) if starts else 0.0)
    for component in components:
        if len(component) == 1 and not graph.has_edge(component[0], component[0]):
            calc.single(component[0])
        else:
            calc.loop(component)
    return ScopeVisits(
        scope=scope,
        components=components,
        visits=calc.visits,
        flow_visits=calc.flow_visits,
        first_pass=calc.first_pass,
        loops=tuple(calc.loops),
        loop_of=calc.loop_of,
        rework=calc.rework,
    )


class _Calculator:
    def __init__(self, cf: ControlFlow, members: set[str], start_share: float) -> None:
        self.cf = cf
        self.members = members
        self.start_share = start_share
        self.visits: dict[str, float] = {}
        self.flow_visits: dict[str, float] = {}
        self.first_pass: dict[str, float] = {}
        self.loops: list[Loop] = []
        self.loop_of: dict[str, int] = {}
        self.rework: dict[str, float] = {}

    def _emit(self, node_id: str, visits: float) -> None:
        self.visits[node_id] = visits
        weights = self.cf.branch_weights(node_id)
        for flow in self.cf.outgoing[node_id]:
            weight = weights.get(flow.id, 0.0)
            self.flow_visits[flow.id] = visits * weight if weight > 0 else 0.0

    def _inflow(self, node_id: str) -> list[float]:
        return [
            self.flow_visits.get(f.id, 0.0)
            for f in self.cf.incoming[node_id]
            if f.source in self.members
        ]

    def single(self, node_id: str) -> None:
        if self.cf.kind(node_id) is NodeKind.START_EVENT:
            visits = self.start_share
        else:
            inflow = self._inflow(node_id)
            if not inflow:
                visits = 0.0
            elif self.cf.is_and_join(node_id):
                visits = min(inflow)
            else:
                visits = sum(inflow)
        self.first_pass[node_id] = visits
        self._emit(node_id, visits)

    def _coefficients(self, node_id: str) -> list[tuple[str, str, float]]:
        """(flow id, source, weight) of each incoming flow inside the scope."""
        share = 1.0 / len(self.cf.incoming[node_id]) if self.cf.is_and_join(node_id) else 1.0
        return [
            (f.id, f.source, share) for f in self.cf.incoming[node_id] if f.source in self.members
        ]

    def loop(self, component: tuple[str, ...]) -> None:
        cf = self.cf
        index = {node_id: i for i, node_id in enumerate(component)}
        size = len(component)
        matrix = np.eye(size)
        inflow = np.zeros(size)
        for node_id, i in index.items():
            if cf.kind(node_id) is NodeKind.START_EVENT:
                inflow[i] += self.start_share
            for flow_id, source, share in self._coefficients(node_id):
                if source in index:
                    matrix[i, index[source]] -= share * cf.branch_weights(source)[flow_id]
                else:
                    inflow[i] += share * self.flow_visits.get(flow_id, 0.0)
        total_in = float(inflow.sum())
        entries = [n for n in component if inflow[index[n]] > EPS] or [component[0]]
        back, walk = dfs_back_edges(set(component), entries, cf.outgoing)
        solution, infinite = self._solve(component, matrix, inflow, total_in)
        for node_id in component:
            self._emit(node_id, solution[index[node_id]])
        forward_order = self._first_pass(component, {f.id for f in back}, inflow, index)
        back_mass = sum(self.flow_visits.get(f.id, 0.0) for f in back)
        if infinite:
            visits, probability = INF, 1.0
        elif total_in > EPS:
            visits = (total_in + back_mass) / total_in
            probability = back_mass / (total_in + back_mass)
        else:
            visits, probability = 0.0, 0.0
        self._attribute_rework(component, back)
        for node_id in component:
            self.loop_of[node_id] = len(self.loops)
        self.loops.append(
            Loop(
                nodes=tuple(walk),
                entries=tuple(entries),
                back_flows=tuple(f.id for f in back),
                visits=visits,
                back_probability=probability,
                infinite=infinite,
                forward_order=forward_order,
            )
        )

    def _solve(
        self, component: tuple[str, ...], matrix: np.ndarray, inflow: np.ndarray, total_in: float
    ) -> tuple[list[float], bool]:
        if total_in <= EPS:
            return [0.0] * len(component), False
        try:
            solution = np.linalg.solve(matrix, inflow)
        except np.linalg.LinAlgError:
            return [INF] * len(component), True
        values = [float(v) for v in solution]
        exits = 0.0
        for node_id, value in zip(component, values, strict=True):
            weights = self.cf.branch_weights(node_id)
            for flow in self.cf.outgoing[node_id]:
                if flow.target not in component:
                    exits += value * weights.get(flow.id, 0.0)
        unbounded = not all(np.isfinite(values)) or min(values) < -EPS
        if unbounded or max(values) > 1e9 * total_in or exits <= 1e-9 * total_in:
            return [INF] * len(component), True
        return [max(0.0, v) for v in values], False

    def _first_pass(
        self,
        component: tuple[str, ...],
        back: set[str],
        inflow: np.ndarray,
        index: dict[str, int],
    ) -> tuple[str, ...]:
        forward = nx.DiGraph()
        forward.add_nodes_from(component)
        for node_id in component:
            for flow in self.cf.outgoing[node_id]:
                if flow.target in index and flow.id not in back:
                    forward.add_edge(node_id, flow.target)
        order = tuple(nx.topological_sort(forward))
        for node_id in order:
            visits = float(inflow[index[node_id]])
            for flow_id, source, share in self._coefficients(node_id):
                if source in index and flow_id not in back:
                    weight = self.cf.branch_weights(source)[flow_id]
                    visits += share * self.first_pass.get(source, 0.0) * weight
            self.first_pass[node_id] = visits
        return order

    def _attribute_rework(self, component: tuple[str, ...], back: list[Flow]) -> None:
        """Each back flow reworks the nearest step before it (the checked step).

        When several steps come right before the check (parallel or alternative branches), the
        rework goes to the most visited one (the first in model order on a tie), so a loop
        lowers the rolled throughput yield once, by its back-edge probability.
        """
        members = set(component)
        for flow in back:
            checked = _activities_before(self.cf, flow.source, members)
            if not checked:
                continue
            step = max(checked, key=lambda n: (self.visits.get(n, 0.0), -self.cf.position[n]))
            traversals = self.flow_visits.get(flow.id, 0.0)
            self.rework[step] = self.rework.get(step, 0.0) + traversals


def _activities_before(cf: ControlFlow, node_id: str, members: set[str]) -> list[str]:
    if cf.is_activity(node_id):
        return [node_id]
    found: list[str] = []
    seen = {node_id}
    queue = [node_id]
    while queue:
        current = queue.pop(0)
        for flow in cf.incoming[current]:
            source = flow.source
            if source in seen or source not in members:
                continue
            seen.add(source)
            if cf.is_activity(source):
                found.append(source)
            else:
                queue.append(source)
    return found
