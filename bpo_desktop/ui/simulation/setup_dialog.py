"""Simulation > Setup…: the parameters of the shown process in one dialog.

General (arrivals, arrival calendar, cases, horizon, warm-up, replications, seed), Steps
(duration distribution in minutes, wait before, fixed cost, pool), Lanes (staff, cost per hour,
working calendar) and Branches (XOR/OR split and rework probabilities). OK checks everything
first — cells that cannot be read and `core.simulation.validate` errors, each naming its element
— and only closes when the model can be simulated. A cell left as it was keeps its exact stored
value (a Prosimos distribution's bounds, a calendar's seconds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import NodeKind, Process
from bpo_desktop.core.simulation import (
    ArrivalParams,
    DistKind,
    Distribution,
    PoolParams,
    TaskParams,
    WeeklyCalendar,
    validate,
)
from bpo_desktop.core.simulation.store import SimSetup
from bpo_desktop.core.simulation.validate import Severity
from bpo_desktop.ui.simulation.calendar_text import (
    PARAM_HINTS,
    calendar_text,
    distribution_text,
    parse_calendar,
    parse_distribution,
)

T = TypeVar("T")
HOUR = 3600.0
UNLIMITED = "unlimited"
SPLITS = (NodeKind.EXCLUSIVE_GATEWAY, NodeKind.INCLUSIVE_GATEWAY, NodeKind.EVENT_BASED_GATEWAY)


def _kind_combo(kind: DistKind) -> QComboBox:
    combo = QComboBox()
    for k in DistKind:
        combo.addItem(str(k), k)
    combo.setCurrentIndex(list(DistKind).index(kind))
    return combo


def _cell(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
    return item


def _number(text: str, what: str) -> float:
    try:
        value = float(text.strip() or "0")
    except ValueError:
        raise ValueError(f"{what}: “{text}” is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what}: expected zero or more, got “{text}”")
    return value


class SetupDialog(QDialog):
    """`result_setup` holds the accepted SimSetup."""

    def __init__(self, process: Process, setup: SimSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simulation.setup_dialog")
        self.setWindowTitle(f"Simulation Setup — {process.name}")
        self.process = process
        self.setup = setup
        self.result_setup: SimSetup | None = None
        params = setup.params
        names = {n.id: n.name or n.id for n in process.nodes()}
        self._step_ids = list(params.tasks)
        self._pool_ids = list(params.pools)

        # -- general ------------------------------------------------------------------
        self.arrival_kind = _kind_combo(params.arrival.interarrival.kind)
        self.arrival_kind.setObjectName("setup.arrival_kind")
        self.arrival_params = QLineEdit(distribution_text(params.arrival.interarrival))
        self.arrival_params.setObjectName("setup.arrival_params")
        self.arrival_params.setToolTip("Minutes between case arrivals")
        self.arrival_calendar = QLineEdit(calendar_text(params.arrival.calendar))
        self.arrival_calendar.setObjectName("setup.arrival_calendar")
        self.arrival_calendar.setPlaceholderText("24/7 or Mon-Fri 09:00-17:00")
        self.cases = QSpinBox()
        self.cases.setObjectName("setup.cases")
        self.cases.setRange(1, 10_000_000)
        self.cases.setGroupSeparatorShown(True)
        self.cases.setValue(setup.cases)
        self.horizon = QDoubleSpinBox()
        self.horizon.setObjectName("setup.horizon")
        self.horizon.setRange(0, 1e7)
        self.horizon.setSuffix(" h")
        self.horizon.setSpecialValueText("none (run every case)")
        self.horizon.setValue((params.horizon_s or 0) / HOUR)
        self.warmup = QDoubleSpinBox()
        self.warmup.setObjectName("setup.warmup")
        self.warmup.setRange(0, 1e7)
        self.warmup.setSuffix(" h")
        self.warmup.setValue(params.warmup_s / HOUR)
        self.replications = QSpinBox()
        self.replications.setObjectName("setup.replications")
        self.replications.setRange(1, 1000)
        self.replications.setValue(setup.replications)
        self.seed = QSpinBox()
        self.seed.setObjectName("setup.seed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(setup.seed)
        general = QWidget()
        form = QFormLayout(general)
        form.addRow("Time between arrivals", self.arrival_kind)
        form.addRow("    parameters (minutes)", self.arrival_params)
        form.addRow("Arrival calendar", self.arrival_calendar)
        form.addRow("Cases per replication", self.cases)
        form.addRow("Horizon", self.horizon)
        form.addRow("Warm-up (left out)", self.warmup)
        form.addRow("Replications", self.replications)
        form.addRow("Random seed", self.seed)

        # -- steps ---------------------------------------------------------------------
        self.steps = QTableWidget(len(self._step_ids), 6)
        self.steps.setObjectName("setup.steps")
        self.steps.setHorizontalHeaderLabels(
            ["Step", "Duration", "Parameters (min)", "Wait before (min)", "Fixed cost", "Pool"]
        )
        for r, step_id in enumerate(self._step_ids):
            task = params.tasks[step_id]
            self.steps.setItem(r, 0, _cell(names.get(step_id, step_id), editable=False))
            combo = _kind_combo(task.duration.kind)
            combo.currentIndexChanged.connect(lambda _i, r=r: self._hint(r))
            self.steps.setCellWidget(r, 1, combo)
            self.steps.setItem(r, 2, _cell(distribution_text(task.duration)))
            wait = "" if task.delay is None else distribution_text(task.delay)
            self.steps.setItem(r, 3, _cell(wait))
            self.steps.setItem(r, 4, _cell(f"{task.fixed_cost:g}"))
            pool = QComboBox()
            pool.addItem("(no pool)", None)
            for pool_id in self._pool_ids:
                pool.addItem(params.pools[pool_id].name, pool_id)
            pool.setCurrentIndex(max(0, pool.findData(task.pool)))
            self.steps.setCellWidget(r, 5, pool)
            self._hint(r)

        # -- lanes ---------------------------------------------------------------------
        self.lanes = QTableWidget(len(self._pool_ids), 4)
        self.lanes.setObjectName("setup.lanes")
        self.lanes.setHorizontalHeaderLabels(["Lane / pool", "Staff", "Cost per hour", "Calendar"])
        for r, pool_id in enumerate(self._pool_ids):
            spec = params.pools[pool_id]
            self.lanes.setItem(r, 0, _cell(spec.name, editable=False))
            staff = UNLIMITED if spec.staff is None else str(spec.staff)
            self.lanes.setItem(r, 1, _cell(staff))
            self.lanes.setItem(r, 2, _cell(f"{spec.cost_per_hour:g}"))
            self.lanes.setItem(r, 3, _cell(calendar_text(spec.calendar)))

        # -- branches ------------------------------------------------------------------
        self._flows = [
            f
            for n in process.nodes()
            if n.kind in SPLITS and n.parent_id is None
            for f in process.flows()
            if f.source == n.id and len([g for g in process.flows() if g.source == n.id]) > 1
        ]
        self.branches = QTableWidget(len(self._flows), 3)
        self.branches.setObjectName("setup.branches")
        self.branches.setHorizontalHeaderLabels(["Split", "Flow to", "Probability"])
        for r, flow in enumerate(self._flows):
            given = params.branches.get(flow.id, flow.probability)
            target = names.get(flow.target, flow.target)
            label = f"{flow.name} → {target}" if flow.name else target
            self.branches.setItem(r, 0, _cell(names.get(flow.source, flow.source), False))
            self.branches.setItem(r, 1, _cell(label, False))
            self.branches.setItem(r, 2, _cell("" if given is None else f"{given:g}"))

        for table in (self.steps, self.lanes, self.branches):
            table.verticalHeader().setVisible(False)
            table.resizeColumnsToContents()
            for column in range(table.columnCount()):  # room to type in short columns
                table.setColumnWidth(column, max(table.columnWidth(column), 110))
            table.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        self.tabs.addTab(self.steps, "Steps")
        self.tabs.addTab(self.lanes, "Lanes")
        self.tabs.addTab(self.branches, "Branches && rework")
        self.problems = QListWidget()
        self.problems.setObjectName("setup.problems")
        self.problems.setMaximumHeight(110)
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("setup.buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Times in minutes; staff “unlimited” for systems. OK checks the model first.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(note)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(860, 520)

    def _hint(self, row: int) -> None:
        combo = self.steps.cellWidget(row, 1)
        item = self.steps.item(row, 2)
        if isinstance(combo, QComboBox) and item is not None:
            item.setToolTip(f"{combo.currentText()}: {PARAM_HINTS[combo.currentData()]}")

    # -- reading -------------------------------------------------------------------------
    def _dist(self, kind: DistKind, text: str, old: Distribution | None) -> Distribution:
        if old is not None and old.kind is kind and distribution_text(old) == text.strip():
            return old  # unchanged: keep the exact stored value
        return parse_distribution(kind, text)

    def build(self) -> tuple[SimSetup | None, list[str], list[str]]:
        """(setup or None, errors, warnings); every message names its element."""
        self._problems: list[str] = []
        params = self.setup.params
        arrival = params.arrival
        kind = self.arrival_kind.currentData()
        gap = self._read(
            "Arrivals", self._dist, kind, self.arrival_params.text(), arrival.interarrival
        )
        calendar = self._calendar(
            "Arrival calendar", self.arrival_calendar.text(), arrival.calendar
        )
        tasks = dict(params.tasks)
        for r, step_id in enumerate(self._step_ids):
            task = self._task(r, params.tasks[step_id])
            if task is not None:
                tasks[step_id] = task
        pools = dict(params.pools)
        for r, pool_id in enumerate(self._pool_ids):
            pool = self._pool(r, params.pools[pool_id])
            if pool is not None:
                pools[pool_id] = pool
        branches = dict(params.branches)
        for r, flow in enumerate(self._flows):
            text = self._text(self.branches, r, 2)
            where = f"Flow {self._text(self.branches, r, 1)}"
            p = self._read(where, _number, text, "probability") if text else None
            if p is not None:
                branches[flow.id] = p
            elif not text:
                branches.pop(flow.id, None)
        if self._problems or gap is None:
            return None, self._problems, []
        new_params = replace(
            params,
            arrival=ArrivalParams(gap, calendar),
            tasks=MappingProxyType(tasks),
            pools=MappingProxyType(pools),
            branches=MappingProxyType(branches),
            warmup_s=self.warmup.value() * HOUR,
            horizon_s=self.horizon.value() * HOUR or None,
        )
        issues = validate(self.process, new_params)
        errors = [i.message for i in issues if i.severity is Severity.ERROR]
        warnings = [i.message for i in issues if i.severity is Severity.WARNING]
        if errors:
            return None, errors, warnings
        cases, reps, seed = self.cases.value(), self.replications.value(), self.seed.value()
        return SimSetup(new_params, cases, reps, seed), [], warnings

    def _read(self, where: str, read: Callable[..., T], *args: Any) -> T | None:
        try:
            return read(*args)
        except ValueError as exc:
            self._problems.append(f"{where}: {exc}")
            return None

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _calendar(
        self, where: str, typed: str, old: WeeklyCalendar | None
    ) -> WeeklyCalendar | None:
        if typed.strip() == calendar_text(old):
            return old  # unchanged: keep the exact stored periods
        return self._read(where, parse_calendar, typed)

    def _task(self, r: int, old: TaskParams) -> TaskParams | None:
        where = f"Step '{self._text(self.steps, r, 0)}'"
        kind = self._combo(self.steps, r, 1)
        duration = self._read(
            f"{where} duration", self._dist, kind, self._text(self.steps, r, 2), old.duration
        )
        wait = self._text(self.steps, r, 3)
        wait_kind = old.delay.kind if old.delay is not None else DistKind.FIXED
        delay = (
            self._read(f"{where} wait", self._dist, wait_kind, wait, old.delay) if wait else None
        )
        cost = self._read(f"{where} fixed cost", _number, self._text(self.steps, r, 4), "cost")
        if duration is None or cost is None or (wait and delay is None):
            return None
        pool = self._combo(self.steps, r, 5)
        return replace(old, duration=duration, delay=delay, fixed_cost=cost, pool=pool)

    def _pool(self, r: int, old: PoolParams) -> PoolParams | None:
        where = f"Lane '{old.name}'"
        staff_text = self._text(self.lanes, r, 1).lower()
        unlimited = staff_text in (UNLIMITED, "")
        staff = None if unlimited else self._read(f"{where} staff", _staff, staff_text)
        rate = self._read(f"{where} cost per hour", _number, self._text(self.lanes, r, 2), "cost")
        calendar = self._calendar(f"{where} calendar", self._text(self.lanes, r, 3), old.calendar)
        if rate is None or (staff is None and not unlimited):
            return None
        return replace(old, staff=staff, cost_per_hour=rate, calendar=calendar)

    @staticmethod
    def _combo(table: QTableWidget, row: int, column: int) -> Any:
        widget = table.cellWidget(row, column)
        return widget.currentData() if isinstance(widget, QComboBox) else None

    def accept(self) -> None:
        setup, errors, warnings = self.build()
        self.problems.clear()
        for message in errors:
            self.problems.addItem(f"✖ {message}")
        for message in warnings:
            self.problems.addItem(f"⚠ {message}")
        self.problems.setVisible(bool(errors or warnings))
        if setup is None:
            return
        self.result_setup = setup
        super().accept()


def _staff(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"“{text}”: a whole number of people, or “unlimited”") from None
    if value < 0 or value != int(value):
        raise ValueError(f"“{text}”: a whole number of people, or “unlimited”")
    return int(value)
