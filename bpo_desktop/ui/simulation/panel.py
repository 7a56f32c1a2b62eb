"""The Simulation dock: Setup…, Run and Compare; the KPI table, the charts and the scenario
comparison of the latest stored runs; the heat-map metric; the workshop token animation.

What it shows always comes from the `sim_run` records of the shown process (the latest as-is
run, and the latest run of each scenario for the comparison), so a file reopened tomorrow shows
what was run today.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from bpo_desktop.core.simulation.codec import CodecError
from bpo_desktop.core.simulation.store import (
    SimSetup,
    StoredRun,
    comparison_runs,
    effective_setup,
    latest_run,
)
from bpo_desktop.ui.simulation.charts import RunCharts
from bpo_desktop.ui.simulation.heatmap import UTILISATION, WAITING
from bpo_desktop.ui.simulation.tables import (
    KPI_COLUMNS,
    comparison_rows,
    fill_table,
    kpi_rows,
    make_table,
)

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow
    from bpo_desktop.ui.simulation.install import Simulation


SIDE_WIDTH = 220


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


class SimulationPanel(QWidget):
    def __init__(self, window: MainWindow, sim: Simulation) -> None:
        super().__init__()
        self.setObjectName("simulation")
        self._window = window
        self._sim = sim
        self.run: StoredRun | None = None
        name = "simulation.button."
        self.setup_button = _button("Setup…", name + "setup", "Arrivals, durations, staff…")
        self.run_button = _button("Run", name + "run", "Simulate the as-is process (F9)")
        self.compare_button = _button(
            "Compare Scenarios",
            name + "compare",
            "Run the as-is process and each scenario (Shift+F9)",
        )
        self.heat_metric = QComboBox()
        self.heat_metric.setObjectName("simulation.heat_metric")
        self.heat_metric.addItem("Heat map: waiting", WAITING)
        self.heat_metric.addItem("Heat map: utilisation", UTILISATION)
        self.heat_metric.setToolTip("What View > Simulation Heat Map colours the steps by")
        self.play = _button("▶ Play", "simulation.play", "Animate 20 cases moving through")
        self.pause = _button("❚❚", "simulation.pause", "Pause the animation")
        self.stop = _button("■", "simulation.stop", "Stop the animation")
        self.clock = QLabel()
        self.clock.setObjectName("simulation.clock")
        self.info = QLabel("No simulation run yet: Setup… then Run")
        self.info.setObjectName("simulation.info")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.kpis = make_table("simulation.kpis")
        self.charts = RunCharts()
        self.comparison = make_table("simulation.comparison")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("simulation.tabs")
        self.tabs.addTab(self.kpis, "KPIs")
        self.tabs.addTab(self.charts, "Charts")
        self.tabs.addTab(self.comparison, "Comparison")

        # Controls in a column beside the tabs (like the Analysis dock), so the dock stays
        # narrow enough to share the bottom area between the side docks.
        side = QWidget()
        side.setObjectName("simulation.controls")
        side.setFixedWidth(SIDE_WIDTH)
        grid = QGridLayout(side)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.setup_button, 0, 0)
        grid.addWidget(self.run_button, 0, 1)
        grid.addWidget(self.compare_button, 1, 0, 1, 2)
        grid.addWidget(self.heat_metric, 2, 0, 1, 2)
        player = QHBoxLayout()
        for widget in (self.play, self.pause, self.stop):
            player.addWidget(widget)
        grid.addLayout(player, 3, 0, 1, 2)
        grid.addWidget(self.clock, 4, 0, 1, 2)
        grid.addWidget(self.info, 5, 0, 1, 2)
        grid.setRowStretch(6, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(side)
        layout.addWidget(self.tabs, 1)
        self.show_latest()

    # -- showing stored runs -------------------------------------------------------------
    def show_latest(self) -> None:
        """The latest stored as-is run of the shown process, and the comparison."""
        workspace, process = self._window.workspace, self._window.current_process()
        self.run = None
        if workspace is not None and process is not None:
            self.run = latest_run(workspace, process.id)
        self._fill()

    def _fill(self) -> None:
        run = self.run
        if run is None:
            self.kpis.clear()
            self.kpis.setRowCount(0)
            self.charts.clear()
            self.comparison.setRowCount(0)
            self._sim.heat.set_data(None, None)
            self.info.setText(self._idle_text())
            return
        fill_table(self.kpis, KPI_COLUMNS, kpi_rows(run.kpis))
        self.charts.show_run(run.charts)
        self._sim.heat.set_data(run.kpis, run.charts)
        self._fill_comparison()
        when = run.created_at.replace("T", " ")[:16]
        warnings = run.kpis.get("warnings")
        note = ""
        if isinstance(warnings, list | tuple) and warnings:
            note = f"\n⚠ {warnings[0]}" + (
                f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
            )
        wall = run.kpis.get("wall_s")
        took = f" in {wall:.2f} s" if isinstance(wall, float) and math.isfinite(wall) else ""
        self.info.setText(
            f"Latest run {when} UTC: {run.cases:,} cases x {run.replications} replication(s), "
            f"seed {run.seed}{took}, BPO Desktop {run.app_version}{note}"
        )

    def _idle_text(self) -> str:
        if self._window.current_process() is None:
            return "No process shown"
        return "No simulation run yet: Simulation > Setup… to set arrivals and staff, then Run (F9)"

    def _fill_comparison(self) -> None:
        workspace, process = self._window.workspace, self._window.current_process()
        if self.run is None or workspace is None or process is None:
            self.comparison.setRowCount(0)
            return
        _, pairs = comparison_runs(workspace, process.id)
        others = []
        for name, found in pairs:
            together = found.batch is not None and found.batch == self.run.batch
            others.append((name if together else f"{name} (earlier run)", found.kpis))
        header, rows = comparison_rows(self.run.kpis, others)
        fill_table(self.comparison, header, rows)
        if not others:
            self.comparison.setRowCount(len(rows))

    def show_message(self, text: str) -> None:
        self.info.setText(text)

    def setup_for_current(self) -> SimSetup | None:
        workspace, process = self._window.workspace, self._window.current_process()
        if workspace is None or process is None:
            return None
        try:
            return effective_setup(workspace, process)
        except CodecError as exc:
            self.show_message(f"The stored simulation setup is damaged ({exc}); using defaults.")
            return None

    def table(self, name: str) -> QTableWidget:
        return {"kpis": self.kpis, "comparison": self.comparison}[name]
