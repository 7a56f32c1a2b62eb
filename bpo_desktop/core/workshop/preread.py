"""The pre-read sent before a session (W1): purpose, deliverables, the agenda with its timeboxes
against the slot, participants and the process's planning sheet (goals, constraints, strengths,
weaknesses). Same templates machinery as the minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop.items import KIND_TITLES
from bpo_desktop.core.workshop.minutes import environment
from bpo_desktop.core.workshop.model import WorkshopSession

PLANNING_KINDS = {
    "goal": "Goals",
    "constraint": "Constraints",
    "strength": "Strengths",
    "weakness": "Weaknesses",
}


@dataclass(frozen=True)
class PlanningRow:
    kind: str
    ref: str
    text: str


@dataclass(frozen=True)
class PreRead:
    session: WorkshopSession
    process_name: str
    planning: list[tuple[str, list[PlanningRow]]]
    generated_at: str


def gather_preread(
    workspace: Workspace, session: WorkshopSession, now: datetime | None = None
) -> PreRead:
    process = workspace.processes.get(session.process_id or "")
    planning: list[tuple[str, list[PlanningRow]]] = []
    for kind, title in PLANNING_KINDS.items():
        rows = [
            PlanningRow(KIND_TITLES[kind], a.ref, a.text)
            for a in (process.annotations.values() if process else ())
            if a.kind == kind
        ]
        if rows:
            planning.append((title, rows))
    return PreRead(
        session,
        process.name if process else "",
        planning,
        (now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
    )


def render_preread(preread: PreRead, markdown: bool = False) -> str:
    name = "preread.md.j2" if markdown else "preread.html.j2"
    return environment(markdown).get_template(name).render(p=preread)
