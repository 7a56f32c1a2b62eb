"""Edits on the plane of a collapsed sub-process: what goes inside, what stays put."""

from __future__ import annotations

import pytest

from bpo_desktop.core.editing import Editor, Modeling, create_editor
from bpo_desktop.core.editing.clipboard import copy_fragment
from bpo_desktop.core.editing.layout import layout_missing
from bpo_desktop.core.model import (
    Bounds,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    Workspace,
    new_workspace,
)
from bpo_desktop.core.model.element_types import TASK_SIZE
from bpo_desktop.core.model.planes import plane_of


@pytest.fixture
def editor() -> Editor:
    workspace: Workspace = new_workspace()
    process = Process(id="P", name="Orders")
    process.elements["Sub"] = Node("Sub", NodeKind.SUBPROCESS, "Review")
    process.elements["Read"] = Node("Read", NodeKind.TASK, "Read", parent_id="Sub")
    process.layout["Sub"] = ShapeLayout(Bounds(200, 100, 100, 80))
    process.layout["Read"] = ShapeLayout(Bounds(100, 100, 100, 80))  # plane coordinates
    workspace.processes[process.id] = process
    return create_editor(workspace)


def _process(editor: Editor) -> Process:
    return editor.workspace.processes["P"]


def test_a_step_dropped_on_a_plane_goes_inside_its_container_and_undoes(editor: Editor) -> None:
    modeling: Modeling = editor.modeling
    new_id = modeling.create_typed("P", "task", Point(400, 140), parent_id="Sub")
    node = _process(editor).elements[new_id]
    assert isinstance(node, Node) and node.parent_id == "Sub" and node.lane_id is None
    assert plane_of(_process(editor), new_id) == "Sub"
    appended = modeling.append(new_id, "end_event")
    assert plane_of(_process(editor), appended) == "Sub"
    editor.stack.undo()
    editor.stack.undo()
    assert new_id not in _process(editor).elements


def test_only_steps_go_inside(editor: Editor) -> None:
    with pytest.raises(ValueError, match="cannot go inside"):
        editor.modeling.create_typed("P", "text_annotation", Point(0, 0), parent_id="Sub")
    with pytest.raises(ValueError, match="not a collapsed"):
        editor.modeling.create_typed("P", "task", Point(0, 0), parent_id="Read")


def test_moving_a_collapsed_container_leaves_its_plane_alone(editor: Editor) -> None:
    editor.modeling.move_elements(["Sub"], 50, 0)
    process = _process(editor)
    assert process.layout["Read"] == ShapeLayout(Bounds(100, 100, 100, 80))
    sub = process.layout["Sub"]
    assert isinstance(sub, ShapeLayout) and sub.bounds.x == 250


def test_layout_missing_places_a_new_main_step_under_the_main_plane_only(editor: Editor) -> None:
    process = _process(editor)
    process.elements["Late"] = Node("Late", NodeKind.TASK, "Late")
    process.layout["Read"] = ShapeLayout(Bounds(100, 900, 100, 80))  # far down on its plane
    layouts = layout_missing(process)
    assert set(layouts) == {"Late"}
    late = layouts["Late"]
    assert isinstance(late, ShapeLayout) and late.bounds.y < 400  # under Sub, not under Read


def test_expanding_brings_the_inside_into_the_box_and_collapsing_sends_it_back(
    editor: Editor,
) -> None:
    before = editor.workspace.copy()
    editor.modeling.set_expanded("Sub", True)
    process = _process(editor)
    sub, read = process.layout["Sub"], process.layout["Read"]
    assert isinstance(sub, ShapeLayout) and isinstance(read, ShapeLayout)
    assert plane_of(process, "Read") is None
    inner = sub.bounds
    assert (inner.x, inner.y) == (200, 100)  # grows right and down from where it was
    assert inner.x < read.bounds.x and read.bounds.x + read.bounds.width < inner.x + inner.width
    assert inner.y < read.bounds.y and read.bounds.y + read.bounds.height < inner.y + inner.height

    editor.modeling.set_expanded("Sub", False)
    sub = _process(editor).layout["Sub"]
    assert isinstance(sub, ShapeLayout) and (sub.bounds.width, sub.bounds.height) == TASK_SIZE
    assert plane_of(_process(editor), "Read") == "Sub"
    editor.stack.undo()
    editor.stack.undo()
    assert editor.workspace == before


def test_only_containers_expand(editor: Editor) -> None:
    with pytest.raises(ValueError, match="only sub-processes"):
        editor.modeling.set_expanded("Read", True)


def test_a_step_pasted_on_a_plane_goes_inside_its_container(editor: Editor) -> None:
    fragment = copy_fragment(_process(editor), ["Read"])
    assert fragment is not None
    (new_id,) = editor.modeling.paste("P", fragment, 30, 30, parent_id="Sub")
    node = _process(editor).elements[new_id]
    assert isinstance(node, Node) and node.parent_id == "Sub"
    assert plane_of(_process(editor), new_id) == "Sub"
