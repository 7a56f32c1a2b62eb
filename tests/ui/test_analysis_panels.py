"""Problems, Analysis and Planning docks; annotation badges; one-key notes (P/I/Q/K).

FX-ONB is the sample's "Customer onboarding (as-is)" process, shown first when it opens.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QToolTip, QTreeWidget, QTreeWidgetItem

from bpo_desktop.core.model import AnnotationKind, ConstraintCategory, Point
from bpo_desktop.ui.canvas.items import NodeItem, ShapeItem
from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.panels.analysis import AnalysisPanel
from bpo_desktop.ui.panels.planning import NotePrompt, PlanningPanel
from bpo_desktop.ui.panels.problems import ProblemsPanel

S1, S2, S5 = "Activity_onb9", "Activity_onb10", "Activity_onb15"
SHOTS = os.environ.get("BPO_SHOTS")  # a folder: the tests also save screenshots there


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _click_row(tree: QTreeWidget, row: QTreeWidgetItem, column: int = 0) -> None:
    tree.scrollToItem(row)
    rect = tree.visualItemRect(row)
    x = tree.header().sectionPosition(column) + 10
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(x, rect.center().y()))  # fmt: skip


def _panels(w: MainWindow) -> tuple[ProblemsPanel, AnalysisPanel, PlanningPanel]:
    return w.problems, w.analysis, w.planning  # type: ignore[attr-defined]


def _settled(qtbot, *panels: ProblemsPanel | AnalysisPanel) -> None:  # type: ignore[no-untyped-def]
    """Wait, as a user waits, until the panels' worker threads have delivered their figures."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not any(p.busy for p in panels), timeout=10_000)


