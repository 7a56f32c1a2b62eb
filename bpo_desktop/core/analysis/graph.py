"""The control-flow graph of a process: flow nodes joined by sequence flows, grouped by scope.

A *scope* is the top level of the process (`None`) or an expanded sub-process holding children.
Boundary events hang off their host activity: the graph has a host → boundary edge so
reachability sees them, but no branch weight, so metrics treat them as exceptional (never taken).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import networkx as nx

from bpo_desktop.core.model import Flow, Node, NodeKind, Process

#: Tolerance for probabilities and visit counts.
EPS = 1e-9


class Routing(StrEnum):
    """How a node sends a token on when it has several outgoing sequence flows."""

    SINGLE = "single"  # zero or one outgoing flow
    PARALLEL = "parallel"  # every outgoing flow (AND split, or an uncontrolled split)
    EXCLUSIVE = "exclusive"  # exactly one (XOR / event-based split, or flows with probabilities)
    INCLUSIVE = "inclusive"  # one or more (OR split)


def label(node: Node) -> str:
    """What users call a node: its name, or its id when it has none."""
    return node.name.strip() or node.id


def has_condition(flow: Flow) -> bool:
    """A flow that is taken only sometimes: it is conditional (even before its condition is
    written) or has a branch probability."""
    return flow.conditional or bool(flow.condition.strip()) or flow.probability is not None


def split_shares(flows: Iterable[Flow]) -> dict[str, float]:
    """Branch probabilities that sum to 1.

    Flows without a probability share what the others leave (equally); the result is then
    normalised, so 60 % / 30 % counts as 2/3 and 1/3. All zero or none given: equal shares.
    """
    flows = list(flows)
    if not flows:
        return {}
    given = {f.id: max(0.0, f.probability) for f in flows if f.probability is not None}
    missing = [f.id for f in flows if f.probability is None]
    rest = max(0.0, 1.0 - sum(given.values()))
    shares = dict(given)
    for flow_id in missing:
        shares[flow_id] = rest / len(missing)
    total = sum(shares.values())
    if total <= EPS:
        return {f.id: 1.0 / len(flows) for f in flows}
    return {flow_id: share / total for flow_id, share in shares.items()}


class ControlFlow:
    """Sequence flows between the flow nodes of one process snapshot (read-only)."""

    def __init__(self, process: Process) -> None:
        self.process = process
        self.nodes: dict[str, Node] = {n.id: n for n in process.nodes()}
        #: Model order of the nodes, for stable output.
        self.position: dict[str, int] = {node_id: i for i, node_id in enumerate(self.nodes)}
        self.flows: dict[str, Flow] = {}
        #: Sequence flows whose source or target is not a flow node of this process.
        self.invalid_flows: list[Flow] = []
        self.outgoing: dict[str, list[Flow]] = {node_id: [] for node_id in self.nodes}
        self.incoming: dict[str, list[Flow]] = {node_id: [] for node_id in self.nodes}
        self.graph = nx.DiGraph()
        self.graph.add_nodes_from(self.nodes)
        for flow in process.flows():
            if flow.source not in self.nodes or flow.target not in self.nodes:
                self.invalid_flows.append(flow)
                continue
            self.flows[flow.id] = flow
            self.outgoing[flow.source].append(flow)
            self.incoming[flow.target].append(flow)
            self.graph.add_edge(flow.source, flow.target)
        for node in self.nodes.values():
            if node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to in self.nodes:
                self.graph.add_edge(node.attached_to, node.id)
        self._scopes = self._group_scopes()
        self._weights: dict[str, dict[str, float]] = {}

    # -- scopes ---------------------------------------------------------------------------
    def _group_scopes(self) -> dict[str | None, list[str]]:
        scopes: dict[str | None, list[str]] = {None: []}
        for node in self.nodes.values():
            scopes.setdefault(self.scope_of(node.id), []).append(node.id)
        return scopes

    def scope_of(self, node_id: str) -> str | None:
        """The sub-process that contains the node, or None for the top level."""
        parent = self.nodes[node_id].parent_id
        if parent is not None and parent in self.nodes and parent != node_id:
            return parent
        return None

    def scopes(self) -> dict[str | None, list[str]]:
        """Node ids per scope, in model order; the top level (None) always comes first."""
        return self._scopes

    def scope_depth(self, scope: str | None) -> int:
        depth, seen = 0, set()
        while scope is not None and scope not in seen:
            seen.add(scope)
            scope, depth = self.scope_of(scope), depth + 1
        return depth

    def scope_graph(self, scope: str | None, *, boundary: bool = True) -> nx.DiGraph:
        """The part of the graph inside one scope (with or without boundary events); read-only."""
        members = [n for n in self._scopes.get(scope, []) if boundary or not self.is_boundary(n)]
        if len(members) == self.graph.number_of_nodes():
            return self.graph  # the whole graph: callers only read it
        return self.graph.subgraph(members).copy()

    def starts(self, scope: str | None) -> list[str]:
        return [n for n in self._scopes.get(scope, []) if self.kind(n) is NodeKind.START_EVENT]

    def ends(self, scope: str | None) -> list[str]:
        return [n for n in self._scopes.get(scope, []) if self.kind(n) is NodeKind.END_EVENT]

    # -- node facts -----------------------------------------------------------------------
    def kind(self, node_id: str) -> NodeKind:
        return self.nodes[node_id].kind

    def label(self, node_id: str) -> str:
        return label(self.nodes[node_id])

    def is_activity(self, node_id: str) -> bool:
        return self.kind(node_id).is_activity

    def is_boundary(self, node_id: str) -> bool:
        return self.kind(node_id) is NodeKind.BOUNDARY_EVENT

    def is_and_join(self, node_id: str) -> bool:
        return self.kind(node_id) is NodeKind.PARALLEL_GATEWAY and len(self.incoming[node_id]) > 1

    def has_children(self, node_id: str) -> bool:
        return node_id in self._scopes and node_id is not None and bool(self._scopes[node_id])

    def routing(self, node_id: str) -> Routing:
        outs = self.outgoing[node_id]
        if len(outs) <= 1:
            return Routing.SINGLE
        kind = self.kind(node_id)
        if kind is NodeKind.PARALLEL_GATEWAY:
            return Routing.PARALLEL
        if kind in (NodeKind.EXCLUSIVE_GATEWAY, NodeKind.EVENT_BASED_GATEWAY):
            return Routing.EXCLUSIVE
        if kind is NodeKind.INCLUSIVE_GATEWAY:
            return Routing.INCLUSIVE
        # An activity or event with several flows: exclusive when it gives probabilities,
        # otherwise BPMN's uncontrolled flow, which is parallel.
        if any(f.probability is not None for f in outs):
            return Routing.EXCLUSIVE
        return Routing.PARALLEL

    def branch_weights(self, node_id: str) -> dict[str, float]:
        """Expected tokens each outgoing flow carries per firing of the node."""
        cached = self._weights.get(node_id)
        if cached is None:
            outs = self.outgoing[node_id]
            if self.routing(node_id) in (Routing.SINGLE, Routing.PARALLEL):
                cached = {f.id: 1.0 for f in outs}
            else:
                cached = split_shares(outs)
            self._weights[node_id] = cached
        return cached

    def next_activities(self, node_id: str) -> dict[str, float]:
        """Activities that follow a node directly, skipping gateways and events.

        Values are the expected number of times each is reached per firing of `node_id`.
        """
        found: dict[str, float] = {}
        stack: list[tuple[str, float, frozenset[str]]] = [(node_id, 1.0, frozenset({node_id}))]
        while stack:
            current, weight, path = stack.pop()
            weights = self.branch_weights(current)
            for flow in self.outgoing[current]:
                reach = weight * weights.get(flow.id, 0.0)
                target = flow.target
                if reach <= EPS:
                    continue
                if self.is_activity(target):
                    found[target] = found.get(target, 0.0) + reach
                elif target not in path and self.kind(target) is not NodeKind.END_EVENT:
                    stack.append((target, reach, path | {target}))
        return dict(sorted(found.items(), key=lambda item: self.position[item[0]]))


def dfs_back_edges(
    members: set[str], entries: Iterable[str], outgoing: dict[str, list[Flow]]
) -> tuple[list[Flow], list[str]]:
    """Flows inside `members` that close a cycle in a depth-first walk from `entries`,
    and the members in the order the walk first reaches them."""
    back: list[Flow] = []
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for entry in entries:
        if entry in state:
            continue
        state[entry] = 1
        order.append(entry)
        stack = [(entry, iter(outgoing[entry]))]
        while stack:
            node, flows = stack[-1]
            for flow in flows:
                if flow.target not in members:
                    continue
                seen = state.get(flow.target)
                if seen == 1:
                    back.append(flow)
                elif seen is None:
                    state[flow.target] = 1
                    order.append(flow.target)
                    stack.append((flow.target, iter(outgoing[flow.target])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back, order
