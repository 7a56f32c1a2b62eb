"""system.create / system.update / system.delete (the workspace's system catalogue)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.editing import CommandStack, EventBus
from bpo_desktop.core.editing.commands import SYSTEM_DELETE
from bpo_desktop.core.editing.contexts import DeleteSystemContext
from bpo_desktop.core.editing.handlers.system import DeleteSystemHandler
from bpo_desktop.core.model import System, SystemKind, Workspace

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Modeling


def system_named(workspace: Workspace, name: str) -> System:
    system = workspace.system_by_name(name)
    assert system is not None
    return system


class TestAddSystem:
    def test_execute(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, change = triad.execute(
            lambda: modeling.add_system("SAP", "it", is_system_of_record=True)
        )
        assert workspace.systems[new_id] == System(new_id, "SAP", SystemKind.IT, True)
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_system("SAP"))
        assert triad.undo().ids == {new_id}
        assert new_id not in workspace.systems

    def test_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_system("SAP"))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert workspace.systems[new_id].name == "SAP"

    def test_invalid_systems_are_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.add_system("CRM"), "already has a system 'CRM'")
        refused(lambda: modeling.add_system(" "), "non-empty name")
        refused(lambda: modeling.add_system("Fax", "telepathy"), "is not one of")


class TestUpdateSystem:
    def test_execute(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        crm = system_named(workspace, "CRM")
        _, change = triad.execute(
            lambda: modeling.update_system(crm.id, is_system_of_record="true")
        )
        assert workspace.systems[crm.id] == replace(crm, is_system_of_record=True)
        assert change.ids == {crm.id}

    def test_undo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        crm = system_named(workspace, "CRM")
        triad.execute(lambda: modeling.update_system(crm.id, name="Salesforce"))
        assert triad.undo().ids == {crm.id}
        assert workspace.systems[crm.id] == crm

    def test_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        crm = system_named(workspace, "CRM")
        triad.execute(lambda: modeling.update_system(crm.id, name="Salesforce"))
        triad.undo()
        assert triad.redo().ids == {crm.id}
        assert workspace.systems[crm.id].name == "Salesforce"

    def test_invalid_updates_are_refused(
        self, refused: Refused, modeling: Modeling, workspace: Workspace
    ) -> None:
        crm = system_named(workspace, "CRM").id
        refused(lambda: modeling.update_system(crm, name="ERP"), "already has a system 'ERP'")
        refused(lambda: modeling.update_system(crm, vendor="x"), "no editable property")
        refused(lambda: modeling.update_system(crm), "no system properties")
        refused(lambda: modeling.update_system("Nope", name="x"), "no system 'Nope'")


class TestDeleteSystem:
    def test_execute(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        phone = system_named(workspace, "Phone").id  # a preset no step uses
        _, change = triad.execute(lambda: modeling.delete_system(phone))
        assert phone not in workspace.systems
        assert change.ids == {phone}

    def test_undo_keeps_the_order(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        phone = system_named(workspace, "Phone").id
        order = list(workspace.systems)
        triad.execute(lambda: modeling.delete_system(phone))
        assert triad.undo().ids == {phone}
        assert list(workspace.systems) == order

    def test_redo(self, triad: Triad, modeling: Modeling, workspace: Workspace) -> None:
        phone = system_named(workspace, "Phone").id
        triad.execute(lambda: modeling.delete_system(phone))
        triad.undo()
        assert triad.redo().ids == {phone}
        assert phone not in workspace.systems

    def test_unknown_system_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.delete_system("Nope"), "no system 'Nope'")

    def test_handler_alone_refuses_a_system_in_use(self, workspace: Workspace) -> None:
        """Without the clear-deleted-system behaviour, references are never left dangling."""
        stack = CommandStack(EventBus())
        stack.register(SYSTEM_DELETE, DeleteSystemHandler(workspace, stack))
        crm = system_named(workspace, "CRM").id
        with pytest.raises(ValueError, match="still used by"):
            stack.execute(SYSTEM_DELETE, DeleteSystemContext(crm))
        assert crm in workspace.systems
