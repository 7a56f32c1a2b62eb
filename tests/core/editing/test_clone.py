"""Duplicate process: a copy with fresh ids whose references point into the copy."""

from __future__ import annotations

from bpo_desktop.core.editing import Editor
from bpo_desktop.core.model import Flow, Node, Process

from .conftest import Triad


def test_duplicate_process(triad: Triad, editor: Editor, onb: Process) -> None:
    new_id, change = triad.execute(lambda: editor.modeling.duplicate_process(onb.id, "Copy"))
    copy = editor.workspace.processes[new_id]
    assert change.ids == {new_id} and copy.name == "Copy"
    assert not set(copy.elements) & set(onb.elements)
    assert len(copy.elements) == len(onb.elements) and set(copy.layout) <= set(copy.elements)
    for element in copy.elements.values():
        if isinstance(element, Flow):
            assert {element.source, element.target} <= set(copy.elements)
        if isinstance(element, Node) and element.lane_id:
            assert element.lane_id in copy.elements
    for annotation in copy.annotations.values():
        assert set(annotation.targets) <= set(copy.elements)
    assert [s.name for s in copy.scenarios.values()] == [s.name for s in onb.scenarios.values()]
    for scenario in copy.scenarios.values():
        assert set(scenario.overrides) <= set(copy.elements) | {e.id for e in scenario.added}
    assert editor.stack.undo_label == "Duplicate process"
    triad.undo()
    assert new_id not in editor.workspace.processes
