"""Gateway soundness (PRODUCT.md N2): a structural pattern check, confirmed by a token game.

1. Structural: each join is matched with the split that dominates it (the point where its
   branches diverged). An exclusive split closed by an AND join is a deadlock; a parallel split
   closed by an exclusive join is a lack of synchronization. Loop entries are not joins here:
   an incoming flow from a node the join dominates is a back edge.
2. State space: a bounded breadth-first token game (scopes up to `max_state_nodes` nodes, up to
   `max_states` markings, no inclusive gateways) reports dead markings and flows holding more
   than one token. A structural finding the complete state space does not confirm is lowered
   to a warning; an unsound state the pattern check missed is reported on its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import networkx as nx

from bpo_desktop.core.analysis.findings import Finding, LintContext, Severity
from bpo_desktop.core.analysis.graph import ControlFlow, Routing
from bpo_desktop.core.model import NodeKind

E, W = Severity.ERROR, Severity.WARNING
DEADLOCK, LACK_OF_SYNC, STATE_SPACE = "deadlock", "lack-of-synchronization", "soundness"
_ROOT = "\0root"
MAX_TOKENS = 3  # a flow with more tokens than this is unbounded; the state is not expanded


def _dominance(
    graph: nx.DiGraph, starts: list[str]
) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """Immediate dominators from a virtual root over the starts, and dominator-tree intervals."""
    if len(starts) == 1:
        idom: dict[str, str] = dict(nx.immediate_dominators(graph, starts[0]))
        idom[starts[0]] = idom[_ROOT] = _ROOT
    else:
        rooted = graph.copy()
        rooted.add_edges_from((_ROOT, s) for s in starts)
        idom = dict(nx.immediate_dominators(rooted, _ROOT))
    children: dict[str, list[str]] = {}
    for node, parent in idom.items():
        if node != parent:
            children.setdefault(parent, []).append(node)
    interval: dict[str, tuple[int, int]] = {}
    clock = 0
    stack: list[tuple[str, bool]] = [(_ROOT, False)]
    while stack:
        node, done = stack.pop()
        if done:
            interval[node] = (interval[node][0], clock)
            continue
        interval[node] = (clock, -1)
        clock += 1
        stack.append((node, True))
        stack.extend((child, False) for child in children.get(node, ()))
    return idom, interval


def _dominates(interval: dict[str, tuple[int, int]], a: str, b: str) -> bool:
    return (
        a in interval
        and b in interval
        and (interval[a][0] <= interval[b][0] and interval[b][1] <= interval[a][1])
    )


def _split_kind(cf: ControlFlow, node_id: str) -> str | None:
    return {
        Routing.PARALLEL: "and",
        Routing.EXCLUSIVE: "xor",
        Routing.INCLUSIVE: "or",
    }.get(cf.routing(node_id))


def _join_kind(cf: ControlFlow, node_id: str) -> str:
    kind = cf.kind(node_id)
    if kind is NodeKind.PARALLEL_GATEWAY:
        return "and"
    return "or" if kind is NodeKind.INCLUSIVE_GATEWAY else "xor"


def structural(ctx: LintContext) -> Iterator[Finding]:
    cf = ctx.cf
    for scope in cf.scopes():
        starts = cf.starts(scope)
        if not starts:
            continue
        idom, interval = _dominance(cf.scope_graph(scope, boundary=False), starts)
        for join in cf.scopes()[scope]:
            forward = [
                f for f in cf.incoming[join]
                if f.source in idom and not _dominates(interval, join, f.source)
            ]  # fmt: skip
            split = idom.get(join)
            if len(forward) < 2 or split is None or split == _ROOT:
                continue
            pattern = (_split_kind(cf, split), _join_kind(cf, join))
            tokens = len(forward)
            s, j = cf.label(split), cf.label(join)
            if pattern == ("xor", "and"):
                yield ctx.node_finding(
                    DEADLOCK,
                    E,
                    join,
                    f"Deadlock: join {j} waits for {tokens} tokens, split {s} emits 1",
                )
            elif pattern == ("or", "and"):
                yield ctx.node_finding(
                    DEADLOCK, W, join,
                    f"Deadlock risk: join {j} waits for {tokens} tokens, split {s} may emit fewer",
                )  # fmt: skip
            elif pattern in (("and", "xor"), ("or", "xor")):
                runs = _runs(ctx, scope, split, join, tokens)
                step = _next_step(cf, join)
                if pattern[0] == "and":
                    text = f"Lack of synchronization: {step} runs {runs}× per case"  # noqa: RUF001
                    yield ctx.node_finding(LACK_OF_SYNC, E, join, text)
                else:
                    most = f"{tokens}×"  # noqa: RUF001
                    text = f"Lack of synchronization risk: {step} may run up to {most} per case"
                    yield ctx.node_finding(LACK_OF_SYNC, W, join, text)


def _runs(ctx: LintContext, scope: str | None, split: str, join: str, tokens: int) -> str:
    visits = ctx.visits[scope].visits
    ratio = visits.get(join, 0.0) / visits[split] if visits.get(split) else 0.0
    if not 1.0 < ratio < float("inf"):
        ratio = float(tokens)
    return f"{round(ratio, 2):g}"


def _next_step(cf: ControlFlow, join: str) -> str:
    if cf.is_activity(join):
        return cf.label(join)
    following = list(cf.next_activities(join))
    return cf.label(following[0]) if len(following) == 1 else cf.label(join)


# -- the token game --------------------------------------------------------------------------
@dataclass
class StateSpace:
    states: int = 0
    complete: bool = True
    dead_joins: set[str] = field(default_factory=set)  # AND joins left waiting in a dead state
    dead_states: int = 0
    unsafe_flows: set[str] = field(default_factory=set)  # flows that held two tokens at once


def explore(cf: ControlFlow, scope: str | None, max_states: int) -> StateSpace:
    members = [n for n in cf.scopes().get(scope, []) if not cf.is_boundary(n)]
    inside = set(members)
    flows = [f.id for n in members for f in cf.outgoing[n] if f.target in inside]
    index = {flow_id: i for i, flow_id in enumerate(flows)}
    ins = {n: [index[f.id] for f in cf.incoming[n] if f.id in index] for n in members}
    outs = {n: [index[f.id] for f in cf.outgoing[n] if f.id in index] for n in members}
    space = StateSpace()
    seen: set[tuple[int, ...]] = set()
    queue: deque[tuple[int, ...]] = deque()
    for start in cf.starts(scope):
        initial = [0] * len(flows)
        for i in outs[start]:
            initial[i] += 1
        queue.append(tuple(initial))
    while queue:
        marking = queue.popleft()
        if marking in seen:
            continue
        seen.add(marking)
        space.states += 1
        if space.states > max_states:
            space.complete = False
            break
        space.unsafe_flows.update(flows[i] for i, count in enumerate(marking) if count > 1)
        if max(marking, default=0) > MAX_TOKENS:
            space.complete = False
            continue
        successors = _successors(cf, members, ins, outs, marking)
        if not successors and any(marking):
            space.dead_states += 1
            space.dead_joins.update(
                n for n in members
                if cf.is_and_join(n) and any(marking[i] for i in ins[n])
            )  # fmt: skip
        queue.extend(s for s in successors if s not in seen)
    return space


def _successors(
    cf: ControlFlow,
    members: list[str],
    ins: dict[str, list[int]],
    outs: dict[str, list[int]],
    marking: tuple[int, ...],
) -> list[tuple[int, ...]]:
    result = []
    for node in members:
        inputs = ins[node]
        if cf.is_and_join(node):
            if not inputs or not all(marking[i] for i in inputs):
                continue
            consume_options = [inputs]
        else:
            consume_options = [[i] for i in inputs if marking[i]]
        if cf.routing(node) in (Routing.SINGLE, Routing.PARALLEL):
            produce_options = [outs[node]]
        else:
            produce_options = [[i] for i in outs[node]]
        for consumed in consume_options:
            for produced in produce_options:
                nxt = list(marking)
                for i in consumed:
                    nxt[i] -= 1
                for i in produced:
                    nxt[i] += 1
                result.append(tuple(nxt))
    return result


def check(ctx: LintContext) -> tuple[list[Finding], str]:
    """Structural findings, adjusted by the state-space check, and what that check did."""
    cf = ctx.cf
    findings = list(structural(ctx))
    notes: list[str] = []
    for scope, members in cf.scopes().items():
        where = "process" if scope is None else f"sub-process {cf.label(scope)}"
        if not members or not cf.starts(scope):
            continue
        if len(members) > ctx.max_state_nodes:
            notes.append(f"{where}: skipped ({len(members)} nodes > {ctx.max_state_nodes})")
            continue
        if any(cf.kind(n) is NodeKind.INCLUSIVE_GATEWAY for n in members):
            notes.append(f"{where}: skipped (inclusive gateways)")
            continue
        space = explore(cf, scope, ctx.max_states)
        findings = _reconcile(ctx, findings, set(members), space)
        outcome = "complete" if space.complete else "stopped at the bound"
        notes.append(
            f"{where}: {space.states} states ({outcome}), {space.dead_states} dead, "
            f"{len(space.unsafe_flows)} unsafe flow(s)"
        )
    return findings, "; ".join(notes) or "not run (no start event)"


def _reconcile(
    ctx: LintContext, findings: list[Finding], members: set[str], space: StateSpace
) -> list[Finding]:
    cf = ctx.cf
    mine = [f for f in findings if f.element_id in members]
    result = [f for f in findings if f.element_id not in members]
    for f in mine:
        unconfirmed = space.complete and (
            (f.rule == DEADLOCK and not space.dead_joins)
            or (f.rule == LACK_OF_SYNC and not space.unsafe_flows)
        )
        if unconfirmed and f.severity is E:
            f = replace(f, severity=W, message=f"{f.message} (not confirmed by the state space)")
        result.append(f)
    reported = {f.element_id for f in mine if f.rule == DEADLOCK}
    result.extend(
        ctx.node_finding(
            STATE_SPACE, E, join,
            f"Deadlock: join {cf.label(join)} can wait forever for a token (state-space check)",
        )
        for join in sorted(space.dead_joins - reported, key=cf.position.__getitem__)
    )  # fmt: skip
    if not any(f.rule == LACK_OF_SYNC for f in mine):
        # Report where the surplus starts, not every step downstream that inherits it.
        flooded = {cf.flows[f].target for f in space.unsafe_flows}
        unsafe = [cf.flows[f] for f in space.unsafe_flows]
        origins = [f for f in unsafe if f.source not in flooded] or unsafe  # (a cycle: all)
        targets = sorted({f.target for f in origins}, key=cf.position.__getitem__)
        result.extend(
            ctx.node_finding(
                STATE_SPACE, E, target,
                f"Lack of synchronization: {cf.label(target)} can get two tokens at once "
                "(state-space check)",
            )
            for target in targets
        )  # fmt: skip
    return result
