"""Per-step figures, handoffs, cost per case and lane capacity (PRODUCT.md §3, N4, N6, N7, N13).

Every function takes the expected visits per case already computed for the process.
"""

from __future__ import annotations

from collections.abc import Mapping

from bpo_desktop.core.analysis.graph import EPS, ControlFlow
from bpo_desktop.core.analysis.results import (
    Capacity,
    CostBreakdown,
    Handoff,
    LaneLoad,
    StepMetrics,
)
from bpo_desktop.core.model import Lane, LaneKind, Node, Process, System

NO_LANE = "(no lane)"


def _times(visits: float, amount: float) -> float:
    return 0.0 if amount == 0 or visits == 0 else visits * amount


def system_of(node: Node, systems: Mapping[str, System]) -> tuple[str, str, bool]:
    """(name, kind, off-system) of the step's system; no system or an unknown one is off-system."""
    if node.system_id is None:
        return "none", "none", True
    system = systems.get(node.system_id)
    if system is None:
        return f"unknown ({node.system_id})", "unknown", True
    return system.name, str(system.kind), system.is_off_system


def lanes_of(process: Process) -> dict[str, Lane]:
    return {lane.id: lane for lane in process.lanes()}


def step_names(cf: ControlFlow) -> dict[str, str]:
    """Activity id → the name users see; a name used twice gets its id appended."""
    activities = [n for n in cf.nodes if cf.is_activity(n)]
    labels = {n: cf.label(n) for n in activities}
    counts: dict[str, int] = {}
    for text in labels.values():
        counts[text] = counts.get(text, 0) + 1
    return {n: text if counts[text] == 1 else f"{text} ({n})" for n, text in labels.items()}


def unit_costs(cf: ControlFlow, process: Process) -> dict[str, float]:
    """Cost of one visit of each node: touch * lane rate + cost per use.

    Work in an outsourced lane (external, with a fee per case) is paid by the fee instead.
    """
    lanes = lanes_of(process)
    units: dict[str, float] = {}
    for node_id, node in cf.nodes.items():
        lane = lanes.get(node.lane_id or "")
        rate = 0.0 if lane is None or _outsourced(lane) else lane.hourly_rate
        units[node_id] = node.touch_min / 60 * rate + node.cost_per_use
    return units


def _outsourced(lane: Lane) -> bool:
    return lane.kind is LaneKind.EXTERNAL and lane.fee_per_case > 0


def step_metrics(
    cf: ControlFlow,
    visits: Mapping[str, float],
    fpy: Mapping[str, float],
    systems: Mapping[str, System],
) -> tuple[StepMetrics, ...]:
    lanes = lanes_of(cf.process)
    units = unit_costs(cf, cf.process)
    names = step_names(cf)
    steps = []
    for node_id, name in names.items():
        node = cf.nodes[node_id]
        system, _kind, off = system_of(node, systems)
        lane = lanes.get(node.lane_id or "")
        steps.append(
            StepMetrics(
                id=node_id,
                name=name,
                lane=lane.name if lane else None,
                system=system,
                off_system=off and not cf.has_children(node_id),
                va_class=str(node.va_class) if node.va_class is not None else None,
                visits=visits.get(node_id, 0.0),
                touch_min=node.touch_min,
                wait_min=node.wait_min,
                unit_cost=units[node_id],
                fpy=fpy.get(node_id, 1.0),
            )
        )
    return tuple(steps)


def handoffs(
    cf: ControlFlow,
    visits: Mapping[str, float],
    steps: tuple[StepMetrics, ...],
    systems: Mapping[str, System],
) -> tuple[Handoff, ...]:
    """Consecutive activities (gateways and events skipped) in different lanes."""
    lanes = lanes_of(cf.process)
    names = {s.id: s.name for s in steps}
    found = []
    for step in steps:
        sender = cf.nodes[step.id]
        if step.visits <= EPS or sender.lane_id is None:
            continue
        medium, kind, _off = system_of(sender, systems)
        for target, reach in cf.next_activities(step.id).items():
            receiver = cf.nodes[target]
            if receiver.lane_id is None or receiver.lane_id == sender.lane_id:
                continue
            found.append(
                Handoff(
                    from_step_id=step.id,
                    to_step_id=target,
                    from_step=names[step.id],
                    to_step=names[target],
                    from_lane=_lane_name(lanes, sender.lane_id),
                    to_lane=_lane_name(lanes, receiver.lane_id),
                    medium=medium,
                    medium_kind=kind,
                    expected=_times(step.visits, reach),
                )
            )
    return tuple(found)


