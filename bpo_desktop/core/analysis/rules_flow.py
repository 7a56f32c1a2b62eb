"""Reachability, dead ends, branch probabilities and loops (PRODUCT.md N1, N3, M7)."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from bpo_desktop.core.analysis.findings import Finding, LintContext, Severity
from bpo_desktop.core.analysis.graph import EPS, Routing
from bpo_desktop.core.analysis.rules_bpmn import flow_name

E, W = Severity.ERROR, Severity.WARNING
TOLERANCE = 0.005  # probabilities may be off by half a percent (rounding in the UI)


def invalid_flows(ctx: LintContext) -> Iterator[Finding]:
    for flow in ctx.cf.invalid_flows:
        ends = [end for end in (flow.source, flow.target) if end not in ctx.cf.nodes]
        yield Finding(
            "invalid-flow", E, flow.id, flow_name(ctx, flow),
            f"Sequence flow connects {ends[0]}, which is not a flow node of this process",
        )  # fmt: skip


def _connected(ctx: LintContext, node_id: str) -> bool:
    return bool(ctx.cf.incoming[node_id] or ctx.cf.outgoing[node_id])


def reachability(ctx: LintContext) -> Iterator[Finding]:
    """Steps no start reaches, and steps that cannot reach an end, per scope."""
    cf = ctx.cf
    for scope, members in cf.scopes().items():
        graph = cf.scope_graph(scope)
        starts, ends = cf.starts(scope), cf.ends(scope)
        candidates = [n for n in members if _connected(ctx, n) or cf.is_boundary(n)]
        if starts:
            reached = set(starts).union(*(nx.descendants(graph, s) for s in starts))
            origin = cf.label(starts[0]) if len(starts) == 1 else "any start event"
            if len(starts) == 1 and not cf.nodes[starts[0]].name.strip():
                origin = "Start"
            for node_id in candidates:
                if node_id not in reached:
                    yield ctx.node_finding(
                        "unreachable",
                        E,
                        node_id,
                        f"{cf.label(node_id)} is unreachable from {origin}",
                    )
        if ends:
            finishing = set(ends).union(*(nx.ancestors(graph, e) for e in ends))
            for node_id in candidates:
                if node_id not in finishing:
                    yield ctx.node_finding(
                        "dead-end", E, node_id, f"{cf.label(node_id)} cannot reach an End event"
                    )


def probabilities(ctx: LintContext) -> Iterator[Finding]:
    """Out of an exclusive or inclusive split, branch probabilities must add up to 100 %."""
    cf = ctx.cf
    for node_id in cf.nodes:
        if cf.routing(node_id) not in (Routing.EXCLUSIVE, Routing.INCLUSIVE):
            continue
        outs = cf.outgoing[node_id]
        given = [f.probability for f in outs if f.probability is not None]
        name = cf.label(node_id)
        for flow in outs:
            if flow.probability is not None and not 0.0 <= flow.probability <= 1.0:
                yield Finding(
                    "branch-probabilities", E, flow.id, flow_name(ctx, flow),
                    f"Branch probability {flow.probability * 100:g} % is outside 0..100 %",
                )  # fmt: skip
        if not given:
            yield ctx.node_finding(
                "branch-probabilities", W, node_id,
                f"{name} has no branch probabilities; metrics assume equal shares",
            )  # fmt: skip
            continue
        total = sum(given)
        missing = len(outs) - len(given)
        if missing or abs(total - 1.0) > TOLERANCE:
            detail = f" ({missing} flow(s) without one)" if missing else ""
            yield ctx.node_finding(
                "branch-probabilities", E, node_id,
                f"{name}: branch probabilities sum to {round(total * 100, 2):g} %{detail}",
            )  # fmt: skip


def loops(ctx: LintContext) -> Iterator[Finding]:
    """A loop must have a way out with a probability above zero."""
    cf = ctx.cf
    for sv in ctx.visits.values():
        for loop in sv.loops:
            members = set(loop.nodes)
            exits = [(n, f) for n in loop.nodes for f in cf.outgoing[n] if f.target not in members]
            sources = list(dict.fromkeys(cf.flows[f].source for f in loop.back_flows))
            names = ", ".join(cf.label(n) for n in loop.nodes)
            if not exits:
                for node_id in sources[:1] or loop.nodes[:1]:
                    yield ctx.node_finding(
                        "infinite-loop", E, node_id, f"Infinite loop: {names} has no way out"
                    )
            elif all(cf.branch_weights(n).get(f.id, 0.0) <= EPS for n, f in exits):
                for node_id in sources:
                    yield ctx.node_finding(
                        "infinite-loop", E, node_id,
                        f"Infinite loop: {cf.label(node_id)} sends every case back "
                        "(back-edge probability 100 %)",
                    )  # fmt: skip
            elif loop.infinite:
                yield ctx.node_finding(
                    "infinite-loop", E, loop.nodes[0],
                    f"Infinite loop: tokens multiply on every round through {names}",
                )  # fmt: skip


RULES = (invalid_flows, reachability, probabilities, loops)
