"""Writer, part 1: where each model element goes in the BPMN structure.

BPMN nests flow elements in processes (one per pool) and sub-processes, and puts participants,
message flows and pool-less artifacts in a collaboration. The model keeps a flat element dict,
so the writer first decides every element's container: from the model (sub-process parent,
lane → pool), then from what the import recorded, then from the geometry, then a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bpo_desktop.core.interchange.bpmn.defaults import pool_process_id
from bpo_desktop.core.interchange.bpmn.io_spec import io_of
from bpo_desktop.core.interchange.bpmn.mapping import data_fits, data_tag
from bpo_desktop.core.model import (
    DataIO,
    DataObject,
    Element,
    Flow,
    FlowKind,
    Group,
    Lane,
    Node,
    NodeKind,
    Pool,
    Process,
    ShapeLayout,
    TextAnnotation,
    Verbatim,
)

Container = tuple[str, str]  # ("process", id) | ("sub", node id) | ("collab", "") | ("root", "")
#: ("io", process id): the process's data inputs and outputs, written in its ioSpecification
COLLAB: Container = ("collab", "")
ROOT: Container = ("root", "")
_PROCESS_KEY = "process:"


def attribute(kept: Verbatim | None, name: str) -> str | None:
    if kept is None:
        return None
    return next((v for k, v in kept.attributes if k == name), None)


def local_ref(value: str | None) -> str:
    return (value or "").strip().rpartition(":")[2]


@dataclass
class Plan:
    process: Process
    has_collaboration: bool = False
    pool_process: dict[str, str | None] = field(default_factory=dict)  # pool → BPMN process
    processes: list[str] = field(default_factory=list)  # BPMN process ids, in writing order
    main_process: str = ""
    members: dict[Container, list[Element]] = field(default_factory=dict)
    data_associations: dict[str, list[Flow]] = field(default_factory=dict)  # node → flows

    def contents(self, container: Container) -> list[Element]:
        return self.members.get(container, [])


def make_plan(process: Process) -> Plan:
    plan = Plan(process)
    kept, elements = process.verbatim, process.elements
    pools = [e for e in elements.values() if isinstance(e, Pool)]
    messages = any(isinstance(e, Flow) and e.kind is FlowKind.MESSAGE for e in elements.values())
    plan.has_collaboration = bool(pools) or messages or "#collaboration" in kept
    recorded = [key[len(_PROCESS_KEY) :] for key in kept if key.startswith(_PROCESS_KEY)]
    for pool in pools:
        record = kept.get(pool.id)
        if record is not None and record.tag == "participant":
            ref = attribute(record, "processRef")
            plan.pool_process[pool.id] = local_ref(ref) if ref else None
        else:
            plan.pool_process[pool.id] = pool_process_id(pool.id)
    order = [*recorded, *(p for p in plan.pool_process.values() if p)]
    plan.processes = list(dict.fromkeys(order))
    plan.main_process = plan.processes[0] if plan.processes else ""
    _place_all(plan)
    return plan


def _place_all(plan: Plan) -> None:
    elements = plan.process.elements
    if any(isinstance(e, Lane) and e.parent_id is None for e in elements.values()):
        _default(plan)  # lanes outside any pool live in the main process
    for element in elements.values():
        if isinstance(element, Pool | Lane) or (
            isinstance(element, Flow) and element.kind is FlowKind.MESSAGE
        ):
            continue  # the collaboration writes participants and message flows itself
        if isinstance(element, Flow) and element.kind is FlowKind.DATA_ASSOCIATION:
            holder = _data_holder(element, elements)
            if holder is not None:
                plan.data_associations.setdefault(holder, []).append(element)
            continue
        container = _container(plan, element)
        if container[0] in ("process", "io") and container[1] not in plan.processes:
            plan.processes.append(container[1])
            plan.main_process = plan.main_process or container[1]
        plan.members.setdefault(container, []).append(element)


def _data_holder(flow: Flow, elements: dict[str, Element]) -> str | None:
    source, target = elements.get(flow.source), elements.get(flow.target)
    if isinstance(source, Node) and isinstance(target, DataObject):
        return source.id
    if isinstance(source, DataObject) and isinstance(target, Node):
        return target.id
    return None


def _container(plan: Plan, element: Element) -> Container:
    process, kept = plan.process, plan.process.verbatim.get(element.id)
    if isinstance(element, Node):
        return _node_container(plan, element, kept)
    if isinstance(element, DataObject) and io_of(element) is not DataIO.NONE:
        home = _recorded(plan, kept)  # a process's input or output sits in no sub-process
        home = home if home and home[0] == "process" else None
        return ("io", (home or _by_geometry(plan, element.id) or _default(plan))[1])
    if isinstance(element, DataObject):
        tag = kept.tag if kept and data_fits(kept.tag, element) else data_tag(element)
        if tag == "dataStore":
            return ROOT
        return _recorded(plan, kept) or _by_geometry(plan, element.id) or _default(plan)
    if isinstance(element, TextAnnotation | Group):
        return _recorded(plan, kept) or (COLLAB if plan.has_collaboration else _default(plan))
    assert isinstance(element, Flow)
    if element.kind is FlowKind.MESSAGE:
        return COLLAB
    if element.kind is FlowKind.SEQUENCE:
        for end in (element.source, element.target):
            node = process.elements.get(end)
            if isinstance(node, Node):
                return _node_container(plan, node, process.verbatim.get(node.id))
        return _default(plan)
    recorded = _recorded(plan, kept)
    if recorded:
        return recorded
    for end in (element.source, element.target):
        other = process.elements.get(end)
        if isinstance(other, TextAnnotation):
            return _container(plan, other)
    return COLLAB if plan.has_collaboration else _default(plan)


def _node_container(plan: Plan, node: Node, kept: Verbatim | None) -> Container:
    elements = plan.process.elements
    parent = elements.get(node.parent_id or "")
    if isinstance(parent, Node) and parent.kind is NodeKind.SUBPROCESS:
        return ("sub", parent.id)
    if isinstance(parent, Node) and parent.kind is NodeKind.CALL_ACTIVITY:
        # Drawn inside the call activity, written in the process it calls (BPMN nests nothing
        # in a call activity).
        called = _recorded(plan, kept) or _called_process(plan, parent)
        if called is not None:
            return called
    pool = _pool_of_lane(elements, node.lane_id)
    if pool is not None and plan.pool_process.get(pool):
        return ("process", str(plan.pool_process[pool]))
    return _recorded(plan, kept) or _by_geometry(plan, node.id) or _default(plan)


def _pool_of_lane(elements: dict[str, Element], lane_id: str | None) -> str | None:
    seen: set[str] = set()
    current = elements.get(lane_id or "")
    while isinstance(current, Lane) and current.id not in seen:
        seen.add(current.id)
        current = elements.get(current.parent_id or "")
    return current.id if isinstance(current, Pool) else None


def _recorded(plan: Plan, kept: Verbatim | None) -> Container | None:
    if kept is None or not kept.parent:
        return None
    parent = kept.parent
    if parent == "#collaboration":
        return COLLAB if plan.has_collaboration else None
    node = plan.process.elements.get(parent)
    if isinstance(node, Node):
        return ("sub", parent) if node.kind is NodeKind.SUBPROCESS else None
    if parent in plan.processes or f"{_PROCESS_KEY}{parent}" in plan.process.verbatim:
        return ("process", parent)
    return None


def _called_process(plan: Plan, caller: Node) -> Container | None:
    called = local_ref(attribute(plan.process.verbatim.get(caller.id), "calledElement"))
    if called and f"{_PROCESS_KEY}{called}" in plan.process.verbatim:
        return ("process", called)
    return None


def _by_geometry(plan: Plan, element_id: str) -> Container | None:
    layout = plan.process.layout.get(element_id)
    if not isinstance(layout, ShapeLayout):
        return None
    center = layout.bounds.center
    for pool_id, process_id in plan.pool_process.items():
        pool_layout = plan.process.layout.get(pool_id)
        if (
            process_id
            and isinstance(pool_layout, ShapeLayout)
            and pool_layout.bounds.contains(center)
        ):
            return ("process", process_id)
    return None


def _default(plan: Plan) -> Container:
    """The process for elements with no other home (made up when there is none yet)."""
    if not plan.main_process:
        process_id = plan.process.id
        plan.main_process = pool_process_id(process_id) if plan.has_collaboration else process_id
        plan.processes.append(plan.main_process)
    return ("process", plan.main_process)


def lanes_of_process(plan: Plan, process_id: str) -> list[Lane]:
    """Top-level lanes written in this BPMN process's lane set."""
    out = []
    for element in plan.process.elements.values():
        if not isinstance(element, Lane):
            continue
        parent = plan.process.elements.get(element.parent_id or "")
        if isinstance(parent, Pool):
            if plan.pool_process.get(parent.id) == process_id:
                out.append(element)
        elif parent is None:
            kept = plan.process.verbatim.get(element.id)
            home = kept.parent if kept and kept.parent else plan.main_process
            if home == process_id:
                out.append(element)
    return sorted(out, key=lambda lane: lane.position)
