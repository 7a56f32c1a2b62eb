"""create_editor: the composition root registers every command and keeps editors apart."""

from __future__ import annotations

from bpo_desktop.core.editing import commands, create_editor
from bpo_desktop.core.model import new_workspace
from bpo_desktop.core.samples import sample_workspace


def test_every_command_id_has_a_handler() -> None:
    editor = create_editor(new_workspace())
    declared = {
        value for name, value in vars(commands).items() if name.isupper() and isinstance(value, str)
    }
    assert len(declared) == 25  # incl. record.put and record.delete (workspace records)
    assert editor.stack.commands == declared


def test_editors_of_two_workspaces_are_independent() -> None:
    first, second = create_editor(sample_workspace()), create_editor(sample_workspace())
    first.modeling.rename_workspace("First")
    assert second.workspace.name == "BPO Desktop sample"
    assert not second.stack.can_undo and first.stack.can_undo
