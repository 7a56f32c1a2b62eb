"""The Analysis dock: key metrics of the shown process (PRODUCT.md N1-N13), the as-is vs
scenario comparison with deltas, and canvas highlights for the critical path and off-system
work. `install_analysis_docks` adds this dock, Problems and the Planning sheet to a window.

Metrics are computed on a snapshot (`process.copy()`) on a worker thread, debounced after
edits; `updated` fires when the figures on screen change.
"""

from __future__ import annotations

import math
from collections import deque
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.analysis import (
    AnalysisOptions,
    Comparison,
    ProcessMetrics,
    analyze,
    compare,
)
from bpo_desktop.core.model import (
    Flow,
    FlowKind,
    Node,
    Process,
    ScenarioError,
    System,
    effective_process,
)
from bpo_desktop.ui.background import BackgroundRunner
from bpo_desktop.ui.canvas.items import FlowItem, NodeItem

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

DEBOUNCE_MS = 250
AS_IS = "As-is"


def _hours(v: float) -> str:
    return f"{v:.2f} h" if math.isfinite(v) else "∞"


def _pct(v: float) -> str:
    return f"{v * 100:.2f} %" if math.isfinite(v) else "-"


def _money(v: float) -> str:
    return f"{v:,.2f}" if math.isfinite(v) else "∞"


def _num(v: float) -> str:
    return f"{v:g}" if math.isfinite(v) else "∞"


def metric_rows(m: ProcessMetrics) -> list[tuple[str, str, str]]:
    """(key, label, shown value) of the figures the dock lists."""
    media = ", ".join(f"{k} {_num(v)}" for k, v in m.handoffs_by_medium().items())
    rows = [
        ("lead_time_h", "Lead time (end-to-end cycle time)", _hours(m.lead_time_h)),
        ("touch_time_min", "Touch time", f"{_num(m.touch_time_min)} min"),
        ("wait_time_h", "Wait time", _hours(m.wait_time_h)),
        ("pce", "Process cycle efficiency", _pct(m.pce)),
        ("cost_per_case", "Cost per case", _money(m.cost_per_case)),
        ("handoffs", "Handoffs", f"{_num(m.handoff_count)}" + (f" ({media})" if media else "")),
        ("off_system_share", "Off-system share of touch", _pct(m.off_system_share)),
        ("off_system_steps", "Off-system steps", str(len(m.off_system_steps))),
    ]
    total = m.touch_time_min
    for step in m.off_system_steps:  # each off-system step with its share of touch time
        share = step.visits * step.touch_min / total if total else 0.0
        value = f"{step.system}, {_num(step.touch_min)} min ({_pct(share)})"
        rows.append((f"off_system:{step.id}", f"    {step.name}", value))
    capacity = m.capacity
    if capacity is not None:
        rows.append(("takt", "Takt time", f"{_num(round(capacity.takt_min, 2))} min"))
        peak = max((lane.utilisation for lane in capacity.lanes), default=0.0)
        rows.append(("bottleneck", "Bottleneck", f"{capacity.bottleneck or '-'} ({_pct(peak)})"))
    return rows


def _delta_text(key: str, comparison: Comparison) -> tuple[str, str]:
    """The scenario's value and the delta, for the rows the comparison has."""
    try:
        row = comparison.row(key)
    except StopIteration:
        return "", ""
    if row.unit == "fraction":
        after, delta = _pct(row.after), f"{row.delta * 100:+.2f} pp"
    elif row.unit == "h":
        after, delta = _hours(row.after), f"{row.delta:+.2f} h"
    elif row.unit == "currency":
        after, delta = _money(row.after), f"{row.delta:+,.2f}"
    else:
        unit = f" {row.unit}" if row.unit == "min" else ""
        after, delta = f"{_num(round(row.after, 2))}{unit}", f"{row.delta:+.4g}{unit}"
    if row.delta_pct is not None and row.unit != "fraction":
        delta += f" ({row.delta_pct:+.1f} %)"
    return after, delta


def critical_flows(process: Process, steps: tuple[str, ...]) -> set[str]:
    """Sequence flows joining consecutive critical steps (through gateways and events)."""
    outgoing: dict[str, list[Flow]] = {}
    for flow in process.flows():
        if flow.kind is FlowKind.SEQUENCE:
            outgoing.setdefault(flow.source, []).append(flow)
    found: set[str] = set()
    for a, b in pairwise(steps):
        parent: dict[str, tuple[str, str] | None] = {a: None}
        queue = deque([a])
        while queue:
            here = queue.popleft()
            if here == b:
                break
            for flow in outgoing.get(here, []):
                target = process.elements.get(flow.target)
                if flow.target in parent or not isinstance(target, Node):
                    continue
                if flow.target != b and target.kind.is_activity:
                    continue  # the path runs through other activities: not this hop
                parent[flow.target] = (here, flow.id)
                queue.append(flow.target)
        node = b
        while parent.get(node) is not None:
            prev, flow_id = parent[node]  # type: ignore[misc]
            found.add(flow_id)
            node = prev
    return found


