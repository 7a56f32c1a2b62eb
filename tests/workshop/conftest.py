"""Workshop GUI fixtures: the UI suite's window, dialogs and sample file, plus a window with
the sample open and a workshop session on the onboarding process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ui import conftest as ui_conftest
from workshop.helpers import ONBOARDING, participants

from bpo_desktop.core.workshop.model import AgendaItem, WorkshopSession
from bpo_desktop.ui.main_window import MainWindow

# The UI suite's fixtures: its window, throwaway settings, recorded dialogs and sample file.
window = ui_conftest.window
settings = ui_conftest.settings
dialogs = ui_conftest.dialogs
sample_file = ui_conftest.sample_file
editing = ui_conftest.editing  # the sample open at 100 %, the onboarding process in view
driver = ui_conftest.driver  # real mouse and key events on the canvas


class Clock:
    """The workshop's clock, moved by the test instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock(window: MainWindow) -> Clock:
    fake = Clock()
    window.workshop.clock = fake  # type: ignore[attr-defined]
    return fake


@pytest.fixture
def in_session(qtbot, window: MainWindow, sample_file: Path, clock: Clock) -> MainWindow:  # type: ignore[no-untyped-def]
    """The sample open, onboarding shown, a session with 3 participants and 2 agenda items."""
    assert window.open_file(sample_file)
    workspace = window.workspace
    assert workspace is not None
    process = workspace.process_by_name(ONBOARDING)
    window.select_process(process.id)
    workshop = window.workshop  # type: ignore[attr-defined]
    workshop.edits.create_session(
        WorkshopSession(
            id=workshop.edits.new_id("WorkshopSession"),
            title="Onboarding as-is",
            date="2026-11-23",
            facilitator="Fran",
            participants=participants(3),
            agenda=(
                AgendaItem("Agenda_1", "Intro", 15),
                AgendaItem("Agenda_2", "As-is mapping", 20),
            ),
            process_id=process.id,
        )
    )
    workshop.refresh()
    window.docks["workshop"].show()
    window.docks["workshop"].raise_()
    return window
