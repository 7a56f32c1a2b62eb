"""The Simulation menu and dock as a user works with them: set up, run, read the KPIs and
charts, cancel a long run, toggle the heat map, compare scenarios, save and reopen, animate."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from simulation_ui.helpers import click, run_and_wait, sim

from bpo_desktop.core.simulation.store import latest_run, runs_of, setup_record, stored_setup
from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.simulation.setup_dialog import SetupDialog
from bpo_desktop.ui.simulation.tables import cell


def _open_setup(qtbot, window: MainWindow) -> SetupDialog:  # type: ignore[no-untyped-def]
    click(sim(window).panel.setup_button)
    dialog = sim(window).setup_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type_into_cell(table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click the cell, F2 to edit, replace its text by typing, Return (as a user edits)."""
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(table, Qt.Key.Key_F2)
    editors = [c for c in table.viewport().children() if isinstance(c, QLineEdit) and c.isVisible()]
    editor = editors[-1] if editors else None
    assert editor is not None, "the cell did not open an editor"
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits in a queued call
    assert table.item(row, column).text() == text


def _ok(dialog: SetupDialog) -> None:
    box = dialog.findChild(QDialogButtonBox, "setup.buttons")
    assert box is not None
    click(box.button(QDialogButtonBox.StandardButton.Ok))


