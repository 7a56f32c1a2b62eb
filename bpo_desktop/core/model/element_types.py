"""Element-type metadata: what the palette offers, what "change type" may turn an element into.

Qt-free data only (label, category, default size, icon name); the UI builds its palette and
context pad from it, and the editing layer makes new elements with `ElementType.make`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bpo_desktop.core.model.elements import DataObject, Element, Lane, Node, Pool, TextAnnotation
from bpo_desktop.core.model.enums import EventTrigger, NodeKind, TaskType


class Category(StrEnum):
    EVENT = "event"
    ACTIVITY = "activity"
    GATEWAY = "gateway"
    ARTIFACT = "artifact"
    SWIMLANE = "swimlane"

    @property
    def label(self) -> str:
        return {
            Category.EVENT: "Events",
            Category.ACTIVITY: "Activities",
            Category.GATEWAY: "Gateways",
            Category.ARTIFACT: "Artifacts",
            Category.SWIMLANE: "Swimlanes",
        }[self]


TASK_SIZE = (110.0, 80.0)
EVENT_SIZE = (36.0, 36.0)
GATEWAY_SIZE = (50.0, 50.0)
LANE_HEIGHT = 160.0


@dataclass(frozen=True, slots=True)
class ElementType:
    """One entry of the palette: enough to draw its icon and to make the element."""

    id: str  # stable: also the icon name and the drag-and-drop payload
    label: str
    category: Category
    size: tuple[float, float]
    kind: NodeKind | None = None  # None for artifacts and swimlanes
    task_type: TaskType = TaskType.NONE
    trigger: EventTrigger = EventTrigger.NONE
    is_store: bool = False  # data store rather than data object

    @property
    def icon(self) -> str:
        return self.id

    @property
    def is_node(self) -> bool:
        return self.kind is not None

    def make(self, element_id: str = "", name: str = "", lane_id: str | None = None) -> Element:
        """A new element of this type (an empty id is filled in by the editing layer)."""
        if self.kind is not None:
            return Node(
                id=element_id,
                kind=self.kind,
                name=name,
                lane_id=lane_id,
                task_type=self.task_type,
                trigger=self.trigger,
            )
        if self.id == "text_annotation":
            return TextAnnotation(id=element_id, text=name)
        if self.id in ("data_object", "data_store"):
            return DataObject(id=element_id, name=name, is_store=self.is_store)
        if self.id == "pool":
            return Pool(id=element_id, name=name)
        return Lane(id=element_id, name=name)

    def node_changes(self) -> dict[str, object]:
        """The `update_properties` changes that turn a node into this type."""
        return {"kind": self.kind, "task_type": self.task_type, "trigger": self.trigger}


def _node(
    type_id: str,
    label: str,
    kind: NodeKind,
    *,
    task_type: TaskType = TaskType.NONE,
    trigger: EventTrigger = EventTrigger.NONE,
) -> ElementType:
    if kind.is_event:
        category, size = Category.EVENT, EVENT_SIZE
    elif kind.is_gateway:
        category, size = Category.GATEWAY, GATEWAY_SIZE
    else:
        category, size = Category.ACTIVITY, TASK_SIZE
    return ElementType(type_id, label, category, size, kind, task_type, trigger)


ELEMENT_TYPES: tuple[ElementType, ...] = (
    _node("start_event", "Start event", NodeKind.START_EVENT),
    _node("intermediate_event", "Intermediate event", NodeKind.INTERMEDIATE_EVENT),
    _node("end_event", "End event", NodeKind.END_EVENT),
    _node("timer_start_event", "Timer start", NodeKind.START_EVENT, trigger=EventTrigger.TIMER),
    _node(
        "message_start_event",
        "Message start event",
        NodeKind.START_EVENT,
        trigger=EventTrigger.MESSAGE,
    ),
    _node(
        "timer_intermediate_event",
        "Timer event",
        NodeKind.INTERMEDIATE_EVENT,
        trigger=EventTrigger.TIMER,
    ),
    _node(
        "message_end_event",
        "Message end event",
        NodeKind.END_EVENT,
        trigger=EventTrigger.MESSAGE,
    ),
    _node("task", "Task", NodeKind.TASK),
    _node("user_task", "User task", NodeKind.TASK, task_type=TaskType.USER),
    _node("manual_task", "Manual task", NodeKind.TASK, task_type=TaskType.MANUAL),
    _node("service_task", "Service task", NodeKind.TASK, task_type=TaskType.SERVICE),
    _node("script_task", "Script task", NodeKind.TASK, task_type=TaskType.SCRIPT),
    _node("send_task", "Send task", NodeKind.TASK, task_type=TaskType.SEND),
    _node("receive_task", "Receive task", NodeKind.TASK, task_type=TaskType.RECEIVE),
    _node(
        "business_rule_task",
        "Business rule task",
        NodeKind.TASK,
        task_type=TaskType.BUSINESS_RULE,
    ),
    _node("subprocess", "Sub-process", NodeKind.SUBPROCESS),
    _node("call_activity", "Call activity", NodeKind.CALL_ACTIVITY),
    _node("exclusive_gateway", "Exclusive gateway (XOR)", NodeKind.EXCLUSIVE_GATEWAY),
    _node("parallel_gateway", "Parallel gateway (AND)", NodeKind.PARALLEL_GATEWAY),
    _node("inclusive_gateway", "Inclusive gateway (OR)", NodeKind.INCLUSIVE_GATEWAY),
    _node("event_based_gateway", "Event-based gateway", NodeKind.EVENT_BASED_GATEWAY),
    ElementType("text_annotation", "Text annotation", Category.ARTIFACT, (110.0, 40.0)),
    ElementType("data_object", "Data object", Category.ARTIFACT, (36.0, 50.0)),
    ElementType("data_store", "Data store", Category.ARTIFACT, (50.0, 50.0), is_store=True),
    ElementType("pool", "Pool", Category.SWIMLANE, (800.0, LANE_HEIGHT)),
    ElementType("lane", "Lane", Category.SWIMLANE, (770.0, LANE_HEIGHT)),
)

_BY_ID = {t.id: t for t in ELEMENT_TYPES}

#: The palette: the common types, grouped (the rest are reached with "change type").
PALETTE_IDS: tuple[str, ...] = (
    "start_event",
    "intermediate_event",
    "end_event",
    "task",
    "user_task",
    "manual_task",
    "service_task",
    "subprocess",
    "exclusive_gateway",
    "parallel_gateway",
    "inclusive_gateway",
    "text_annotation",
    "data_object",
    "pool",
    "lane",
)


def element_type(type_id: str) -> ElementType:
    try:
        return _BY_ID[type_id]
    except KeyError:
        raise KeyError(f"no element type {type_id!r}") from None


def palette_types() -> list[ElementType]:
    return [_BY_ID[i] for i in PALETTE_IDS]


def type_of(element: Element) -> ElementType | None:
    """The registered type an element is (an exact node match, else the plain kind)."""
    if isinstance(element, Node):
        exact = None
        plain = None
        for t in ELEMENT_TYPES:
            if t.kind is not element.kind:
                continue
            if t.task_type is element.task_type and t.trigger is element.trigger:
                exact = t
                break
            if plain is None and t.task_type is TaskType.NONE and t.trigger is EventTrigger.NONE:
                plain = t
        return exact or plain
    if isinstance(element, TextAnnotation):
        return _BY_ID["text_annotation"]
    if isinstance(element, DataObject):
        return _BY_ID["data_store" if element.is_store else "data_object"]
    if isinstance(element, Pool):
        return _BY_ID["pool"]
    if isinstance(element, Lane):
        return _BY_ID["lane"]
    return None


def replacements(element: Element) -> list[ElementType]:
    """The node types "change type" offers: same family (events, activities, gateways)."""
    current = type_of(element)
    if not isinstance(element, Node) or current is None or element.kind is NodeKind.BOUNDARY_EVENT:
        return []
    return [t for t in ELEMENT_TYPES if t.category is current.category and t is not current]
