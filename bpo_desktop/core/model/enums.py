"""Closed vocabularies of the domain model. Values are stable: they are stored in `.bpo` files."""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    START_EVENT = "start_event"
    INTERMEDIATE_EVENT = "intermediate_event"
    END_EVENT = "end_event"
    BOUNDARY_EVENT = "boundary_event"
    TASK = "task"
    SUBPROCESS = "subprocess"
    CALL_ACTIVITY = "call_activity"
    EXCLUSIVE_GATEWAY = "exclusive_gateway"
    PARALLEL_GATEWAY = "parallel_gateway"
    INCLUSIVE_GATEWAY = "inclusive_gateway"
    EVENT_BASED_GATEWAY = "event_based_gateway"

    @property
    def is_event(self) -> bool:
        return self.value.endswith("_event")

    @property
    def is_gateway(self) -> bool:
        return self.value.endswith("_gateway")

    @property
    def is_activity(self) -> bool:
        return self in (NodeKind.TASK, NodeKind.SUBPROCESS, NodeKind.CALL_ACTIVITY)


class LoopKind(StrEnum):
    """The loop marker of an activity (BPMN loop / multi-instance characteristics)."""

    NONE = "none"
    STANDARD = "standard"
    MI_PARALLEL = "mi_parallel"
    MI_SEQUENTIAL = "mi_sequential"


class DataIO(StrEnum):
    """Whether a data object is an input or output of the whole process (arrow marker)."""

    NONE = "none"
    INPUT = "input"
    OUTPUT = "output"


class TaskType(StrEnum):
    NONE = "none"
    USER = "user"
    MANUAL = "manual"
    SERVICE = "service"
    SCRIPT = "script"
    SEND = "send"
    RECEIVE = "receive"
    BUSINESS_RULE = "business_rule"


class EventTrigger(StrEnum):
    NONE = "none"
    MESSAGE = "message"
    TIMER = "timer"
    SIGNAL = "signal"
    CONDITIONAL = "conditional"
    ERROR = "error"
    ESCALATION = "escalation"
    COMPENSATION = "compensation"
    LINK = "link"
    TERMINATE = "terminate"
    CANCEL = "cancel"


class FlowKind(StrEnum):
    SEQUENCE = "sequence"
    MESSAGE = "message"
    ASSOCIATION = "association"
    DATA_ASSOCIATION = "data_association"


class LaneKind(StrEnum):
    TEAM = "team"  # a team or role of people
    SYSTEM = "system"
    EXTERNAL = "external"  # an outside or outsourced party


class VAClass(StrEnum):
    VA = "VA"
    NNVA = "NNVA"
    NVA = "NVA"


class SystemKind(StrEnum):
    IT = "it"
    EMAIL = "email"
    PAPER = "paper"
    PHONE = "phone"
    SPREADSHEET = "spreadsheet"
    MANUAL = "manual"

    @property
    def is_off_system(self) -> bool:
        return self is not SystemKind.IT


class AnnotationKind(StrEnum):
    GOAL = "goal"
    CONSTRAINT = "constraint"
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    PAIN_POINT = "pain_point"
    IDEA = "idea"
    QUESTION = "question"
    RISK = "risk"


class Strategy(StrEnum):
    PRESERVE = "preserve"
    ENHANCE = "enhance"
    MITIGATE = "mitigate"
    ELIMINATE = "eliminate"


class ConstraintCategory(StrEnum):
    SYSTEM_OF_RECORD = "system_of_record"
    SECURITY = "security"
    COMPLIANCE = "compliance"
    CONTRACTUAL = "contractual"
    OTHER = "other"


class ScenarioKind(StrEnum):
    AS_IS = "as_is"
    TO_BE = "to_be"


ALLOWED_STRATEGIES: dict[AnnotationKind, frozenset[Strategy]] = {
    AnnotationKind.STRENGTH: frozenset({Strategy.PRESERVE, Strategy.ENHANCE}),
    AnnotationKind.WEAKNESS: frozenset({Strategy.MITIGATE, Strategy.ELIMINATE}),
}
