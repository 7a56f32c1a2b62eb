"""`analyze(process, systems)`: the analytic metrics of PRODUCT.md §3 for one process snapshot.

Pure: it reads the process and the system catalogue and returns a frozen `ProcessMetrics`.
Scopes (the top level and expanded sub-processes) are solved deepest first, so a sub-process
takes its content's lead time as its own elapsed time and its content's visits scale with it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from bpo_desktop.core.analysis.accounting import (
    capacity,
    costs,
    handoffs,
    step_metrics,
    unit_costs,
)
from bpo_desktop.core.analysis.graph import EPS, ControlFlow, Routing
from bpo_desktop.core.analysis.paths import PathLimits, PathReport, enumerate_paths
from bpo_desktop.core.analysis.results import LoopMetrics, ProcessMetrics
from bpo_desktop.core.analysis.timing import ScopeTiming, scope_timing
from bpo_desktop.core.analysis.visits import ScopeVisits, scope_visits
from bpo_desktop.core.model import Process, System, VAClass


@dataclass(frozen=True)
class AnalysisOptions:
    demand_per_day: float | None = None  # cases per day; None: no capacity figures
    available_hours: float = 8.0  # per person per day
    paths: PathLimits = field(default_factory=PathLimits)


@dataclass
class FlowFigures:
    """Visits and times over all scopes (intermediate, mutable while it is built)."""

    local: dict[str | None, ScopeVisits] = field(default_factory=dict)
    timing: dict[str | None, ScopeTiming] = field(default_factory=dict)
    elapsed: dict[str, float] = field(default_factory=dict)  # minutes per visit
    visits: dict[str, float] = field(default_factory=dict)  # per case
    first_pass: dict[str, float] = field(default_factory=dict)  # per case
    fpy: dict[str, float] = field(default_factory=dict)

    @property
    def lead_min(self) -> float:
        top = self.timing.get(None)
        return top.lead_min if top else 0.0


def times(visits: float, amount: float) -> float:
    """visits * amount, where nothing times an infinite number of visits is nothing."""
    return 0.0 if amount == 0 or visits == 0 else visits * amount


def analyze(
    process: Process,
    systems: Mapping[str, System],
    options: AnalysisOptions | None = None,
    *,
    scenario: str | None = None,
) -> ProcessMetrics:
    """Metrics of `process` (already the effective process when a scenario applies)."""
    options = options or AnalysisOptions()
    if options.demand_per_day is not None and not options.demand_per_day > 0:
        raise ValueError("demand must be a positive number of cases per day")
    if not options.available_hours > 0:
        raise ValueError("available hours must be positive")
    cf = ControlFlow(process)
    figures = flow_figures(cf)
    steps = step_metrics(cf, figures.visits, figures.fpy, systems)
    units = unit_costs(cf, process)
    touch = sum(times(figures.visits.get(n, 0.0), node.touch_min) for n, node in cf.nodes.items())
    wait = sum(times(figures.visits.get(n, 0.0), node.wait_min) for n, node in cf.nodes.items())
    by_value = _touch_by_value(cf, figures.visits)
    return ProcessMetrics(
        process_id=process.id,
        process_name=process.name,
        scenario=scenario,
        lead_time_min=figures.lead_min,
        touch_time_min=touch,
        wait_time_min=wait,
        va_touch_min=by_value["VA"],
        touch_by_value=by_value,
        critical_path=tuple(n for n in critical_route(cf, figures) if cf.is_activity(n)),
        steps=steps,
        visits=dict(figures.visits),
        loops=_loops(cf, figures),
        handoffs=handoffs(cf, figures.visits, steps, systems),
        off_system_touch_min=sum(times(s.visits, s.touch_min) for s in steps if s.off_system),
        cost=costs(cf, process, figures.visits, figures.first_pass, units),
        capacity=capacity(
            cf, process, figures.visits, steps, options.demand_per_day, options.available_hours
        ),
        paths=_paths(cf, figures, units, options.paths),
        warnings=_warnings(cf, figures),
    )


def flow_figures(cf: ControlFlow) -> FlowFigures:
    figures = FlowFigures()
    scopes = cf.scopes()
    deepest_first = sorted(scopes, key=lambda s: -cf.scope_depth(s))
    for scope in deepest_first:
        sv = scope_visits(cf, scope)
        for node_id in scopes[scope]:
            node = cf.nodes[node_id]
            inner = figures.timing.get(node_id)
            own = node.wait_min + node.touch_min
            figures.elapsed[node_id] = own + (inner.lead_min if inner else 0.0)
        figures.local[scope] = sv
        figures.timing[scope] = scope_timing(cf, sv, figures.elapsed)
    multiplier: dict[str | None, float] = {None: 1.0}
    for scope in reversed(deepest_first):
        sv = figures.local[scope]
        scale = multiplier.get(scope, 0.0)
        for node_id in scopes[scope]:
            figures.visits[node_id] = times(scale, sv.visits.get(node_id, 0.0))
            figures.first_pass[node_id] = times(scale, sv.first_pass.get(node_id, 0.0))
            if node_id in scopes:
                multiplier[node_id] = figures.visits[node_id]
            figures.fpy[node_id] = _fpy(sv, node_id)
    return figures


def _fpy(sv: ScopeVisits, node_id: str) -> float:
    """1 - the rework share of the loop closing on the step (PRODUCT.md §3)."""
    visits = sv.visits.get(node_id, 0.0)
    rework = sv.rework.get(node_id, 0.0)
    if rework <= 0 or visits <= 0:
        return 1.0
    if math.isinf(visits):
        return 0.0
    return min(1.0, max(0.0, 1.0 - rework / visits))


def critical_route(cf: ControlFlow, figures: FlowFigures, scope: str | None = None) -> list[str]:
    """Node ids of the critical path; a sub-process on it is followed by its own path."""
    route: list[str] = []
    timing = figures.timing.get(scope)
    for node_id in timing.critical if timing else ():
        route.append(node_id)
        if node_id in figures.timing and node_id != scope:
            route.extend(critical_route(cf, figures, node_id))
    return route


def _touch_by_value(cf: ControlFlow, visits: Mapping[str, float]) -> dict[str, float]:
    split = {str(v): 0.0 for v in VAClass} | {"unclassified": 0.0}
    for node_id, node in cf.nodes.items():
        if node.touch_min:
            key = str(node.va_class) if node.va_class is not None else "unclassified"
            split[key] += times(visits.get(node_id, 0.0), node.touch_min)
    return split


def _loops(cf: ControlFlow, figures: FlowFigures) -> tuple[LoopMetrics, ...]:
    return tuple(
        LoopMetrics(
            steps=tuple(
                cf.label(n) for n in loop.nodes if cf.nodes[n].name.strip() or cf.is_activity(n)
            ),
            visits=loop.visits,
            back_probability=loop.back_probability,
            infinite=loop.infinite,
        )
        for sv in figures.local.values()
        for loop in sv.loops
    )


def _paths(
    cf: ControlFlow, figures: FlowFigures, units: Mapping[str, float], limits: PathLimits
) -> PathReport:
    """Variants of the top level; a sub-process counts its content's expected cost."""
    inner_cost: dict[str, float] = {}
    for scope, sv in sorted(figures.local.items(), key=lambda kv: -cf.scope_depth(kv[0])):
        if scope is not None:
            inner_cost[scope] = sum(
                times(sv.visits.get(n, 0.0), units.get(n, 0.0) + inner_cost.get(n, 0.0))
                for n in cf.scopes()[scope]
            )
    top = figures.local[None]
    order = [n for component in top.components for n in component]
    unit = {n: units.get(n, 0.0) + inner_cost.get(n, 0.0) for n in order}
    return enumerate_paths(cf, None, order, figures.elapsed, unit, set(top.loop_of), limits)


def _warnings(cf: ControlFlow, figures: FlowFigures) -> tuple[str, ...]:
    notes: list[str] = []
    if not cf.starts(None):
        notes.append("no start event: no step is reachable, so the figures are zero")
    for sv in figures.local.values():
        for loop in sv.loops:
            if loop.infinite:
                names = ", ".join(cf.label(n) for n in loop.nodes)
                notes.append(f"infinite loop through {names}: the figures it feeds are infinite")
    for node_id in cf.nodes:
        routing = cf.routing(node_id)
        outs = cf.outgoing[node_id]
        if routing is Routing.INCLUSIVE:
            notes.append(f"inclusive gateway {cf.label(node_id)!r}: branches treated as exclusive")
        exclusive = routing in (Routing.EXCLUSIVE, Routing.INCLUSIVE)
        if exclusive and all(f.probability is None for f in outs):
            notes.append(f"{cf.label(node_id)!r} has no branch probabilities: equal shares assumed")
    never = [n for n in cf.nodes if cf.is_activity(n) and figures.visits.get(n, 0.0) <= EPS]
    if never and cf.starts(None):
        notes.append(f"{len(never)} step(s) are never reached and count as zero")
    return tuple(notes)