def _choose(combo: QComboBox, text: str) -> None:
    """Pick an entry the way a user does: open the popup, click the entry."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.showPopup()
    view = combo.view()
    rect = view.visualRect(view.model().index(index, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())  # fmt: skip
    if combo.currentIndex() != index:  # the offscreen popup may not take the click
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    combo.hidePopup()


def test_docks_exist_and_are_in_the_view_menu(editing: MainWindow) -> None:
    for name in ("problems", "analysis", "planning"):
        assert name in editing.docks
        assert editing.action(f"view.{name}").isCheckable()
    assert editing.action("view.only_weaknesses").isCheckable()


def test_clicking_a_problem_selects_its_element(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    problems, _, _ = _panels(editing)
    _settled(qtbot, problems)
    process = editing.current_process()
    assert process is not None and editing.document is not None
    assert problems.report is not None and not problems.report.findings  # FX-ONB is clean
    sales = editing.scene.item_for("Lane_onb3")
    assert isinstance(sales, ShapeItem)
    centre = sales.scene_rect().center()
    lonely = editing.document.modeling.create_typed(
        process.id, "task", Point(centre.x(), centre.y() + 30), "Lonely step"
    )
    qtbot.waitUntil(lambda: problems.report is not None and bool(problems.report.findings))
    rows = [problems.tree.topLevelItem(i) for i in range(problems.tree.topLevelItemCount())]
    mine = [r for r in rows if r is not None and r.data(0, Qt.ItemDataRole.UserRole) == lonely]
    assert mine, [r.text(2) for r in rows if r is not None]
    assert all(r.text(1) == "Lonely step" for r in mine)
    assert not mine[0].icon(0).isNull()
    editing.docks["problems"].raise_()
    editing.canvas.select([])
    _shot(editing.docks["problems"], "problems_dock")
    _click_row(problems.tree, mine[0], 2)
    assert editing.canvas.selected_ids() == [lonely]


def test_analysis_dock_shows_fx_onb_and_the_automate_s2_comparison(
    qtbot,  # type: ignore[no-untyped-def]
    editing: MainWindow,
) -> None:
    _, analysis, _ = _panels(editing)
    assert analysis.table.rowCount() == 0  # hidden behind the Problems tab: not computed yet
    editing.docks["analysis"].raise_()
    _settled(qtbot, analysis)
    assert analysis.value("lead_time_h") == "40.83 h"
    assert analysis.value("cost_per_case") == "92.50"
    assert analysis.value("handoffs") == "3 (Email 3)"
    assert analysis.value("pce") == "1.43 %"
    assert analysis.value("off_system_share") == "27.27 %"
    process = editing.current_process()
    assert process is not None
    s2 = process.node_by_name("Email CS, Finance, Marketing")
    s5 = process.node_by_name("Send welcome kit")
    assert analysis.value(f"off_system:{s2.id}") == "Email, 10 min (9.09 %)"
    assert analysis.value(f"off_system:{s5.id}") == "Paper, 20 min (18.18 %)"
    assert analysis.table.isColumnHidden(2)  # as-is alone: no comparison columns
    _choose(analysis.scenario, "Automate S2")
    _settled(qtbot, analysis)
    assert not analysis.table.isColumnHidden(2)
    assert analysis.value("lead_time_h", 2) == "32.67 h"
    assert analysis.value("lead_time_h", 3) == "-8.17 h (-20.0 %)"
    assert analysis.value("cost_per_case", 3).startswith("-10.00")
    editing.docks["analysis"].raise_()
    _shot(editing.docks["analysis"], "analysis_dock")
    _shot(editing, "window")
    header = analysis.table.horizontalHeaderItem(2)
    assert header is not None and header.text() == "Automate S2"
    # takt and bottleneck follow the demand spin box
    takt_at_12 = analysis.value("takt")
    analysis.demand.setFocus()
    analysis.demand.selectAll()
    QTest.keyClicks(analysis.demand, "24")
    QTest.keyClick(analysis.demand, Qt.Key.Key_Return)
    analysis.refresh_now()
    _settled(qtbot, analysis)
    assert analysis.value("takt") == "20 min" and takt_at_12 == "40 min"


def test_critical_path_toggle_marks_exactly_s1_s2_s5(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _, analysis, _ = _panels(editing)
    editing.docks["analysis"].raise_()
    QTest.mouseClick(analysis.critical, Qt.MouseButton.LeftButton)
    assert analysis.critical.isChecked()
    _settled(qtbot, analysis)  # the marks follow when the worker's figures arrive
    nodes = {i.element_id for i in editing.scene.element_items()
             if isinstance(i, NodeItem) and "critical" in i.marks}  # fmt: skip
    assert nodes == {S1, S2, S5}
    flows = analysis.marked("critical") - nodes
    assert flows == {"Flow_onb17", "Flow_onb18", "Flow_onb21"}  # S1→S2→gateway→S5
    QTest.mouseClick(analysis.off_system, Qt.MouseButton.LeftButton)
    off = analysis.marked("off_system")
    assert off == {S2, S5}  # email and the manual welcome kit run on no system (A6)
    QTest.mouseClick(analysis.critical, Qt.MouseButton.LeftButton)
    assert not analysis.marked("critical")


def _add_entry(planning: PlanningPanel, kind_text: str) -> str:
    _choose(planning.add_kind, kind_text)
    QTest.mouseClick(planning.add_button, Qt.MouseButton.LeftButton)
    chosen = planning.current_id()
    assert chosen is not None
    return chosen


def test_strategy_choices_per_kind(editing: MainWindow) -> None:
    _, _, planning = _panels(editing)
    editing.docks["planning"].raise_()

    def choices() -> list[str]:
        return [planning.strategy.itemText(i) for i in range(planning.strategy.count())]

    _add_entry(planning, "Strength")
    assert choices() == ["—", "Preserve", "Enhance"]
    assert planning.strategy.isEnabled()
    _add_entry(planning, "Weakness")
    assert choices() == ["—", "Mitigate", "Eliminate"]
    goal = _add_entry(planning, "Goal")
    assert not planning.strategy.isEnabled() and not planning.category.isEnabled()
    assert planning.kpi.isEnabled() and not planning.evidence.isEnabled()
    planning.kpi.setFocus()
    QTest.keyClicks(planning.kpi, "Lead time")
    QTest.keyClick(planning.kpi, Qt.Key.Key_Return)
    assert editing.current_process().annotations[goal].kpi == "Lead time"  # type: ignore[union-attr]
    constraint = _add_entry(planning, "Constraint")
    assert planning.category.isEnabled() and not planning.strategy.isEnabled()
    _choose(planning.category, "Security")
    process = editing.current_process()
    assert process is not None
    assert process.annotations[constraint].category == ConstraintCategory.SECURITY
    editing.action("edit.undo").trigger()  # one step: the category only
    assert constraint in process.annotations
    assert process.annotations[constraint].category is None
    assert planning.category.currentText() == "—"


def test_weakness_with_link_puts_a_badge_on_the_step(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _, _, planning = _panels(editing)
    document = editing.document
    assert document is not None
    editing.docks["planning"].raise_()
    weakness = _add_entry(planning, "Weakness")
    planning.text.setFocus()
    planning.text.selectAll()
    QTest.keyClicks(planning.text, "Customer data keyed twice")
    QTest.keyClick(planning.text, Qt.Key.Key_Return)
    _choose(planning.strategy, "Eliminate")
    planning.strategy_text.setFocus()
    QTest.keyClicks(planning.strategy_text, "MDM + CRM sync")
    QTest.keyClick(planning.strategy_text, Qt.Key.Key_Return)
    process = editing.current_process()
    assert process is not None
    a = process.annotations[weakness]
    assert (a.text, a.strategy and a.strategy.value, a.strategy_text) == (
        "Customer data keyed twice", "eliminate", "MDM + CRM sync")  # fmt: skip
    item = editing.scene.item_for(S1)
    assert isinstance(item, NodeItem) and ("W", 1) not in item.badges
    assert not planning.link_button.isEnabled()  # nothing selected on the canvas yet
    editing.canvas.select([S1])
    assert planning.link_button.isEnabled()
    QTest.mouseClick(planning.link_button, Qt.MouseButton.LeftButton)
    assert editing.current_process().annotations[weakness].targets == (S1,)  # type: ignore[union-attr]
    assert ("W", 1) in item.badges
    assert "Weakness: Customer data keyed twice" in item.badge_tip
    assert "Eliminate: MDM + CRM sync" in item.badge_tip
    row = planning.row_for(weakness)
    assert row is not None and row.text(3) == "Enter customer + contract in CRM"
    # the filter dims every step without a weakness, and only those
    editing.action("view.only_weaknesses").trigger()
    dimmed = {i.element_id for i in editing.scene.element_items()
              if isinstance(i, NodeItem) and i.dimmed}  # fmt: skip
    nodes = {i.element_id for i in editing.scene.element_items() if isinstance(i, NodeItem)}
    assert S1 not in dimmed and dimmed == nodes - {S1}
    start = editing.scene.item_for("StartEvent_onb7")
    assert start is not None and start.label is not None and start.label.opacity() < 1
    editing.action("view.only_weaknesses").trigger()
    assert not any(i.dimmed for i in editing.scene.element_items())
    assert start.label.opacity() == 1
    # one undo removes the link and the badge, and only that
    editing.action("edit.undo").trigger()
    assert ("W", 1) not in item.badges
    undone = editing.current_process().annotations[weakness]  # type: ignore[union-attr]
    assert (undone.targets, undone.strategy_text) == ((), "MDM + CRM sync")
    _shot(editing.docks["planning"], "planning_sheet")


def test_p_on_a_selected_step_adds_a_pain_point_in_one_undo_step(  # type: ignore[no-untyped-def]
    qtbot, editing: MainWindow, driver
) -> None:
    _, _, planning = _panels(editing)
    document = editing.document
    assert document is not None
    process = editing.current_process()
    assert process is not None
    before = set(process.annotations)
    driver.show(S5)
    driver.click(driver.centre(S5))
    assert editing.canvas.selected_ids() == [S5]
    driver.key(Qt.Key.Key_P)
    qtbot.waitUntil(lambda: planning.prompt is not None and planning.prompt.isVisible())
    prompt = planning.prompt
    assert isinstance(prompt, NotePrompt)
    QTest.keyClicks(prompt.text, "Kit often ships late")
    QTest.keyClick(prompt.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: planning.prompt is None)
    added = set(process.annotations) - before
    assert len(added) == 1
    note = process.annotations[added.pop()]
    assert note.kind is AnnotationKind.PAIN_POINT
    assert (note.text, note.targets) == ("Kit often ships late", (S5,))
    item = editing.scene.item_for(S5)
    assert isinstance(item, NodeItem) and ("P", 1) in item.badges
    centre = driver.centre(S5)
    viewport = editing.view.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    )
    assert "Pain point: Kit often ships late" in QToolTip.text()
    editing.canvas.select([])
    editing.view.zoom_actual()
    driver.show(S2, S5)
    QApplication.processEvents()
    _shot(editing.view, "badges")
    editing.action("edit.undo").trigger()
    assert set(process.annotations) == before
    assert ("P", 1) not in item.badges


def test_note_keys_are_unique_in_the_canvas_key_map(editing: MainWindow) -> None:
    keys: dict[str, str] = {}
    for action in editing.registry:
        for seq in action.shortcuts():
            text = seq.toString()
            assert text not in keys or keys[text] == action.objectName(), (text, keys.get(text))
            keys[text] = action.objectName()
    assert (keys["P"], keys["I"], keys["Q"], keys["K"]) == (
        "note.pain_point", "note.idea", "note.question", "note.risk")  # fmt: skip


def test_escape_cancels_the_note_prompt(qtbot, editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    _, _, planning = _panels(editing)
    process = editing.current_process()
    assert process is not None
    before = dict(process.annotations)
    editing.canvas.select([S2])
    driver.key(Qt.Key.Key_K)
    qtbot.waitUntil(lambda: planning.prompt is not None and planning.prompt.isVisible())
    assert planning.prompt is not None
    QTest.keyClicks(planning.prompt.text, "never saved")
    QTest.keyClick(planning.prompt.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: planning.prompt is None)
    assert process.annotations == before


def test_docks_follow_the_shown_process(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    problems, analysis, planning = _panels(editing)
    editing.docks["analysis"].raise_()
    QApplication.processEvents()
    assert [analysis.scenario.itemText(i) for i in range(analysis.scenario.count())] == [
        "As-is", "Automate S2"]  # fmt: skip
    contracts = editing.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    editing.select_process(contracts.id)
    _settled(qtbot, problems, analysis)
    assert analysis.scenario.count() == 1 + len(contracts.scenarios)
    assert analysis.value("lead_time_h") != "40.83 h"
    # Problems and the Planning sheet are behind the Analysis tab: current once raised.
    editing.docks["problems"].raise_()
    _settled(qtbot, problems)
    assert problems.report is not None and problems.report.process_id == contracts.id
    assert problems.tree.topLevelItemCount() == len(problems.report.findings) > 0
    editing.docks["planning"].raise_()
    pain_rows = planning.tree.topLevelItem(4)
    assert pain_rows is not None
    assert pain_rows.childCount() == sum(
        1 for a in contracts.annotations.values() if a.kind is AnnotationKind.PAIN_POINT
    )


def test_a_finding_about_an_entry_opens_it_in_the_planning_sheet(
    qtbot,  # type: ignore[no-untyped-def]
    editing: MainWindow,
) -> None:
    problems, _, planning = _panels(editing)
    contracts = editing.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    editing.select_process(contracts.id)
    _settled(qtbot, problems)
    rows = [problems.tree.topLevelItem(i) for i in range(problems.tree.topLevelItemCount())]
    unlinked = next(r for r in rows if r is not None and "not linked" in r.text(2))
    entry = unlinked.data(0, Qt.ItemDataRole.UserRole)
    assert entry in contracts.annotations
    editing.docks["problems"].raise_()
    _click_row(problems.tree, unlinked, 2)
    assert planning.current_id() == entry
    assert not planning.visibleRegion().isEmpty()  # its tab was raised
