"""The process as the simulator sees it: top-level flow nodes, sequence flows and branch rules.

Shared by validation and compilation so both read the model the same way:
- only nodes outside expanded sub-processes and only sequence flows take part;
- an expanded sub-process runs as one task (its touch and wait time);
- boundary events are not simulated (a warning says so); message flows and data associations
  play no part.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from bpo_desktop.core.model import EventTrigger, Flow, Node, NodeKind, Process


class Role(Enum):
    START = "start"
    END = "end"
    TASK = "task"
    EVENT = "event"
    XOR = "xor"
    AND = "and"
    OR = "or"


_ROLE = {
    NodeKind.START_EVENT: Role.START,
    NodeKind.END_EVENT: Role.END,
    NodeKind.INTERMEDIATE_EVENT: Role.EVENT,
    NodeKind.TASK: Role.TASK,
    NodeKind.SUBPROCESS: Role.TASK,
    NodeKind.CALL_ACTIVITY: Role.TASK,
    NodeKind.EXCLUSIVE_GATEWAY: Role.XOR,
    NodeKind.EVENT_BASED_GATEWAY: Role.XOR,
    NodeKind.PARALLEL_GATEWAY: Role.AND,
    NodeKind.INCLUSIVE_GATEWAY: Role.OR,
}


@dataclass
class Topology:
    """Top-level nodes with their outgoing and incoming sequence flows (in model order)."""

    nodes: dict[str, Node]
    outgoing: dict[str, list[Flow]] = field(default_factory=dict)
    incoming: dict[str, list[Flow]] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (element id, message)

    @classmethod
    def of(cls, process: Process) -> Topology:
        nodes = {
            n.id: n
            for n in process.nodes()
            if n.parent_id is None and n.kind is not NodeKind.BOUNDARY_EVENT
        }
        topo = cls(nodes, {i: [] for i in nodes}, {i: [] for i in nodes})
        for flow in process.flows():
            if flow.source in nodes and flow.target in nodes:
                topo.outgoing[flow.source].append(flow)
                topo.incoming[flow.target].append(flow)
        topo._collect_notes(process)
        return topo

    def _collect_notes(self, process: Process) -> None:
        for node in process.nodes():
            if node.kind is NodeKind.BOUNDARY_EVENT:
                self.notes.append((node.id, "boundary events are not simulated"))
            elif node.kind is NodeKind.SUBPROCESS and node.expanded:
                self.notes.append((node.id, "an expanded sub-process runs as one task"))
            elif node.kind is NodeKind.END_EVENT and node.trigger is EventTrigger.TERMINATE:
                self.notes.append((node.id, "a terminate end event ends only its own token"))

    def role(self, node_id: str) -> Role:
        return _ROLE[self.nodes[node_id].kind]

    def label(self, node_id: str) -> str:
        """How messages name an element: its name and id, or just the id."""
        node = self.nodes.get(node_id)
        name = node.name if node else ""
        return f"'{name}' ({node_id})" if name else node_id

    def starts(self) -> list[str]:
        return [i for i in self.nodes if self.role(i) is Role.START]

    def is_split(self, node_id: str) -> bool:
        return len(self.outgoing[node_id]) > 1

    def targets(self, node_id: str) -> list[str]:
        return [f.target for f in self.outgoing[node_id]]


@dataclass(frozen=True)
class Branching:
    """Resolved probabilities of one split's outgoing flows, plus what was wrong or assumed."""

    flows: tuple[Flow, ...]
    probabilities: tuple[float, ...]
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def xor_branching(flows: list[Flow], given: dict[str, float | None]) -> Branching:
    """Flows without a probability share what the others leave (the Prosimos rule)."""
    values = [given.get(f.id, f.probability) for f in flows]
    errors = [
        f"flow {_flow_label(f)} has probability {v:g}, outside 0..1"
        for f, v in zip(flows, values, strict=True)
        if v is not None and not 0 <= v <= 1
    ]
    known = sum(v for v in values if v is not None)
    missing = [f for f, v in zip(flows, values, strict=True) if v is None]
    notes: list[str] = []
    if missing:
        share = max(0.0, 1.0 - known) / len(missing)
        names = ", ".join(_flow_label(f) for f in missing)
        notes.append(f"no probability on {names}: each gets {share:.4g}")
        values = [share if v is None else v for v in values]
    probabilities = tuple(float(v) for v in values if v is not None)
    total = sum(probabilities)
    if abs(total - 1.0) > 1e-6:
        parts = ", ".join(
            f"{_flow_label(f)} {p:g}" for f, p in zip(flows, probabilities, strict=True)
        )
        errors.append(f"branch probabilities sum to {total:.6g}, not 1 ({parts})")
    return Branching(tuple(flows), probabilities, tuple(errors), tuple(notes))


def or_branching(flows: list[Flow], given: dict[str, float | None]) -> Branching:
    """Inclusive branches fire independently; each needs its own probability in (0, 1]."""
    values = [given.get(f.id, f.probability) for f in flows]
    errors = [
        f"inclusive branch {_flow_label(f)} needs a probability in (0, 1], has {v}"
        for f, v in zip(flows, values, strict=True)
        if v is None or not 0 < v <= 1
    ]
    probabilities = tuple(float(v) if v is not None else 0.0 for v in values)
    return Branching(tuple(flows), probabilities, tuple(errors))


def _flow_label(flow: Flow) -> str:
    return f"'{flow.name}' ({flow.id})" if flow.name else flow.id


def reachable(start: Iterable[str], successors: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    todo = deque(seen)
    while todo:
        for nxt in successors.get(todo.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def matching_or_join(topo: Topology, split_id: str) -> str | None:
    """The inclusive join that every branch of an inclusive split reaches first.

    Searches from each branch without passing back through the split; among the inclusive joins
    reached from all branches, the one with the smallest summed distance wins.
    """
    distances: list[dict[str, int]] = []
    for first in topo.targets(split_id):
        dist = {first: 1}
        todo = deque([first])
        while todo:
            node = todo.popleft()
            for nxt in topo.targets(node):
                if nxt != split_id and nxt not in dist:
                    dist[nxt] = dist[node] + 1
                    todo.append(nxt)
        distances.append(dist)
    joins = [
        n
        for n in topo.nodes
        if topo.role(n) is Role.OR and len(topo.incoming[n]) > 1 and n != split_id
    ]
    common = [j for j in joins if all(j in d for d in distances)]
    if not common:
        return None
    return min(common, key=lambda j: (sum(d[j] for d in distances), j))