def analyse_snapshot(
    snapshot: Process, systems: dict[str, System], options: AnalysisOptions, scenario: str | None
) -> tuple[ProcessMetrics, Comparison | None, str]:
    """Metrics of the snapshot and, when a scenario is chosen, the comparison (worker thread)."""
    metrics = analyze(snapshot, systems, options)
    if scenario is None or not any(s.name == scenario for s in snapshot.scenarios.values()):
        return metrics, None, ""
    try:
        after_process = effective_process(snapshot, scenario)
        after = analyze(after_process, systems, options, scenario=scenario)
    except (ScenarioError, ValueError) as exc:  # a scenario that no longer applies
        return metrics, None, f"\nScenario “{scenario}” cannot be analysed: {exc}"
    comparison = compare(
        metrics, after, before_process=snapshot, after_process=after_process, systems=systems
    )
    return metrics, comparison, ""


class AnalysisPanel(QWidget):
    updated = Signal()  # new figures (or none) are shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._runner = BackgroundRunner(self)
        self.setObjectName("analysis")
        self._window = window
        self.metrics: ProcessMetrics | None = None
        self.comparison: Comparison | None = None
        self._stale = True  # the figures do not match the model (computed when shown)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)

        self.scenario = QComboBox()
        self.scenario.setObjectName("analysis.scenario")
        self.scenario.setToolTip("Compare the as-is process with one of its scenarios")
        self.demand = QDoubleSpinBox()
        self.demand.setObjectName("analysis.demand")
        self.demand.setRange(0, 1_000_000)
        self.demand.setDecimals(1)
        self.demand.setValue(12)
        self.demand.setSuffix(" cases/day")
        self.demand.setSpecialValueText("no demand")
        self.demand.setToolTip("Demand for takt time and bottleneck (0: leave them out)")
        self.critical = QCheckBox("Show critical path")
        self.critical.setObjectName("analysis.critical_path")
        self.off_system = QCheckBox("Off-system work")
        self.off_system.setObjectName("analysis.off_system")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("analysis.table")
        self.table.setHorizontalHeaderLabels(["Metric", AS_IS, "Scenario", "Δ"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.critical_label = QLabel()
        self.critical_label.setObjectName("analysis.critical_steps")
        self.critical_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Compare with", self.scenario)
        form.addRow("Demand", self.demand)
        toggles = QHBoxLayout()
        toggles.addWidget(self.critical)
        toggles.addWidget(self.off_system)
        toggles.addStretch(1)
        side = QWidget()
        side.setMaximumWidth(320)
        controls = QVBoxLayout(side)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addLayout(form)
        controls.addLayout(toggles)
        controls.addWidget(self.critical_label)
        controls.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(side)
        layout.addWidget(self.table, 1)

        self.scenario.currentIndexChanged.connect(lambda _i: self.refresh_now())
        self.demand.valueChanged.connect(lambda _v: self.schedule())
        self.critical.toggled.connect(lambda _on: self.apply_highlights())
        self.off_system.toggled.connect(lambda _on: self.apply_highlights())

    def schedule(self) -> None:
        self._timer.start()

    def process_changed(self) -> None:
        """Another process is shown: new scenario choices, figures and highlights."""
        process = self._window.current_process()
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItem(AS_IS, None)
        if process is not None:
            for scenario in process.scenarios.values():
                self.scenario.addItem(scenario.name, scenario.name)
        self.scenario.blockSignals(False)
        self.schedule()  # a moment later: not in the way of drawing the process

    def shown(self, visible: bool) -> None:
        """The dock became visible (its tab raised, or it was opened): catch up."""
        if visible and self._stale:
            self.refresh_now()

    def _on_screen(self) -> bool:
        # A dock behind another tab stays "visible" but is moved off-screen by Qt.
        return self.isVisible() and not self.visibleRegion().isEmpty()

    @property
    def busy(self) -> bool:
        """A computation is due or running; `updated` fires when its figures are shown."""
        return self._runner.busy or self._timer.isActive()

    def refresh_now(self) -> None:
        """Analyse the shown process now, on a worker thread (about 0.2 s at 5,000 elements).
        While the dock is hidden and nothing is highlighted this waits until it is shown."""
        self._timer.stop()
        if not self._on_screen() and not (self.critical.isChecked() or self.off_system.isChecked()):
            self._stale = True
            return
        self._stale = False
        process = self._window.current_process()
        workspace = self._window.workspace
        if process is None or workspace is None:
            self._runner.cancel()
            self.metrics = self.comparison = None
            self.table.setRowCount(0)
            self.critical_label.setText("No process shown")
            self.apply_highlights()
            self.updated.emit()
            return
        snapshot = process.copy()  # taken here: the worker never sees a model being edited
        systems = dict(workspace.systems)
        options = AnalysisOptions(demand_per_day=self.demand.value() or None)
        name = self.scenario.currentData()
        self._runner.submit(
            lambda: analyse_snapshot(snapshot, systems, options, name),
            self._show,
            self._show_failure,
        )

    def _show(self, result: tuple[ProcessMetrics, Comparison | None, str]) -> None:
        self.metrics, self.comparison, problem = result
        self._fill_table()
        names = self.metrics.critical_path_names
        path = "Critical path: " + " → ".join(names) if names else ""
        self.critical_label.setText(path + problem)
        self.apply_highlights()
        self.updated.emit()

    def _show_failure(self, message: str) -> None:
        self.metrics = self.comparison = None
        self.table.setRowCount(0)
        self.critical_label.setText(f"This process cannot be analysed: {message}")
        self.apply_highlights()
        self.updated.emit()

    def _fill_table(self) -> None:
        assert self.metrics is not None
        rows = metric_rows(self.metrics)
        self.table.setRowCount(len(rows))
        for r, (key, label, value) in enumerate(rows):
            after, delta = _delta_text(key, self.comparison) if self.comparison else ("", "")
            for c, text in enumerate((label, value, after, delta)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, key)
                if c:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, cell)
        scenario = self.scenario.currentText() if self.comparison else "Scenario"
        self.table.setHorizontalHeaderItem(2, QTableWidgetItem(scenario))
        self.table.setColumnHidden(2, self.comparison is None)
        self.table.setColumnHidden(3, self.comparison is None)

    def value(self, key: str, column: int = 1) -> str:
        """The shown text of a metric row (tests, screenshots)."""
        for r in range(self.table.rowCount()):
            cell = self.table.item(r, 0)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == key:
                shown = self.table.item(r, column)
                return shown.text() if shown is not None else ""
        raise KeyError(key)

    def apply_highlights(self) -> None:
        """Mark critical path steps and flows and off-system steps on the canvas."""
        scene = self._window.scene
        process = self._window.current_process()
        wanted: dict[str, set[str]] = {}
        if self.metrics is not None and process is not None:
            if self.critical.isChecked():
                path = self.metrics.critical_path
                for element_id in (*path, *critical_flows(process, path)):
                    wanted.setdefault(element_id, set()).add("critical")
            if self.off_system.isChecked():
                for step in self.metrics.off_system_steps:
                    wanted.setdefault(step.id, set()).add("off_system")
        for item in scene.element_items():
            if isinstance(item, NodeItem | FlowItem):
                item.set_decoration(marks=frozenset(wanted.get(item.element_id, ())))

    def marked(self, mark: str) -> set[str]:
        """Ids of the canvas items carrying `mark` (tests)."""
        return {i.element_id for i in self._window.scene.element_items() if mark in i.marks}


def install_analysis_docks(w: MainWindow) -> None:
    """Problems, Analysis and Planning docks; they follow the document and the shown process."""
    from bpo_desktop.ui.panels.planning import PlanningPanel, register_note_actions
    from bpo_desktop.ui.panels.problems import ProblemsPanel

    problems = ProblemsPanel(w)
    analysis = AnalysisPanel(w)
    planning = PlanningPanel(w)
    w.problems, w.analysis, w.planning = problems, analysis, planning  # type: ignore[attr-defined]
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    # The bottom docks sit under the canvas only: the side columns keep the full height.
    w.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    w.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    w.add_dock("problems", "Problems", problems, bottom)
    w.add_dock("analysis", "Analysis", analysis, bottom)
    w.add_dock("planning", "Planning Sheet", planning, bottom)
    w.tabifyDockWidget(w.docks["problems"], w.docks["analysis"])
    w.tabifyDockWidget(w.docks["analysis"], w.docks["planning"])
    w.docks["problems"].raise_()
    w.docks["analysis"].visibilityChanged.connect(analysis.shown)
    problems.when_shown.watch(w.docks["problems"])
    planning.when_shown.watch(w.docks["planning"])
    w.resizeDocks([w.docks["problems"]], [230], Qt.Orientation.Vertical)

    def on_elements_changed(_change: object) -> None:
        problems.schedule()
        analysis.schedule()
        planning.model_changed()

    def on_process_shown() -> None:
        problems.schedule()  # after the first paint of the newly shown process
        analysis.process_changed()
        planning.process_changed()

    def on_document() -> None:
        if w.document is not None:
            w.document.elements_changed.connect(on_elements_changed)

    w.document_changed.connect(on_document)
    w.process_shown.connect(on_process_shown)  # type: ignore[attr-defined]
    w.canvas.selection_changed.connect(planning.selection_changed)
    # Drilled in or out: every item was drawn anew, so the marks and badges go on again.
    w.scene.plane_changed.connect(analysis.apply_highlights)
    w.scene.plane_changed.connect(planning.apply_badges)
    register_note_actions(w, planning)