def _lane_name(lanes: Mapping[str, Lane], lane_id: str | None) -> str:
    lane = lanes.get(lane_id or "")
    if lane is None:
        return lane_id or NO_LANE
    return lane.name or lane.id


def costs(
    cf: ControlFlow,
    process: Process,
    visits: Mapping[str, float],
    first_pass: Mapping[str, float],
    units: Mapping[str, float],
) -> CostBreakdown:
    """Σ visits * (touch * lane rate + cost per use) + outsourced fees per case."""
    lanes = lanes_of(process)
    labour = per_use = rework = 0.0
    by_lane: dict[str, float] = {}
    by_step: dict[str, float] = {}
    lane_reach: dict[str, float] = {}
    for node_id, node in cf.nodes.items():
        v = visits.get(node_id, 0.0)
        spent = _times(v, units[node_id])
        per_use += _times(v, node.cost_per_use)
        labour += spent - _times(v, node.cost_per_use)
        repeats = v - first_pass.get(node_id, v)
        if repeats > EPS:
            rework += _times(repeats, units[node_id])
        lane_key = _lane_name(lanes, node.lane_id)
        if spent:
            by_lane[lane_key] = by_lane.get(lane_key, 0.0) + spent
        if cf.is_activity(node_id):
            by_step[node_id] = spent
        if node.lane_id is not None and v > EPS:
            lane_reach[node.lane_id] = max(lane_reach.get(node.lane_id, 0.0), v)
    fees = 0.0
    for lane_id, reach in lane_reach.items():
        lane = lanes.get(lane_id)
        if lane is not None and _outsourced(lane):
            fee = lane.fee_per_case * min(1.0, reach)
            fees += fee
            by_lane[lane.name] = by_lane.get(lane.name, 0.0) + fee
    return CostBreakdown(
        total=labour + per_use + fees,
        labour=labour,
        per_use=per_use,
        fees=fees,
        rework=rework,
        by_lane=by_lane,
        by_step=by_step,
    )


def capacity(
    cf: ControlFlow,
    process: Process,
    visits: Mapping[str, float],
    steps: tuple[StepMetrics, ...],
    demand: float | None,
    hours: float,
) -> Capacity | None:
    """Implied utilisation per lane = demand * work content ÷ (staff * available time)."""
    if demand is None:
        return None
    lanes = process.lanes()
    work: dict[str, float] = {}
    for node_id, node in cf.nodes.items():
        if node.lane_id is not None:
            added = _times(visits.get(node_id, 0.0), node.touch_min)
            work[node.lane_id] = work.get(node.lane_id, 0.0) + added
    parents = {lane.parent_id for lane in lanes}
    loads = []
    available = hours * 60
    for lane in lanes:
        minutes = work.get(lane.id, 0.0)
        if lane.id in parents and minutes <= 0:
            continue  # a parent lane without steps of its own
        staffed = lane.staff * available
        loads.append(
            LaneLoad(
                lane=lane.name or lane.id,
                staff=lane.staff,
                work_min=minutes,
                capacity_per_day=staffed / minutes if minutes > 0 else float("inf"),
                utilisation=_utilisation(demand, minutes, staffed),
            )
        )
    busy = [load for load in loads if load.work_min > 0]
    bottleneck = max(busy, key=lambda load: load.utilisation).lane if busy else None
    takt = available / demand
    over = tuple(s.id for s in steps if s.visits > EPS and s.touch_min > takt + EPS)
    return Capacity(
        demand_per_day=demand,
        available_hours=hours,
        takt_min=takt,
        lanes=tuple(loads),
        bottleneck=bottleneck,
        over_takt_steps=over,
    )


def _utilisation(demand: float, minutes: float, staffed: float) -> float:
    if minutes <= 0:
        return 0.0
    if staffed <= 0:
        return float("inf")
    return demand * minutes / staffed
