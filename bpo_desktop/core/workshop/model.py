"""Workshop data: sessions with participants and agenda, vote rounds and votes, matrix scores,
parking-lot items, actions and decisions. Plain frozen values; `store.py` maps them to records.

Stickies are not here: they are the process's annotations (pain point, idea, question, risk).
Everything that can be edited on two breakout laptops is one record per thing with a random
id, so a merge (see `merge.py`) can match by id and never double-counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

STICKY_KINDS: tuple[str, ...] = ("pain_point", "idea", "question", "risk")
#: What a vote round or the matrix can rank: stickies plus planning-sheet weaknesses.
RANKABLE_KINDS: tuple[str, ...] = (*STICKY_KINDS, "weakness")

ItemStatus = Literal["open", "in_progress", "done", "dropped"]
Disposition = Literal["", "assigned", "action", "obe"]
VoteMode = Literal["pass", "tally"]


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str = ""


@dataclass(frozen=True)
class AgendaItem:
    id: str
    title: str
    planned_min: int
    actual_s: float = 0.0  # time logged by the timer, summed over every start/pause
    extensions_min: tuple[int, ...] = ()  # each "+N min" the facilitator granted
    started_at: str = ""  # ISO time the timer last started; "" while paused

    @property
    def allowed_min(self) -> int:
        return self.planned_min + sum(self.extensions_min)


@dataclass(frozen=True)
class WorkshopSession:
    id: str
    title: str
    date: str  # ISO date, "2026-11-23"
    place: str = ""
    facilitator: str = ""
    scribe: str = ""
    participants: tuple[Participant, ...] = ()
    purpose: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    process_id: str | None = None
    slot_min: int = 0  # the room booking; 0: no slot given
    closed: bool = False
    deliverables: str = ""
    created_at: str = ""
    impact_threshold: int = 3  # matrix: impact >= this is "high"
    effort_threshold: int = 3  # matrix: effort >= this is "high"
    #: Sticky ids that existed when the session was created: the minutes list the others.
    baseline_ids: tuple[str, ...] = ()

    @property
    def planned_min(self) -> int:
        return sum(item.planned_min for item in self.agenda)

    @property
    def overrun_min(self) -> int:
        """How far the agenda exceeds the slot (0 when it fits or there is no slot)."""
        return max(0, self.planned_min - self.slot_min) if self.slot_min else 0

    def participant(self, participant_id: str) -> Participant | None:
        return next((p for p in self.participants if p.id == participant_id), None)

    def attendee_names(self) -> set[str]:
        names = {p.name.strip().casefold() for p in self.participants}
        names |= {self.facilitator.strip().casefold(), self.scribe.strip().casefold()}
        return {n for n in names if n}


@dataclass(frozen=True)
class VoteRound:
    """One dot-voting round over a fixed set of items (annotation ids)."""

    id: str
    session_id: str
    title: str
    item_ids: tuple[str, ...]
    budget: int = 3  # votes per participant in this round
    cap: int = 0  # most votes one participant may put on one item; 0: no cap
    mode: VoteMode = "pass"
    revealed: bool = False
    closed: bool = False
    created_at: str = ""
    #: Tally mode: counts the facilitator typed off the wall, by item id.
    tally: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Vote:
    """One dot: one record each, so unvoting removes exactly one and merges add, not overwrite."""

    id: str
    round_id: str
    participant_id: str
    item_id: str
    created_at: str = ""


@dataclass(frozen=True)
class MatrixScore:
    """An item's place on the impact/effort board (1-5 each)."""

    id: str
    session_id: str
    item_id: str
    impact: int
    effort: int


@dataclass(frozen=True)
class ParkingItem:
    id: str
    session_id: str
    what: str
    who: str = ""
    when: str = ""
    status: ItemStatus = "open"
    disposition: Disposition = ""
    link: str = ""  # id of a step, annotation (weakness, idea …) or constraint
    created_at: str = ""


@dataclass(frozen=True)
class ActionItem:
    id: str
    session_id: str
    what: str
    owner: str = ""
    due: str = ""
    status: ItemStatus = "open"
    done_definition: str = ""
    link: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class Decision:
    id: str
    session_id: str
    statement: str
    rationale: str = ""
    owner: str = ""
    date: str = ""
    created_at: str = ""
