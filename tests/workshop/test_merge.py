"""Breakout merge (PRODUCT W11): two copies of one file, notes matched by id."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from workshop.helpers import ONBOARDING, add_sticky, session_editor

from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage import read_workspace, save_workspace_as
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.merge import plan_merge
from bpo_desktop.core.workshop.model import ActionItem, VoteRound
from bpo_desktop.ui.workshop.edits import WorkshopEdits


def _stickies(workspace: Workspace) -> set[str]:
    process = workspace.process_by_name(ONBOARDING)
    return {a.id for a in process.annotations.values() if a.kind in ("pain_point", "idea")}


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    editor, _edits, _session = session_editor()
    a = tmp_path / "A.bpo"
    save_workspace_as(editor.workspace, a)
    b = tmp_path / "B.bpo"
    shutil.copyfile(a, b)
    return a, b


def _edit_and_save(path: Path, texts: list[str], tmp_path: Path) -> WorkshopEdits:
    editor = create_editor(read_workspace(path))
    for text in texts:
        add_sticky(editor, "pain_point", text, "Email CS, Finance, Marketing", author="Bob")
    save_workspace_as(editor.workspace, path)
    return WorkshopEdits(editor)


def test_merging_b_into_a_gives_all_six_and_again_adds_nothing(tmp_path: Path) -> None:
    a, b = _copies(tmp_path)
    before = _stickies(read_workspace(a))
    _edit_and_save(b, [f"B note {n}" for n in range(4)], tmp_path)
    edits = _edit_and_save(a, ["A note 1", "A note 2"], tmp_path)

    plan = plan_merge(edits.workspace, read_workspace(b))
    assert len(plan.annotations) == 4 and plan.conflicts == []
    edits.apply_merge(plan, "Merge notes from B.bpo")
    new = _stickies(edits.workspace) - before
    texts = {edits.workspace.process_by_name(ONBOARDING).annotations[i].text for i in new}
    assert texts == {"A note 1", "A note 2"} | {f"B note {n}" for n in range(4)}

    again = plan_merge(edits.workspace, read_workspace(b))
    assert again.added == 0 and again.skipped >= 4
    edits.editor.stack.undo()  # the whole merge is one undo step
    assert len(_stickies(edits.workspace) - before) == 2


def test_votes_actions_merge_once_and_conflicts_keep_ours(tmp_path: Path) -> None:
    editor, edits, session = session_editor()
    idea = add_sticky(editor, "idea", "Auto-trigger", "Email CS, Finance, Marketing")
    vote_round = VoteRound(edits.new_id("VoteRound"), session.id, "R1", (idea,), budget=3)
    edits.put(vote_round, "Round")
    action = ActionItem(edits.new_id("Action"), session.id, "Write it up", owner="Ann")
    edits.put(action, "Action")
    a = tmp_path / "A.bpo"
    save_workspace_as(editor.workspace, a)
    theirs = create_editor(read_workspace(a))
    their_edits = WorkshopEdits(theirs)
    for person in session.participants:
        their_edits.cast_vote(vote_round, person.id, idea)
    their_edits.put(replace(action, owner="Bob"), "Reassign")
    their_edits.put(ActionItem(their_edits.new_id("Action"), session.id, "Call IT"), "Action")

    plan = plan_merge(editor.workspace, theirs.workspace)
    assert [r.kind for r in plan.records].count("workshop_vote") == 3
    assert len(plan.conflicts) == 1 and "action" in plan.conflicts[0]
    edits.apply_merge(plan, "Merge")
    assert len(store.votes(editor.workspace, vote_round.id)) == 3
    owners = {x.what: x.owner for x in store.actions(editor.workspace)}
    assert owners == {"Write it up": "Ann", "Call IT": ""}
    assert plan_merge(editor.workspace, theirs.workspace).added == 0
