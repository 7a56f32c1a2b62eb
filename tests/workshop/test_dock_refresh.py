"""The Workshop dock redraws only what can be seen: behind another dock's tab it waits, and
a tab that is not in front is redrawn when it is picked. Whatever the user looks at is current.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTabBar
from ui.conftest import show_active

from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.workshop.dock import WorkshopPanel


def _panel(window: MainWindow) -> WorkshopPanel:
    return window.workshop.panel  # type: ignore[attr-defined, no-any-return]


def _pick_tab(qtbot, panel: WorkshopPanel, title: str) -> None:  # type: ignore[no-untyped-def]
    """Click the tab's title, as a user does."""
    bar = panel.tabs.findChild(QTabBar)
    assert bar is not None
    index = next(n for n in range(bar.count()) if bar.tabText(n) == title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: panel.tabs.currentIndex() == index)


def _add_idea(window: MainWindow, text: str) -> str:
    process = window.current_process()
    assert process is not None and window.document is not None
    step = process.node_by_name("Email CS, Finance, Marketing").id
    return window.document.modeling.add_annotation(
        process.id, "idea", text, targets=(step,), author="Ann"
    )


def test_a_hidden_dock_shows_current_stickies_when_its_tab_is_raised(
    qtbot, in_session: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, in_session)
    panel = _panel(in_session)
    panel.tabs.setCurrentWidget(panel.stickies)
    in_session.docks["problems"].raise_()  # the Workshop dock is now behind a tab
    qtbot.wait(10)
    idea = _add_idea(in_session, "Pre-fill the CRM form")
    qtbot.wait(10)  # the coalesced refresh has had its turn
    assert idea not in panel.stickies.shown_ids()  # nothing redrawn while nobody looks
    in_session.document.stack.undo()  # type: ignore[union-attr]
    second = _add_idea(in_session, "Send one email, not three")

    in_session.docks["workshop"].raise_()
    qtbot.waitUntil(lambda: second in panel.stickies.shown_ids())
    assert idea not in panel.stickies.shown_ids()  # the undone one is gone


def test_a_tab_behind_another_tab_is_current_when_picked(qtbot, in_session: MainWindow) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, in_session)
    panel = _panel(in_session)
    _pick_tab(qtbot, panel, "Agenda")
    idea = _add_idea(in_session, "Pre-fill the CRM form")
    qtbot.wait(10)
    _pick_tab(qtbot, panel, "Stickies")
    assert idea in panel.stickies.shown_ids()
    _pick_tab(qtbot, panel, "Actions")
    link = panel.action_table.table  # the link choices follow the new sticky too
    qtbot.mouseClick(panel.action_table.add, Qt.MouseButton.LeftButton)
    combo = link.findChild(QComboBox, "workshop.actions.link.0")
    assert combo is not None and combo.findData(idea) >= 0


def test_link_drop_downs_share_their_choices_but_each_row_keeps_its_own_link(
    qtbot, in_session: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, in_session)
    panel = _panel(in_session)
    first, second = _add_idea(in_session, "Idea one"), _add_idea(in_session, "Idea two")
    _pick_tab(qtbot, panel, "Actions")
    table = panel.action_table
    for _ in range(2):
        qtbot.mouseClick(table.add, Qt.MouseButton.LeftButton)
    in_session.view.setFocus()  # leave the new row's cell editor
    row0 = table.table.findChild(QComboBox, "workshop.actions.link.0")
    assert row0 is not None
    row0.setCurrentIndex(row0.findData(first))  # as picking it in the drop-down does
    qtbot.wait(10)
    row1 = table.table.findChild(QComboBox, "workshop.actions.link.1")
    assert row1 is not None
    row1.setCurrentIndex(row1.findData(second))
    qtbot.wait(10)
    workspace = in_session.workspace
    assert workspace is not None
    links = [a.link for a in store.actions(workspace)]
    assert links == [first, second]
    steps_before = in_session.document.stack.undo_label  # type: ignore[union-attr]
    _add_idea(in_session, "A third idea: the choices change, the links stay")
    qtbot.wait(10)
    assert [a.link for a in store.actions(workspace)] == [first, second]
    assert steps_before == "Edit action"
    shown = [
        table.table.findChild(QComboBox, f"workshop.actions.link.{n}").currentData()  # type: ignore[union-attr]
        for n in range(2)
    ]
    assert shown == [first, second]


def test_a_session_created_while_the_dock_is_hidden_is_the_one_shown(
    qtbot, in_session: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, in_session)
    panel = _panel(in_session)
    in_session.docks["problems"].raise_()  # the Workshop dock is behind a tab
    in_session.registry.action("workshop.new_session").trigger()
    dialog = in_session.workshop.session_dialog  # type: ignore[attr-defined]
    dialog.add_participant("Ann", "SME")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    workspace = in_session.workspace
    assert workspace is not None
    sessions = store.sessions(workspace)
    assert len(sessions) == 2
    qtbot.waitUntil(lambda: panel.session_combo.currentData() == sessions[-1].id)
    assert panel.session_combo.count() == 2
    assert "Ann (SME)" in panel.details.text()
    assert in_session.workshop.session().id == sessions[-1].id  # type: ignore[attr-defined]
