"""PruneScenarioRefsBehavior: scenarios keep applying after base elements are deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.editing.behaviors.prune_scenario_refs import pruned_changes
from bpo_desktop.core.model import Bounds, Process, Scenario, ShapeLayout, apply_scenario

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Editor, Modeling

S2 = "Email CS, Finance, Marketing"
S4 = "Collect payment"


def test_a_deleted_step_leaves_its_scenario_overrides(modeling: Modeling, onb: Process) -> None:
    s2 = onb.node_by_name(S2).id
    scenario = next(iter(onb.scenarios.values()))
    assert s2 in scenario.overrides and s2 in scenario.added_layout
    modeling.delete_elements([s2])
    pruned = onb.scenarios[scenario.id]
    assert s2 not in pruned.overrides and s2 not in pruned.added_layout
    assert pruned.added == scenario.added  # its own Workflow lane is untouched
    apply_scenario(onb, pruned)  # raises ScenarioError if it no longer fits


def test_removals_and_lane_references_are_pruned(modeling: Modeling, onb: Process) -> None:
    s4 = onb.node_by_name(S4).id
    finance = onb.lane_by_name("Finance").id
    sales = onb.lane_by_name("Sales").id
    scenario = modeling.create_scenario(
        onb.id, "Outsource", removed=[finance], overrides={s4: {"lane_id": sales}}
    )
    modeling.delete_elements([finance, sales])
    assert onb.scenarios[scenario].removed == frozenset()
    assert onb.scenarios[scenario].overrides == {}


def test_one_undo_restores_the_scenario(editor: Editor, modeling: Modeling, onb: Process) -> None:
    before = editor.workspace.copy()
    modeling.delete_elements([onb.node_by_name(S2).id])
    editor.stack.undo()
    assert editor.workspace == before


def test_pruned_changes_is_empty_when_nothing_is_mentioned() -> None:
    layout = ShapeLayout(Bounds(0, 0, 1, 1))
    scenario = Scenario("S", "x", overrides={"a": {"name": "y"}}, added_layout={"a": layout})
    assert pruned_changes(scenario, {"b"}) == {}
    assert pruned_changes(scenario, {"a"}) == {"overrides": {}, "added_layout": {}}
