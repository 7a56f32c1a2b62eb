"""Impact/effort board (W8) by dragging, parking lot and actions edited in the dock, and End
Session blocked until every item has an owner (W9, W10, W14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QMessageBox

from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.workshop.matrix_tab import cell_centre


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the cell as a user does: Add already opened the editor on a new row's first
    cell; any other cell is double-clicked first."""
    editing = table.state() == QAbstractItemView.State.EditingState
    if not (editing and (table.currentRow(), table.currentColumn()) == (row, column)):
        rect = table.visualRect(table.model().index(row, column))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(5)


def _activate(qtbot, window: MainWindow, tab) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.workshop.panel.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
    window.docks["workshop"].raise_()
    qtbot.wait(20)


def test_dragging_an_idea_into_quick_wins_and_raising_the_threshold(
    qtbot, in_session: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    process = in_session.current_process()
    assert process is not None
    step = process.node_by_name("Email CS, Finance, Marketing").id
    idea = in_session.document.modeling.add_annotation(  # type: ignore[union-attr]
        process.id, "idea", "Auto-trigger onboarding workflow", targets=(step,)
    )
    in_session.resize(1400, 1000)
    tab = in_session.workshop.panel.matrix  # type: ignore[attr-defined]
    _activate(qtbot, in_session, tab)
    in_session.workshop.refresh()  # type: ignore[attr-defined]
    chip = tab.chips[idea]
    view = tab.view
    start = view.mapFromScene(chip.sceneBoundingRect().center())
    end = view.mapFromScene(cell_centre(impact=5, effort=2))
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for n in range(1, 9):
        QTest.mouseMove(viewport, start + (end - start) * (n / 8))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    session = in_session.workshop.session()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: idea in store.matrix_scores(in_session.workspace, session.id))  # type: ignore[arg-type]
    score = store.matrix_scores(in_session.workspace, session.id)[idea]  # type: ignore[arg-type]
    assert (score.impact, score.effort) == (5, 2)
    qtbot.waitUntil(lambda: "Auto-trigger onboarding workflow" in tab.quick_wins.text())
    tab.item.setCurrentIndex(tab.item.findData(idea))
    tab.impact.setValue(4)
    qtbot.mouseClick(tab.score_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.matrix_scores(in_session.workspace)[idea].impact == 4)  # type: ignore[arg-type]
    tab.impact_threshold.setValue(5)  # impact 4 is no longer high: a fill-in
    qtbot.waitUntil(lambda: "none yet" in tab.quick_wins.text())
    assert store.sessions(in_session.workspace)[0].impact_threshold == 5  # type: ignore[arg-type]


def test_end_session_blocked_by_an_ownerless_item_then_closes(
    qtbot, in_session: MainWindow, dialogs
) -> None:  # type: ignore[no-untyped-def]
    panel = in_session.workshop.panel  # type: ignore[attr-defined]
    parking = panel.parking
    _activate(qtbot, in_session, parking)
    for what, who in (
        ("Licence costs", "Ann"),
        ("Data retention", ""),
        ("Discount approvals", "Bob"),
    ):
        qtbot.mouseClick(parking.add, Qt.MouseButton.LeftButton)
        row = parking.table.rowCount() - 1
        _edit_cell(qtbot, parking.table, row, 0, what)
        if who:
            _edit_cell(qtbot, parking.table, row, 1, who)
    assert [(r["what"], r["who"]) for r in parking.row_texts()] == [
        ("Licence costs", "Ann"),
        ("Data retention", ""),
        ("Discount approvals", "Bob"),
    ]
    actions = panel.action_table
    panel.tabs.setCurrentWidget(actions)
    qtbot.mouseClick(actions.add, Qt.MouseButton.LeftButton)
    _edit_cell(qtbot, actions.table, 0, 0, "Define PM %-complete tracking")
    _edit_cell(qtbot, actions.table, 0, 1, "Zoe")
    assert "Zoe is not an attendee" in actions.message.text()
    _edit_cell(qtbot, actions.table, 0, 2, "2026-12-01")

    dialogs.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert "End Session" in dialogs.asked
    assert "Data retention" in panel.message.text()
    assert not store.sessions(in_session.workspace)[0].closed  # type: ignore[arg-type]

    panel.tabs.setCurrentWidget(parking)
    disposition = parking.table.cellWidget(1, 4)
    assert isinstance(disposition, QComboBox)
    disposition.setCurrentIndex(disposition.findData("obe"))
    qtbot.waitUntil(lambda: parking.row_texts()[1]["disposition"] == "obe")
    dialogs.asked.clear()
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.sessions(in_session.workspace)[0].closed)  # type: ignore[arg-type]
    assert dialogs.asked == ["Session ended"]  # no blocking question, then "export now?"
    assert "3 parking-lot items" in panel.message.text() and "Zoe" in panel.message.text()
    qtbot.waitUntil(lambda: not parking.add.isEnabled())
    assert panel.end_button.text() == "Reopen"
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: parking.add.isEnabled())


