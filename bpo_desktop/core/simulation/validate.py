"""Checks before a run. Each issue names the element it is about; errors block the run.

- one start event, at least one end event, no step without a way out;
- branch probabilities: XOR splits sum to 1, inclusive branches each in (0, 1];
- inclusive splits and joins pair up;
- every step can reach an end event along flows of non-zero probability (a loop taken with
  probability 1 never ends);
- every task has a duration, a resource pool with at least one person, and a usable calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation.params import Distribution, SimParams
from bpo_desktop.core.simulation.topology import (
    Branching,
    Role,
    Topology,
    matching_or_join,
    or_branching,
    reachable,
    xor_branching,
)

MAX_STAFF = 1_000_000  # a pool keeps one free-time entry per person


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    severity: Severity
    element_id: str
    message: str

    def __str__(self) -> str:
        return self.message


def validate(process: Process, params: SimParams) -> list[Issue]:
    """Every problem found, errors first."""
    topo = Topology.of(process)
    checker = _Checker(topo, params)
    checker.run()
    issues = checker.issues
    return sorted(issues, key=lambda i: i.severity is not Severity.ERROR)


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.ERROR]


class _Checker:
    def __init__(self, topo: Topology, params: SimParams) -> None:
        self.topo = topo
        self.params = params
        self.issues: list[Issue] = []
        self.given: dict[str, float | None] = dict(params.branches)
        self.positive: dict[str, list[str]] = {}  # successors along flows with p > 0

    def error(self, element_id: str, message: str) -> None:
        self.issues.append(Issue(Severity.ERROR, element_id, message))

    def warn(self, element_id: str, message: str) -> None:
        self.issues.append(Issue(Severity.WARNING, element_id, message))

    def run(self) -> None:
        for element_id, note in self.topo.notes:
            self.warn(element_id, f"{self.topo.label(element_id)}: {note}")
        self._events()
        for node_id in self.topo.nodes:
            self._node(node_id)
        self._or_joins()
        self._reachability()
        self._arrivals()
        self._unknown_ids()

    def _events(self) -> None:
        starts = self.topo.starts()
        if not starts:
            self.error("", "the process has no start event, so no case can begin")
        for extra in starts[1:]:
            self.error(extra, f"{self.topo.label(extra)}: only one start event can be simulated")
        if not any(self.topo.role(n) is Role.END for n in self.topo.nodes):
            self.error("", "the process has no end event, so no case can finish")

    def _node(self, node_id: str) -> None:
        topo, role, label = self.topo, self.topo.role(node_id), self.topo.label(node_id)
        flows = topo.outgoing[node_id]
        self.positive[node_id] = [f.target for f in flows]
        if not flows and role is not Role.END:
            self.error(node_id, f"{label} has no outgoing flow, so its cases never finish")
        if len(flows) > 1 and role is Role.XOR:
            self._branches(node_id, xor_branching(flows, self.given))
        elif len(flows) > 1 and role is Role.OR:
            self._branches(node_id, or_branching(flows, self.given))
            if matching_or_join(topo, node_id) is None:
                self.error(node_id, f"inclusive split {label} has no matching inclusive join")
        elif len(flows) > 1 and role in (Role.TASK, Role.EVENT, Role.START):
            self.warn(node_id, f"{label} has {len(flows)} outgoing flows: all of them are taken")
        if role is Role.TASK:
            self._task(node_id, label)
        delay = self.params.event_delays.get(node_id)
        if role is Role.EVENT and delay is not None:
            self._distribution(node_id, f"{label} delay", delay)

    def _branches(self, node_id: str, branching: Branching) -> None:
        label = self.topo.label(node_id)
        for problem in branching.errors:
            self.error(node_id, f"gateway {label}: {problem}")
        for note in branching.notes:
            self.warn(node_id, f"gateway {label}: {note}")
        if self.topo.role(node_id) is Role.XOR:
            self.positive[node_id] = [
                f.target
                for f, p in zip(branching.flows, branching.probabilities, strict=True)
                if p > 0
            ]

    def _task(self, node_id: str, label: str) -> None:
        task = self.params.tasks.get(node_id)
        if task is None:
            self.error(node_id, f"task {label} has no simulation parameters (no duration)")
            return
        self._distribution(node_id, f"task {label} duration", task.duration)
        if task.delay is not None:
            self._distribution(node_id, f"task {label} wait time", task.delay)
        if task.pool is None:
            self.error(node_id, f"task {label} has no resource: it is in no lane and no pool")
            return
        pool = self.params.pools.get(task.pool)
        if pool is None:
            self.error(
                node_id, f"task {label} uses resource pool {task.pool}, which is not defined"
            )
        elif pool.staff is not None and pool.staff < 1:
            self.error(node_id, f"task {label}: resource pool '{pool.name}' has no staff")
        elif pool.staff is not None and pool.staff > MAX_STAFF:
            self.error(
                node_id,
                f"task {label}: resource pool '{pool.name}' has {pool.staff:,} people; "
                f"above {MAX_STAFF:,} leave the staff unlimited instead",
            )
        elif pool.calendar is not None and pool.calendar.week_seconds <= 0:
            self.error(node_id, f"task {label}: resource pool '{pool.name}' never works")

    def _distribution(self, element_id: str, what: str, dist: Distribution) -> None:
        for problem in dist.problems():
            self.error(element_id, f"{what}: {problem}")

    def _or_joins(self) -> None:
        topo = self.topo
        matched = {
            matching_or_join(topo, n)
            for n in topo.nodes
            if topo.role(n) is Role.OR and topo.is_split(n)
        }
        for node_id in topo.nodes:
            is_join = topo.role(node_id) is Role.OR and len(topo.incoming[node_id]) > 1
            if is_join and node_id not in matched:
                label = topo.label(node_id)
                self.error(node_id, f"inclusive join {label} has no matching inclusive split")

    def _reachability(self) -> None:
        topo = self.topo
        starts = topo.starts()
        if not starts:
            return
        forward = reachable(starts[:1], {n: topo.targets(n) for n in topo.nodes})
        for node_id in topo.nodes:
            if node_id not in forward and topo.role(node_id) is not Role.START:
                self.warn(node_id, f"{topo.label(node_id)} is never reached from the start event")
        backward: dict[str, list[str]] = {n: [] for n in topo.nodes}
        for source, targets in self.positive.items():
            for target in targets:
                backward[target].append(source)
        ends = [n for n in topo.nodes if topo.role(n) is Role.END]
        can_end = reachable(ends, backward)
        for node_id in topo.nodes:
            if node_id in forward and node_id not in can_end and topo.outgoing[node_id]:
                self.error(
                    node_id,
                    f"{topo.label(node_id)} cannot reach an end event: every way out has "
                    "probability 0 (a loop that never exits?)",
                )

    def _arrivals(self) -> None:
        arrival = self.params.arrival
        self._distribution("", "arrivals: the time between cases", arrival.interarrival)
        if arrival.interarrival.mean <= 0:
            self.warn("", "arrivals: the time between cases is 0, so every case arrives at once")
        if arrival.calendar is not None and arrival.calendar.week_seconds <= 0:
            self.error("", "arrivals: the arrival calendar has no working time")

    def _unknown_ids(self) -> None:
        topo = self.topo
        for task_id in self.params.tasks:
            if task_id not in topo.nodes:
                self.warn(
                    task_id, f"parameters for {task_id}, which is not a step here, are ignored"
                )
        flows = {f.id for out in topo.outgoing.values() for f in out}
        for flow_id in self.params.branches:
            if flow_id not in flows:
                self.warn(
                    flow_id, f"a probability for {flow_id}, which is not a flow here, is ignored"
                )
