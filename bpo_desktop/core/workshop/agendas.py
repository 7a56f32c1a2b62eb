"""Agenda templates (W15): a ready timeboxed agenda for the usual workshop formats."""

from __future__ import annotations

from collections.abc import Callable

from bpo_desktop.core.workshop.model import AgendaItem

TEMPLATES: dict[str, tuple[tuple[str, int], ...]] = {
    "As-is brown paper (3 h)": (
        ("Intro + planning sheet", 15),
        ("SIPOC", 20),
        ("As-is mapping", 60),
        ("Pain points", 30),
        ("Dot vote", 15),
        ("Impact/effort", 15),
        ("Parking lot + actions", 15),
        ("Buffer", 10),
    ),
    "To-be design (2 h)": (
        ("Recap as-is and top pain points", 15),
        ("Ideas", 25),
        ("Dot vote", 10),
        ("To-be mapping", 45),
        ("Actions and decisions", 15),
        ("Buffer", 10),
    ),
    "SIPOC scoping (1 h)": (
        ("Purpose and scope", 10),
        ("Suppliers, inputs, outputs, customers", 30),
        ("High-level steps", 15),
        ("Parking lot + actions", 5),
    ),
    "Kaizen day": (
        ("Intro + planning sheet", 30),
        ("Go and see / as-is mapping", 90),
        ("Pain points and root causes", 60),
        ("Ideas and dot vote", 45),
        ("Impact/effort", 30),
        ("To-be and trial plan", 90),
        ("Actions, decisions, report-out", 45),
        ("Buffer", 30),
    ),
}


def template_agenda(name: str, new_id: Callable[[str], str]) -> tuple[AgendaItem, ...]:
    """Fresh agenda items for the template (KeyError for an unknown name)."""
    return tuple(AgendaItem(new_id("Agenda"), title, minutes) for title, minutes in TEMPLATES[name])
