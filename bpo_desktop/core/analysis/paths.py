"""Path (variant) enumeration (PRODUCT.md N9): the routes a case can take, with probabilities.

A token game with timestamps. Parallel branches all run inside one variant; each exclusive
choice splits the variant in two. Enabled nodes fire in one fixed (topological) order, so
interleavings of parallel branches never count as separate variants. Loops unroll at most
`loop_limit` times; what a cutoff leaves out is reported as `truncated` probability. Always
bounded: `all_simple_paths`-style enumeration can explode (PRODUCT.md §7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bpo_desktop.core.analysis.graph import EPS, ControlFlow, Routing


@dataclass(frozen=True)
class Variant:
    steps: tuple[str, ...]  # activity ids in the order they run
    probability: float
    lead_min: float
    cost: float
    completes: bool  # False: the case gets stuck (a deadlock)


@dataclass(frozen=True)
class PathReport:
    variants: tuple[Variant, ...]  # most probable first
    truncated: float  # probability of the routes not listed
    loop_limit: int
    exhaustive: bool  # False when a budget (variants, firings) stopped the walk


@dataclass(frozen=True)
class PathLimits:
    loop_limit: int = 2
    max_variants: int = 50
    max_firings: int = 20_000
    min_probability: float = 1e-6  # routes less likely than this are left out (truncated)


@dataclass(frozen=True)
class _State:
    tokens: dict[str, tuple[float, ...]]  # flow id → arrival times of the tokens on it
    fired: dict[str, int]  # firings of loop members
    steps: tuple[str, ...]
    probability: float
    cost: float
    end: float


class _Walk:
    def __init__(
        self,
        cf: ControlFlow,
        scope: str | None,
        order: list[str],
        elapsed: Mapping[str, float],
        unit_cost: Mapping[str, float],
        loop_nodes: set[str],
        loop_limit: int,
    ) -> None:
        self.cf = cf
        self.loop_limit = loop_limit
        self.members = set(cf.scopes().get(scope, []))
        self.rank = {node_id: i for i, node_id in enumerate(order)}
        self.elapsed = elapsed
        self.unit_cost = unit_cost
        self.loop_nodes = loop_nodes
        self.firings = 0
        self.bound = self._bounds(order)

    def _bounds(self, order: list[str]) -> dict[str, float]:
        """An upper bound on the probability of finishing from each node.

        Exclusive splits take their best branch; parallel ones the smallest branch bound (their
        branches meet again, so a product would count the shared tail twice); loops count as 1.
        """
        bound: dict[str, float] = {}
        for node_id in reversed(order):
            outs = [f for f in self.cf.outgoing[node_id] if f.target in self.members]
            if node_id in self.loop_nodes or not outs:
                bound[node_id] = 1.0
            elif self.cf.routing(node_id) in (Routing.SINGLE, Routing.PARALLEL):
                bound[node_id] = min(bound.get(f.target, 1.0) for f in outs)
            else:
                weights = self.cf.branch_weights(node_id)
                bound[node_id] = max(weights[f.id] * bound.get(f.target, 1.0) for f in outs)
        return bound

    def promising(self, state: _State, threshold: float) -> bool:
        """Could the state still finish as a variant with at least `threshold` probability?"""
        best = min(
            (self.bound.get(self.cf.flows[f].target, 1.0) for f in state.tokens), default=1.0
        )
        return state.probability * best >= threshold

    def ins(self, node_id: str) -> list[str]:
        return [f.id for f in self.cf.incoming[node_id] if f.source in self.members]

    def enabled(self, state: _State) -> str | None:
        best: str | None = None
        for flow_id in state.tokens:
            target = self.cf.flows[flow_id].target
            if best is not None and self.rank[target] >= self.rank[best]:
                continue
            if self.cf.is_and_join(target) and not all(f in state.tokens for f in self.ins(target)):
                continue
            best = target
        return best

    def fire(self, state: _State, node_id: str) -> list[_State] | None:
        """Successor states; None when the loop limit cuts this route off."""
        self.firings += 1
        tokens = dict(state.tokens)
        wanted = self.ins(node_id) if self.cf.is_and_join(node_id) else []
        if not wanted:
            wanted = [next(f for f in self.ins(node_id) if f in tokens)]
        start = 0.0
        for flow_id in wanted:
            first, *rest = tokens[flow_id]
            start = max(start, first)
            if rest:
                tokens[flow_id] = tuple(rest)
            else:
                del tokens[flow_id]
        return self.emit(state, node_id, tokens, start)

    def emit(
        self, state: _State, node_id: str, tokens: dict[str, tuple[float, ...]], start: float
    ) -> list[_State] | None:
        fired = state.fired
        if node_id in self.loop_nodes:
            fired = {**fired, node_id: fired.get(node_id, 0) + 1}
            if fired[node_id] > 1 + self.loop_limit:
                return None
        done = start + self.elapsed[node_id]
        steps = (*state.steps, node_id) if self.cf.is_activity(node_id) else state.steps
        cost = state.cost + self.unit_cost.get(node_id, 0.0)
        outs = [f for f in self.cf.outgoing[node_id] if f.target in self.members]
        if not outs:
            return [_State(tokens, fired, steps, state.probability, cost, max(state.end, done))]
        if self.cf.routing(node_id) in (Routing.SINGLE, Routing.PARALLEL):
            for flow in outs:
                tokens[flow.id] = (*tokens.get(flow.id, ()), done)
            return [_State(tokens, fired, steps, state.probability, cost, state.end)]
        weights = self.cf.branch_weights(node_id)
        successors = []
        for flow in outs:
            weight = weights.get(flow.id, 0.0)
            if weight > EPS:
                branch = {**tokens, flow.id: (*tokens.get(flow.id, ()), done)}
                probability = state.probability * weight
                successors.append(_State(branch, fired, steps, probability, cost, state.end))
        return successors


def enumerate_paths(
    cf: ControlFlow,
    scope: str | None,
    order: list[str],
    elapsed: Mapping[str, float],
    unit_cost: Mapping[str, float],
    loop_nodes: set[str],
    limits: PathLimits | None = None,
) -> PathReport:
    """Variants of one scope, most probable branch first, within `limits`.

    `order` fixes which enabled node fires first (a topological order of the scope's nodes).
    """
    limits = limits or PathLimits()
    walk = _Walk(cf, scope, order, elapsed, unit_cost, loop_nodes, limits.loop_limit)
    starts = cf.starts(scope)
    stack: list[_State] = []
    for start in reversed(starts):
        initial = _State({}, {}, (), 1.0 / len(starts), 0.0, 0.0)
        begun = walk.emit(initial, start, {}, 0.0) or []
        stack.extend(s for s in begun if walk.promising(s, limits.min_probability))
    variants: list[Variant] = []
    exhaustive = True
    while stack:
        if len(variants) >= limits.max_variants or walk.firings >= limits.max_firings:
            exhaustive = False
            break
        state = stack.pop()
        while True:
            node_id = walk.enabled(state)
            if node_id is None:
                variants.append(_variant(state))
                break
            successors = walk.fire(state, node_id)
            if successors is None:  # cut off by the loop limit: counted as truncated
                break
            if walk.firings >= limits.max_firings:
                exhaustive = False
                break
            kept = [s for s in successors if walk.promising(s, limits.min_probability)]
            if len(kept) != 1 or len(successors) != 1:
                stack.extend(sorted(reversed(kept), key=lambda s: s.probability))
                break
            state = kept[0]
    variants.sort(key=lambda v: -v.probability)
    found = sum(v.probability for v in variants)
    return PathReport(
        variants=tuple(variants),
        truncated=max(0.0, 1.0 - found),
        loop_limit=limits.loop_limit,
        exhaustive=exhaustive,
    )


def _variant(state: _State) -> Variant:
    return Variant(
        steps=state.steps,
        probability=state.probability,
        lead_min=state.end,
        cost=state.cost,
        completes=not state.tokens,
    )
