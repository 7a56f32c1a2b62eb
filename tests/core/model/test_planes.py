"""Planes: the contents of a collapsed sub-process or call activity live on its own plane."""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    Flow,
    FlowKind,
    Lane,
    Node,
    NodeKind,
    Process,
    ShapeLayout,
    TextAnnotation,
)
from bpo_desktop.core.model.planes import (
    elements_in_plane,
    is_collapsed_container,
    plane_map,
    plane_of,
    plane_path,
    planes_with_content,
)


def _process() -> Process:
    """main: Start → Sub (collapsed) → End; Sub holds A → Inner (collapsed) ; Inner holds B.
    Open (expanded) holds C; a boundary event sits on A; a note is linked to A only."""
    process = Process(id="P", name="Orders")
    nodes = [
        Node("Start", NodeKind.START_EVENT, lane_id="L"),
        Node("Sub", NodeKind.SUBPROCESS, "Check", lane_id="L"),
        Node("End", NodeKind.END_EVENT, lane_id="L"),
        Node("A", NodeKind.TASK, "Look", parent_id="Sub"),
        Node("Inner", NodeKind.CALL_ACTIVITY, "Ask", parent_id="Sub"),
        Node("B", NodeKind.TASK, "Answer", parent_id="Inner"),
        Node("Timer", NodeKind.BOUNDARY_EVENT, attached_to="A", parent_id="Sub"),
        Node("Open", NodeKind.SUBPROCESS, expanded=True),
        Node("C", NodeKind.TASK, parent_id="Open"),
    ]
    flows = [
        Flow("f1", "Start", "Sub"),
        Flow("f2", "Sub", "End"),
        Flow("f3", "A", "Inner"),
        Flow("n1", "Note", "A", kind=FlowKind.ASSOCIATION),
        Flow("n2", "Both", "A", kind=FlowKind.ASSOCIATION),
        Flow("n3", "Both", "Start", kind=FlowKind.ASSOCIATION),
        Flow("d1", "A", "Data", kind=FlowKind.DATA_ASSOCIATION),
        Flow("n4", "Note", "Data", kind=FlowKind.ASSOCIATION),  # artifact to artifact
    ]
    others = [Lane("L"), TextAnnotation("Note"), TextAnnotation("Both"), DataObject("Data")]
    for element in [*nodes, *flows, *others]:
        process.elements[element.id] = element
    return process


def test_nodes_live_on_the_plane_of_their_nearest_collapsed_container() -> None:
    process = _process()
    assert plane_of(process, "Start") is None
    assert plane_of(process, "Sub") is None
    assert plane_of(process, "A") == "Sub"
    assert plane_of(process, "Inner") == "Sub"
    assert plane_of(process, "B") == "Inner"
    assert plane_of(process, "Timer") == "Sub"  # where its host lives
    assert plane_of(process, "C") is None  # an expanded container draws its children inline
    assert plane_of(process, "L") is None
    assert plane_of(process, "missing") is None


def test_flows_and_artifacts_follow_what_they_link() -> None:
    process = _process()
    assert plane_of(process, "f1") is None
    assert plane_of(process, "f3") == "Sub"
    assert plane_of(process, "Note") == "Sub"  # linked to A only
    assert plane_of(process, "Both") is None  # linked to two planes: the main one
    assert plane_of(process, "n2") is None  # its ends are on two planes
    assert plane_of(process, "Data") == "Sub"
    assert plane_of(process, "d1") == "Sub"


def test_plane_map_agrees_with_plane_of_for_every_element() -> None:
    process = _process()
    planes = plane_map(process)
    assert set(planes) == set(process.elements)
    assert planes == {element_id: plane_of(process, element_id) for element_id in planes}
    assert elements_in_plane(process, "Inner") == ["B"]
    assert set(elements_in_plane(process, "Sub")) == {
        "A", "Inner", "Timer", "f3", "n1", "d1", "n4", "Note", "Data",
    }  # fmt: skip


def test_expanding_a_container_brings_its_contents_to_the_outer_plane() -> None:
    process = _process()
    sub = process.elements["Sub"]
    assert isinstance(sub, Node) and is_collapsed_container(sub)
    process.elements["Sub"] = replace(sub, expanded=True)
    assert not is_collapsed_container(process.elements["Sub"])
    assert plane_of(process, "A") is None
    assert plane_of(process, "B") == "Inner"  # still collapsed: still its own plane
    assert plane_path(process, "Inner") == ["Inner"]


def test_plane_path_and_planes_with_content() -> None:
    process = _process()
    assert plane_path(process, None) == []
    assert plane_path(process, "Inner") == ["Sub", "Inner"]
    assert planes_with_content(process) == []
    process.layout["B"] = ShapeLayout(Bounds(10, 10, 100, 80))
    assert planes_with_content(process) == ["Inner"]


def test_a_parent_cycle_does_not_hang() -> None:
    process = Process(id="P", name="Loop")
    process.elements["X"] = Node("X", NodeKind.SUBPROCESS, parent_id="Y")
    process.elements["Y"] = Node("Y", NodeKind.SUBPROCESS, parent_id="X")
    assert plane_of(process, "X") == "Y"
    assert plane_path(process, "Y") == ["X", "Y"]
