"""Wires simulation into the main window: the Simulation menu, the dock, View > Simulation Heat
Map, and keeping them in step with the document and the shown process.

    Simulation > Setup…            the parameters of the shown process (a sim_setup record)
    Simulation > Run (F9)          simulate it on a worker thread (progress + Cancel below)
    Simulation > Compare Scenarios as-is and every scenario, side by side with deltas
    Simulation > Play Animation    20 cases as tokens moving through the diagram
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMenuBar

from bpo_desktop.core.editing import ChangeSet
from bpo_desktop.core.simulation import SimulationError
from bpo_desktop.core.simulation.store import SimSetup, setup_record
from bpo_desktop.ui.simulation.animation import TokenAnimation
from bpo_desktop.ui.simulation.heatmap import HeatMap
from bpo_desktop.ui.simulation.inspector_section import SimulationSection
from bpo_desktop.ui.simulation.panel import SimulationPanel
from bpo_desktop.ui.simulation.runner import SimulationRunner
from bpo_desktop.ui.simulation.setup_dialog import SetupDialog
from bpo_desktop.ui.simulation.worker import Finished

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

SETUP_LABEL = "Simulation setup"
RECORD_PREFIXES = ("SimRun_", "SimSetup_")  # ids `store` gives its records


class Simulation:
    """The window's simulation feature; `w.simulation` (tests and screenshots reach it)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.heat = HeatMap(window)
        self.runner = SimulationRunner(window)
        self.animation = TokenAnimation(window)
        self.panel = SimulationPanel(window, self)
        self.section = SimulationSection(window)  # under the Properties inspector
        self.setup_dialog: SetupDialog | None = None
        p = self.panel
        p.setup_button.clicked.connect(self.open_setup)
        p.run_button.clicked.connect(lambda: self.run())
        p.compare_button.clicked.connect(lambda: self.run(compare=True))
        p.heat_metric.currentIndexChanged.connect(
            lambda _i: self.heat.set_metric(p.heat_metric.currentData())
        )
        p.play.clicked.connect(self.play)
        p.pause.clicked.connect(self.animation.pause)
        p.stop.clicked.connect(self.animation.stop)
        self.animation.clock.connect(lambda t: p.clock.setText(_clock(t)))
        self.animation.state_changed.connect(self._animation_state)
        self.runner.started.connect(self._busy_changed)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self._animation_state("stopped")

    # -- commands ------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog | None:
        """Open Setup… (window-modal, not blocking); OK stores a sim_setup record."""
        process = self.window.current_process()
        setup = self.panel.setup_for_current()
        if process is None or setup is None:
            return None
        dialog = SetupDialog(process, setup, self.window)
        dialog.accepted.connect(lambda: self._store_setup(process.id, dialog.result_setup))
        dialog.finished.connect(dialog.deleteLater)
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _store_setup(self, process_id: str, setup: SimSetup | None) -> None:
        document = self.window.document
        if document is None or setup is None or process_id not in document.workspace.processes:
            return
        record = setup_record(document.workspace, process_id, setup)
        document.modeling.put_record(record, SETUP_LABEL)
        self.window.statusBar().showMessage("Simulation setup stored (Edit > Undo to revert)", 4000)

    def run(self, *, compare: bool = False) -> bool:
        self.animation.stop()
        if self.runner.start(compare=compare):
            what = "as-is and every scenario" if compare else "the as-is process"
            self.panel.show_message(f"Simulating {what}…")
            return True
        return False

    def play(self) -> None:
        if self.animation.state == "paused":
            self.animation.play()
            return
        process, setup = self.window.current_process(), self.panel.setup_for_current()
        if process is None or setup is None:
            return
        try:
            self.animation.prepare(process.copy(), setup)
        except SimulationError as exc:
            self.panel.show_message(f"Cannot animate: {exc}")
            return
        self.animation.play()

    # -- events --------------------------------------------------------------------------
    def _busy_changed(self) -> None:
        busy = self.runner.busy
        self.panel.run_button.setEnabled(not busy)
        self.panel.compare_button.setEnabled(not busy)
        for name in ("simulation.run", "simulation.compare"):
            self.window.registry.action(name).setEnabled(not busy)

    def _finished(self, results: list[Finished]) -> None:
        self._busy_changed()
        self.panel.show_latest()
        if len(results) > 1:
            self.panel.tabs.setCurrentWidget(self.panel.comparison)
        self.window.docks["simulation"].raise_()

    def _failed(self, message: str) -> None:
        self._busy_changed()
        self.panel.show_message(f"Not simulated: {message}")
        self.window.docks["simulation"].raise_()

    def _cancelled(self) -> None:
        self._busy_changed()
        self.panel.show_message("Simulation cancelled: nothing was stored")

    def _animation_state(self, state: str) -> None:
        p = self.panel
        p.play.setEnabled(state != "playing")
        p.pause.setEnabled(state == "playing")
        p.stop.setEnabled(state != "stopped")
        if state == "stopped":
            p.clock.setText("")

    def document_changed(self) -> None:
        self.runner.cancel()
        self.animation.stop()
        if self.window.document is not None:
            self.window.document.elements_changed.connect(self._elements_changed)
        self.panel.show_latest()

    def process_shown(self) -> None:
        self.animation.stop()
        self.panel.show_latest()
        self.section.show_for(None)

    def selection_changed(self) -> None:
        ids = self.window.canvas.selected_ids()
        self.section.show_for(ids[0] if len(ids) == 1 else None)

    def _elements_changed(self, change: ChangeSet) -> None:
        if any(i.startswith(RECORD_PREFIXES) for i in change.ids):
            self.panel.show_latest()  # a run or setup stored, undone or redone
            self.section.show_for(self.section.element_id)
        else:
            self.heat.refresh()  # steps moved: the cells follow


