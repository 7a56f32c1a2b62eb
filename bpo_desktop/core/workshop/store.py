"""Workshop values ↔ workspace records (`core.model.records`), one record kind per value type.

Kinds: "workshop_session", "workshop_vote_round", "workshop_vote", "workshop_matrix_score",
"workshop_parking", "workshop_action", "workshop_decision". Bodies are the dataclass fields as
JSON (the id lives on the record). A body that cannot be read is skipped by the listing
helpers (a damaged record must not hide the rest of the workshop) and raises
`WorkshopDataError` from the `*_from_record` functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, TypeVar

from bpo_desktop.core.errors import InputError
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.model.records import Record
from bpo_desktop.core.workshop.model import (
    ActionItem,
    AgendaItem,
    Decision,
    MatrixScore,
    ParkingItem,
    Participant,
    Vote,
    VoteRound,
    WorkshopSession,
)

SESSION_KIND = "workshop_session"
ROUND_KIND = "workshop_vote_round"
VOTE_KIND = "workshop_vote"
SCORE_KIND = "workshop_matrix_score"
PARKING_KIND = "workshop_parking"
ACTION_KIND = "workshop_action"
DECISION_KIND = "workshop_decision"
WORKSHOP_KINDS: tuple[str, ...] = (
    SESSION_KIND,
    ROUND_KIND,
    VOTE_KIND,
    SCORE_KIND,
    PARKING_KIND,
    ACTION_KIND,
    DECISION_KIND,
)

T = TypeVar("T")


class WorkshopDataError(InputError):
    """A stored workshop record is not in the shape this version understands."""


def now_iso() -> str:
    """Creation stamps: microseconds, so items made in one second still sort in order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


# -- generic codec ----------------------------------------------------------------------------
def _to_body(value: Any) -> dict[str, Any]:
    body = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    body.pop("id")
    return body


def _plain(value: Any) -> Any:
    """JSON data from a field value (nested dataclasses, tuples, mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _record(value: Any, kind: str, process_id: str | None = None) -> Record:
    return Record(value.id, kind, process_id, _to_body(value))


def _from_body(cls: type[T], record: Record, kind: str, **convert: Callable[[Any], Any]) -> T:
    if record.kind != kind:
        raise WorkshopDataError(f"record {record.id} is a {record.kind}, not a {kind}")
    values: dict[str, Any] = {"id": record.id}
    try:
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name == "id" or f.name not in record.body:
                continue
            raw = record.body[f.name]
            values[f.name] = convert[f.name](raw) if f.name in convert else raw
        return cls(**values)
    except (TypeError, ValueError, AttributeError) as exc:
        raise WorkshopDataError(f"record {record.id} ({kind}): {exc}") from None


def _check(condition: bool, record_id: str, what: str) -> None:
    if not condition:
        raise WorkshopDataError(f"record {record_id}: {what}")


def _all(workspace: Workspace, kind: str, read: Callable[[Record], T]) -> list[T]:
    values: list[T] = []
    for record in workspace.records_of(kind):
        try:
            values.append(read(record))
        except WorkshopDataError:
            continue
    return values


def _str_tuple(raw: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in raw)


def _int_tuple(raw: Any) -> tuple[int, ...]:
    return tuple(int(v) for v in raw)


# -- sessions ---------------------------------------------------------------------------------
def session_record(session: WorkshopSession) -> Record:
    return _record(session, SESSION_KIND)


def session_from_record(record: Record) -> WorkshopSession:
    def participants(raw: Any) -> tuple[Participant, ...]:
        return tuple(Participant(**dict(p)) for p in raw)

    def agenda(raw: Any) -> tuple[AgendaItem, ...]:
        items = []
        for item in raw:
            values = dict(item)
            values["extensions_min"] = _int_tuple(values.get("extensions_min", ()))
            items.append(AgendaItem(**values))
        return tuple(items)

    session = _from_body(
        WorkshopSession,
        record,
        SESSION_KIND,
        participants=participants,
        agenda=agenda,
        baseline_ids=_str_tuple,
    )
    _check(isinstance(session.title, str), record.id, "the title must be text")
    return session


def sessions(workspace: Workspace) -> list[WorkshopSession]:
    """Every readable session, oldest first (by date, then creation time)."""
    found = _all(workspace, SESSION_KIND, session_from_record)
    return sorted(found, key=lambda s: (s.date, s.created_at))


def current_session(workspace: Workspace) -> WorkshopSession | None:
    """The latest session that is not closed."""
    open_sessions = [s for s in sessions(workspace) if not s.closed]
    return open_sessions[-1] if open_sessions else None


def session_by_title(workspace: Workspace, title: str) -> WorkshopSession | None:
    return next((s for s in reversed(sessions(workspace)) if s.title == title), None)


# -- votes ------------------------------------------------------------------------------------
def round_record(vote_round: VoteRound) -> Record:
    return _record(vote_round, ROUND_KIND)


def round_from_record(record: Record) -> VoteRound:
    def tally(raw: Any) -> Mapping[str, int]:
        return MappingProxyType({str(k): int(v) for k, v in dict(raw).items()})

    return _from_body(VoteRound, record, ROUND_KIND, item_ids=_str_tuple, tally=tally)


def vote_rounds(workspace: Workspace, session_id: str | None = None) -> list[VoteRound]:
    found = _all(workspace, ROUND_KIND, round_from_record)
    found = [r for r in found if session_id is None or r.session_id == session_id]
    return sorted(found, key=lambda r: r.created_at)


def vote_record(vote: Vote) -> Record:
    return _record(vote, VOTE_KIND)


def vote_from_record(record: Record) -> Vote:
    return _from_body(Vote, record, VOTE_KIND)


def votes(workspace: Workspace, round_id: str | None = None) -> list[Vote]:
    found = _all(workspace, VOTE_KIND, vote_from_record)
    return [v for v in found if round_id is None or v.round_id == round_id]


# -- matrix -----------------------------------------------------------------------------------
def score_record(score: MatrixScore) -> Record:
    return _record(score, SCORE_KIND)


def score_from_record(record: Record) -> MatrixScore:
    score = _from_body(MatrixScore, record, SCORE_KIND)
    _check(1 <= score.impact <= 5 and 1 <= score.effort <= 5, record.id, "scores are 1-5")
    return score


def matrix_scores(workspace: Workspace, session_id: str | None = None) -> dict[str, MatrixScore]:
    """The score of each item (by item id) in a session's matrix."""
    found = _all(workspace, SCORE_KIND, score_from_record)
    return {s.item_id: s for s in found if session_id is None or s.session_id == session_id}


