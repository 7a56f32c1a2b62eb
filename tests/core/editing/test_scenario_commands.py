"""scenario.create / scenario.update / scenario.delete."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bpo_desktop.core.model import Process, Scenario, ScenarioKind, apply_scenario

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling

S2 = "Email CS, Finance, Marketing"
S4 = "Collect payment"


def automate_s2(process: Process) -> Scenario:
    return next(s for s in process.scenarios.values() if s.name == "Automate S2")


class TestCreateScenario:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s4 = onb.node_by_name(S4).id
        new_id, change = triad.execute(
            lambda: modeling.create_scenario(
                onb.id, "Faster payment", overrides={s4: {"wait_min": 60}}, description="SLA"
            )
        )
        scenario = onb.scenarios[new_id]
        assert scenario == Scenario(
            new_id,
            "Faster payment",
            ScenarioKind.TO_BE,
            "SLA",
            overrides={s4: {"wait_min": 60}},
        )
        assert apply_scenario(onb, scenario).node(s4).wait_min == 60.0
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_scenario(onb.id, "As-is", "as_is"))
        assert triad.undo().ids == {new_id}
        assert new_id not in onb.scenarios

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_scenario(onb.id, "As-is", "as_is"))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert onb.scenarios[new_id].kind is ScenarioKind.AS_IS

    def test_scenarios_that_do_not_apply_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        s4 = onb.node_by_name(S4).id
        create = modeling.create_scenario
        refused(lambda: create(onb.id, "Automate S2"), "already has a scenario")
        refused(lambda: create(onb.id, ""), "non-empty name")
        refused(lambda: create(onb.id, "X", overrides={"Nope": {"name": "y"}}), "overrides Nope")
        refused(lambda: create(onb.id, "X", overrides={s4: {"wait_min": "never"}}), "number")
        refused(lambda: create(onb.id, "X", overrides={s4: "fast"}), "mapping of field values")
        refused(lambda: create(onb.id, "X", removed=["Nope"]), "removed: no element 'Nope'")
        refused(lambda: create(onb.id, "X", removed="Nope"), "collection of element ids")
        refused(lambda: create(onb.id, "X", added=[onb.node(s4)]), "already in the process")
        refused(lambda: create(onb.id, "X", kind="maybe"), "is not one of")


class TestUpdateScenario:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        old = automate_s2(onb)
        s4 = onb.node_by_name(S4).id
        _, change = triad.execute(
            lambda: modeling.update_scenario(old.id, name="Automate", removed=[s4])
        )
        assert onb.scenarios[old.id] == replace(old, name="Automate", removed=frozenset({s4}))
        assert change.ids == {old.id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        old = automate_s2(onb)
        triad.execute(lambda: modeling.update_scenario(old.id, overrides={}))
        assert triad.undo().ids == {old.id}
        assert onb.scenarios[old.id] == old

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        old = automate_s2(onb)
        triad.execute(lambda: modeling.update_scenario(old.id, overrides={}))
        triad.undo()
        assert triad.redo().ids == {old.id}
        assert onb.scenarios[old.id].overrides == {}

    def test_label(self, modeling: Modeling, editor: Editor, onb: Process) -> None:
        modeling.update_scenario(automate_s2(onb).id, name="Renamed")
        assert editor.stack.undo_label == "Rename scenario"

    def test_invalid_updates_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        scenario = automate_s2(onb).id
        refused(lambda: modeling.update_scenario(scenario, id="X"), "no editable property")
        refused(lambda: modeling.update_scenario(scenario, added_layout={"a": 1}), "added_layout")
        refused(lambda: modeling.update_scenario(scenario), "no scenario properties")
        refused(lambda: modeling.update_scenario("Nope", name="x"), "no scenario 'Nope'")


class TestDeleteScenario:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        scenario = automate_s2(onb).id
        _, change = triad.execute(lambda: modeling.delete_scenario(scenario))
        assert onb.scenarios == {}
        assert change.ids == {scenario}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        old = automate_s2(onb)
        triad.execute(lambda: modeling.delete_scenario(old.id))
        assert triad.undo().ids == {old.id}
        assert onb.scenarios == {old.id: old}

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        scenario = automate_s2(onb).id
        triad.execute(lambda: modeling.delete_scenario(scenario))
        triad.undo()
        assert triad.redo().ids == {scenario}
        assert onb.scenarios == {}

    def test_unknown_scenario_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.delete_scenario("Nope"), "no scenario 'Nope'")
