"""Presentation mode (W3), the walkthrough (W5) and the timer overlay (W2), driven with real
keys and mouse events on the sample onboarding process."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel
from ui.conftest import Driver, show_active

from bpo_desktop.core.model import AnnotationKind, ShapeLayout
from bpo_desktop.ui.main_window import MainWindow

ONBOARDING = "Customer onboarding (as-is)"
REWORK = "Customer onboarding with rework"


def _key(window: MainWindow, key: Qt.Key, text: str = "") -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, key)


def _enter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """F5, as the user presses it (a window shortcut: the window must be the active one)."""
    if not window.isActiveWindow():
        window.resize(1400, 900)
        show_active(qtbot, window)
    _key(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation.active)  # type: ignore[attr-defined]


def _names(window: MainWindow) -> set[str]:
    process = window.current_process()
    assert process is not None
    steps = window.presentation.current_steps()  # type: ignore[attr-defined]
    return {process.elements[s].name for s in steps}  # type: ignore[union-attr]


def _step(window: MainWindow, name: str) -> str:
    process = window.current_process()
    assert process is not None
    return process.node_by_name(name).id


def _card_text(window: MainWindow, step_id: str) -> str:
    """The plain text of a step's card in the caption panel."""
    panel = window.presentation.panel  # type: ignore[attr-defined]
    card = panel.findChild(QFrame, f"presentation.card.{step_id}")
    assert card is not None, step_id
    doc = QTextDocument()
    texts = []
    for label in card.findChildren(QLabel):
        doc.setHtml(label.text())
        texts.append(doc.toPlainText())
    return "\n".join(texts)


def _bounds(window: MainWindow, element_id: str) -> object:
    process = window.current_process()
    assert process is not None
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


def test_f5_enters_full_screen_and_esc_restores_the_window(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = editing
    docks = {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}
    zoom, geometry = window.view.zoom(), window.geometry()
    assert docks and window.menuBar().isVisible()

    _enter(qtbot, window)
    presenter = window.presentation  # type: ignore[attr-defined]
    assert window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    shown = {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}
    assert shown == {"dock.presentation"}  # palette, inspector, minimap… all hidden
    assert presenter.panel.isVisible()
    assert _names(window) == {"Enter customer + contract in CRM"}
    assert len(presenter.spotlight.rects) == 1

    _key(window, Qt.Key.Key_Escape)
    assert not presenter.active
    assert not window.isFullScreen() and window.geometry() == geometry
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()} == docks
    assert window.view.zoom() == zoom
    assert not window.canvas.locked
    assert window.view.overlay_painter is not None


