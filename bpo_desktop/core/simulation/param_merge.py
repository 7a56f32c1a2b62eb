"""Combining simulation parameters: a stored setup over the model's own defaults, a scenario's
changes over the setup, and element ids renamed by an import.

A setup stores only what differs from `params_from_process` (`overrides_only`), and is laid
over fresh defaults when used (`merge_params`), so steps nobody tuned follow the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation.defaults import params_from_process, pool_of_lane
from bpo_desktop.core.simulation.params import SimParams, TaskParams, fixed

MINUTE = 60.0


def overrides_only(params: SimParams, process: Process) -> SimParams:
    """`params` without the tasks, pools and branch probabilities the model gives anyway."""
    derived = params_from_process(process)
    given = {f.id: f.probability for f in process.flows()}
    return replace(
        params,
        tasks=MappingProxyType(
            {k: t for k, t in params.tasks.items() if derived.tasks.get(k) != t}
        ),
        pools=MappingProxyType(
            {k: p for k, p in params.pools.items() if derived.pools.get(k) != p}
        ),
        branches=MappingProxyType(
            {k: p for k, p in params.branches.items() if given.get(k, -1.0) != p}
        ),
    )


def merge_params(
    stored: SimParams, derived: SimParams, process: Process, touched: Mapping[str, set[str]]
) -> SimParams:
    """`derived` for elements `stored` lacks; `stored` otherwise, but fields in `touched`."""
    tasks = dict(derived.tasks)
    for task_id, mine in stored.tasks.items():
        if task_id not in tasks:
            continue  # the step is gone (or is not a task any more)
        changed = touched.get(task_id, set())
        if "*" in changed:
            continue
        node = process.node(task_id)
        tasks[task_id] = TaskParams(
            duration=fixed(node.touch_min * MINUTE) if "touch_min" in changed else mine.duration,
            pool=tasks[task_id].pool if "lane_id" in changed else mine.pool,
            delay=tasks[task_id].delay if "wait_min" in changed else mine.delay,
            fixed_cost=node.cost_per_use if "cost_per_use" in changed else mine.fixed_cost,
        )
    pools = dict(derived.pools)
    lanes = {lane.id: lane for lane in process.lanes()}
    for pool_id, own in stored.pools.items():
        changed = touched.get(pool_id, set())
        if pool_id in lanes and "*" not in changed:
            model = pool_of_lane(lanes[pool_id])
            pools[pool_id] = replace(
                own,
                staff=model.staff if "staff" in changed or "kind" in changed else own.staff,
                cost_per_hour=model.cost_per_hour
                if "hourly_rate" in changed
                else own.cost_per_hour,
                fee_per_case=model.fee_per_case if "fee_per_case" in changed else own.fee_per_case,
            )
        elif pool_id not in lanes:
            pools[pool_id] = own  # a pool of its own (e.g. from Prosimos parameters)
    flows = {f.id for f in process.flows()}
    branches = {
        k: p
        for k, p in stored.branches.items()
        if k in flows and "probability" not in touched.get(k, ())
    }
    delays = {k: d for k, d in stored.event_delays.items() if k in process.elements}
    return replace(
        stored,
        tasks=MappingProxyType(tasks),
        pools=MappingProxyType(pools),
        branches=MappingProxyType(branches),
        event_delays=MappingProxyType(delays),
    )


def rekey_params(params: SimParams, renamed: Mapping[str, str]) -> SimParams:
    """The same parameters with element ids renamed (tasks, branches, event delays)."""
    if not renamed:
        return params

    def keyed(mapping: Mapping[str, Any]) -> MappingProxyType[str, Any]:
        return MappingProxyType({renamed.get(k, k): v for k, v in mapping.items()})

    return replace(
        params,
        tasks=keyed(params.tasks),
        branches=keyed(params.branches),
        event_delays=keyed(params.event_delays),
    )
