"""Walk-the-process order (W5): which step(s) a presenter shows next, from the start event on.

The walk moves a set of tokens along the sequence flows, like a brown-paper walkthrough:

- a *stop* is what the room looks at: one step, or the branches of a parallel split as a group;
- gateways are never stops: an AND split fans out (all its branches form the next stop), an XOR
  (or inclusive or event-based) split is a *decision* the presenter takes (default: the most
  probable branch, else the default flow, else the first), and a join waits until no other
  token can still reach it, then lets one token through (joins merge);
- the start event is the trigger, not a stop: the walk begins at the step after it.

Pure functions of a `Process` plus a small `Walk` navigator with a history, so "previous"
retraces the path the presenter actually took (including the branch they picked).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bpo_desktop.core.model import Annotation, AnnotationKind, Flow, Node, NodeKind, Process

_DECISION_KINDS = frozenset(
    {NodeKind.EXCLUSIVE_GATEWAY, NodeKind.INCLUSIVE_GATEWAY, NodeKind.EVENT_BASED_GATEWAY}
)


@dataclass(frozen=True, slots=True)
class Branch:
    """One way out of a decision: the flow, its label and probability (if any)."""

    flow_id: str
    target: str
    label: str
    probability: float | None


@dataclass(frozen=True, slots=True)
class Decision:
    """An XOR-like split the next move passes through; `chosen` indexes `branches`."""

    gateway_id: str
    name: str
    branches: tuple[Branch, ...]
    chosen: int


@dataclass(frozen=True, slots=True)
class Stop:
    """What is shown: `steps` (one, or a parallel group) in a stable top-to-bottom order.
    `waiting` are tokens parked at joins (not shown; they move on with the next step)."""

    steps: tuple[str, ...]
    waiting: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return len(self.steps) > 1


@dataclass
class _Graph:
    process: Process
    outgoing: dict[str, list[Flow]] = field(default_factory=dict)
    incoming: dict[str, list[Flow]] = field(default_factory=dict)

    @classmethod
    def of(cls, process: Process) -> _Graph:
        graph = cls(process)
        for flow in process.flows():
            graph.outgoing.setdefault(flow.source, []).append(flow)
            graph.incoming.setdefault(flow.target, []).append(flow)
        return graph

    def node(self, node_id: str) -> Node | None:
        element = self.process.elements.get(node_id)
        return element if isinstance(element, Node) else None

    def is_gateway(self, node_id: str) -> bool:
        node = self.node(node_id)
        return node is not None and node.kind.is_gateway

    def reaches(self, sources: Iterable[str], target: str) -> bool:
        """Can a token at any of `sources` still get to `target` along sequence flows?"""
        seen: set[str] = set()
        todo = [s for s in sources if s != target]
        while todo:
            here = todo.pop()
            if here in seen:
                continue
            seen.add(here)
            for flow in self.outgoing.get(here, ()):
                if flow.target == target:
                    return True
                todo.append(flow.target)
        return False

    def position(self, node_id: str) -> tuple[float, float]:
        """Sort key: top to bottom, then left to right (parallel groups read like the lanes)."""
        layout = self.process.layout.get(node_id)
        bounds = getattr(layout, "bounds", None)
        if bounds is None:
            return (0.0, 0.0)
        return (bounds.y, bounds.x)


def branches(process: Process, gateway_id: str) -> tuple[Branch, ...]:
    """The ways out of a split, in the order the presenter's number keys pick them."""
    graph = _Graph.of(process)
    return _branches(graph, gateway_id)


def _branches(graph: _Graph, gateway_id: str) -> tuple[Branch, ...]:
    flows = sorted(graph.outgoing.get(gateway_id, ()), key=lambda f: graph.position(f.target))
    found = []
    for flow in flows:
        target = graph.node(flow.target)
        label = flow.name or flow.condition or (target.name if target else "") or flow.target
        found.append(Branch(flow.id, flow.target, label, flow.probability))
    return tuple(found)


