"""Semantic process elements: plain frozen values. Edits replace them; they are never mutated."""

from __future__ import annotations

from dataclasses import dataclass, fields

from bpo_desktop.core.model.enums import (
    DataIO,
    EventTrigger,
    FlowKind,
    LaneKind,
    LoopKind,
    NodeKind,
    TaskType,
    VAClass,
)


@dataclass(frozen=True, slots=True)
class Node:
    """A flow node: event, activity or gateway, with the step attributes analysis needs."""

    id: str
    kind: NodeKind
    name: str = ""
    lane_id: str | None = None
    parent_id: str | None = None  # the expanded sub-process that contains it
    task_type: TaskType = TaskType.NONE
    trigger: EventTrigger = EventTrigger.NONE
    attached_to: str | None = None  # boundary events: the activity they sit on
    expanded: bool = False  # sub-processes: drawn open with their children
    documentation: str = ""
    owner_role: str = ""
    system_id: str | None = None
    va_class: VAClass | None = None
    touch_min: float = 0.0
    wait_min: float = 0.0
    cost_per_use: float = 0.0
    manual_trigger: bool = False  # "relies on memory": nobody is prompted to do it
    loop: LoopKind = LoopKind.NONE  # activities: standard loop or multi-instance marker
    interrupting: bool = True  # boundary events and event-subprocess start events
    triggered_by_event: bool = False  # sub-processes: an event sub-process
    compensation: bool = False  # activities: isForCompensation
    ad_hoc: bool = False  # sub-processes: adHocSubProcess


@dataclass(frozen=True, slots=True)
class Flow:
    """A connection: sequence flow, message flow, association or data association."""

    id: str
    source: str
    target: str
    kind: FlowKind = FlowKind.SEQUENCE
    name: str = ""
    condition: str = ""
    # A conditional flow (it has a BPMN conditionExpression), also while the condition text is
    # still empty: drawn with the diamond out of an activity. Any condition text implies it.
    conditional: bool = False
    probability: float | None = None  # branch probability out of a split, 0..1
    is_default: bool = False
    documentation: str = ""

    def __post_init__(self) -> None:
        if self.condition and not self.conditional:
            object.__setattr__(self, "conditional", True)  # frozen: normalised once, here


@dataclass(frozen=True, slots=True)
class Pool:
    id: str
    name: str = ""
    documentation: str = ""


@dataclass(frozen=True, slots=True)
class Lane:
    """A swimlane: a team/role, a system or an external party. Lanes nest in a pool or a lane."""

    id: str
    name: str = ""
    parent_id: str | None = None
    kind: LaneKind = LaneKind.TEAM
    position: int = 0  # order among its siblings, top to bottom
    staff: float = 1.0
    hourly_rate: float = 0.0
    fee_per_case: float = 0.0  # external/outsourced lanes
    documentation: str = ""


@dataclass(frozen=True, slots=True)
class TextAnnotation:
    id: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A BPMN group: a dashed box around related elements; it has no semantics of its own."""

    id: str
    name: str = ""
    documentation: str = ""


@dataclass(frozen=True, slots=True)
class DataObject:
    id: str
    name: str = ""
    is_store: bool = False
    documentation: str = ""
    io: DataIO = DataIO.NONE  # a process input or output (BPMN ioSpecification dataInput/Output)


Element = Node | Flow | Pool | Lane | TextAnnotation | DataObject | Group
ELEMENT_TYPES: tuple[type[Element], ...] = (
    Node,
    Flow,
    Pool,
    Lane,
    TextAnnotation,
    DataObject,
    Group,
)

#: The prefix of new ids per type (for nodes, see `id_prefix`).
_PREFIX: dict[type, str] = {
    Flow: "Flow",
    Pool: "Pool",
    Lane: "Lane",
    TextAnnotation: "TextAnnotation",
    DataObject: "DataObject",
    Group: "Group",
}
_NODE_PREFIX: dict[NodeKind, str] = {
    NodeKind.START_EVENT: "StartEvent",
    NodeKind.INTERMEDIATE_EVENT: "Event",
    NodeKind.END_EVENT: "EndEvent",
    NodeKind.BOUNDARY_EVENT: "BoundaryEvent",
    NodeKind.TASK: "Activity",
    NodeKind.SUBPROCESS: "SubProcess",
    NodeKind.CALL_ACTIVITY: "CallActivity",
}


def id_prefix(element: Element) -> str:
    if isinstance(element, Node):
        return _NODE_PREFIX.get(element.kind, "Gateway")
    return _PREFIX[type(element)]


def editable_fields(element_type: type[Element]) -> frozenset[str]:
    """The fields `update_properties` may change: all but the id."""
    return frozenset(f.name for f in fields(element_type) if f.name != "id")
