"""A file with several diagrams: each collapsed container's diagram becomes its own plane.

MIWG C.5.0 draws the process a collapsed call activity calls in a second diagram; bpmn-js and
Signavio draw a collapsed sub-process's inside in a diagram whose plane is the sub-process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    new_workspace,
)
from bpo_desktop.core.model.planes import plane_of, planes_with_content

DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
C50 = "miwg-reference/C.5.0.bpmn"
CALLER = "_b9338c62-a257-47dd-8c2e-88b80b73c330"  # "Check for connected clients"
CALLED = "_774bc005-0917-43d5-ab70-0f9fe123fbd1"


def _diagrams(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).findall(f"{DI}BPMNDiagram")


def _shape_bounds(diagram: etree._Element) -> dict[str, Bounds]:
    found = {}
    for shape in diagram.iter(f"{DI}BPMNShape"):
        box = shape.find(f"{DC}Bounds")
        assert box is not None
        values = (float(box.get(key, "0")) for key in ("x", "y", "width", "height"))
        found[shape.get("bpmnElement", "")] = Bounds(*values)
    return found


def test_c50_lays_out_the_called_process_on_the_call_activity_plane(corpus: Path) -> None:
    data = (corpus / C50).read_bytes()
    result = import_bpmn(data, source=C50)
    process = result.processes[0]
    assert not [w for w in result.warnings if "diagram" in w], result.warnings
    second = _shape_bounds(_diagrams(data)[1])
    assert len(second) >= 4
    for element_id, bounds in second.items():
        assert plane_of(process, element_id) == CALLER
        layout = process.layout[element_id]
        assert isinstance(layout, ShapeLayout) and layout.bounds == bounds
    assert planes_with_content(process) == [CALLER]
    node = process.elements[CALLER]
    assert isinstance(node, Node) and not node.expanded


def test_c50_export_keeps_both_diagrams_and_reads_back_equal(
    corpus: Path, schema_errors: Callable[[bytes], list[str]]
) -> None:
    data = (corpus / C50).read_bytes()
    process = import_bpmn(data, source=C50).processes[0]
    exported = export_bpmn(process, new_workspace())
    assert schema_errors(exported) == []
    original, ours = _diagrams(data), _diagrams(exported)
    assert len(ours) == 2
    for theirs, mine in zip(original, ours, strict=True):
        assert (mine.get("id"), mine.get("name")) == (theirs.get("id"), theirs.get("name"))
    plane = ours[1].find(f"{DI}BPMNPlane")
    assert plane is not None and plane.get("bpmnElement") == CALLED
    assert _shape_bounds(ours[1]) == _shape_bounds(original[1])
    assert not set(_shape_bounds(ours[0])) & set(_shape_bounds(ours[1]))
    again = import_bpmn(exported, source="export").processes[0]
    assert again == process


def _collapsed_with_inside() -> Process:
    """Start → Review (collapsed, holding Read → Sign) → End, all drawn."""
    process = Process(id="Orders", name="Orders")
    nodes = [
        Node("Start", NodeKind.START_EVENT),
        Node("Review", NodeKind.SUBPROCESS, "Review"),
        Node("End", NodeKind.END_EVENT),
        Node("Read", NodeKind.TASK, "Read", parent_id="Review"),
        Node("Sign", NodeKind.TASK, "Sign", parent_id="Review"),
    ]
    flows = [Flow("f1", "Start", "Review"), Flow("f2", "Review", "End"), Flow("f3", "Read", "Sign")]
    for element in (*nodes, *flows):
        process.elements[element.id] = element
    boxes = {
        "Start": Bounds(100, 100, 36, 36),
        "Review": Bounds(200, 78, 100, 80),
        "End": Bounds(400, 100, 36, 36),
        "Read": Bounds(100, 100, 100, 80),  # plane coordinates: under Start in the main plane
        "Sign": Bounds(260, 100, 100, 80),
    }
    for element_id, bounds in boxes.items():
        process.layout[element_id] = ShapeLayout(bounds)
    process.layout["f1"] = EdgeLayout((Point(136, 118), Point(200, 118)))
    process.layout["f2"] = EdgeLayout((Point(300, 118), Point(400, 118)))
    process.layout["f3"] = EdgeLayout((Point(200, 140), Point(260, 140)))
    return process


def test_a_collapsed_sub_process_plane_is_written_like_bpmn_js(
    tmp_path: Path,
    schema_errors: Callable[[bytes], list[str]],
    moddle: Callable[[list[Path]], dict[str, dict[str, Any]]],
) -> None:
    process = _collapsed_with_inside()
    exported = export_bpmn(process, new_workspace())
    assert schema_errors(exported) == []
    main, inside = _diagrams(exported)
    plane = inside.find(f"{DI}BPMNPlane")
    assert plane is not None and plane.get("bpmnElement") == "Review"
    assert set(_shape_bounds(main)) == {"Start", "Review", "End"}
    assert _shape_bounds(inside) == {
        "Read": Bounds(100, 100, 100, 80),
        "Sign": Bounds(260, 100, 100, 80),
    }
    edges = {edge.get("bpmnElement") for edge in inside.iter(f"{DI}BPMNEdge")}
    assert edges == {"f3"}
    path = tmp_path / "review.bpmn"
    path.write_bytes(exported)
    assert moddle([path])[str(path)] == {"root": "bpmn:Definitions", "warnings": [], "error": None}
    result = import_bpmn(exported, source="review.bpmn")
    again = result.processes[0]
    assert not result.warnings
    assert again.layout == process.layout
    assert not [key for key in again.verbatim if key.startswith("#diagram")]


def test_a_diagram_that_shows_no_collapsed_container_is_kept_with_a_warning(
    corpus: Path,
) -> None:
    relative = "bpmn-js-signavio-compat/SubProcess.expandedExistingDiagram.bpmn"
    data = (corpus / relative).read_bytes()
    result = import_bpmn(data, source=relative)
    assert any("1 more diagram(s)" in warning for warning in result.warnings)
    exported = export_bpmn(result.processes[0], new_workspace())
    assert len(_diagrams(exported)) == 2


def test_a_legacy_file_with_collapsed_contents_in_the_main_diagram_gets_planes(
    corpus: Path,
) -> None:
    """Old bpmn-js files drew hidden children in the one diagram: they move to their plane."""
    relative = "bpmn-js/import/collapsed/process.bpmn"
    process = import_bpmn((corpus / relative).read_bytes(), source=relative).processes[0]
    assert plane_of(process, "UserTask_1") == "Transaction_1"
    assert plane_of(process, "Task_3") == "SubProcess_4"  # inside an expanded one inside
    exported = export_bpmn(process, new_workspace())
    planes = [d.find(f"{DI}BPMNPlane") for d in _diagrams(exported)]
    elements = [plane.get("bpmnElement") for plane in planes if plane is not None]
    assert elements[1:] == planes_with_content(process)
    assert import_bpmn(exported, source="export").processes[0] == process


def test_bpmn_moddle_reads_every_multi_diagram_export_without_a_new_warning(
    tmp_path: Path,
    corpus: Path,
    manifest: dict[str, dict[str, str]],
    outcomes: Any,
    moddle: Callable[[list[Path]], dict[str, dict[str, Any]]],
) -> None:
    several = [
        relative
        for relative, row in sorted(manifest.items())
        if "+multiDiagram" in row["di_features"] and outcomes[relative].result is not None
    ]
    assert len(several) >= 12
    exports = {}
    for index, relative in enumerate(several):
        path = tmp_path / f"{index}.bpmn"
        path.write_bytes(export_bpmn(outcomes[relative].result.processes[0], new_workspace()))
        exports[relative] = path
    ours = moddle(list(exports.values()))
    theirs = moddle([corpus / relative for relative in several])
    for relative, path in exports.items():
        mine, source = ours[str(path)], theirs[str(corpus / relative)]
        assert mine["error"] is None, (relative, mine["error"])
        assert set(mine["warnings"]) <= set(source["warnings"]), relative
