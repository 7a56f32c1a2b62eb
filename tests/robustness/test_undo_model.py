"""Model-based undo: 1,000 random edits through the Modeling facade (the operation mix of
tests/core/editing/test_random_edits.py, reused, not copied), with an incremental save every
100 steps checked against the model; then undo all, redo all, equality at both ends; then the
file saved whole and incrementally both load back equal to the model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from core.editing.test_random_edits import OPERATIONS, _run_step

from bpo_desktop.core.editing import ELEMENTS_CHANGED, STACK_CHANGED, ChangeSet, create_editor
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import read_workspace, save_workspace_as

STEPS = 1_000
SAVE_EVERY = 100


def run_model(seed: int, tmp_path: Path) -> int:
    """Run the scenario; return how many edits changed the model (the rest were refused)."""
    rng = random.Random(seed)
    workspace = sample_workspace()
    original = workspace.copy()
    incremental = tmp_path / "incremental.bpo"
    bpo_file = save_workspace_as(workspace, incremental)
    editor = create_editor(workspace)
    events: list[str] = []
    changed: set[str] = set()

    def on_change(change: ChangeSet) -> None:
        events.append(ELEMENTS_CHANGED)
        changed.update(change.ids)

    editor.bus.on(ELEMENTS_CHANGED, on_change)
    editor.bus.on(STACK_CHANGED, lambda _p: events.append(STACK_CHANGED))

    applied = 0
    for step in range(1, STEPS + 1):
        op = rng.choice(OPERATIONS)
        _run_step(editor, op, rng, events)  # a refused edit leaves no trace; references stay valid
        applied += int(bool(events))
        if step % SAVE_EVERY == 0:  # as the editor saves: only the ids reported since last time
            bpo_file.save(workspace, set(changed))
            changed.clear()
            assert read_workspace(incremental) == workspace, f"incremental save at step {step}"

    final = workspace.copy()
    undone = 0
    while editor.stack.can_undo:
        editor.stack.undo()
        undone += 1
    assert workspace == original
    for _ in range(undone):
        editor.stack.redo()
    assert workspace == final  # (units undone by the sequence itself stay redoable)

    whole = tmp_path / "whole.bpo"
    save_workspace_as(workspace, whole)
    assert read_workspace(whole) == final
    bpo_file.save(workspace, set(changed))
    assert read_workspace(incremental) == final
    return applied


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_thousand_random_edits_undo_redo_and_save(seed: int, tmp_path: Path) -> None:
    applied = run_model(seed, tmp_path)
    assert applied > STEPS // 4  # most steps really edited (not all refused as invalid)


@pytest.mark.slow
def test_fifty_more_seeds(tmp_path: Path) -> None:
    for seed in range(100, 150):
        folder = tmp_path / str(seed)
        folder.mkdir()
        run_model(seed, folder)
