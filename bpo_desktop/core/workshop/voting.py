"""Dot-voting rules (W7): budgets per participant and round, a cap per item, unvoting, hidden
results until reveal, and a tally mode for one shared laptop. Pure functions over values; the
caller stores the `Vote` records they return."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType

from bpo_desktop.core.workshop.model import Vote, VoteRound


class VoteError(ValueError):
    """A vote the rules do not allow; `str()` is the short reason shown to the voter."""


def round_votes(vote_round: VoteRound, votes: Iterable[Vote]) -> list[Vote]:
    return [v for v in votes if v.round_id == vote_round.id]


def used(vote_round: VoteRound, votes: Iterable[Vote], participant_id: str) -> int:
    return sum(1 for v in round_votes(vote_round, votes) if v.participant_id == participant_id)


def remaining(vote_round: VoteRound, votes: Iterable[Vote], participant_id: str) -> int:
    """Votes the participant still has in this round (budgets are per round)."""
    return max(0, vote_round.budget - used(vote_round, votes, participant_id))


def on_item(vote_round: VoteRound, votes: Iterable[Vote], participant_id: str, item_id: str) -> int:
    return sum(
        1
        for v in round_votes(vote_round, votes)
        if v.participant_id == participant_id and v.item_id == item_id
    )


def check_vote(
    vote_round: VoteRound, votes: Iterable[Vote], participant_id: str, item_id: str
) -> None:
    """Raise `VoteError` ("0 left", "cap 2" …) when this vote is not allowed."""
    votes = list(votes)
    if vote_round.closed:
        raise VoteError("the round is closed")
    if vote_round.mode == "tally":
        raise VoteError("this round is counted in tally mode")
    if item_id not in vote_round.item_ids:
        raise VoteError("that item is not in this round")
    if remaining(vote_round, votes, participant_id) <= 0:
        raise VoteError("0 left")
    if vote_round.cap and on_item(vote_round, votes, participant_id, item_id) >= vote_round.cap:
        raise VoteError(f"cap {vote_round.cap}")


def cast(
    vote_round: VoteRound,
    votes: Iterable[Vote],
    participant_id: str,
    item_id: str,
    vote_id: str,
    created_at: str = "",
) -> Vote:
    """The new vote, after checking the rules."""
    check_vote(vote_round, votes, participant_id, item_id)
    return Vote(vote_id, vote_round.id, participant_id, item_id, created_at)


def vote_to_withdraw(
    vote_round: VoteRound, votes: Iterable[Vote], participant_id: str, item_id: str
) -> Vote | None:
    """The participant's latest vote on the item (unvoting removes it), or None."""
    if vote_round.closed:
        return None
    mine = [
        v
        for v in round_votes(vote_round, votes)
        if v.participant_id == participant_id and v.item_id == item_id
    ]
    return max(mine, key=lambda v: v.created_at) if mine else None


def counts(vote_round: VoteRound, votes: Iterable[Vote]) -> dict[str, int]:
    """Votes per item of the round (every item present, 0 when unvoted)."""
    if vote_round.mode == "tally":
        return {i: int(vote_round.tally.get(i, 0)) for i in vote_round.item_ids}
    counted = Counter(v.item_id for v in round_votes(vote_round, votes))
    return {i: counted.get(i, 0) for i in vote_round.item_ids}


def visible_counts(vote_round: VoteRound, votes: Iterable[Vote]) -> dict[str, int] | None:
    """The counts once revealed; None while hidden (so nobody anchors on others' dots)."""
    return counts(vote_round, votes) if vote_round.revealed else None


def ranking(vote_round: VoteRound, votes: Iterable[Vote]) -> list[tuple[str, int]]:
    """(item id, votes), most votes first; ties keep the round's item order."""
    tallied = counts(vote_round, votes)
    order = {item: n for n, item in enumerate(vote_round.item_ids)}
    return sorted(tallied.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def max_total(vote_round: VoteRound, participant_count: int) -> int:
    return vote_round.budget * participant_count


def check_tally(
    vote_round: VoteRound, tally: Mapping[str, int], participant_count: int
) -> list[str]:
    """Why a typed tally is impossible (empty when it is fine)."""
    problems: list[str] = []
    if any(n < 0 for n in tally.values()):
        problems.append("counts cannot be negative")
    unknown = sorted(set(tally) - set(vote_round.item_ids))
    if unknown:
        problems.append(f"not in this round: {', '.join(unknown)}")
    limit = max_total(vote_round, participant_count)
    total = sum(tally.values())
    if total > limit:
        problems.append(
            f"{total} votes is more than {participant_count} participants x "
            f"{vote_round.budget} = {limit}"
        )
    if vote_round.cap:
        item_limit = vote_round.cap * participant_count
        over = [i for i, n in tally.items() if n > item_limit]
        if over:
            problems.append(f"more than cap {vote_round.cap} x {participant_count} on one item")
    return problems


def with_tally(
    vote_round: VoteRound, tally: Mapping[str, int], participant_count: int
) -> VoteRound:
    problems = check_tally(vote_round, tally, participant_count)
    if problems:
        raise VoteError("; ".join(problems))
    clean = {i: int(n) for i, n in tally.items() if n}
    return replace(vote_round, tally=MappingProxyType(clean))


def next_round(vote_round: VoteRound, round_id: str, title: str, created_at: str) -> VoteRound:
    """A new round on the same items: hidden, open, full budgets (votes are per round)."""
    return replace(
        vote_round,
        id=round_id,
        title=title,
        revealed=False,
        closed=False,
        created_at=created_at,
        tally=MappingProxyType({}),
    )
