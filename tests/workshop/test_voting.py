"""Dot voting (PRODUCT W7), budget 3, cap 2, 5 participants, through the edit path."""

from __future__ import annotations

import pytest
from workshop.helpers import add_sticky, session_editor

from bpo_desktop.core.workshop import store, voting
from bpo_desktop.core.workshop.model import VoteRound


def _round(mode: str = "pass") -> tuple:  # type: ignore[type-arg]
    editor, edits, session = session_editor(people=5)
    items = tuple(
        add_sticky(editor, "idea", f"Idea {n}", "Enter customer + contract in CRM")
        for n in range(3)
    )
    vote_round = VoteRound(
        edits.new_id("VoteRound"), session.id, "Round 1", items, budget=3, cap=2, mode=mode
    )  # type: ignore[arg-type]
    edits.put(vote_round, "New vote round")
    return editor, edits, session, vote_round, items


def test_fourth_vote_is_refused_and_a_third_on_one_item_hits_the_cap() -> None:
    editor, edits, session, vote_round, (a, b, c) = _round()
    p1 = session.participants[0].id
    edits.cast_vote(vote_round, p1, a)
    edits.cast_vote(vote_round, p1, a)
    with pytest.raises(voting.VoteError, match="cap 2"):
        edits.cast_vote(vote_round, p1, a)
    edits.cast_vote(vote_round, p1, b)
    with pytest.raises(voting.VoteError, match="0 left"):
        edits.cast_vote(vote_round, p1, c)
    assert len(store.votes(editor.workspace, vote_round.id)) == 3


def test_unvote_returns_the_budget_and_is_one_undo_step() -> None:
    editor, edits, session, vote_round, (a, b, _c) = _round()
    p1 = session.participants[0].id
    for item in (a, a, b):
        edits.cast_vote(vote_round, p1, item)
    votes = store.votes(editor.workspace, vote_round.id)
    assert voting.remaining(vote_round, votes, p1) == 0
    assert edits.withdraw_vote(vote_round, p1, a)
    assert voting.remaining(vote_round, store.votes(editor.workspace), p1) == 1
    editor.stack.undo()
    assert voting.remaining(vote_round, store.votes(editor.workspace), p1) == 0


def test_counts_hidden_until_reveal_then_sorted_by_votes() -> None:
    editor, edits, session, vote_round, (a, b, c) = _round()
    people = [p.id for p in session.participants]
    for person, item in [(people[0], c), (people[1], c), (people[2], b), (people[3], c)]:
        edits.cast_vote(vote_round, person, item)
    assert voting.visible_counts(vote_round, store.votes(editor.workspace)) is None
    revealed = vote_round.__class__(**{**vote_round.__dict__, "revealed": True})
    edits.put(revealed, "Reveal")
    stored = store.vote_rounds(editor.workspace, session.id)[0]
    assert stored.revealed
    ranked = voting.ranking(stored, store.votes(editor.workspace))
    assert ranked == [(c, 3), (b, 1), (a, 0)]


def test_a_new_round_starts_with_full_budgets() -> None:
    editor, edits, session, vote_round, (a, b, _c) = _round()
    p1 = session.participants[0].id
    for item in (a, a, b):
        edits.cast_vote(vote_round, p1, item)
    second = voting.next_round(vote_round, edits.new_id("VoteRound"), "Round 2", store.now_iso())
    edits.put(second, "New round")
    assert voting.remaining(second, store.votes(editor.workspace), p1) == 3
    edits.cast_vote(second, p1, a)
    assert voting.remaining(vote_round, store.votes(editor.workspace), p1) == 0
    assert voting.remaining(second, store.votes(editor.workspace), p1) == 2


def test_tally_total_cannot_exceed_participants_times_budget() -> None:
    _editor, _edits, session, vote_round, (a, b, c) = _round(mode="tally")
    people = len(session.participants)
    assert voting.max_total(vote_round, people) == 15
    assert voting.check_tally(vote_round, {a: 8, b: 5, c: 2}, people) == []
    problems = voting.check_tally(vote_round, {a: 8, b: 6, c: 2}, people)
    assert problems and "16 votes is more than 5 participants x 3 = 15" in problems[0]
    with pytest.raises(voting.VoteError):
        voting.with_tally(vote_round, {a: 10, b: 6}, people)
    tallied = voting.with_tally(vote_round, {a: 8, b: 5, c: 2}, people)
    assert voting.ranking(tallied, []) == [(a, 8), (b, 5), (c, 2)]
    with pytest.raises(voting.VoteError, match="tally"):
        voting.check_vote(tallied, [], session.participants[0].id, a)


def test_votes_survive_a_save_and_reload(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bpo_desktop.core.storage import read_workspace, save_workspace_as

    editor, edits, session, vote_round, (a, _b, _c) = _round()
    edits.cast_vote(vote_round, session.participants[0].id, a)
    path = tmp_path / "votes.bpo"
    save_workspace_as(editor.workspace, path)
    again = read_workspace(path)
    assert [v.item_id for v in store.votes(again, vote_round.id)] == [a]
    assert store.vote_rounds(again, session.id) == [vote_round]
