"""process.create / process.delete / process.update and workspace.update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import Process, Workspace

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling


class TestCreateProcess:
    def test_execute(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, change = triad.execute(lambda: modeling.create_process("Invoicing", owner="Ann"))
        assert workspace.processes[new_id] == Process(new_id, "Invoicing", owner="Ann")
        assert new_id.startswith("Process_")
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_process("Invoicing"))
        assert triad.undo().ids == {new_id}
        assert new_id not in workspace.processes

    def test_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, _ = triad.execute(lambda: modeling.create_process("Invoicing"))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert workspace.processes[new_id].name == "Invoicing"

    def test_blank_name_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.create_process("  "), "non-empty name")


class TestDeleteProcess:
    def test_execute(
        self, triad: Triad, modeling: Modeling, workspace: Workspace, onb: Process
    ) -> None:
        _, change = triad.execute(lambda: modeling.delete_process(onb.id))
        assert onb.id not in workspace.processes
        assert change.ids == {onb.id}

    def test_undo_restores_the_same_position(
        self, triad: Triad, modeling: Modeling, workspace: Workspace, onb: Process
    ) -> None:
        order = list(workspace.processes)
        triad.execute(lambda: modeling.delete_process(onb.id))
        assert triad.undo().ids == {onb.id}
        assert list(workspace.processes) == order

    def test_redo(
        self, triad: Triad, modeling: Modeling, workspace: Workspace, onb: Process
    ) -> None:
        triad.execute(lambda: modeling.delete_process(onb.id))
        triad.undo()
        assert triad.redo().ids == {onb.id}
        assert onb.id not in workspace.processes

    def test_unknown_process_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.delete_process("Process_nope"), "no process 'Process_nope'")


class TestUpdateProcess:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        _, change = triad.execute(lambda: modeling.rename_process(onb.id, "Onboarding v2"))
        assert onb.name == "Onboarding v2"
        assert change.ids == {onb.id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        old = onb.name
        triad.execute(lambda: modeling.update_process(onb.id, documentation="# Notes", owner="Bo"))
        assert triad.undo().ids == {onb.id}
        assert (onb.name, onb.documentation, onb.owner) == (old, "", "")

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        triad.execute(lambda: modeling.update_process(onb.id, documentation="# Notes", owner="Bo"))
        triad.undo()
        assert triad.redo().ids == {onb.id}
        assert (onb.documentation, onb.owner) == ("# Notes", "Bo")

    def test_label_names_the_edit(self, modeling: Modeling, editor: Editor, onb: Process) -> None:
        modeling.rename_process(onb.id, "New")
        assert editor.stack.undo_label == "Rename process"
        modeling.update_process(onb.id, owner="Bo")
        assert editor.stack.undo_label == "Edit process"

    def test_invalid_updates_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        refused(lambda: modeling.update_process(onb.id, elements={}), "no editable property")
        refused(lambda: modeling.update_process(onb.id, owner=3), "expected text")
        refused(lambda: modeling.rename_process(onb.id, ""), "non-empty name")


class TestUpdateWorkspace:
    def test_execute(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        _, change = triad.execute(lambda: modeling.rename_workspace("Acme"))
        assert workspace.name == "Acme"
        assert change.ids == {workspace.id}

    def test_undo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        old = workspace.name
        triad.execute(lambda: modeling.rename_workspace("Acme"))
        assert triad.undo().ids == {workspace.id}
        assert workspace.name == old

    def test_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        triad.execute(lambda: modeling.rename_workspace("Acme"))
        triad.undo()
        assert triad.redo().ids == {workspace.id}
        assert workspace.name == "Acme"

    def test_blank_name_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.rename_workspace(""), "non-empty name")
