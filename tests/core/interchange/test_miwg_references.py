"""(a) The OMG MIWG reference models (CC-BY 3.0, OMG BPMN Model Interchange Working Group).

Each imports with the element counts MANIFEST.tsv gives for it, and keeps its diagram:
every shape's bounds and every edge's waypoints, before and after a round trip.

How MANIFEST.tsv counts (checked against the files): tasks = task, user, manual, service,
script, send, receive and business-rule tasks; gateways = exclusive, parallel, inclusive,
event-based and complex; events = start, end, intermediate catch/throw and boundary events;
lanes = every lane, nested ones too; pools = participants; data objects = dataObject +
dataObjectReference (data stores: dataStore + dataStoreReference); annotations =
textAnnotation.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    DataIO,
    DataObject,
    EdgeLayout,
    Flow,
    FlowKind,
    Lane,
    Node,
    NodeKind,
    Pool,
    Process,
    ShapeLayout,
    TextAnnotation,
    new_workspace,
)
from bpo_desktop.core.storage import read_workspace, save_workspace_as

BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
COLUMNS = (
    "tasks", "gateways", "events", "lanes", "pools", "message_flows", "sequence_flows",
    "data_objects", "annotations", "subprocesses", "call_activities", "data_stores",
)  # fmt: skip


def model_counts(process: Process) -> Counter[str]:
    counts: Counter[str] = Counter()
    for element in process.elements.values():
        if isinstance(element, Node):
            kind = element.kind
            if kind is NodeKind.TASK:
                counts["tasks"] += 1
            elif kind.is_gateway:
                counts["gateways"] += 1
            elif kind.is_event:
                counts["events"] += 1
            elif kind is NodeKind.SUBPROCESS:
                counts["subprocesses"] += 1
            else:
                counts["call_activities"] += 1
        elif isinstance(element, Flow):
            if element.kind is FlowKind.SEQUENCE:
                counts["sequence_flows"] += 1
            elif element.kind is FlowKind.MESSAGE:
                counts["message_flows"] += 1
        elif isinstance(element, Lane):
            counts["lanes"] += 1
        elif isinstance(element, Pool):
            counts["pools"] += 1
        elif isinstance(element, DataObject) and element.io is not DataIO.NONE:
            counts["process_io"] += 1  # dataInput/dataOutput: MANIFEST's data_io has them all
        elif isinstance(element, DataObject):
            counts["data_stores" if element.is_store else "data_objects"] += 1
        elif isinstance(element, TextAnnotation):
            counts["annotations"] += 1
    return counts


def test_element_counts_match_the_manifest(
    reference_file: str, corpus: Path, manifest: dict[str, dict[str, str]], outcomes: Any
) -> None:
    outcome = outcomes[reference_file]
    assert outcome.error is None, outcome.error
    counts = model_counts(outcome.result.processes[0])
    expected = {column: int(manifest[reference_file][column]) for column in COLUMNS}
    assert {column: counts[column] for column in COLUMNS} == expected


def _source_geometry(path: Path) -> dict[str, tuple[float, ...]]:
    """bpmnElement → bounds or flattened waypoints, from the first diagram of the file."""
    root = etree.parse(str(path)).getroot()
    plane = root.find(f"{{{BPMNDI}}}BPMNDiagram/{{{BPMNDI}}}BPMNPlane")
    assert plane is not None
    geometry: dict[str, tuple[float, ...]] = {}
    for shape in plane.findall(f"{{{BPMNDI}}}BPMNShape"):
        bounds = shape.find(f"{{{DC}}}Bounds")
        assert bounds is not None
        geometry[shape.get("bpmnElement", "")] = tuple(
            float(bounds.get(k, "nan")) for k in ("x", "y", "width", "height")
        )
    for edge in plane.findall(f"{{{BPMNDI}}}BPMNEdge"):
        points = edge.findall(f"{{{DI}}}waypoint")
        geometry[edge.get("bpmnElement", "")] = tuple(
            float(p.get(axis, "nan")) for p in points for axis in ("x", "y")
        )
    return geometry


def _model_geometry(process: Process) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    for element_id, layout in process.layout.items():
        if isinstance(layout, ShapeLayout):
            b = layout.bounds
            out[element_id] = (b.x, b.y, b.width, b.height)
        elif isinstance(layout, EdgeLayout):
            out[element_id] = tuple(c for p in layout.waypoints for c in (p.x, p.y))
    return out


def test_diagram_geometry_is_kept(reference_file: str, corpus: Path, outcomes: Any) -> None:
    process = outcomes[reference_file].result.processes[0]
    source = _source_geometry(corpus / reference_file)
    model = _model_geometry(process)
    drawn = {k: v for k, v in source.items() if k in process.elements}
    assert drawn, "no shape of the first diagram maps to a model element"
    assert {k: model[k] for k in drawn} == drawn
    # shapes of content the model does not hold (groups, data inputs…) are kept verbatim
    for element_id in set(source) - set(drawn):
        kept = process.verbatim["#diagram"].children
        assert any(f'bpmnElement="{element_id}"' in xml for xml in kept), element_id
    again = import_bpmn(export_bpmn(process, new_workspace()), source="again").processes[0]
    assert _model_geometry(again) == model


@pytest.mark.parametrize("name", ["B.2.0.bpmn", "C.1.0.bpmn"])
def test_labels_and_lanes_survive(name: str, corpus: Path, outcomes: Any) -> None:
    process = outcomes[f"miwg-reference/{name}"].result.processes[0]
    labelled = [lay for lay in process.layout.values() if lay.label_bounds is not None]
    assert labelled, "label bounds were not read"
    lanes = {lane.name for lane in process.lanes()}
    assert lanes and all(isinstance(process.elements.get(lane.parent_id or ""), Pool | Lane)
                         for lane in process.lanes())  # fmt: skip


def test_imports_save_to_a_bpo_file_and_load_back(
    reference_file: str, outcomes: Any, tmp_path: Path
) -> None:
    """What the builder makes passes the storage layer's reference checks unchanged."""
    result = outcomes[reference_file].result
    workspace = new_workspace()
    result.add_to(workspace)
    save_workspace_as(workspace, tmp_path / "x.bpo")
    loaded = read_workspace(tmp_path / "x.bpo")
    (process,) = result.processes
    stored = loaded.processes[process.id]
    assert stored.elements == process.elements
    assert stored.layout == process.layout
    assert stored.verbatim == process.verbatim  # stored since schema 2
