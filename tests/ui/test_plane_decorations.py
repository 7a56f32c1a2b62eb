"""Drilling into a collapsed sub-process and back draws every item anew: the planning badges,
the weakness dimming, the analysis marks and the simulation heat map come back with them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bpo_desktop.core.model import Point
from bpo_desktop.ui.canvas.items import FlowItem, NodeItem
from bpo_desktop.ui.main_window import MainWindow

S1, S2 = "Activity_onb9", "Activity_onb10"  # two onboarding steps of the sample


def _decorations(window: MainWindow) -> dict[str, object]:
    items = [i for i in window.scene.element_items() if isinstance(i, NodeItem | FlowItem)]
    return {
        "badges": {i.element_id: i.badges for i in items if getattr(i, "badges", ())},
        "marks": {i.element_id: i.marks for i in items if i.marks},
        "dimmed": {i.element_id for i in items if i.dimmed},
        "heat": sorted((s.element_id, s.scene_rect.getRect()) for s in window.canvas.overlays.heat),
    }


def test_badges_marks_dimming_and_heat_survive_drilling_in_and_out(
    qtbot, editing: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = editing
    process = window.current_process()
    modeling = window.canvas.modeling
    assert process is not None and modeling is not None
    modeling.add_annotation(process.id, "weakness", "Keyed twice", targets=(S1,))
    right = window.scene.content_rect().right()
    sub_id = modeling.create_typed(process.id, "subprocess", Point(right + 200, 100), "Checks")
    modeling.create_typed(process.id, "task", Point(200, 200), "Call back", parent_id=sub_id)
    analysis = window.analysis  # type: ignore[attr-defined]
    window.docks["analysis"].raise_()
    QTest.mouseClick(analysis.critical, Qt.MouseButton.LeftButton)
    QTest.mouseClick(analysis.off_system, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not analysis.busy and bool(analysis.marked("critical")), timeout=10_000)
    window.action("view.only_weaknesses").trigger()
    heat = window.simulation.heat  # type: ignore[attr-defined]
    heat.values = {S1: (1.0, "2 h"), S2: (0.5, "1 h")}
    heat.set_visible(True)
    before = _decorations(window)
    assert before["badges"] and before["marks"] and before["dimmed"]
    assert {spot[0] for spot in before["heat"]} == {S1, S2}  # type: ignore[union-attr]

    assert window.canvas.planes.show(sub_id)
    assert not window.canvas.overlays.heat  # no heat cell floats over the sub-process's plane
    assert window.canvas.planes.up()

    assert _decorations(window) == before
