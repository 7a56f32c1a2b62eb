"""A "Simulation" group under the Properties inspector for what the model itself cannot say:
a task's duration distribution, a lane's working calendar, and at a start event the arrivals.

Touch time, staff, hourly rate and flow probabilities are model fields the inspector already
edits (the simulation derives its defaults from them). A change here updates the process's
`sim_setup` record (one undo step "Simulation setup"), as Simulation > Setup… does; text that
cannot be read is refused with a message and changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit

from bpo_desktop.core.model import Lane, Node, NodeKind
from bpo_desktop.core.simulation import ArrivalParams, DistKind, Distribution
from bpo_desktop.core.simulation.codec import CodecError
from bpo_desktop.core.simulation.store import SimSetup, effective_setup, setup_record
from bpo_desktop.ui.simulation.calendar_text import (
    PARAM_HINTS,
    calendar_text,
    distribution_text,
    parse_calendar,
    parse_distribution,
)

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

LABEL = "Simulation setup"


class SimulationSection(QGroupBox):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Simulation")
        self.setObjectName("inspector.simulation")
        self._window = window
        self.element_id: str | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("inspector.sim_kind")
        for k in DistKind:
            self.kind.addItem(str(k), k)
        self.numbers = QLineEdit()
        self.numbers.setObjectName("inspector.sim_numbers")
        self.calendar = QLineEdit()
        self.calendar.setObjectName("inspector.sim_calendar")
        self.calendar.setPlaceholderText("24/7 or Mon-Fri 09:00-17:00")
        self.error = QLabel()
        self.error.setObjectName("inspector.sim_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf222e;")
        self.form = QFormLayout(self)
        self.form.addRow("Distribution", self.kind)
        self.form.addRow("Numbers (min)", self.numbers)
        self.form.addRow("Calendar", self.calendar)
        self.form.addRow(self.error)
        self.kind.activated.connect(lambda _i: self._commit_distribution())
        self.numbers.editingFinished.connect(self._commit_distribution)
        self.calendar.editingFinished.connect(self._commit_calendar)
        self.hide()

    # -- what is shown -------------------------------------------------------------------
    def _setup(self) -> SimSetup | None:
        workspace, process = self._window.workspace, self._window.current_process()
        if workspace is None or process is None:
            return None
        try:
            return effective_setup(workspace, process)
        except CodecError:
            return None

    def _role(self, setup: SimSetup | None) -> str | None:
        process = self._window.current_process()
        element = process.elements.get(self.element_id or "") if process else None
        if setup is None or element is None:
            return None
        if isinstance(element, Node) and element.id in setup.params.tasks:
            return "task"
        if isinstance(element, Node) and element.kind is NodeKind.START_EVENT:
            return "start" if element.parent_id is None else None
        if isinstance(element, Lane) and element.id in setup.params.pools:
            return "lane"
        return None

    def show_for(self, element_id: str | None) -> None:
        self.element_id = element_id
        self.error.hide()
        # The setup is derived from the whole process (tens of ms at 5,000 elements): only
        # for one selected element, and once.
        setup = self._setup() if element_id is not None else None
        role = self._role(setup)
        if role is None or setup is None:
            self.hide()
            return
        dist: Distribution | None = None
        calendar = None
        if role == "task":
            dist = setup.params.tasks[element_id or ""].duration
        elif role == "start":
            dist, calendar = setup.params.arrival.interarrival, setup.params.arrival.calendar
        else:
            calendar = setup.params.pools[element_id or ""].calendar
        self.setTitle({"task": "Simulation: duration", "start": "Simulation: arrivals",
                       "lane": "Simulation: working hours"}[role])  # fmt: skip
        for widget in (self.kind, self.numbers):
            self.form.setRowVisible(widget, dist is not None)
        self.form.setRowVisible(self.calendar, role != "task")
        if dist is not None:
            self.kind.setCurrentIndex(list(DistKind).index(dist.kind))
            self.numbers.setText(distribution_text(dist))
            self.numbers.setToolTip(PARAM_HINTS[dist.kind])
        self.calendar.setText(calendar_text(calendar))
        self.show()

    # -- committing ----------------------------------------------------------------------
    def _store(self, setup: SimSetup) -> None:
        document, process = self._window.document, self._window.current_process()
        if document is None or process is None:
            return
        document.modeling.put_record(setup_record(document.workspace, process.id, setup), LABEL)

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _commit_distribution(self) -> None:
        setup = self._setup()
        role = self._role(setup)
        if role not in ("task", "start") or setup is None:
            return
        params = setup.params
        old = (
            params.tasks[self.element_id or ""].duration
            if role == "task"
            else params.arrival.interarrival
        )
        kind, text = self.kind.currentData(), self.numbers.text().strip()
        if kind is old.kind and text == distribution_text(old):
            return
        try:
            dist = parse_distribution(kind, text)
        except ValueError as exc:
            self._refuse(str(exc))
            return
        self.error.hide()
        if role == "task":
            params = params.with_task(self.element_id or "", duration=dist)
        else:
            params = replace(params, arrival=ArrivalParams(dist, params.arrival.calendar))
        self._store(replace(setup, params=params))

    def _commit_calendar(self) -> None:
        setup = self._setup()
        role = self._role(setup)
        if role not in ("lane", "start") or setup is None:
            return
        params = setup.params
        old = (
            params.arrival.calendar
            if role == "start"
            else params.pools[self.element_id or ""].calendar
        )
        if self.calendar.text().strip() == calendar_text(old):
            return
        try:
            calendar = parse_calendar(self.calendar.text())
        except ValueError as exc:
            self._refuse(str(exc))
            return
        self.error.hide()
        if role == "start":
            params = replace(params, arrival=ArrivalParams(params.arrival.interarrival, calendar))
        else:
            pools = dict(params.pools)
            pools[self.element_id or ""] = replace(pools[self.element_id or ""], calendar=calendar)
            params = replace(params, pools=MappingProxyType(pools))
        self._store(replace(setup, params=params))