def test_arrows_and_clicker_keys_walk_the_flow(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    presenter = window.presentation  # type: ignore[attr-defined]
    assert presenter.panel.up_next.text() == "Next ▸ Email CS, Finance, Marketing"
    _key(window, Qt.Key.Key_Right)
    assert _names(window) == {"Email CS, Finance, Marketing"}
    assert presenter.panel.up_next.text().startswith("Next ▸ in parallel: Assign account rep")
    s2_card = _card_text(window, _step(window, "Email CS, Finance, Marketing"))
    assert "Pain point P1:" in s2_card
    assert "remember to contact all the relevant groups" in s2_card
    _key(window, Qt.Key.Key_PageDown)  # a presenter clicker
    assert _names(window) == {"Assign account rep", "Collect payment", "Send welcome kit"}
    assert len(presenter.spotlight.rects) == 3
    assert "3 steps in parallel" in presenter.panel.where.text()
    _key(window, Qt.Key.Key_Down)
    assert _names(window) == {"Customer onboarded"}
    _key(window, Qt.Key.Key_Right)  # the end: stays
    assert _names(window) == {"Customer onboarded"}
    assert "End of the process" in presenter.panel.message.text()
    _key(window, Qt.Key.Key_PageUp)
    assert len(presenter.current_steps()) == 3
    _key(window, Qt.Key.Key_Home)
    assert _names(window) == {"Enter customer + contract in CRM"}


def test_locked_diagram_refuses_a_real_drag_but_p_adds_a_pain_point(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    document = window.document
    assert document is not None
    s1 = _step(window, "Enter customer + contract in CRM")
    before = _bounds(window, s1)
    undo_before = document.stack.undo_label
    driver = Driver(window)
    start = driver.centre(s1)
    driver.drag(start, start + type(start)(180, 140))
    assert _bounds(window, s1) == before  # the layout is unchanged
    assert document.stack.undo_label == undo_before

    _key(window, Qt.Key.Key_Delete)  # refused quietly, with a message
    assert s1 in window.current_process().elements  # type: ignore[union-attr]
    assert "locked" in window.presentation.panel.message.text()  # type: ignore[attr-defined]

    _key(window, Qt.Key.Key_P)
    popup = window.presentation.capture  # type: ignore[attr-defined]
    assert popup is not None and popup.isVisible()
    QTest.keyClicks(popup.text, "Typo-prone double entry")
    QTest.keyClick(popup.text, Qt.Key.Key_Return)
    assert window.presentation.capture is None  # type: ignore[attr-defined]
    process = window.current_process()
    assert process is not None
    added = [a for a in process.annotations.values() if a.text == "Typo-prone double entry"]
    assert len(added) == 1
    note = added[0]
    assert note.kind is AnnotationKind.PAIN_POINT
    assert note.targets == (s1,) and note.author == "Facilitator"
    assert "Typo-prone double entry — Facilitator" in _card_text(window, s1)

    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note.id not in process.annotations  # one undo step removes the sticky
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _bounds(window, s1) == before  # nothing older is undone while presenting
    assert "only the notes added here" in window.presentation.panel.message.text()  # type: ignore[attr-defined]


def test_escape_in_the_popup_cancels_and_empty_text_is_not_saved(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    process = window.current_process()
    assert process is not None
    count = len(process.annotations)
    _key(window, Qt.Key.Key_I)
    popup = window.presentation.capture  # type: ignore[attr-defined]
    assert popup.kind is AnnotationKind.IDEA
    QTest.keyClick(popup.text, Qt.Key.Key_Return)  # empty: stays open
    assert popup.isVisible()
    QTest.keyClicks(popup.text, "never saved")
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    assert window.presentation.capture is None  # type: ignore[attr-defined]
    assert len(process.annotations) == count
    assert window.presentation.active  # type: ignore[attr-defined]  (Esc closed only the popup)


def test_a_click_picks_a_step_of_the_parallel_group_for_the_note(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    _key(window, Qt.Key.Key_Right)
    _key(window, Qt.Key.Key_Right)
    s4 = _step(window, "Collect payment")
    driver = Driver(window)
    driver.click(driver.centre(s4))
    assert len(window.presentation.current_steps()) == 3  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_K)
    popup = window.presentation.capture  # type: ignore[attr-defined]
    assert popup.step_id() == s4 and popup.step.isHidden()  # the clicked step, no picker
    QTest.keyClicks(popup.text, "Late payments block the kit")
    QTest.keyClick(popup.text, Qt.Key.Key_Return)
    risks = [
        a for a in window.current_process().annotations.values() if a.kind is AnnotationKind.RISK
    ]  # type: ignore[union-attr]
    assert [r.targets for r in risks] == [(s4,)]
    # A click on a step outside the current stop makes it the current stop.
    s1 = _step(window, "Enter customer + contract in CRM")
    window.presentation.set_zoom_mode("fit")  # type: ignore[attr-defined]
    driver.click(driver.centre(s1))
    assert window.presentation.current_steps() == (s1,)  # type: ignore[attr-defined]


def test_number_keys_pick_the_branch_at_a_decision(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = editing
    process = window.workspace.process_by_name(REWORK)  # type: ignore[union-attr]
    window.select_process(process.id)
    _enter(qtbot, window)
    presenter = window.presentation  # type: ignore[attr-defined]
    _key(window, Qt.Key.Key_Right)
    _key(window, Qt.Key.Key_Right)
    buttons = presenter.panel.branch_buttons
    assert [b.text() for b in buttons] == ["1  yes (80%)", "2  no (20%)"]
    assert buttons[0].isChecked()
    _key(window, Qt.Key.Key_2)
    assert _names(window) == {"Collect payment"}  # the rework loop
    assert presenter.panel.branch_buttons[0].isChecked()  # the pick held for one pass
    _key(window, Qt.Key.Key_Right)
    assert _names(window) == {"Customer onboarded"}


def test_participants_of_the_session_are_the_speakers(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = in_session
    _enter(qtbot, window)
    panel = window.presentation.panel  # type: ignore[attr-defined]
    names = [panel.speaker_box.itemText(i) for i in range(panel.speaker_box.count())]
    assert names == ["Fran", "Ann", "Bob", "Cem"]
    panel.speaker_box.setCurrentIndex(2)
    _key(window, Qt.Key.Key_Q)
    popup = window.presentation.capture  # type: ignore[attr-defined]
    QTest.keyClicks(popup.text, "Who owns the welcome kit?")
    QTest.keyClick(popup.text, Qt.Key.Key_Return)
    notes = [
        a
        for a in window.current_process().annotations.values()
        if a.kind is AnnotationKind.QUESTION
    ]  # type: ignore[union-attr]
    assert [(n.text, n.author) for n in notes] == [("Who owns the welcome kit?", "Bob")]


def test_the_running_agenda_item_counts_down_in_a_corner(
    qtbot, in_session: MainWindow, clock
) -> None:  # type: ignore[no-untyped-def]
    window = in_session
    workshop = window.workshop  # type: ignore[attr-defined]
    session = workshop.session()
    started = (clock.now - timedelta(minutes=18)).isoformat()
    agenda = (session.agenda[0], replace(session.agenda[1], started_at=started))
    workshop.put(replace(session, agenda=agenda), "Start timer")
    _enter(qtbot, window)
    presenter = window.presentation  # type: ignore[attr-defined]
    panel = presenter.panel
    assert panel.timer.isVisible()
    assert (panel.timer_item.text(), panel.timer_clock.text()) == ("As-is mapping", "2:00")
    assert panel.timer.property("timer_state") == "amber"
    clock.advance(2.5)
    presenter.refresh_timer()
    assert (panel.timer_clock.text(), panel.timer.property("timer_state")) == ("-0:30", "red")


def test_no_running_item_no_timer(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _enter(qtbot, editing)
    presenter = editing.presentation  # type: ignore[attr-defined]
    assert presenter.timer is None and not presenter.panel.timer.isVisible()


def test_closing_while_presenting_saves_the_normal_layout(
    qtbot, editing: MainWindow, settings
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    hidden = {name for name, dock in window.docks.items() if dock.isHidden()}
    _enter(qtbot, window)
    window.close()
    assert not window.presentation.active  # type: ignore[attr-defined]
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert {name for name, dock in again.docks.items() if dock.isHidden()} == hidden
    assert not again.isFullScreen()


def test_a_new_file_while_presenting_leaves_presentation_mode(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.document is not None and window.document.path is None  # the new file
    assert not window.presentation.active  # type: ignore[attr-defined]
    assert window.menuBar().isVisible() and not window.canvas.locked


def test_an_empty_process_presents_without_a_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.files.new_file()
    assert window.current_process() is not None
    _enter(qtbot, window)
    presenter = window.presentation  # type: ignore[attr-defined]
    assert presenter.current_steps() == () and presenter.spotlight.rects == []
    assert "Nothing to walk through" in _card_text_of_panel(window)
    _key(window, Qt.Key.Key_Right)
    _key(window, Qt.Key.Key_P)
    assert presenter.capture is None
    assert "No current step" in presenter.panel.message.text()
    _key(window, Qt.Key.Key_Escape)
    assert not presenter.active


def _card_text_of_panel(window: MainWindow) -> str:
    panel = window.presentation.panel  # type: ignore[attr-defined]
    return "\n".join(label.text() for label in panel.body.findChildren(QLabel))


def test_f_fits_the_process_l_zooms_to_the_lane_s_back_to_the_step(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    _enter(qtbot, window)
    process = window.current_process()
    assert process is not None
    s1 = _step(window, "Enter customer + contract in CRM")
    sales = window.scene.item_for(process.lane_by_name("Sales").id).scene_rect()  # type: ignore[union-attr]
    step_zoom = window.view.zoom()
    _key(window, Qt.Key.Key_F)
    visible = window.view.visible_scene_rect()
    assert visible.contains(window.scene.content_rect())
    assert window.view.zoom() < step_zoom
    _key(window, Qt.Key.Key_L)
    visible = window.view.visible_scene_rect()
    assert visible.contains(sales) and not visible.contains(window.scene.content_rect())
    _key(window, Qt.Key.Key_S)
    assert window.view.zoom() == step_zoom
    centre = window.view.visible_scene_rect().center()
    assert window.scene.item_for(s1).scene_rect().contains(centre)  # type: ignore[union-attr]