def default_branch(options: tuple[Branch, ...], flows: Mapping[str, Flow] | None = None) -> int:
    """The most probable branch; else the default flow; else the first."""
    if not options:
        return 0
    with_p = [(b.probability, -i) for i, b in enumerate(options) if b.probability is not None]
    if with_p:
        return -max(with_p)[1]
    if flows is not None:
        for i, branch in enumerate(options):
            flow = flows.get(branch.flow_id)
            if flow is not None and flow.is_default:
                return i
    return 0


def start_steps(process: Process) -> tuple[str, ...]:
    """Where the walk begins: the start events of the top level (else nodes nobody flows into)."""
    graph = _Graph.of(process)
    top = [
        n for n in process.nodes() if n.parent_id is None and n.kind is not NodeKind.BOUNDARY_EVENT
    ]
    starts = [n.id for n in top if n.kind is NodeKind.START_EVENT]
    if not starts:
        starts = [n.id for n in top if not graph.incoming.get(n.id)]
    return tuple(sorted(starts, key=lambda s: (graph.position(s)[1], graph.position(s)[0])))


def first_stop(process: Process, choices: Mapping[str, int] | None = None) -> Stop | None:
    """The first stop after the start event (the trigger itself is not a stop); without a
    start event, the first step nothing flows into."""
    starts = start_steps(process)
    if not starts:
        return None
    graph = _Graph.of(process)
    start = graph.node(starts[0])
    if start is not None and start.kind is not NodeKind.START_EVENT and not start.kind.is_gateway:
        return Stop((start.id,))  # no start event: the entry step itself is the first stop
    stop, _ = _advance(graph, Stop(starts[:1]), choices or {})
    return stop


def next_stop(
    process: Process, stop: Stop, choices: Mapping[str, int] | None = None
) -> Stop | None:
    """The stop after `stop`; None at the end of the flow. `choices`: gateway id → branch."""
    result, _ = _advance(_Graph.of(process), stop, choices or {})
    return result


def decisions_ahead(
    process: Process, stop: Stop, choices: Mapping[str, int] | None = None
) -> list[Decision]:
    """The decisions the next move passes through, with the branch it would take."""
    _, met = _advance(_Graph.of(process), stop, choices or {})
    return met


def _advance(
    graph: _Graph, stop: Stop, choices: Mapping[str, int]
) -> tuple[Stop | None, list[Decision]]:
    """Move every shown token one flow on, resolve gateways, repeat until something shows."""
    flows = {f.id: f for f in graph.process.flows()}
    met: list[Decision] = []
    arrived = [f.target for s in stop.steps for f in graph.outgoing.get(s, ())]
    parked, release = list(stop.waiting), set[str]()
    if not stop.steps:
        arrived, parked, release = list(stop.waiting), [], set(stop.waiting)
    for _ in range(len(graph.process.elements) + 2):
        shown, waiting = _resolve(graph, arrived, parked, release, choices, flows, met)
        if shown:
            return Stop(_ordered(graph, shown), tuple(waiting)), met
        if not waiting:
            return None, met
        # Only joins are left, each waiting for another: let the most downstream ones go.
        release = {w for w in waiting if not graph.reaches([x for x in waiting if x != w], w)}
        release = release or set(waiting)
        arrived = [w for w in waiting if w in release]
        parked = [w for w in waiting if w not in release]
    return None, met