def test_planning_check_parks_constraint_k2_when_not_agreed(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    workshop = in_session.workshop  # type: ignore[attr-defined]
    contracts = in_session.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    workshop.put(replace(workshop.session(), process_id=contracts.id), "Contracts workshop")
    workshop.refresh()
    qtbot.mouseClick(workshop.panel.planning_check, Qt.MouseButton.LeftButton)
    dialog = workshop.planning_dialog
    assert dialog is not None and dialog.list.count() == 8
    k2 = next(a for a in contracts.annotations.values() if a.ref == "K2")
    dialog.set_agreed(k2.id, False)
    dialog.accept()
    (item,) = store.parking_items(in_session.workspace)  # type: ignore[arg-type]
    assert item.what == "Review constraint K2" and item.link == k2.id
    assert workshop.panel.parking.row_texts()[0]["what"] == "Review constraint K2"


def test_an_action_linked_to_weakness_w1_shows_on_it(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    workshop = in_session.workshop  # type: ignore[attr-defined]
    contracts = in_session.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    workshop.put(replace(workshop.session(), process_id=contracts.id), "Contracts workshop")
    workshop.refresh()
    table = workshop.panel.action_table
    _activate(qtbot, in_session, table)
    qtbot.mouseClick(table.add, Qt.MouseButton.LeftButton)
    _edit_cell(qtbot, table.table, 0, 0, "Define PM %-complete tracking")
    _edit_cell(qtbot, table.table, 0, 1, "PMO lead")
    _edit_cell(qtbot, table.table, 0, 2, "2025-02-15")
    link = table.table.cellWidget(0, 5)
    assert isinstance(link, QComboBox)
    w1 = next(a for a in contracts.annotations.values() if a.ref == "W1")
    link.setCurrentIndex(link.findData(w1.id))
    qtbot.waitUntil(lambda: table.row_texts()[0]["link"] == w1.id)
    assert (
        table.row_texts()[0]["owner"] == "PMO lead" and table.row_texts()[0]["due"] == "2025-02-15"
    )
    stickies = workshop.panel.stickies
    workshop.panel.tabs.setCurrentWidget(stickies)
    rows = [
        (
            stickies.tree.topLevelItem(n).child(c).text(0),
            stickies.tree.topLevelItem(n).child(c).text(3),
        )
        for n in range(stickies.tree.topLevelItemCount())
        for c in range(stickies.tree.topLevelItem(n).childCount())
    ]
    assert (w1.text, "1 action") in rows


def test_impact_from_the_revealed_votes(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from bpo_desktop.core.workshop.model import VoteRound

    workshop = in_session.workshop  # type: ignore[attr-defined]
    process = in_session.current_process()
    step = process.node_by_name("Collect payment").id  # type: ignore[union-attr]
    ideas = [
        in_session.document.modeling.add_annotation(
            process.id, "idea", f"Idea {n}", targets=(step,)
        )  # type: ignore[union-attr]
        for n in range(2)
    ]
    session = workshop.session()
    vote_round = VoteRound("VoteRound_x", session.id, "R", tuple(ideas), budget=3)
    workshop.edits.put(vote_round, "Round")
    for person in session.participants:
        workshop.edits.cast_vote(vote_round, person.id, ideas[0])
    workshop.edits.cast_vote(vote_round, session.participants[0].id, ideas[1])
    workshop.edits.put(replace(vote_round, revealed=True), "Reveal")
    workshop.refresh()
    tab = workshop.panel.matrix
    qtbot.mouseClick(tab.from_votes, Qt.MouseButton.LeftButton)
    scores = store.matrix_scores(in_session.workspace, session.id)  # type: ignore[arg-type]
    assert (scores[ideas[0]].impact, scores[ideas[1]].impact) == (5, 2)
    assert scores[ideas[0]].effort == 3


def test_park_an_item_from_anywhere_with_ctrl_shift_p(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.conftest import show_active

    process = in_session.current_process()
    step = process.node_by_name("Collect payment").id  # type: ignore[union-attr]
    show_active(qtbot, in_session)
    in_session.canvas.select([step])
    in_session.view.setFocus()
    QTest.keyClick(
        in_session.view,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    prompt = in_session.workshop.park_prompt  # type: ignore[attr-defined]
    assert prompt is not None and prompt.isVisible()
    qtbot.waitExposed(prompt)
    QTest.keyClicks(prompt.what, "Licence costs of the workflow tool")
    QTest.keyClicks(prompt.who, "Zoe")
    QTest.keyClick(prompt.what, Qt.Key.Key_Return)
    (item,) = store.parking_items(in_session.workspace)  # type: ignore[arg-type]
    assert (item.what, item.who, item.link) == ("Licence costs of the workflow tool", "Zoe", step)
    assert "Zoe is not an attendee" in in_session.statusBar().currentMessage()
