"""Kept (verbatim) content must not make an export invalid after the model was edited.

An editor may change an element's type, delete what kept content refers to, or change a
trigger or a condition; the writer fits what it kept to the model as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import EventTrigger, Flow, FlowKind, NodeKind, TaskType, new_workspace

REFERENCE = "miwg-reference/B.2.0.bpmn"


def fresh(outcomes: Any) -> Any:
    data = export_bpmn(outcomes[REFERENCE].result.processes[0], new_workspace())
    return import_bpmn(data, source="b20").processes[0]


def test_changing_types_keeps_the_export_valid(
    outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = fresh(outcomes)
    user_task = next(n for n in process.nodes() if n.task_type is TaskType.USER)
    gateway = next(n for n in process.nodes() if n.kind.is_gateway)
    event = next(n for n in process.nodes() if n.trigger is EventTrigger.MESSAGE)
    process.elements[user_task.id] = replace(user_task, kind=NodeKind.EXCLUSIVE_GATEWAY,
                                             task_type=TaskType.NONE)  # fmt: skip
    process.elements[gateway.id] = replace(gateway, kind=NodeKind.TASK, task_type=TaskType.SCRIPT)
    process.elements[event.id] = replace(event, trigger=EventTrigger.ESCALATION)
    exported = export_bpmn(process, new_workspace())
    assert schema_errors(exported) == []
    again = import_bpmn(exported, source="edited").processes[0]
    assert again.node(user_task.id).kind is NodeKind.EXCLUSIVE_GATEWAY
    assert again.node(gateway.id).task_type is TaskType.SCRIPT
    assert again.node(event.id).trigger is EventTrigger.ESCALATION


def test_deleting_referenced_elements_keeps_the_export_valid(
    outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = fresh(outcomes)
    data = process.data_objects()
    assert data
    for element in data:  # kept references (dataObjectRef, shapes…) now point nowhere
        del process.elements[element.id]
    for element in list(process.elements.values()):
        if isinstance(element, Flow) and (
            element.source not in process.elements or element.target not in process.elements
        ):
            del process.elements[element.id]
    exported = export_bpmn(process, new_workspace())
    assert schema_errors(exported) == []
    again = import_bpmn(exported, source="edited").processes[0]
    assert not again.data_objects()


def test_conditions_follow_the_model(outcomes: Any) -> None:
    process = fresh(outcomes)
    workspace = new_workspace()
    conditional = [f for f in process.flows(FlowKind.SEQUENCE)]
    first, second = conditional[0], conditional[1]
    process.elements[first.id] = replace(first, condition="amount > 100")
    process.elements[second.id] = replace(second, condition="")
    again = import_bpmn(export_bpmn(process, workspace), source="edited").processes[0]
    assert again.elements[first.id] == replace(first, condition="amount > 100")
    assert isinstance(again.elements[second.id], Flow)
    assert again.elements[second.id].condition == ""  # type: ignore[union-attr]


def test_an_edited_condition_keeps_its_expression_language(outcomes: Any) -> None:
    process = outcomes["miwg-reference/A.2.1.bpmn"].result.processes[0]
    flow = next(f for f in process.flows(FlowKind.SEQUENCE) if f.condition)
    process = process.copy()
    process.elements[flow.id] = replace(flow, condition="x == 1")
    exported = export_bpmn(process, new_workspace())
    start = exported.index(f'id="{flow.id}"'.encode())
    expression = exported[start : exported.index(b"</bpmn:sequenceFlow>", start)]
    assert b"x == 1" in expression
    assert b'language="http://www.w3.org/1999/XPath"' in expression  # kept from the source