# -- parking lot, actions, decisions ----------------------------------------------------------
def parking_record(item: ParkingItem) -> Record:
    return _record(item, PARKING_KIND)


def parking_from_record(record: Record) -> ParkingItem:
    return _from_body(ParkingItem, record, PARKING_KIND)


def parking_items(workspace: Workspace, session_id: str | None = None) -> list[ParkingItem]:
    return _in_order(_all(workspace, PARKING_KIND, parking_from_record), session_id)


def action_record(action: ActionItem) -> Record:
    return _record(action, ACTION_KIND)


def action_from_record(record: Record) -> ActionItem:
    return _from_body(ActionItem, record, ACTION_KIND)


def actions(workspace: Workspace, session_id: str | None = None) -> list[ActionItem]:
    return _in_order(_all(workspace, ACTION_KIND, action_from_record), session_id)


def decision_record(decision: Decision) -> Record:
    return _record(decision, DECISION_KIND)


def decision_from_record(record: Record) -> Decision:
    return _from_body(Decision, record, DECISION_KIND)


def decisions(workspace: Workspace, session_id: str | None = None) -> list[Decision]:
    return _in_order(_all(workspace, DECISION_KIND, decision_from_record), session_id)


Dated = TypeVar("Dated", ParkingItem, ActionItem, Decision)


def _in_order(found: list[Dated], session_id: str | None) -> list[Dated]:
    """One session's items (all when None), oldest first."""
    mine = [item for item in found if session_id is None or item.session_id == session_id]
    return sorted(mine, key=lambda item: item.created_at)


def to_record(value: Any) -> Record:
    """The record of any workshop value (session, round, vote, score, parking, action, decision)."""
    writers: dict[type, Callable[[Any], Record]] = {
        WorkshopSession: session_record,
        VoteRound: round_record,
        Vote: vote_record,
        MatrixScore: score_record,
        ParkingItem: parking_record,
        ActionItem: action_record,
        Decision: decision_record,
    }
    return writers[type(value)](value)
