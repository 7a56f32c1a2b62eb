"""Dot voting in the dock (W7): budget 3, cap 2, five participants, clicks on + and -."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSpinBox
from workshop.helpers import participants

from bpo_desktop.core.storage import read_workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow


def _five_people_round(qtbot, window: MainWindow, mode_index: int = 0):  # type: ignore[no-untyped-def]
    workshop = window.workshop  # type: ignore[attr-defined]
    session = workshop.session()
    workshop.put(replace(session, participants=participants(5)), "Five participants")
    workshop.refresh()
    process = window.current_process()
    assert process is not None
    steps = [n.id for n in process.nodes() if n.name][1:4]
    for n, step in enumerate(steps):
        window.document.modeling.add_annotation(  # type: ignore[union-attr]
            process.id, "idea", f"Idea {n}", targets=(step,), author="Ann"
        )
    qtbot.mouseClick(workshop.panel.voting.new_round, Qt.MouseButton.LeftButton)
    dialog = workshop.round_dialog
    assert dialog is not None and dialog.isVisible()
    ideas = {a.id for a in process.annotations.values() if a.text.startswith("Idea ")}
    dialog.set_checked(ideas)
    dialog.cap.setValue(2)
    dialog.mode.setCurrentIndex(mode_index)
    dialog.accept()
    tab = workshop.panel.voting
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    return workshop, tab


def _click(qtbot, tab, kind: str, row: int) -> None:  # type: ignore[no-untyped-def]
    button = tab.table.findChild(QPushButton, f"workshop.vote.{kind}.{row}")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(5)  # the table redraws after the event


def test_budget_cap_unvote_hidden_reveal_and_next_round(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _workshop, tab = _five_people_round(qtbot, in_session)
    tab.select_participant("Ann")
    _click(qtbot, tab, "plus", 0)
    _click(qtbot, tab, "plus", 0)
    _click(qtbot, tab, "plus", 0)
    assert tab.message.text() == "Vote refused: cap 2"
    _click(qtbot, tab, "plus", 1)
    assert tab.left.text() == "0 left"
    _click(qtbot, tab, "plus", 2)
    assert tab.message.text() == "Vote refused: 0 left"
    _click(qtbot, tab, "minus", 0)  # unvote returns the budget
    assert tab.left.text() == "1 left"
    tab.select_participant("Bob")
    qtbot.wait(5)
    for _ in range(3):
        _click(qtbot, tab, "plus", 2)  # the third is over the cap
    assert [votes for _item, votes in tab.shown_order()] == ["hidden"] * 3
    third = tab.shown_order()[2][0]
    qtbot.mouseClick(tab.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.shown_order()[0][1] != "hidden")
    assert tab.shown_order()[0] == (third, "2")
    assert [v for _i, v in tab.shown_order()] == ["2", "1", "1"]

    qtbot.mouseClick(tab.next_round, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.round.currentText() == "Round 2")
    tab.select_participant("Ann")
    qtbot.wait(5)
    assert tab.left.text() == "3 left"
    rounds = store.vote_rounds(in_session.workspace)  # type: ignore[arg-type]
    assert [r.closed for r in rounds] == [True, False]
    assert len(store.votes(in_session.workspace, rounds[0].id)) == 4  # type: ignore[arg-type]
    in_session.files.save()  # incremental: the unvoted dot is deleted from the file too
    saved = read_workspace(in_session.path)  # type: ignore[arg-type]
    assert len(store.votes(saved, rounds[0].id)) == 4
    assert [r.revealed for r in store.vote_rounds(saved)] == [True, False]


def test_tally_total_cannot_exceed_fifteen(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _workshop, tab = _five_people_round(qtbot, in_session, mode_index=1)
    spins = [tab.table.cellWidget(row, 5) for row in range(3)]
    assert all(isinstance(s, QSpinBox) for s in spins)
    for spin, count in zip(spins, (8, 6, 2), strict=True):
        spin.setValue(count)  # type: ignore[union-attr]
    qtbot.mouseClick(tab.save_tally, Qt.MouseButton.LeftButton)
    assert "16 votes is more than 5 participants x 3 = 15" in tab.message.text()
    assert store.vote_rounds(in_session.workspace)[0].tally == {}  # type: ignore[arg-type]
    spins[1].setValue(5)  # type: ignore[union-attr]
    qtbot.mouseClick(tab.save_tally, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "15 of 15 votes" in tab.info.text())
    assert sorted(store.vote_rounds(in_session.workspace)[0].tally.values()) == [2, 5, 8]  # type: ignore[arg-type]
