"""Issue 8 acceptance: 3 participants on the sample onboarding process walk through 5 steps in
presentation mode, add 6 stickies, vote with a budget of 3, add 2 actions; the minutes contain
exactly those. Real keys and clicks throughout; the minutes come from the CLI on the saved file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from support.cli import bpo
from ui.conftest import Driver, show_active

from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow

ONBOARDING = "Customer onboarding (as-is)"
PEOPLE = (("Ann", "Sales"), ("Bob", "Finance"), ("Cem", "Customer service"))
# (step, key, speaker, text): two on the first stops, three picked in the parallel group.
STICKIES = (
    ("Enter customer + contract in CRM", Qt.Key.Key_P, "Ann", "Contract data typed twice"),
    ("Email CS, Finance, Marketing", Qt.Key.Key_I, "Bob", "Auto-trigger onboarding workflow"),
    ("Email CS, Finance, Marketing", Qt.Key.Key_Q, "Cem", "Who reads the email?"),
    ("Assign account rep", Qt.Key.Key_P, "Ann", "Reps assigned by hand"),
    ("Collect payment", Qt.Key.Key_K, "Bob", "Late payments block the kit"),
    ("Send welcome kit", Qt.Key.Key_I, "Cem", "Send the kit digitally"),
)
# Budget 3 each: Ann 2+1, Bob 1+1+1, Cem 3 on one item without a cap.
VOTES = {
    "Ann": ["Auto-trigger onboarding workflow"] * 2 + ["Contract data typed twice"],
    "Bob": [
        "Auto-trigger onboarding workflow",
        "Late payments block the kit",
        "Reps assigned by hand",
    ],
    "Cem": ["Send the kit digitally"] * 3,
}
ACTIONS = (("Draft the workflow trigger spec", "Bob"), ("Measure double entry in CRM", "Ann"))


def _key(window: MainWindow, key: Qt.Key) -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, key)


def _type_into_focus(text: str) -> None:
    editor = QApplication.focusWidget()
    assert editor is not None
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _new_session(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.registry.action("workshop.new_session").trigger()
    dialog = window.workshop.session_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.title.selectAll()
    QTest.keyClicks(dialog.title, "Onboarding brown paper")
    QTest.keyClicks(dialog.facilitator, "Fran")
    add = dialog.findChild(QPushButton, "session.participants.add")
    for name, role in PEOPLE:
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        row = dialog.participants.rowCount() - 1
        for column, text in ((0, name), (1, role)):
            rect = dialog.participants.visualRect(dialog.participants.model().index(row, column))
            QTest.mouseClick(
                dialog.participants.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            QTest.mouseDClick(
                dialog.participants.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            _type_into_focus(text)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: bool(store.sessions(window.workspace)))  # type: ignore[arg-type]
    show_active(qtbot, window)


def _walk_and_capture(qtbot, window: MainWindow) -> set[str]:  # type: ignore[no-untyped-def]
    """F5, then Right/PageDown along the flow, a sticky per step; returns the steps visited."""
    presenter = window.presentation  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: presenter.active)
    process = window.current_process()
    assert process is not None
    speakers = presenter.panel.speaker_box
    assert [speakers.itemText(n) for n in range(speakers.count())] == ["Fran", "Ann", "Bob", "Cem"]
    visited: set[str] = set()
    driver = Driver(window)
    for stop_keys, stickies in (
        ((), STICKIES[:1]),
        ((Qt.Key.Key_Right,), STICKIES[1:3]),
        ((Qt.Key.Key_PageDown,), STICKIES[3:]),
    ):
        for key in stop_keys:
            _key(window, key)
        current = {process.elements[s].name for s in presenter.current_steps()}  # type: ignore[union-attr]
        visited |= current
        for step, key, speaker, text in stickies:
            assert step in current
            if len(current) > 1:  # a parallel group: click the step the note is about
                driver.click(driver.centre(process.node_by_name(step).id))
            speakers.setCurrentIndex(speakers.findText(speaker))
            _key(window, key)
            popup = presenter.capture
            assert popup is not None and popup.step_id() == process.node_by_name(step).id
            QTest.keyClicks(popup.text, text)
            QTest.keyClick(popup.text, Qt.Key.Key_Return)
            assert presenter.capture is None
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.active)
    return visited


def _vote(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    workshop = window.workshop  # type: ignore[attr-defined]
    tab = workshop.panel.voting
    workshop.panel.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.new_round, Qt.MouseButton.LeftButton)
    dialog = workshop.round_dialog
    process = window.workspace.process_by_name(ONBOARDING)  # type: ignore[union-attr]
    new_notes = {a.id for a in process.annotations.values() if a.text in {s[3] for s in STICKIES}}
    dialog.set_checked(new_notes)
    assert dialog.budget.value() == 3
    dialog.accept()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 6)
    by_text = {a.text: a.id for a in process.annotations.values()}
    for person, texts in VOTES.items():
        tab.select_participant(person)
        qtbot.waitUntil(lambda: tab.left.text() == "3 left")
        for text in texts:
            row = tab.row_of(by_text[text])
            button = tab.table.findChild(QPushButton, f"workshop.vote.plus.{row}")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.wait(5)
        assert tab.left.text() == "0 left"
    qtbot.mouseClick(tab.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.shown_order()[0][1] == "3")


def _add_actions(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, window)
    window.docks["workshop"].raise_()
    table = window.workshop.panel.action_table  # type: ignore[attr-defined]
    window.workshop.panel.tabs.setCurrentWidget(table)  # type: ignore[attr-defined]
    for what, owner in ACTIONS:
        qtbot.mouseClick(table.add, Qt.MouseButton.LeftButton)
        _type_into_focus(what)  # Add opens the new row's "What" cell
        qtbot.wait(5)
        row = table.table.rowCount() - 1
        rect = table.table.visualRect(table.table.model().index(row, 1))
        QTest.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        _type_into_focus(owner)
        qtbot.wait(5)
    assert [(r["what"], r["owner"]) for r in table.row_texts()] == list(ACTIONS)


def test_three_participants_walk_capture_vote_act_and_the_minutes_hold_exactly_that(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, sample_file: Path, tmp_path: Path, dialogs
) -> None:
    assert window.open_file(sample_file)
    window.resize(1400, 900)
    show_active(qtbot, window)
    window.select_process(window.workspace.process_by_name(ONBOARDING).id)  # type: ignore[union-attr]
    _new_session(qtbot, window)

    visited = _walk_and_capture(qtbot, window)
    assert visited == {
        "Enter customer + contract in CRM",
        "Email CS, Finance, Marketing",
        "Assign account rep",
        "Collect payment",
        "Send welcome kit",
    }
    _vote(qtbot, window)
    _add_actions(qtbot, window)
    window.files.save()

    out = tmp_path / "minutes.md"
    result = bpo("export", str(window.path), "--format", "minutes", "-o", str(out))
    assert result.returncode == 0, result.stderr
    minutes = out.read_text(encoding="utf-8")
    assert "## Attendees (3)" in minutes
    for name, role in PEOPLE:
        assert f"| {name} | {role} |" in minutes
    assert "## Stickies per step (6)" in minutes
    listed = re.findall(r"^- \*\*(.+?):\*\* (.+?) — (\w+)$", minutes, flags=re.MULTILINE)
    assert sorted((text, author) for _kind, text, author in listed) == sorted(
        (s[3], s[2]) for s in STICKIES
    )
    assert "Relies entirely on the salesperson" not in minutes  # from before the session
    round_rows = re.findall(
        r"^\| (.+?) \((.+?)\) \| (.+?) \| (\d+) \|$", minutes, flags=re.MULTILINE
    )
    votes = {text: int(n) for text, _step, _kind, n in round_rows}
    assert votes == {
        "Auto-trigger onboarding workflow": 3,
        "Send the kit digitally": 3,
        "Contract data typed twice": 1,
        "Late payments block the kit": 1,
        "Reps assigned by hand": 1,
        "Who reads the email?": 0,
    }
    assert "### Round 1 (9 votes · budget 3)" in minutes
    assert "## Actions (2)" in minutes
    for what, owner in ACTIONS:
        assert f"| {what} | {owner} |" in minutes
    assert "## Decisions (0)" in minutes and "## Parking lot (0)" in minutes
