"""BPMN element names ⇄ model kinds, shared by the builder and the writer."""

from __future__ import annotations

from bpo_desktop.core.model import (
    DataObject,
    EventTrigger,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    TaskType,
)

TASK_TYPES: dict[str, TaskType] = {
    "task": TaskType.NONE,
    "userTask": TaskType.USER,
    "manualTask": TaskType.MANUAL,
    "serviceTask": TaskType.SERVICE,
    "scriptTask": TaskType.SCRIPT,
    "sendTask": TaskType.SEND,
    "receiveTask": TaskType.RECEIVE,
    "businessRuleTask": TaskType.BUSINESS_RULE,
}
TASK_TAGS = {task_type: tag for tag, task_type in TASK_TYPES.items()}

NODE_KINDS: dict[str, NodeKind] = {
    **dict.fromkeys(TASK_TYPES, NodeKind.TASK),
    "subProcess": NodeKind.SUBPROCESS,
    "adHocSubProcess": NodeKind.SUBPROCESS,
    "transaction": NodeKind.SUBPROCESS,
    "callActivity": NodeKind.CALL_ACTIVITY,
    "exclusiveGateway": NodeKind.EXCLUSIVE_GATEWAY,
    "parallelGateway": NodeKind.PARALLEL_GATEWAY,
    "inclusiveGateway": NodeKind.INCLUSIVE_GATEWAY,
    "complexGateway": NodeKind.INCLUSIVE_GATEWAY,  # nearest kind; the tag is kept
    "eventBasedGateway": NodeKind.EVENT_BASED_GATEWAY,
    "startEvent": NodeKind.START_EVENT,
    "endEvent": NodeKind.END_EVENT,
    "intermediateCatchEvent": NodeKind.INTERMEDIATE_EVENT,
    "intermediateThrowEvent": NodeKind.INTERMEDIATE_EVENT,
    "implicitThrowEvent": NodeKind.INTERMEDIATE_EVENT,
    "boundaryEvent": NodeKind.BOUNDARY_EVENT,
}
_KIND_TAGS: dict[NodeKind, str] = {
    NodeKind.SUBPROCESS: "subProcess",
    NodeKind.CALL_ACTIVITY: "callActivity",
    NodeKind.EXCLUSIVE_GATEWAY: "exclusiveGateway",
    NodeKind.PARALLEL_GATEWAY: "parallelGateway",
    NodeKind.INCLUSIVE_GATEWAY: "inclusiveGateway",
    NodeKind.EVENT_BASED_GATEWAY: "eventBasedGateway",
    NodeKind.START_EVENT: "startEvent",
    NodeKind.END_EVENT: "endEvent",
    NodeKind.BOUNDARY_EVENT: "boundaryEvent",
}

TRIGGERS: dict[str, EventTrigger] = {
    "messageEventDefinition": EventTrigger.MESSAGE,
    "timerEventDefinition": EventTrigger.TIMER,
    "signalEventDefinition": EventTrigger.SIGNAL,
    "conditionalEventDefinition": EventTrigger.CONDITIONAL,
    "errorEventDefinition": EventTrigger.ERROR,
    "escalationEventDefinition": EventTrigger.ESCALATION,
    "compensateEventDefinition": EventTrigger.COMPENSATION,
    "linkEventDefinition": EventTrigger.LINK,
    "terminateEventDefinition": EventTrigger.TERMINATE,
    "cancelEventDefinition": EventTrigger.CANCEL,
}
DEFINITION_TAGS = {trigger: tag for tag, trigger in TRIGGERS.items()}
#: Loop characteristics (an activity has at most one) and the marker each gives.
LOOP_TAGS = ("standardLoopCharacteristics", "multiInstanceLoopCharacteristics")
#: Intermediate events with these triggers are written as catch events, the others as throws.
_CATCHING = frozenset(
    {
        EventTrigger.MESSAGE,
        EventTrigger.TIMER,
        EventTrigger.SIGNAL,
        EventTrigger.CONDITIONAL,
        EventTrigger.LINK,
    }
)

DATA_TAGS: dict[str, bool] = {
    "dataObject": False,
    "dataObjectReference": False,
    "dataStore": True,
    "dataStoreReference": True,
}
FLOW_KINDS: dict[str, FlowKind] = {
    "sequenceFlow": FlowKind.SEQUENCE,
    "messageFlow": FlowKind.MESSAGE,
    "association": FlowKind.ASSOCIATION,
    "dataInputAssociation": FlowKind.DATA_ASSOCIATION,
    "dataOutputAssociation": FlowKind.DATA_ASSOCIATION,
}


def node_tag(node: Node) -> str:
    """The BPMN element a node is written as when nothing else is known."""
    if node.kind is NodeKind.TASK:
        return TASK_TAGS[node.task_type]
    if node.kind is NodeKind.SUBPROCESS and node.ad_hoc:
        return "adHocSubProcess"
    if node.kind is NodeKind.INTERMEDIATE_EVENT or (
        node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to is None
    ):
        return "intermediateCatchEvent" if node.trigger in _CATCHING else "intermediateThrowEvent"
    return _KIND_TAGS[node.kind]


def node_fits(tag: str, node: Node) -> bool:
    """Whether `tag` can stand for the node as it is now (the model may have been edited)."""
    if NODE_KINDS.get(tag) is not node.kind:
        return False
    if node.kind is NodeKind.TASK:
        return TASK_TYPES[tag] is node.task_type
    if node.kind is NodeKind.SUBPROCESS:
        return (tag == "adHocSubProcess") == node.ad_hoc
    return not (node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to is None)


def data_tag(data: DataObject) -> str:
    return "dataStoreReference" if data.is_store else "dataObjectReference"


def data_fits(tag: str, data: DataObject) -> bool:
    return DATA_TAGS.get(tag) is data.is_store


def flow_fits(tag: str, flow: Flow) -> bool:
    return FLOW_KINDS.get(tag) is flow.kind
