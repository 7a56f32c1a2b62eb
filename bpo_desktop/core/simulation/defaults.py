"""Simulation parameters derived from the model itself (what a user gets before tuning).

- A task takes its touch time, fixed; its wait time is a delay before it (PRODUCT.md §7).
- Each lane is a resource pool: staff from `Lane.staff` (rounded to whole people), cost from
  `Lane.hourly_rate`, fee per case from `Lane.fee_per_case`; system lanes are unlimited (an IT
  system does not queue). Calendars are 24/7.
- Branch probabilities come from `Flow.probability` (read at compile time).
- The model holds no demand, so arrivals are Poisson with a mean gap of twice the largest
  per-person work content of any lane: the busiest lane runs at about 50 %. Pass `interarrival`
  to set the demand.
"""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.model import Lane, LaneKind, Process
from bpo_desktop.core.simulation.params import (
    ArrivalParams,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    exponential,
    fixed,
    make_params,
)
from bpo_desktop.core.simulation.topology import Role, Topology

MINUTE = 60.0
DEFAULT_GAP_S = 3600.0


def pool_of_lane(lane: Lane) -> PoolParams:
    staff = None if lane.kind is LaneKind.SYSTEM else int(lane.staff + 0.5)
    return PoolParams(
        name=lane.name or lane.id,
        staff=staff,
        cost_per_hour=lane.hourly_rate,
        fee_per_case=lane.fee_per_case,
    )


def params_from_process(process: Process, *, interarrival: Distribution | None = None) -> SimParams:
    """Parameters for `process` from its own fields; see the module docstring for the rules."""
    topo = Topology.of(process)
    pools = {lane.id: pool_of_lane(lane) for lane in process.lanes()}
    tasks: dict[str, TaskParams] = {}
    for node_id, node in topo.nodes.items():
        if topo.role(node_id) is not Role.TASK:
            continue
        tasks[node_id] = TaskParams(
            duration=fixed(node.touch_min * MINUTE),
            pool=node.lane_id if node.lane_id in pools else None,
            delay=fixed(node.wait_min * MINUTE) if node.wait_min > 0 else None,
            fixed_cost=node.cost_per_use,
        )
    gap = interarrival or exponential(default_gap(tasks, pools))
    return make_params(ArrivalParams(gap), tasks, pools)


def default_gap(tasks: dict[str, TaskParams], pools: dict[str, PoolParams]) -> float:
    """Twice the largest work content per person of any finite pool (seconds), or one hour."""
    load: dict[str, float] = {}
    for task in tasks.values():
        if task.pool is not None:
            load[task.pool] = load.get(task.pool, 0.0) + task.duration.mean
    per_person = [
        work / staff
        for pool_id, work in load.items()
        if (staff := pools[pool_id].staff) is not None and staff > 0
    ]
    busiest = max(per_person, default=0.0)
    return 2.0 * busiest if busiest > 0 else DEFAULT_GAP_S


def scaled_arrivals(params: SimParams, mean_gap_s: float) -> SimParams:
    """A copy with Poisson arrivals of the given mean gap (the calendar is kept)."""
    arrival = ArrivalParams(exponential(mean_gap_s), params.arrival.calendar)
    return replace(params, arrival=arrival)
