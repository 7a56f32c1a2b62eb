"""Shared builders for the workshop tests: a sample workspace with a session on onboarding."""

from __future__ import annotations

from bpo_desktop.core.editing import Editor, create_editor
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.workshop.model import AgendaItem, Participant, WorkshopSession
from bpo_desktop.ui.workshop.edits import WorkshopEdits

ONBOARDING = "Customer onboarding (as-is)"


def participants(count: int) -> tuple[Participant, ...]:
    names = ["Ann", "Bob", "Cem", "Dana", "Eli", "Fay"]
    return tuple(Participant(f"Participant_p{n}", names[n], "SME") for n in range(count))


def session_editor(people: int = 3) -> tuple[Editor, WorkshopEdits, WorkshopSession]:
    editor = create_editor(sample_workspace())
    edits = WorkshopEdits(editor)
    process = editor.workspace.process_by_name(ONBOARDING)
    session = edits.create_session(
        WorkshopSession(
            id=edits.new_id("WorkshopSession"),
            title="Onboarding as-is",
            date="2026-11-23",
            place="Room 4",
            facilitator="Fran",
            scribe="Sam",
            participants=participants(people),
            purpose="Map the as-is onboarding",
            agenda=(
                AgendaItem("Agenda_1", "Intro", 15),
                AgendaItem("Agenda_2", "As-is mapping", 20),
            ),
            process_id=process.id,
            slot_min=60,
        )
    )
    return editor, edits, session


def add_sticky(editor: Editor, kind: str, text: str, step_name: str, author: str = "") -> str:
    process = editor.workspace.process_by_name(ONBOARDING)
    step = process.node_by_name(step_name).id
    return editor.modeling.add_annotation(process.id, kind, text, targets=(step,), author=author)
