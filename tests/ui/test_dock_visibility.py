"""Docks that cannot be seen (behind another dock's tab, or closed) do no work; once shown
they show the current model. The canvas decorations they own (badges) follow at once."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from bpo_desktop.core.model import AnnotationKind
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import ShapeItem
from bpo_desktop.ui.main_window import MainWindow

S1 = "Activity_onb9"  # a step of the sample's onboarding process


def _settled(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)


def test_problems_behind_a_tab_lint_the_shown_process_once_raised(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    problems = editing.problems  # type: ignore[attr-defined]
    editing.docks["problems"].raise_()
    _settled(qtbot, problems)
    onboarding = editing.current_process()
    assert onboarding is not None and problems.report.process_id == onboarding.id
    editing.docks["analysis"].raise_()  # Problems is now behind the Analysis tab
    contracts = editing.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    editing.select_process(contracts.id)
    _settled(qtbot, problems)
    qtbot.wait(300)  # longer than the debounce: still nothing linted for nobody
    assert problems.report.process_id == onboarding.id

    editing.docks["problems"].raise_()
    _settled(qtbot, problems)
    assert problems.report.process_id == contracts.id
    assert problems.summary.text().startswith(f"{contracts.name}:")
    assert problems.tree.topLevelItemCount() == len(problems.report.findings) > 0


def test_a_note_added_while_the_planning_sheet_is_hidden(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    planning = editing.planning  # type: ignore[attr-defined]
    editing.docks["problems"].raise_()  # the Planning sheet is behind the Problems tab
    process = editing.current_process()
    assert process is not None and editing.document is not None
    before = sum(1 for a in process.annotations.values() if a.kind is AnnotationKind.PAIN_POINT)
    note = editing.document.modeling.add_annotation(
        process.id, "pain_point", "Form is printed and scanned", targets=(S1,)
    )
    item = editing.scene.item_for(S1)
    assert isinstance(item, ShapeItem)
    assert any(letter == "P" for letter, _ in item.badges)
    assert "Form is printed and scanned" in item.badge_tip  # the canvas follows at once

    editing.docks["planning"].raise_()
    qtbot.waitUntil(lambda: planning.row_for(note) is not None)
    pain = planning.tree.topLevelItem(4)
    assert pain is not None and pain.text(0) == f"Pain points ({before + 1})"
    editing.document.stack.undo()
    assert planning.row_for(note) is None  # shown: follows every edit again
    assert "Form is printed and scanned" not in item.badge_tip


def test_a_closed_minimap_draws_the_current_process_when_reopened(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    minimap, dock = editing.minimap, editing.docks["minimap"]

    def drawn() -> bool:
        image = minimap.grab().toImage()
        background = QColor(theme.BACKGROUND).rgb()
        w, h = image.width(), image.height()
        return any(image.pixel(x, y) != background for x in range(0, w, 3) for y in range(0, h, 3))

    qtbot.waitUntil(drawn, timeout=5_000)
    dock.close()
    contracts = editing.workspace.process_by_name("Manage client contracts")  # type: ignore[union-attr]
    editing.select_process(contracts.id)
    qtbot.wait(350)  # the render delay has passed: nothing rendered for a closed dock
    assert minimap._pixmap is None  # (grabbing it would paint it, and so render it)

    dock.show()
    qtbot.waitUntil(drawn, timeout=5_000)
