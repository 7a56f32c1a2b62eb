"""A process's data inputs and outputs (BPMN `ioSpecification`) are model data objects.

They import with their diagram bounds and data associations, export into the process's
ioSpecification (XSD-valid, read by bpmn-moddle, equal after a round trip), and survive edits:
a deleted input leaves no dangling reference, a role changed in the app is written right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

from bpo_desktop.core.analysis import analyze, lint
from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    Bounds,
    DataIO,
    DataObject,
    Flow,
    FlowKind,
    NodeKind,
    Process,
    ShapeLayout,
    Verbatim,
    new_workspace,
)

REFERENCE = "miwg-reference/C.8.0.bpmn"
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
}
Moddle = Callable[[list[Path]], dict[str, dict[str, Any]]]


def io_objects(process: Process, io: DataIO) -> dict[str, DataObject]:
    return {d.name: d for d in process.data_objects() if d.io is io}


def data_flows(process: Process) -> list[Flow]:
    return [
        e
        for e in process.elements.values()
        if isinstance(e, Flow) and e.kind is FlowKind.DATA_ASSOCIATION
    ]


def source_bounds(path: Path) -> dict[str, tuple[float, ...]]:
    tree = etree.parse(str(path))
    out = {}
    for shape in tree.iterfind(".//bpmndi:BPMNShape", NS):
        box = shape.find("dc:Bounds", NS)
        assert box is not None
        out[shape.get("bpmnElement", "")] = tuple(
            float(box.get(k, "")) for k in ("x", "y", "width", "height")
        )
    return out


def process_io(data: bytes) -> etree._Element:
    """The one ioSpecification directly under a process of an exported document."""
    specs = etree.fromstring(data).findall("bpmn:process/bpmn:ioSpecification", NS)
    assert len(specs) == 1
    return specs[0]


def reference(outcomes: Any) -> Process:
    process: Process = outcomes[REFERENCE].result.processes[0]
    return process


def editable(outcomes: Any) -> tuple[Any, Process]:
    """C.8.0 in a workspace under an editor, as a user has it after File, Import."""
    editor = create_editor(new_workspace())
    data = export_bpmn(reference(outcomes), new_workspace())
    process = import_bpmn(data, source="C.8.0", workspace=editor.workspace).processes[0]
    editor.modeling.import_processes([process])
    return editor, editor.workspace.processes[process.id]


def test_c80_inputs_and_outputs_import_with_bounds_and_associations(
    corpus: Path, outcomes: Any
) -> None:
    process = reference(outcomes)
    inputs, outputs = io_objects(process, DataIO.INPUT), io_objects(process, DataIO.OUTPUT)
    assert sorted(inputs) == ["Employee Badge Number", "From", "To"]
    assert sorted(outputs) == ["Reason", "Vacation Approval"]
    assert [d.name for d in process.data_objects() if d.io is DataIO.NONE] == [
        "Current Vacation Status"
    ] * 2  # the dataObject and its reference, as before
    bounds = source_bounds(corpus / REFERENCE)
    for data in [*inputs.values(), *outputs.values()]:
        layout = process.layout[data.id]
        assert isinstance(layout, ShapeLayout)
        b = layout.bounds
        assert (b.x, b.y, b.width, b.height) == bounds[data.id]
    names = {e.id: getattr(e, "name", "") for e in process.elements.values()}
    links = {(names[f.source], names[f.target]) for f in data_flows(process)}
    assert {
        ("Employee Badge Number", "Fetch Vacation Information"),
        ("From", "Vacation Approval"),
        ("To", "Vacation Approval"),
        ("Vacation Approval", "Vacation Approval"),  # the task writes the output of that name
        ("Vacation Approval", "Reason"),
    } <= links
    to_outputs = [f for f in data_flows(process) if f.target in {d.id for d in outputs.values()}]
    assert len(to_outputs) == 2
    assert not [w for w in outcomes[REFERENCE].result.warnings if "kept for export" in w]


def test_kept_attributes_and_activity_io_specifications_stay_verbatim(outcomes: Any) -> None:
    process = reference(outcomes)
    badge = io_objects(process, DataIO.INPUT)["Employee Badge Number"]
    kept = process.verbatim[badge.id]
    assert kept.tag == "dataInput"
    assert ("{http://www.trisotech.com/2015/triso/modeling}readOnly", "false") in kept.attributes
    assert any("IDENTIFICATION_OF_CHANGES" in xml for xml in kept.extensions)
    # The task's own ioSpecification is not model content: kept whole in the task, and the
    # association still names the task's own input as its target.
    task = next(n for n in process.nodes() if n.name == "Vacation Approval")
    assert any("DataInput__1a818a94" in xml for xml in process.verbatim[task.id].children)
    from_input = io_objects(process, DataIO.INPUT)["From"]
    association = next(f for f in data_flows(process) if f.source == from_input.id)
    assert ("#targetRef", "DataInput__1a818a94-ba6f-413b-a7e8-6f8fd2a11e32_1") in (
        process.verbatim[association.id].attributes
    )


def test_export_validates_and_round_trips(
    outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = reference(outcomes)
    exported = export_bpmn(process, new_workspace())
    assert schema_errors(exported) == []
    spec = process_io(exported)
    inputs = [el.get("name") for el in spec.findall("bpmn:dataInput", NS)]
    outputs = [el.get("name") for el in spec.findall("bpmn:dataOutput", NS)]
    assert sorted(inputs) == ["Employee Badge Number", "From", "To"]
    assert sorted(outputs) == ["Reason", "Vacation Approval"]
    assert [s.get("id") for s in spec.findall("bpmn:inputSet", NS)] == [
        "_4d1f4479-b14c-4dd0-9675-607384e9dd81"
    ]  # the kept set, reused
    again = import_bpmn(exported, source="export of C.8.0").processes[0]
    assert again == process
    assert export_bpmn(again, new_workspace()) == exported


def test_deleting_an_input_leaves_no_dangling_reference(
    outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    editor, process = editable(outcomes)
    workspace = editor.workspace
    badge = io_objects(process, DataIO.INPUT)["Employee Badge Number"]
    editor.modeling.delete_elements([badge.id])
    exported = export_bpmn(workspace.processes[process.id], workspace)
    assert schema_errors(exported) == []
    spec = process_io(exported)
    refs = [r.text for r in spec.iterfind(".//bpmn:dataInputRefs", NS)]
    assert badge.id not in refs
    assert len(refs) == 2
    assert badge.id not in exported.decode()
    # every input gone: the sets stay (the schema wants one of each), empty
    for data in io_objects(workspace.processes[process.id], DataIO.INPUT).values():
        editor.modeling.delete_elements([data.id])
    exported = export_bpmn(workspace.processes[process.id], workspace)
    assert schema_errors(exported) == []
    spec = process_io(exported)
    assert spec.findall("bpmn:dataInput", NS) == []
    assert len(spec.findall("bpmn:inputSet", NS)) == 1
    assert len(spec.findall("bpmn:dataOutput", NS)) == 2


def _drawn_process() -> tuple[Any, str, str, str]:
    """A process made in the app: a task reading a data object that becomes an input."""
    workspace = new_workspace()
    editor = create_editor(workspace)
    modeling = editor.modeling
    process_id = modeling.create_process("Claims")
    task = modeling.create_node(process_id, NodeKind.TASK, "Check claim", Bounds(200, 100, 100, 80))
    data = modeling.create_shape(process_id, DataObject("", "Claim form"), Bounds(80, 100, 36, 50))
    modeling.connect(process_id, data, task, kind=FlowKind.DATA_ASSOCIATION)
    return editor, process_id, data, task


def test_a_role_set_in_the_app_exports_as_input_and_reads_back(
    tmp_path: Path, schema_errors: Callable[[bytes], list[str]], moddle: Moddle
) -> None:
    editor, process_id, data, _task = _drawn_process()
    editor.modeling.update_properties(data, io="input")
    process = editor.workspace.processes[process_id]
    assert process.elements[data] == DataObject(data, "Claim form", io=DataIO.INPUT)
    exported = export_bpmn(process, editor.workspace)
    assert schema_errors(exported) == []
    spec = process_io(exported)
    assert [el.get("id") for el in spec.findall("bpmn:dataInput", NS)] == [data]
    assert [r.text for r in spec.iterfind("bpmn:inputSet/bpmn:dataInputRefs", NS)] == [data]
    assert len(spec.findall("bpmn:outputSet", NS)) == 1  # made, as the schema wants
    assert b"dataObjectReference" not in exported
    again = import_bpmn(exported, source="claims").processes[0]
    assert again.elements == process.elements
    assert export_bpmn(again, new_workspace()) == export_bpmn(again, new_workspace())
    path = tmp_path / "claims.bpmn"
    path.write_bytes(exported)
    assert moddle([path])[str(path)] == {
        "root": "bpmn:Definitions",
        "warnings": [],
        "error": None,
    }


def test_an_output_made_a_plain_data_object_again(
    outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    editor, process = editable(outcomes)
    workspace = editor.workspace
    reason = io_objects(process, DataIO.OUTPUT)["Reason"]
    editor.modeling.update_properties(reason.id, io=DataIO.NONE)
    exported = export_bpmn(workspace.processes[process.id], workspace)
    assert schema_errors(exported) == []
    refs = [r.text for r in process_io(exported).iterfind(".//bpmn:dataOutputRefs", NS)]
    assert reason.id not in refs and len(refs) == 1
    again = import_bpmn(exported, source="edited").processes[0]
    assert again.elements[reason.id] == DataObject(reason.id, "Reason")
    editor.stack.undo()
    assert workspace.processes[process.id].elements[reason.id].io is DataIO.OUTPUT


def test_a_data_store_keeps_its_role_through_our_extension(
    schema_errors: Callable[[bytes], list[str]],
) -> None:
    editor, process_id, data, _task = _drawn_process()
    editor.modeling.update_properties(data, is_store=True, io="output")
    process = editor.workspace.processes[process_id]
    exported = export_bpmn(process, editor.workspace)
    assert schema_errors(exported) == []
    assert etree.fromstring(exported).findall("bpmn:process/bpmn:ioSpecification", NS) == []
    again = import_bpmn(exported, source="store").processes[0]
    assert again.elements[data] == process.elements[data]


def test_analysis_treats_inputs_and_outputs_as_data(outcomes: Any) -> None:
    process = reference(outcomes)
    plain = replace(process, elements=dict(process.elements))
    for data in process.data_objects():
        plain.elements[data.id] = replace(data, io=DataIO.NONE)
    assert plain != process
    assert lint(process, {}).findings == lint(plain, {}).findings
    assert analyze(process, {}) == analyze(plain, {})


def test_an_input_joins_an_io_specification_kept_whole_by_an_older_import(
    schema_errors: Callable[[bytes], list[str]],
) -> None:
    """Files imported before inputs were model content keep the process's ioSpecification as
    XML; an input made in the app then goes into that one (the schema allows only one)."""
    editor, process_id, data, _task = _drawn_process()
    process = editor.workspace.processes[process_id]
    bpmn = NS["bpmn"]
    old = (
        f'<bpmn:ioSpecification xmlns:bpmn="{bpmn}"><bpmn:dataInput id="Old_1"/>'
        '<bpmn:inputSet id="Set_1"><bpmn:dataInputRefs>Old_1</bpmn:dataInputRefs>'
        '</bpmn:inputSet><bpmn:outputSet id="Set_2"/></bpmn:ioSpecification>'
    )
    process.verbatim[f"process:{process_id}"] = Verbatim(tag="process", children=(old,))
    editor.modeling.update_properties(data, io=DataIO.INPUT)
    exported = export_bpmn(process, editor.workspace)
    assert schema_errors(exported) == []
    spec = process_io(exported)
    assert [el.get("id") for el in spec.findall("bpmn:dataInput", NS)] == ["Old_1", data]
    assert [s.get("id") for s in spec.findall("bpmn:inputSet", NS)] == ["Set_1"]
    refs = [r.text for r in spec.iterfind("bpmn:inputSet/bpmn:dataInputRefs", NS)]
    assert refs == ["Old_1", data]
