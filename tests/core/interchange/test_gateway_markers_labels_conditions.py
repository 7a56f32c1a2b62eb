"""Exclusive-gateway X (isMarkerVisible), label text colours (`color:color` on BPMNLabel) and
conditional flows with an empty expression: read from the file, written back, schema-valid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    EdgeLayout,
    Flow,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    new_workspace,
)

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "color": "http://www.omg.org/spec/BPMN/non-normative/color/1.0",
}
COLOR = f"{{{NS['color']}}}color"


def load(corpus: Path, relative: str) -> Process:
    return import_bpmn((corpus / relative).read_bytes(), source=relative).processes[0]


def export(process: Process, schema_errors: Callable[[bytes], list[str]]) -> etree._Element:
    data = export_bpmn(process, new_workspace())
    assert schema_errors(data) == []
    return etree.fromstring(data)


def reimport(root: etree._Element) -> Process:
    return import_bpmn(etree.tostring(root), source="export").processes[0]


def shape_of(root: etree._Element, element_id: str) -> etree._Element:
    (found,) = root.xpath("//bpmndi:BPMNShape[@bpmnElement=$id]", namespaces=NS, id=element_id)
    return found


def xor_markers(process: Process) -> dict[str, bool]:
    markers = {}
    for node in process.nodes():
        if node.kind is NodeKind.EXCLUSIVE_GATEWAY:
            layout = process.layout[node.id]
            assert isinstance(layout, ShapeLayout)
            markers[node.id] = layout.marker_visible
    return markers


def test_the_x_follows_is_marker_visible_and_its_default(corpus: Path) -> None:
    # A.2.0 says false explicitly; A.2.1 and C.1.0 leave it out (the spec's default: hidden);
    # B.2.0 and C.2.0 say true. Their reference pictures draw the X exactly for the last two.
    assert set(xor_markers(load(corpus, "miwg-reference/A.2.0.bpmn")).values()) == {False}
    assert set(xor_markers(load(corpus, "miwg-reference/A.2.1.bpmn")).values()) == {False}
    assert set(xor_markers(load(corpus, "miwg-reference/C.1.0.bpmn")).values()) == {False}
    b20 = xor_markers(load(corpus, "miwg-reference/B.2.0.bpmn"))
    assert b20["_49e94b5f-ce21-4c2b-b78d-3cde5c09c15e"] is True
    assert set(xor_markers(load(corpus, "miwg-reference/C.2.0.bpmn")).values()) == {True}


def test_the_marker_flag_is_written_for_bpmn_io_and_read_back(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, "miwg-reference/A.2.0.bpmn")
    hidden, shown = sorted(xor_markers(process))
    layout = process.layout[shown]
    assert isinstance(layout, ShapeLayout)
    process.layout[shown] = replace(layout, marker_visible=True)
    root = export(process, schema_errors)
    assert shape_of(root, shown).get("isMarkerVisible") == "true"
    assert shape_of(root, hidden).get("isMarkerVisible") is None  # absent = hidden
    assert reimport(root) == process


def test_a_gateway_drawn_here_shows_its_x_in_other_tools(
    schema_errors: Callable[[bytes], list[str]],
) -> None:
    ws = new_workspace()
    editor = create_editor(ws)
    process_id = editor.modeling.create_process("Decide")
    gateway = editor.modeling.create_typed(process_id, "exclusive_gateway", Point(100, 100))
    process = ws.processes[process_id]
    root = export(process, schema_errors)
    assert shape_of(root, gateway).get("isMarkerVisible") == "true"
    assert xor_markers(reimport(root)) == {gateway: True}


def test_label_colours_are_read_and_written_on_the_label(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, "miwg-reference/C.8.0.bpmn")
    flows = [f for f in process.flows() if f.name]
    assert flows
    layouts = [process.layout[flow.id] for flow in flows]
    assert all(isinstance(layout, EdgeLayout) for layout in layouts)
    # Mostly orange lines, all with black labels (as the reference picture shows).
    assert {layout.label_colour for layout in layouts} == {"#000000"}
    assert sum(layout.stroke.lower() == "#ff6600" for layout in layouts) >= len(flows) - 1
    root = export(process, schema_errors)
    labels = root.xpath("//bpmndi:BPMNLabel[@color:color]", namespaces=NS)
    assert len(labels) >= len(flows)
    assert {label.get(COLOR) for label in labels} == {"#000000"}
    again = reimport(root)
    assert again == process
    first = flows[0].id
    edge = again.layout[first]
    assert isinstance(edge, EdgeLayout)
    again.layout[first] = replace(edge, label_colour="")
    (edge_el,) = export(again, schema_errors).xpath(
        "//bpmndi:BPMNEdge[@bpmnElement=$id]", namespaces=NS, id=first
    )
    label = edge_el.find("bpmndi:BPMNLabel", NS)
    assert label is not None and label.get(COLOR) is None


def test_an_empty_condition_expression_still_makes_a_conditional_flow(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, "miwg-reference/A.2.1.bpmn")
    conditional = {f.id: f.condition for f in process.flows() if f.conditional}
    assert len(conditional) == 5  # one "true", four empty expressions
    assert sorted(conditional.values()) == ["", "", "", "", "true"]
    root = export(process, schema_errors)
    for flow_id in conditional:
        (flow_el,) = root.xpath("//bpmn:sequenceFlow[@id=$id]", namespaces=NS, id=flow_id)
        assert flow_el.find("bpmn:conditionExpression", NS) is not None
    assert reimport(root) == process


def test_a_flow_made_plain_loses_its_expression_and_text(
    schema_errors: Callable[[bytes], list[str]],
) -> None:
    ws = new_workspace()
    editor = create_editor(ws)
    process_id = editor.modeling.create_process("Check")
    task = editor.modeling.create_typed(process_id, "task", Point(100, 100), "Check")
    end = editor.modeling.create_typed(process_id, "end_event", Point(300, 100), "Done")
    flow_id = editor.modeling.connect(process_id, task, end)
    process = ws.processes[process_id]
    editor.modeling.update_properties(flow_id, conditional=True)
    flow = process.elements[flow_id]
    assert isinstance(flow, Flow) and flow.conditional and flow.condition == ""
    editor.modeling.update_properties(flow_id, condition="amount > 100")
    (flow_el,) = export(process, schema_errors).xpath(
        "//bpmn:sequenceFlow[@id=$id]", namespaces=NS, id=flow_id
    )
    assert flow_el.findtext("bpmn:conditionExpression", namespaces=NS) == "amount > 100"
    editor.modeling.update_properties(flow_id, conditional=False)
    flow = process.elements[flow_id]
    assert isinstance(flow, Flow) and (flow.conditional, flow.condition) == (False, "")
    (flow_el,) = export(process, schema_errors).xpath(
        "//bpmn:sequenceFlow[@id=$id]", namespaces=NS, id=flow_id
    )
    assert flow_el.find("bpmn:conditionExpression", NS) is None
    editor.stack.undo()
    flow = process.elements[flow_id]
    assert isinstance(flow, Flow) and flow.condition == "amount > 100" and flow.conditional


def test_a_message_envelope_on_a_message_flow_comes_and_goes_with_the_diagram(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    process = load(corpus, "miwg-reference/B.2.0.bpmn")
    shown = {
        flow.id: layout.message_visible
        for flow in process.elements.values()
        if isinstance(flow, Flow)
        and isinstance(layout := process.layout.get(flow.id), EdgeLayout)
        and layout.message_visible
    }
    assert list(shown.values()) == ["initiating"]  # "Message Flow 1" in the reference picture
    (flow_id,) = shown
    root = export(process, schema_errors)
    (edge_el,) = root.xpath("//bpmndi:BPMNEdge[@bpmnElement=$id]", namespaces=NS, id=flow_id)
    assert edge_el.get("messageVisibleKind") == "initiating"
    assert reimport(root) == process


def test_an_import_reports_the_ids_it_renamed(corpus: Path) -> None:
    data = (corpus / "miwg-reference/A.2.1.bpmn").read_bytes()
    workspace = new_workspace()
    first = import_bpmn(data, source="first", workspace=workspace)
    assert first.renamed == {}
    first.add_to(workspace)
    second = import_bpmn(data, source="second", workspace=workspace)
    process = second.processes[0]
    assert second.renamed, "every id was taken by the first import"
    for old, new in second.renamed.items():
        assert old != new and workspace.has_id(old) and not workspace.has_id(new)
    assert {new for new in second.renamed.values() if new in process.elements}


def test_an_overlong_colour_is_dropped_so_the_saved_file_opens_again(tmp_path: Path) -> None:
    from bpo_desktop.core.storage import read_workspace, save_workspace_as

    long = "r" * 100
    data = f"""<?xml version="1.0"?>
<definitions xmlns="{NS["bpmn"]}" xmlns:bpmndi="{NS["bpmndi"]}"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:color="{NS["color"]}"
    id="d" targetNamespace="x">
  <process id="P"><task id="T" name="Check"/></process>
  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="PL" bpmnElement="P">
    <bpmndi:BPMNShape id="S" bpmnElement="T" color:background-color="{long}">
      <dc:Bounds x="0" y="0" width="100" height="80"/>
      <bpmndi:BPMNLabel color:color="{long}"/>
    </bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>""".encode()
    workspace = new_workspace()
    import_bpmn(data, source="long.bpmn").add_to(workspace)
    path = tmp_path / "long.bpo"
    save_workspace_as(workspace, path)
    (process,) = read_workspace(path).processes.values()
    shape = process.layout["T"]
    assert isinstance(shape, ShapeLayout) and (shape.fill, shape.label_colour) == ("", "")
