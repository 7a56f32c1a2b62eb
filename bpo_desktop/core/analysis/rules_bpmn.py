"""bpmnlint's recommended structural rules, as they apply to this model.

Names, messages and severities follow bpmnlint's `config/recommended.js` and `rules/*.js`.
Where bpmnlint tests `conditionExpression`, a flow here counts as conditioned when it has a
condition or a branch probability (`graph.has_condition`), because probabilities are how this
tool says when a branch is taken. bpmnlint has no separate "no-implicit-join": its `fake-join`
is that rule (an activity or event with more than one incoming flow).
"""

from __future__ import annotations

from collections.abc import Iterator

from bpo_desktop.core.analysis.findings import Finding, LintContext, Severity
from bpo_desktop.core.analysis.graph import has_condition
from bpo_desktop.core.model import Flow, Lane, NodeKind, Pool

E, W = Severity.ERROR, Severity.WARNING


def flow_name(ctx: LintContext, flow: Flow) -> str:
    if flow.name.strip():
        return flow.name.strip()
    names = [ctx.cf.label(n) if n in ctx.cf.nodes else n for n in (flow.source, flow.target)]
    return " → ".join(names)


def is_scope(ctx: LintContext, node_id: str) -> bool:
    node = ctx.cf.nodes[node_id]
    return node.kind is NodeKind.SUBPROCESS and (ctx.cf.has_children(node_id) or node.expanded)


def start_end_required(ctx: LintContext) -> Iterator[Finding]:
    scopes: list[str | None] = [None, *(n for n in ctx.cf.nodes if is_scope(ctx, n))]
    for scope in scopes:
        if scope is None:
            where, element, name = "Process", ctx.process.id, ctx.process.name
        else:
            where, element, name = "Sub process", scope, ctx.cf.label(scope)
        if not ctx.cf.starts(scope):
            yield Finding(
                "start-event-required", E, element, name, f"{where} is missing start event"
            )
        if not ctx.cf.ends(scope):
            yield Finding("end-event-required", E, element, name, f"{where} is missing end event")


def connections(ctx: LintContext) -> Iterator[Finding]:
    """no-disconnected, no-implicit-start, no-implicit-end."""
    cf = ctx.cf
    for node_id, node in cf.nodes.items():
        ins, outs = cf.incoming[node_id], cf.outgoing[node_id]
        if not ins and not outs:
            yield ctx.node_finding("no-disconnected", E, node_id, "Element is not connected")
        if not ins and node.kind not in (NodeKind.START_EVENT, NodeKind.BOUNDARY_EVENT):
            yield ctx.node_finding("no-implicit-start", E, node_id, "Element is an implicit start")
        if not outs and node.kind is not NodeKind.END_EVENT:
            yield ctx.node_finding("no-implicit-end", E, node_id, "Element is an implicit end")


def splits_and_joins(ctx: LintContext) -> Iterator[Finding]:
    """no-implicit-split, fake-join, superfluous-gateway, no-gateway-join-fork, inclusive."""
    cf = ctx.cf
    for node_id, node in cf.nodes.items():
        ins, outs = cf.incoming[node_id], cf.outgoing[node_id]
        if node.kind.is_gateway:
            if len(ins) == 1 and len(outs) == 1:
                yield ctx.node_finding(
                    "superfluous-gateway", W, node_id,
                    "Gateway is superfluous. It only has one source and target.",
                )  # fmt: skip
            if len(ins) > 1 and len(outs) > 1:
                yield ctx.node_finding(
                    "no-gateway-join-fork", E, node_id, "Gateway forks and joins"
                )
            if node.kind is NodeKind.INCLUSIVE_GATEWAY:
                yield ctx.node_finding(
                    "no-inclusive-gateway", W, node_id,
                    "Element type <bpmn:InclusiveGateway> is discouraged",
                )  # fmt: skip
            continue
        uncontrolled = [f for f in outs if not has_condition(f) and not f.is_default]
        if len(uncontrolled) > 1:
            yield ctx.node_finding("no-implicit-split", E, node_id, "Flow splits implicitly")
        if len(ins) > 1:
            yield ctx.node_finding("fake-join", W, node_id, "Incoming flows do not join")


def labels(ctx: LintContext) -> Iterator[Finding]:
    """label-required: flow nodes (not AND/event-based/joining gateways, not sub-processes),
    conditioned sequence flows, pools and lanes."""
    cf = ctx.cf
    message = "Element is missing label/name"
    for node_id, node in cf.nodes.items():
        if node.name.strip():
            continue
        if node.kind in (NodeKind.PARALLEL_GATEWAY, NodeKind.EVENT_BASED_GATEWAY):
            continue
        if node.kind.is_gateway and len(cf.outgoing[node_id]) <= 1:
            continue
        if node.kind is NodeKind.SUBPROCESS:
            continue
        yield Finding("label-required", E, node_id, node_id, message)
    for flow in cf.flows.values():
        if has_condition(flow) and not flow.name.strip():
            yield Finding("label-required", E, flow.id, flow_name(ctx, flow), message)
    holders: list[Pool | Lane] = [*ctx.process.pools(), *ctx.process.lanes()]
    for holder in holders:
        if not holder.name.strip():
            yield Finding("label-required", E, holder.id, holder.id, message)


def conditional_flows(ctx: LintContext) -> Iterator[Finding]:
    """Out of a node with a default or a conditioned flow, every flow needs one or the other."""
    for outs in ctx.cf.outgoing.values():
        if not any(f.is_default or has_condition(f) for f in outs):
            continue
        for flow in outs:
            if not has_condition(flow) and not flow.is_default:
                yield Finding(
                    "conditional-flows", E, flow.id, flow_name(ctx, flow),
                    "Sequence flow is missing condition",
                )  # fmt: skip


def duplicate_flows(ctx: LintContext) -> Iterator[Finding]:
    keyed: set[tuple[str, str, str]] = set()
    sources: set[str] = set()
    targets: set[str] = set()
    rule = "no-duplicate-sequence-flows"
    for flow in ctx.cf.flows.values():
        key = (flow.source, flow.target, flow.condition.strip())
        if key not in keyed:
            keyed.add(key)
            continue
        yield Finding(rule, E, flow.id, flow_name(ctx, flow), "SequenceFlow is a duplicate")
        if flow.source not in sources:
            sources.add(flow.source)
            yield ctx.node_finding(rule, E, flow.source, "Duplicate outgoing sequence flows")
        if flow.target not in targets:
            targets.add(flow.target)
            yield ctx.node_finding(rule, E, flow.target, "Duplicate incoming sequence flows")


RULES = (start_end_required, connections, splits_and_joins, labels, conditional_flows,
         duplicate_flows)  # fmt: skip
