"""Analytic lead time and critical path of one scope (PRODUCT.md §3, a deterministic estimate).

Expected finish times run forward over the components in topological order. A node starts when
its inputs arrive: the latest input at an AND join, the probability-weighted mean of its inputs
elsewhere (so an XOR block costs the weighted sum of its branches). A loop takes one pass per
exit plus, per back-edge traversal, the stretch it repeats (loop body * expected visits).
The critical path follows the latest input back from the latest end, which is the longest
route through the graph with loops collapsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bpo_desktop.core.analysis.graph import EPS, ControlFlow
from bpo_desktop.core.analysis.visits import INF, Loop, ScopeVisits
from bpo_desktop.core.model import NodeKind


@dataclass(frozen=True)
class ScopeTiming:
    finish: dict[str, float]  # expected finish, minutes after the scope starts
    lead_min: float
    critical: tuple[str, ...]  # node ids of the critical route, in flow order


def scope_timing(cf: ControlFlow, sv: ScopeVisits, elapsed: Mapping[str, float]) -> ScopeTiming:
    """`elapsed` is each node's own time in minutes (wait + touch, plus a sub-process's lead)."""
    members = set(cf.scopes().get(sv.scope, []))
    finish: dict[str, float] = {}
    pred: dict[str, str | None] = {}

    def arrive(node_ids: list[tuple[str, float]], latest: bool) -> tuple[float, str | None]:
        if not node_ids:
            return 0.0, None
        times = [(finish[source], weight, source) for source, weight in node_ids]
        slowest = max(times, key=lambda t: t[0])
        total = sum(weight for _, weight, _ in times)
        if latest or total == INF:
            return slowest[0], slowest[2]
        return sum(t * w for t, w, _ in times) / total, slowest[2]

    def inputs(node_id: str, outside: set[str]) -> list[tuple[str, float]]:
        return [
            (f.source, sv.flow_visits.get(f.id, 0.0))
            for f in cf.incoming[node_id]
            if f.source in members and f.source not in outside
            and sv.flow_visits.get(f.id, 0.0) > EPS
        ]  # fmt: skip

    for component in sv.components:
        first = component[0]
        if first in sv.loop_of:
            loop = sv.loops[sv.loop_of[first]]
            inside = set(component)
            ins = [pair for node_id in component for pair in inputs(node_id, inside)]
            arrival, before = arrive(ins, latest=False)
            total_in = sum(weight for _, weight in ins)
            duration = INF if loop.infinite else _loop_duration(cf, sv, loop, elapsed, total_in)
            for node_id in component:
                finish[node_id] = arrival + duration
                pred[node_id] = before
            continue
        if cf.kind(first) is NodeKind.START_EVENT:
            arrival, before = 0.0, None
        else:
            arrival, before = arrive(inputs(first, set()), latest=cf.is_and_join(first))
        finish[first] = arrival + elapsed[first]
        pred[first] = before
    lead, last = _lead(cf, sv, members, finish)
    return ScopeTiming(finish=finish, lead_min=lead, critical=_route(sv, pred, last))


def _loop_duration(
    cf: ControlFlow, sv: ScopeVisits, loop: Loop, elapsed: Mapping[str, float], total_in: float
) -> float:
    """Expected time from entering a loop to leaving it: one pass per exit, plus for each
    traversal of a back flow the stretch it repeats (from its target to its source).

    A pass is timed over the loop's forward flows like the rest of the graph (the latest input
    at an AND join), so a parallel block inside a rework loop counts its longest branch.
    """
    members = set(loop.nodes)
    back = set(loop.back_flows)
    start: dict[str, float] = {}
    done: dict[str, float] = {}
    for node_id in loop.forward_order:
        times: list[tuple[float, float]] = []
        for flow in cf.incoming[node_id]:
            if flow.id in back:
                continue
            if flow.source in members:
                weight = sv.first_pass.get(flow.source, 0.0)
                weight *= cf.branch_weights(flow.source).get(flow.id, 0.0)
                times.append((done[flow.source], weight))
            else:
                times.append((0.0, sv.flow_visits.get(flow.id, 0.0)))
        times = [(t, w) for t, w in times if w > EPS]
        total = sum(w for _, w in times)
        if not times:
            start[node_id] = 0.0
        elif cf.is_and_join(node_id):
            start[node_id] = max(t for t, _ in times)
        else:
            start[node_id] = sum(t * w for t, w in times) / total
        done[node_id] = start[node_id] + elapsed[node_id]
    spent = 0.0
    for node_id in loop.nodes:
        for flow in cf.outgoing[node_id]:
            traversals = sv.flow_visits.get(flow.id, 0.0)
            if traversals <= EPS:
                continue
            if flow.id in back:
                spent += traversals * (done[node_id] - start[flow.target])
            elif flow.target not in members:
                spent += traversals * done[node_id]
    if total_in <= EPS:
        return max(done.values(), default=0.0)
    return spent / total_in


def _lead(
    cf: ControlFlow, sv: ScopeVisits, members: set[str], finish: dict[str, float]
) -> tuple[float, str | None]:
    """Exclusive ends average by their visits; ends reached in parallel take the latest."""
    visited = [n for component in sv.components for n in component if sv.visits[n] > EPS]
    sinks = [n for n in visited if not any(f.target in members for f in cf.outgoing[n])]
    candidates = sinks or visited
    if not candidates:
        return 0.0, None
    last = max(candidates, key=lambda n: finish[n])
    mass = sum(sv.visits[n] for n in sinks)
    if not sinks or mass > 1.0 + 1e-6 or mass == INF:
        return finish[last], last
    return sum(sv.visits[n] * finish[n] for n in sinks) / mass, last


def _route(sv: ScopeVisits, pred: dict[str, str | None], last: str | None) -> tuple[str, ...]:
    route: list[str] = []
    seen: set[str] = set()
    current = last
    while current is not None and current not in seen:
        if current in sv.loop_of:
            loop = sv.loops[sv.loop_of[current]]
            route.extend(reversed(loop.nodes))
            seen.update(loop.nodes)
        else:
            route.append(current)
            seen.add(current)
        current = pred[current]
    route.reverse()
    return tuple(route)
