"""Workshop edits on the one command stack: each user action is one undo step.

Qt-free glue between the pure workshop rules (`core.workshop`) and the editor: values become
records via `Modeling.put_record`; a merge adds annotations with their ids kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bpo_desktop.core.editing import Editor
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store, voting
from bpo_desktop.core.workshop.merge import MergePlan
from bpo_desktop.core.workshop.model import STICKY_KINDS, Vote, VoteRound, WorkshopSession


class WorkshopEdits:
    def __init__(self, editor: Editor) -> None:
        self.editor = editor

    @property
    def workspace(self) -> Workspace:
        return self.editor.workspace

    def new_id(self, prefix: str) -> str:
        return self.workspace.new_id(prefix)

    def put(self, value: Any, label: str) -> None:
        self.editor.modeling.put_record(store.to_record(value), label=label)

    def put_all(self, values: Iterable[Any], label: str) -> None:
        with self.editor.stack.transaction(label):
            for value in values:
                self.editor.modeling.put_record(store.to_record(value), label=label)

    def remove(self, record_id: str, label: str) -> None:
        self.editor.modeling.remove_record(record_id, label=label)

    # -- sessions -------------------------------------------------------------------------
    def create_session(self, session: WorkshopSession) -> WorkshopSession:
        """Store a new session; the stickies already on its process become its baseline."""
        session = replace(
            session,
            created_at=session.created_at or store.now_iso(),
            baseline_ids=self._stickies_of(session.process_id),
        )
        self.put(session, f"New workshop session {session.title!r}")
        return session

    def update_session(self, session: WorkshopSession, before: WorkshopSession) -> WorkshopSession:
        """Store an edited session; moved to another process, that one's stickies are its
        baseline (the minutes list what the session added)."""
        if session.process_id != before.process_id:
            session = replace(session, baseline_ids=self._stickies_of(session.process_id))
        self.put(session, f"Edit workshop session {session.title!r}")
        return session

    def _stickies_of(self, process_id: str | None) -> tuple[str, ...]:
        process = self.workspace.processes.get(process_id or "")
        notes = process.annotations.values() if process else ()
        return tuple(a.id for a in notes if a.kind in STICKY_KINDS)

    def delete_session(self, session: WorkshopSession) -> int:
        """Remove the session and everything recorded in it (rounds, votes, scores, parking
        items, actions, decisions) as one undo step; its stickies stay on the process."""
        workspace = self.workspace
        rounds = store.vote_rounds(workspace, session.id)
        ids = [r.id for r in rounds]
        ids += [v.id for r in rounds for v in store.votes(workspace, r.id)]
        ids += [s.id for s in store.matrix_scores(workspace, session.id).values()]
        ids += [p.id for p in store.parking_items(workspace, session.id)]
        ids += [a.id for a in store.actions(workspace, session.id)]
        ids += [d.id for d in store.decisions(workspace, session.id)]
        label = f"Delete workshop session {session.title!r}"
        with self.editor.stack.transaction(label):
            for record_id in [*ids, session.id]:
                self.remove(record_id, label)
        return len(ids) + 1

    # -- voting ---------------------------------------------------------------------------
    def cast_vote(self, vote_round: VoteRound, participant_id: str, item_id: str) -> Vote:
        """Place one dot; `voting.VoteError` ("0 left", "cap 2") when the rules refuse it."""
        vote = voting.cast(
            vote_round,
            store.votes(self.workspace, vote_round.id),
            participant_id,
            item_id,
            self.new_id("Vote"),
            store.now_iso(),
        )
        self.put(vote, "Vote")
        return vote

    def withdraw_vote(self, vote_round: VoteRound, participant_id: str, item_id: str) -> bool:
        vote = voting.vote_to_withdraw(
            vote_round, store.votes(self.workspace, vote_round.id), participant_id, item_id
        )
        if vote is None:
            return False
        self.remove(vote.id, "Unvote")
        return True

    # -- merge ----------------------------------------------------------------------------
    def apply_merge(self, plan: MergePlan, label: str) -> None:
        """Add what the plan found new, as one undo step; ids are kept so a re-merge adds 0."""
        if not plan.added:
            return
        with self.editor.stack.transaction(label):
            for process_id, annotation in plan.annotations:
                self.editor.modeling.add_existing_annotation(process_id, annotation)
            for record in plan.records:
                self.editor.modeling.put_record(record, label=label)