def test_setup_then_run_shows_kpis_and_charts_and_stores_the_run(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_setup(qtbot, window)
    dialog.cases.selectAll()
    QTest.keyClicks(dialog.cases, "400")
    dialog.replications.selectAll()
    QTest.keyClicks(dialog.replications, "3")
    dialog.tabs.setCurrentWidget(dialog.lanes)
    _type_into_cell(dialog.lanes, 0, 1, "2")  # Sales: two people
    _ok(dialog)
    process = window.current_process()
    setup = stored_setup(window.workspace, process.id)
    assert setup is not None and setup.cases == 400 and setup.replications == 3
    assert setup.params.pools[process.lanes()[0].id].staff == 2
    assert window.document.stack.undo_label == "Simulation setup"

    panel = sim(window).panel
    run_and_wait(qtbot, window, panel.run_button)
    run = latest_run(window.workspace, process.id)
    assert run is not None and run.cases == 400 and run.replications == 3
    assert window.document.stack.undo_label == "Record simulation run"
    shown = cell(panel.kpis, "cycle_time", 1)
    assert shown.endswith(" h") and float(shown.split()[0]) > 0
    assert cell(panel.kpis, "cycle_time", 2).startswith("[")
    assert cell(panel.kpis, "bottleneck", 1) == run.kpis["bottleneck"]
    assert "400 cases x 3" in panel.info.text()
    charts = panel.charts
    assert charts.histogram.chart().series() and charts.utilisation.chart().series()
    assert charts.waiting.chart().series()
    bars = charts.utilisation.chart().series()[0].barSets()[0]
    assert bars.count() == sum(1 for v in run.charts["utilisation"].values() if v is not None)
    assert window.isWindowModified() or "*" in window.windowTitle()


def test_a_setup_error_names_the_step_and_keeps_the_dialog_open(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_setup(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.steps)
    name = dialog.steps.item(0, 0).text()
    _type_into_cell(dialog.steps, 0, 2, "ten")
    _ok(dialog)
    assert dialog.isVisible()
    messages = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(name in m and "ten" in m for m in messages), messages
    assert stored_setup(window.workspace, window.current_process().id) is None
    dialog.reject()


def test_cancel_stops_a_long_run_within_a_second_and_the_window_stays_responsive(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    process = window.current_process()
    setup = sim(window).panel.setup_for_current()
    from dataclasses import replace

    long_setup = replace(setup, cases=3_000_000, replications=10)
    window.document.modeling.put_record(
        setup_record(window.workspace, process.id, long_setup), "Simulation setup"
    )
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    runner = sim(window).runner
    click(sim(window).panel.run_button)
    assert runner.busy and runner.cancel_button.isVisible()
    qtbot.waitUntil(lambda: runner.progress.value() > 0, timeout=10_000)
    before = len(ticks)
    qtbot.wait(600)
    assert len(ticks) - before >= 5  # the event loop kept running during the simulation
    started = time.monotonic()
    click(runner.cancel_button)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert time.monotonic() - started < 1.0
    timer.stop()
    assert runs_of(window.workspace, process.id) == []
    assert "cancelled" in sim(window).panel.info.text()
    assert not runner.progress.isVisible()


def test_heat_map_colours_the_steps_of_the_run(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = sim(window).panel
    run_and_wait(qtbot, window, panel.run_button)
    run = latest_run(window.workspace, window.current_process().id)
    steps = {a["id"] for a in run.kpis["activities"]}
    heat_action = window.action("view.heat_map")
    heat_action.trigger()  # View > Simulation Heat Map
    spots = window.canvas.overlays.heat
    assert {s.element_id for s in spots} == steps
    waits = {a["id"]: a["waiting_s"] for a in run.kpis["activities"]}
    hottest = max(waits, key=waits.get)
    coolest = min(waits, key=waits.get)
    hue = {s.element_id: s.colour.hsvHueF() for s in spots}
    assert hue[hottest] < 0.05 and hue[coolest] > 0.25  # red … green
    window.view.centerOn(window.scene.item_for(hottest).scene_rect().center())
    qtbot.wait(50)
    image = window.view.viewport().grab().toImage()
    centre = window.view.mapFromScene(window.scene.item_for(hottest).scene_rect().center())
    pixel = image.pixelColor(centre.x(), centre.y() - 12)
    assert pixel.red() > pixel.green() + 40, pixel.name()  # reddish fill over the step
    panel.heat_metric.setCurrentIndex(1)  # utilisation
    assert all(s.text.endswith("%") for s in window.canvas.overlays.heat)
    heat_action.trigger()
    assert window.canvas.overlays.heat == []


def test_compare_scenarios_shows_as_is_and_each_scenario_with_deltas(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    process = window.current_process()
    scenario = next(iter(process.scenarios.values()))
    panel = sim(window).panel
    run_and_wait(qtbot, window, panel.compare_button)
    table = panel.comparison
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert header == ["KPI", "As-is", scenario.name, f"Δ {scenario.name}"]
    assert panel.tabs.currentWidget() is table
    as_is = latest_run(window.workspace, process.id)
    to_be = latest_run(window.workspace, process.id, scenario.id)
    assert as_is is not None and to_be is not None and to_be.seed == as_is.seed
    delta = cell(table, "cost_per_case", 3)
    expected = to_be.kpis["cost_per_case"]["mean"] - as_is.kpis["cost_per_case"]["mean"]
    assert f"{abs(expected):,.2f}" in delta
    assert any(v in delta for v in ("better", "worse", "no clear difference"))
    window.document.stack.undo()  # both runs were one step
    assert latest_run(window.workspace, process.id) is None
    assert table.rowCount() == 0


def test_a_stored_run_is_saved_and_shown_again_after_reopening(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    panel = sim(window).panel
    run_and_wait(qtbot, window, panel.run_button)
    shown = cell(panel.kpis, "cycle_time", 1)
    window.action("file.save").trigger()
    assert not window.document.is_modified
    path = window.path
    assert window.close()  # one writer per file: close it before opening it again
    other = MainWindow(None)
    qtbot.addWidget(other)
    assert other.open_file(path)
    reopened = sim(other).panel
    assert cell(reopened.kpis, "cycle_time", 1) == shown
    assert reopened.charts.histogram.chart().series()
    other.close()


def test_token_animation_plays_pauses_and_stops(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = sim(window).panel
    click(panel.play)
    animation = sim(window).animation
    assert animation.state == "playing" and animation.legs
    qtbot.waitUntil(lambda: bool(window.canvas.overlays.tokens), timeout=5_000)
    click(panel.pause)
    assert animation.state == "paused"
    frozen = [t.scene_pos for t in window.canvas.overlays.tokens]
    qtbot.wait(200)
    assert [t.scene_pos for t in window.canvas.overlays.tokens] == frozen
    click(panel.play)
    assert animation.state == "playing"
    click(panel.stop)
    assert animation.state == "stopped" and window.canvas.overlays.tokens == []


def test_f9_runs_from_the_keyboard_and_undo_removes_the_run(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not sim(window).runner.busy, timeout=30_000)
    process = window.current_process()
    assert latest_run(window.workspace, process.id) is not None
    assert sim(window).panel.kpis.rowCount() > 0
    assert window.action("edit.undo").text() == "&Undo Record simulation run"
    window.action("edit.undo").trigger()
    assert latest_run(window.workspace, process.id) is None
    assert sim(window).panel.kpis.rowCount() == 0
    assert "No simulation run yet" in sim(window).panel.info.text()


def test_the_inspector_section_edits_a_steps_distribution_and_a_lanes_calendar(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    process = window.current_process()
    task = process.node_by_name("Collect payment")
    window.canvas.select([task.id])
    section = sim(window).section
    assert section.isVisible() and section.numbers.text() == f"{task.touch_min:g}"
    section.kind.setCurrentIndex(section.kind.findText("triangular"))
    section.kind.activated.emit(section.kind.currentIndex())
    section.numbers.selectAll()
    QTest.keyClicks(section.numbers, "30, 40, 80")
    QTest.keyClick(section.numbers, Qt.Key.Key_Return)
    setup = stored_setup(window.workspace, process.id)
    assert setup is not None
    assert setup.params.tasks[task.id].duration.params == (1800.0, 2400.0, 4800.0)
    assert window.document.stack.undo_label == "Simulation setup"
    section.numbers.selectAll()
    QTest.keyClicks(section.numbers, "80, 40")
    QTest.keyClick(section.numbers, Qt.Key.Key_Return)
    assert section.error.isVisible() and "triangular" in section.error.text()
    lane = process.lanes()[2]
    window.canvas.select([lane.id])
    assert section.isVisible() and section.calendar.text() == "24/7"
    section.calendar.selectAll()
    QTest.keyClicks(section.calendar, "Mon-Fri 09:00-17:00")
    QTest.keyClick(section.calendar, Qt.Key.Key_Return)
    calendar = stored_setup(window.workspace, process.id).params.pools[lane.id].calendar
    assert calendar is not None and calendar.week_seconds == 5 * 8 * 3600
    window.canvas.select([next(f.id for f in process.flows())])
    assert not section.isVisible()  # flow probabilities are the inspector's own field


def test_run_refuses_a_model_that_cannot_be_simulated_naming_the_step(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from bpo_desktop.core.model import Point

    process = window.current_process()
    modeling = window.document.modeling
    modeling.create_typed(process.id, "task", Point(900, 700), "Forgotten step")
    click(sim(window).panel.run_button)
    assert not sim(window).runner.busy
    text = sim(window).panel.info.text()
    assert text.startswith("Not simulated") and "Forgotten step" in text
    assert latest_run(window.workspace, process.id) is None


def test_a_later_as_is_run_marks_the_scenario_columns_as_earlier(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = sim(window).panel
    scenario = next(iter(window.current_process().scenarios.values()))
    run_and_wait(qtbot, window, panel.compare_button)
    header = panel.comparison.horizontalHeaderItem(2).text()
    assert header == scenario.name
    run_and_wait(qtbot, window, panel.run_button)
    assert panel.comparison.horizontalHeaderItem(2).text() == f"{scenario.name} (earlier run)"


def test_a_damaged_stored_setup_is_reported_not_run(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from bpo_desktop.core.model import Record

    process = window.current_process()
    body = {"params": {"arrival": {"interarrival": {"kind": "weibull"}}}}
    window.document.modeling.put_record(
        Record("SimSetup_bad", "sim_setup", process.id, body), "Simulation setup"
    )
    click(sim(window).panel.run_button)
    assert not sim(window).runner.busy
    text = sim(window).panel.info.text()
    assert "Not simulated" in text and "arrival.interarrival.kind" in text
    click(sim(window).panel.setup_button)
    assert "damaged" in sim(window).panel.info.text()
    assert latest_run(window.workspace, process.id) is None


def test_deleting_the_window_during_a_run_cancels_it_without_hanging(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path,
    sample_file,
) -> None:
    """A window deleted mid-run must neither wait for the run nor leave it running."""
    from dataclasses import replace

    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from bpo_desktop.ui.background import drain
    from bpo_desktop.ui.main_window import MainWindow

    own = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert own.open_file(sample_file)
    own.show()
    process = own.current_process()
    setup = sim(own).panel.setup_for_current()
    own.document.modeling.put_record(
        setup_record(own.workspace, process.id, replace(setup, cases=3_000_000)),
        "Simulation setup",
    )
    runner = sim(own).runner
    click(sim(own).panel.run_button)
    qtbot.waitUntil(lambda: runner.progress.value() > 0, timeout=10_000)
    job = runner.job
    assert job is not None
    started = time.monotonic()
    own.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert time.monotonic() - started < 1.0  # the window went at once
    assert drain(5.0)  # and the cancelled run stopped soon after
    assert job.done.is_set()
