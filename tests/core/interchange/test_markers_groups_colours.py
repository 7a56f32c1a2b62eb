"""Activity markers, event flags, groups, colours and called processes: read from the file into
the model, written back from the model (edits included), each exactly once, schema-valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    Group,
    LoopKind,
    Node,
    NodeKind,
    Process,
    ShapeLayout,
    new_workspace,
)

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "bioc": "http://bpmn.io/schema/bpmn/biocolor/1.0",
    "color": "http://www.omg.org/spec/BPMN/non-normative/color/1.0",
}
B20 = "miwg-reference/B.2.0.bpmn"


def load(corpus: Path, relative: str) -> Process:
    return import_bpmn((corpus / relative).read_bytes(), source=relative).processes[0]


def by_name(process: Process, name: str) -> Node:
    (node,) = (n for n in process.nodes() if n.name == name)
    return node


def export(process: Process, schema_errors: Callable[[bytes], list[str]]) -> etree._Element:
    data = export_bpmn(process, new_workspace())
    assert schema_errors(data) == []
    return etree.fromstring(data)


def element(root: etree._Element, element_id: str) -> etree._Element:
    (found,) = root.xpath("//*[@id=$id]", id=element_id)
    return found


def reimport(root: etree._Element) -> Process:
    return import_bpmn(etree.tostring(root), source="export").processes[0]


def test_b20_markers_and_flags_come_from_the_file(corpus: Path) -> None:
    process = load(corpus, B20)
    assert by_name(process, "User Task 12 Muti-Inst. Seq.").loop is LoopKind.MI_SEQUENTIAL
    assert by_name(process, "Service Task 22").loop is LoopKind.MI_PARALLEL
    assert by_name(process, "Collapsed Sub-Process 1 Multi-Instances").loop is LoopKind.MI_PARALLEL
    assert by_name(process, "User Task 7 Standard Loop").loop is LoopKind.STANDARD
    assert by_name(process, "Task 5").loop is LoopKind.NONE
    timer = by_name(process, "Boundary Intermediate Event Non-Interrupting Timer")
    error = by_name(process, "Boundary Intermediate Event Interrupting Error")
    assert (timer.interrupting, error.interrupting) == (False, True)
    (group,) = (e for e in process.elements.values() if isinstance(e, Group))
    assert group.name == "Group"
    assert isinstance(process.layout[group.id], ShapeLayout)


def test_b20_called_processes_sit_in_their_call_activities_and_go_back_out(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, B20)
    expanded = by_name(process, "Expanded Call Activity")
    collapsed = by_name(process, "Collapsed Call Activity")
    assert expanded.expanded and not collapsed.expanded
    assert by_name(process, "Service Task 14").parent_id == expanded.id
    assert by_name(process, "Task 34").parent_id == collapsed.id  # no DI: hidden inside
    # nothing is left without a place on the canvas (the GUI would auto-layout the diagram)
    unplaced = [
        n.id
        for n in process.nodes()
        if n.parent_id is None and n.attached_to is None and n.id not in process.layout
    ]
    assert unplaced == []
    root = export(process, schema_errors)
    task_34 = element(root, by_name(process, "Task 34").id)
    assert task_34.getparent().get("id") == "WFP-0-"  # back in the process it came from
    assert root.xpath("//bpmn:callActivity/bpmn:*[local-name()='task']", namespaces=NS) == []
    assert reimport(root) == process


def test_flags_are_written_once_and_follow_edits(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, B20)
    seq_task = by_name(process, "User Task 12 Muti-Inst. Seq.")
    root = export(process, schema_errors)
    loops = element(root, seq_task.id).findall("bpmn:multiInstanceLoopCharacteristics", NS)
    assert [loop.get("isSequential") for loop in loops] == ["true"]  # kept, not doubled
    timer = by_name(process, "Boundary Intermediate Event Non-Interrupting Timer")
    assert element(root, timer.id).get("cancelActivity") == "false"

    task = by_name(process, "Task 9")
    sub = by_name(process, "Expanded Sub-Process 2")
    edits = {
        seq_task.id: replace(seq_task, loop=LoopKind.MI_PARALLEL),
        task.id: replace(task, loop=LoopKind.STANDARD, compensation=True),
        timer.id: replace(timer, interrupting=True),
        sub.id: replace(sub, triggered_by_event=True, ad_hoc=True),
    }
    process.elements.update(edits)
    root = export(process, schema_errors)
    loops = element(root, seq_task.id).findall("bpmn:multiInstanceLoopCharacteristics", NS)
    assert [loop.get("isSequential") for loop in loops] == [None]
    written_task = element(root, task.id)
    assert len(written_task.findall("bpmn:standardLoopCharacteristics", NS)) == 1
    assert written_task.get("isForCompensation") == "true"
    assert element(root, timer.id).get("cancelActivity") is None  # the default: interrupting
    written_sub = element(root, sub.id)
    assert etree.QName(written_sub).localname == "adHocSubProcess"
    assert written_sub.get("triggeredByEvent") == "true"
    again = reimport(root)
    for node_id, node in edits.items():
        assert again.elements[node_id] == node


def test_a_renamed_group_gets_a_category_value_of_its_own(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, B20)
    (group,) = (e for e in process.elements.values() if isinstance(e, Group))
    root = export(process, schema_errors)
    assert element(root, group.id).get("categoryValueRef") == "Value_Cat1373638080956"
    process.elements[group.id] = replace(group, name="Waiting for events")
    root = export(process, schema_errors)
    ref = element(root, group.id).get("categoryValueRef")
    assert element(root, ref).get("value") == "Waiting for events"
    assert reimport(root).elements[group.id].name == "Waiting for events"


def test_colours_come_from_either_attribute_and_are_written_in_both(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, "bpmn-moddle/bpmn-in-color.bpmn")
    start, flow = process.layout["StartEvent_1"], process.layout["SequenceFlow_1"]
    assert isinstance(start, ShapeLayout)
    assert (start.fill, start.stroke, flow.stroke) == ("#000099", "#990099", "#000099")
    root = export(process, schema_errors)
    (shape,) = root.xpath("//bpmndi:BPMNShape[@bpmnElement='StartEvent_1']", namespaces=NS)
    assert shape.get(f"{{{NS['bioc']}}}fill") == shape.get(f"{{{NS['color']}}}background-color")
    assert shape.get(f"{{{NS['bioc']}}}stroke") == "#990099"
    process.layout["StartEvent_1"] = replace(start, fill="", stroke="")
    root = export(process, schema_errors)
    (shape,) = root.xpath("//bpmndi:BPMNShape[@bpmnElement='StartEvent_1']", namespaces=NS)
    assert not [key for key in shape.attrib if "color" in key or "bioc" in key]
    assert reimport(root) == process


def test_a_start_event_of_an_event_subprocess_may_not_interrupt(corpus: Path) -> None:
    process = load(corpus, "bpmn-js/draw/event-subprocesses-expanded.bpmn")
    subs = [n for n in process.nodes() if n.kind is NodeKind.SUBPROCESS]
    assert subs and all(n.triggered_by_event for n in subs)
    starts = [n for n in process.nodes() if n.kind is NodeKind.START_EVENT]
    assert {n.interrupting for n in starts} == {True, False}