def _resolve(
    graph: _Graph,
    arrived: list[str],
    parked: list[str],
    release: set[str],
    choices: Mapping[str, int],
    flows: Mapping[str, Flow],
    met: list[Decision],
) -> tuple[list[str], list[str]]:
    """Pass tokens through gateways; returns (steps to show, tokens waiting at joins)."""
    shown: list[str] = []
    waiting: list[str] = [p for p in parked if graph.is_gateway(p)]
    todo = list(arrived)
    hops = 0
    limit = 4 * (len(graph.process.elements) + 1)  # gateway cycles without a step end here
    while todo and hops < limit:
        hops += 1
        here = todo.pop(0)
        node = graph.node(here)
        if node is None:
            continue
        if not node.kind.is_gateway:
            if here not in shown:
                shown.append(here)
            continue
        incoming = graph.incoming.get(here, ())
        others = [t for t in [*todo, *shown, *parked] if t != here]
        is_join = len(incoming) > 1 and node.kind is NodeKind.PARALLEL_GATEWAY
        if is_join and here not in release and graph.reaches(others, here):
            if here not in waiting:
                waiting.append(here)
            continue
        if here in waiting:
            waiting.remove(here)
        outs = graph.outgoing.get(here, [])
        if len(outs) > 1 and node.kind in _DECISION_KINDS:
            options = _branches(graph, here)
            pick = choices.get(here, default_branch(options, flows))
            pick = pick if 0 <= pick < len(options) else 0
            met.append(Decision(here, node.name, options, pick))
            todo.append(options[pick].target)
        else:
            todo.extend(f.target for f in outs if f.target not in todo)
    return shown, waiting


#: The order a step's notes are read out in: problems first, then what to do about them.
NOTE_ORDER: tuple[AnnotationKind, ...] = (
    AnnotationKind.PAIN_POINT,
    AnnotationKind.WEAKNESS,
    AnnotationKind.RISK,
    AnnotationKind.QUESTION,
    AnnotationKind.IDEA,
    AnnotationKind.STRENGTH,
    AnnotationKind.CONSTRAINT,
    AnnotationKind.GOAL,
)


def step_notes(process: Process, step_id: str) -> list[Annotation]:
    """The annotations on a step, in `NOTE_ORDER`, oldest first within a kind."""
    rank = {kind: i for i, kind in enumerate(NOTE_ORDER)}
    notes = [a for a in process.annotations.values() if step_id in a.targets]
    return sorted(notes, key=lambda a: (rank.get(a.kind, len(rank)), a.created_at, a.ref))


def _ordered(graph: _Graph, steps: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(steps), key=graph.position))


class Walk:
    """The presenter's position in the flow, with a history for "previous"."""

    def __init__(self, process: Process) -> None:
        self.process = process
        self.choices: dict[str, int] = {}
        self._history: list[Stop] = []
        self.home()

    @property
    def current(self) -> Stop | None:
        return self._history[-1] if self._history else None

    @property
    def index(self) -> int:
        """1-based number of the current stop along the path taken (0: nothing to show)."""
        return len(self._history)

    def home(self) -> Stop | None:
        self.choices.clear()
        first = first_stop(self.process, self.choices)
        self._history = [first] if first is not None else []
        return self.current

    def next(self) -> Stop | None:
        """Move on; stays (and returns None) at the end of the flow."""
        current = self.current
        if current is None:
            return None
        graph = _Graph.of(self.process)
        following, met = _advance(graph, current, self.choices)
        if following is None:
            return None
        for decision in met:  # a pick holds for one pass: a rework loop is not taken forever
            self.choices.pop(decision.gateway_id, None)
        self._history.append(following)
        return following

    def previous(self) -> Stop | None:
        """Step back along the path taken; stays at the first stop."""
        if len(self._history) <= 1:
            return None
        self._history.pop()
        return self.current

    def decisions(self) -> list[Decision]:
        current = self.current
        return decisions_ahead(self.process, current, self.choices) if current else []

    def choose(self, branch: int) -> bool:
        """Pick a branch (0-based) of the next decision ahead; False when there is none."""
        ahead = self.decisions()
        if not ahead or not 0 <= branch < len(ahead[0].branches):
            return False
        self.choices[ahead[0].gateway_id] = branch
        return True

    def jump(self, step_id: str) -> Stop | None:
        """Show one step directly (the presenter clicked it); the walk continues from there."""
        node = self.process.elements.get(step_id)
        if not isinstance(node, Node) or node.kind.is_gateway:
            return None
        stop = Stop((step_id,))
        if self.current != stop:
            self._history.append(stop)
        return stop

    def refresh(self, process: Process) -> None:
        """The process was edited (a note added…): keep the path, drop stops whose steps went."""
        self.process = process
        kept = [s for s in self._history if all(x in process.elements for x in s.steps)]
        self._history = kept
        if not kept:
            self.home()