def _clock(seconds: float) -> str:
    day, rest = divmod(seconds, 86400.0)
    return f"day {int(day) + 1}, {int(rest // 3600):02d}:{int(rest % 3600 // 60):02d}"


def install_simulation(w: MainWindow) -> Simulation:
    """Actions, the Simulation dock (tabbed with the other bottom docks) and the wiring."""
    sim = Simulation(w)
    w.simulation = sim  # type: ignore[attr-defined]

    def has_process() -> bool:
        return w.current_process() is not None

    def can_run() -> bool:
        return has_process() and not sim.runner.busy

    add = w.registry.add
    add("simulation.setup", "&Setup…", sim.open_setup, enabled=has_process,
        tip="Arrivals, durations, staff, calendars and branch probabilities")  # fmt: skip
    add("simulation.run", "&Run", lambda: sim.run(), shortcut="F9", enabled=can_run,
        tip="Simulate the shown process on a worker thread")  # fmt: skip
    add("simulation.compare", "&Compare Scenarios", lambda: sim.run(compare=True),
        shortcut="Shift+F9", enabled=can_run,
        tip="Simulate the as-is process and each scenario with the same seed")  # fmt: skip
    add("simulation.cancel", "C&ancel Run", sim.runner.cancel, enabled=lambda: sim.runner.busy)
    add("simulation.animate", "Play &Animation", sim.play, enabled=has_process,
        tip="20 cases as tokens moving through the diagram")  # fmt: skip
    heat = add("view.heat_map", "Simulation &Heat Map", lambda: None, checkable=True,
               tip="Colour the steps by the latest run's waiting or utilisation")  # fmt: skip
    heat.toggled.connect(sim.heat.set_visible)
    w.add_dock(
        "simulation",
        "Simulation",
        sim.panel,
        Qt.DockWidgetArea.BottomDockWidgetArea,
        scrollable=True,
    )
    if "planning" in w.docks:
        w.tabifyDockWidget(w.docks["planning"], w.docks["simulation"])
    w.docks["problems"].raise_() if "problems" in w.docks else None
    w.document_changed.connect(sim.document_changed)
    w.process_shown.connect(sim.process_shown)  # type: ignore[attr-defined]
    w.canvas.selection_changed.connect(sim.selection_changed)
    layout = w.inspector.layout()
    if layout is not None:
        layout.addWidget(sim.section)
    sim.runner.started.connect(w.registry.refresh)
    sim.runner.finished.connect(lambda _r: w.registry.refresh())
    sim.runner.failed.connect(lambda _m: w.registry.refresh())
    sim.runner.cancelled.connect(w.registry.refresh)
    w.destroyed.connect(lambda *_: sim.runner.cancel())
    return sim


def build_menu(w: MainWindow, bar: QMenuBar, before: QMenu | None = None) -> QMenu:
    """The Simulation menu (inserted before `before`, e.g. View)."""
    a = w.registry.action
    menu = QMenu("&Simulation", bar)
    menu.setObjectName("menu.simulation")
    menu.addAction(a("simulation.setup"))
    menu.addSeparator()
    menu.addActions([a("simulation.run"), a("simulation.compare"), a("simulation.cancel")])
    menu.addSeparator()
    menu.addActions([a("simulation.animate"), a("view.heat_map")])
    if before is not None:
        bar.insertMenu(before.menuAction(), menu)
    else:
        bar.addMenu(menu)
    return menu
