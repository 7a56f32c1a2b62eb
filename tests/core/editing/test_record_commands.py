"""record.put / record.delete, and records leaving and returning with their process."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.model import Record, Workspace
from bpo_desktop.core.samples import ONBOARDING

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Modeling


def onboarding_id(workspace: Workspace) -> str:
    return workspace.process_by_name(ONBOARDING).id


def run_record(workspace: Workspace, record_id: str = "Run_1", **body: object) -> Record:
    return Record(record_id, "sim_run", onboarding_id(workspace), {"seed": 7, **body})


class TestPutRecord:
    def test_add_undo_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        record = run_record(workspace, cycle=[1.5, 2.5])
        _, change = triad.execute(lambda: modeling.put_record(record, "Record simulation run"))
        assert workspace.records == {"Run_1": record}
        assert change.ids == {"Run_1"}
        assert triad.undo().ids == {"Run_1"}
        assert workspace.records == {}
        assert triad.redo().ids == {"Run_1"}
        assert workspace.records["Run_1"].body["cycle"] == (1.5, 2.5)

    def test_replace_keeps_the_old_body_for_undo(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        modeling.put_record(run_record(workspace))
        triad.execute(lambda: modeling.put_record(run_record(workspace, seed=8)))
        assert workspace.records["Run_1"].body["seed"] == 8
        triad.undo()
        assert workspace.records["Run_1"].body["seed"] == 7

    def test_the_label_names_the_user_action(self, editor, modeling, workspace) -> None:  # type: ignore[no-untyped-def]
        modeling.put_record(run_record(workspace), "Record simulation run")
        assert editor.stack.undo_label == "Record simulation run"

    def test_refuses_another_kind_under_the_same_id(
        self, refused: Refused, modeling: Modeling, workspace: Workspace
    ) -> None:
        modeling.put_record(run_record(workspace))
        other = Record("Run_1", "vote", None, {})
        refused(lambda: modeling.put_record(other), "of another owner")

    def test_refuses_an_id_used_by_an_element(
        self, refused: Refused, modeling: Modeling, workspace: Workspace
    ) -> None:
        process = workspace.process_by_name(ONBOARDING)
        element_id = next(iter(process.elements))
        refused(lambda: modeling.put_record(Record(element_id, "note")), "already used")

    def test_refuses_an_unknown_process(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.put_record(Record("R", "note", "Nope")), "no process 'Nope'")


class TestDeleteRecord:
    def test_delete_undo_keeps_the_order(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        for name in ("A", "B", "C"):
            modeling.put_record(Record(name, "note", None, {"text": name}))
        triad.execute(lambda: modeling.remove_record("B"))
        assert list(workspace.records) == ["A", "C"]
        triad.undo()
        assert list(workspace.records) == ["A", "B", "C"]

    def test_unknown(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.remove_record("missing"), "no record 'missing'")


def test_deleting_a_process_takes_its_records_and_undo_brings_them_back(
    triad: Triad, modeling: Modeling, workspace: Workspace
) -> None:
    pid = onboarding_id(workspace)
    modeling.put_record(Record("Mine", "sim_run", pid, {}))
    modeling.put_record(Record("Global", "workshop_session", None, {}))
    _, change = triad.execute(lambda: modeling.delete_process(pid))
    assert list(workspace.records) == ["Global"]
    assert {"Mine", pid} <= change.ids
    triad.undo()
    assert list(workspace.records) == ["Mine", "Global"]


@pytest.mark.parametrize(
    "body",
    [{"x": float("nan")}, {"x": {1: 2}}, {"x": object()}, {"x": float("inf")}],
)
def test_a_body_must_be_finite_json(body: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="record R"):
        Record("R", "note", None, body)


def test_bodies_are_frozen_values() -> None:
    record = Record("R", "note", None, {"tags": ["a"], "nested": {"n": 1}})
    assert record.body["tags"] == ("a",)
    with pytest.raises(TypeError):
        record.body["nested"]["n"] = 2  # type: ignore[index]
    assert record == Record("R", "note", None, {"tags": ("a",), "nested": {"n": 1}})
