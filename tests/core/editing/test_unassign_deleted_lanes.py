"""UnassignDeletedLanesBehavior: a step never belongs to a deleted lane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import Process

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Editor, Modeling


def test_steps_of_a_deleted_lane_stay_without_a_lane(modeling: Modeling, onb: Process) -> None:
    finance = onb.lane_by_name("Finance").id
    members = [n.id for n in onb.nodes() if n.lane_id == finance]
    assert members  # S4
    modeling.delete_elements([finance])
    assert all(onb.node(m).lane_id is None for m in members)
    assert all(n.lane_id in onb.elements for n in onb.nodes() if n.lane_id is not None)


def test_one_undo_restores_the_lane_and_its_members(
    editor: Editor, modeling: Modeling, onb: Process
) -> None:
    before = editor.workspace.copy()
    modeling.delete_elements([onb.lane_by_name("Finance").id])
    editor.stack.undo()
    assert editor.workspace == before
