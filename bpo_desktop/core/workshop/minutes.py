"""Workshop minutes: the data of one session gathered for a report (Qt-free), rendered by
Jinja2 templates to HTML (autoescaped) or Markdown. Deterministic apart from `generated_at`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from bpo_desktop.core.errors import InputError
from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.closing import DISPOSITION_TITLES, disposition
from bpo_desktop.core.workshop.items import ItemRef, find_item, link_label, stickies_by_step
from bpo_desktop.core.workshop.matrix import QUADRANT_TITLES, board
from bpo_desktop.core.workshop.model import Participant, WorkshopSession
from bpo_desktop.core.workshop.timebox import planned_vs_actual
from bpo_desktop.core.workshop.voting import ranking

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class AgendaRow:
    title: str
    planned_min: int
    actual_min: int
    extensions: str  # "+5, +5" or ""
    summary: str  # "planned 20 / actual 25 (extended once)"


@dataclass(frozen=True)
class VoteRow:
    label: str
    kind: str
    votes: int


@dataclass(frozen=True)
class RoundResult:
    title: str
    budget: int
    cap: int
    mode: str
    revealed: bool
    total: int
    rows: list[VoteRow]


@dataclass(frozen=True)
class MatrixRow:
    label: str
    impact: int
    effort: int


@dataclass(frozen=True)
class TaskRow:
    what: str
    who: str
    when: str
    status: str
    link: str
    extra: str = ""  # actions: definition of done; parking: disposition


@dataclass(frozen=True)
class DecisionRow:
    statement: str
    rationale: str
    owner: str
    date: str


@dataclass
class Minutes:
    session: WorkshopSession
    process_name: str
    attendees: list[Participant]
    agenda: list[AgendaRow]
    planned_total: int
    actual_total: int
    stickies: list[tuple[str, list[ItemRef]]]
    sticky_count: int
    earlier_count: int  # stickies that were there before the session
    rounds: list[RoundResult]
    matrix: list[tuple[str, list[MatrixRow]]]
    quick_wins: list[str]
    actions: list[TaskRow]
    decisions: list[DecisionRow]
    parking: list[TaskRow]
    generated_at: str = field(default="")


def pick_session(workspace: Workspace, title: str | None, source: str = "") -> WorkshopSession:
    """The session named `title`, else the current one, else the latest (InputError if none)."""
    found = store.sessions(workspace)
    where = f"{source}: " if source else ""
    if not found:
        raise InputError(f"{where}the workspace has no workshop session")
    if title is None:
        return store.current_session(workspace) or found[-1]
    session = store.session_by_title(workspace, title)
    if session is None:
        names = ", ".join(repr(s.title) for s in found)
        raise InputError(f"{where}no workshop session named {title!r} (sessions: {names})")
    return session


def gather(workspace: Workspace, session: WorkshopSession, now: datetime | None = None) -> Minutes:
    process = workspace.processes.get(session.process_id or "")
    stickies, earlier = _session_stickies(process, session)
    agenda = [
        AgendaRow(
            a.title,
            a.planned_min,
            round(a.actual_s / 60.0),
            ", ".join(f"+{m}" for m in a.extensions_min),
            planned_vs_actual(a),
        )
        for a in session.agenda
    ]
    score_rows = _matrix(workspace, session)
    return Minutes(
        session=session,
        process_name=process.name if process else "",
        attendees=list(session.participants),
        agenda=agenda,
        planned_total=sum(r.planned_min for r in agenda),
        actual_total=sum(r.actual_min for r in agenda),
        stickies=stickies,
        sticky_count=sum(len(group) for _, group in stickies),
        earlier_count=earlier,
        rounds=_rounds(workspace, session),
        matrix=score_rows,
        quick_wins=[
            row.label for title, rows in score_rows if title == "Quick wins" for row in rows
        ],
        actions=[
            TaskRow(
                a.what, a.owner, a.due, a.status, link_label(workspace, a.link), a.done_definition
            )
            for a in store.actions(workspace, session.id)
        ],
        decisions=[
            DecisionRow(d.statement, d.rationale, d.owner, d.date)
            for d in store.decisions(workspace, session.id)
        ],
        parking=[
            TaskRow(
                p.what,
                p.who,
                p.when,
                p.status,
                link_label(workspace, p.link),
                DISPOSITION_TITLES[disposition(p)],
            )
            for p in store.parking_items(workspace, session.id)
        ],
        generated_at=(now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
    )


def _session_stickies(
    process: Process | None, session: WorkshopSession
) -> tuple[list[tuple[str, list[ItemRef]]], int]:
    if process is None:
        return [], 0
    baseline = set(session.baseline_ids)
    groups: list[tuple[str, list[ItemRef]]] = []
    earlier = sum(1 for a in process.annotations if a in baseline)
    for step, items in stickies_by_step(process):
        new = [i for i in items if i.id not in baseline]
        if new:
            groups.append((step, new))
    return groups, earlier


def _label(workspace: Workspace, item_id: str) -> tuple[str, str]:
    item = find_item(workspace, item_id)
    return (item.label, item.kind_title) if item else (f"(deleted item {item_id})", "")


def _rounds(workspace: Workspace, session: WorkshopSession) -> list[RoundResult]:
    results = []
    all_votes = store.votes(workspace)
    for vote_round in store.vote_rounds(workspace, session.id):
        ranked = ranking(vote_round, all_votes)
        rows = [VoteRow(*_label(workspace, item_id), votes) for item_id, votes in ranked]
        results.append(
            RoundResult(
                vote_round.title,
                vote_round.budget,
                vote_round.cap,
                vote_round.mode,
                vote_round.revealed,
                sum(n for _, n in ranked),
                rows,
            )
        )
    return results


def _matrix(workspace: Workspace, session: WorkshopSession) -> list[tuple[str, list[MatrixRow]]]:
    scores = store.matrix_scores(workspace, session.id).values()
    binned = board(scores, session.impact_threshold, session.effort_threshold)
    return [
        (
            QUADRANT_TITLES[q],
            [MatrixRow(_label(workspace, s.item_id)[0], s.impact, s.effort) for s in items],
        )
        for q, items in binned.items()
    ]


# -- rendering --------------------------------------------------------------------------------
def _markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks to break the row."""
    return " ".join(str(value).replace("|", "\\|").split())


def environment(markdown: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=not markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = _markdown_cell
    return env


def render(minutes: Minutes, markdown: bool = False) -> str:
    name = "minutes.md.j2" if markdown else "minutes.html.j2"
    return environment(markdown).get_template(name).render(m=minutes)


def minutes_text(
    workspace: Workspace,
    session_title: str | None = None,
    markdown: bool = False,
    now: datetime | None = None,
) -> str:
    session = pick_session(workspace, session_title)
    return render(gather(workspace, session, now), markdown)
