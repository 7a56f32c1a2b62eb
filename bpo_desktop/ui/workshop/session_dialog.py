"""Workshop > New Session… / Edit Session…: who, where, why, and the timeboxed agenda (W1).

Window-modal but opened with `open()` (never `exec()`), so tests fill it and press OK; the
result is `session()` and the caller stores it. The total is compared with the slot live:
"Agenda exceeds slot by 10 min". A template (W15) fills the agenda.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop.agendas import TEMPLATES, template_agenda
from bpo_desktop.core.workshop.model import AgendaItem, Participant, WorkshopSession

_NO_TEMPLATE = "Apply a template…"


class SessionDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        session: WorkshopSession,
        new_id: Callable[[str], str],
        parent: QWidget | None = None,
        *,
        is_new: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshop.session_dialog")
        self.setWindowTitle("New Workshop Session" if is_new else "Edit Workshop Session")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._base = session
        self._new_id = new_id
        self._agenda_ids: list[str] = []
        self._participant_ids: list[str] = []

        self.title = QLineEdit(session.title)
        self.date = QDateEdit(QDate.fromString(session.date, Qt.DateFormat.ISODate))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.place = QLineEdit(session.place)
        self.facilitator = QLineEdit(session.facilitator)
        self.scribe = QLineEdit(session.scribe)
        self.process = QComboBox()
        for process in workspace.processes.values():
            self.process.addItem(process.name, process.id)
        index = self.process.findData(session.process_id)
        self.process.setCurrentIndex(max(0, index))
        self.purpose = QPlainTextEdit(session.purpose)
        self.purpose.setFixedHeight(56)
        self.deliverables = QLineEdit(session.deliverables)
        self.slot = QSpinBox()
        self.slot.setRange(0, 24 * 60)
        self.slot.setSuffix(" min")
        self.slot.setSpecialValueText("no slot")
        self.slot.setValue(session.slot_min)
        for name, widget in [
            ("title", self.title),
            ("date", self.date),
            ("place", self.place),
            ("facilitator", self.facilitator),
            ("scribe", self.scribe),
            ("process", self.process),
            ("purpose", self.purpose),
            ("deliverables", self.deliverables),
            ("slot", self.slot),
        ]:
            widget.setObjectName(f"session.{name}")

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.date)
        form.addRow("&Place:", self.place)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("&Scribe:", self.scribe)
        form.addRow("P&rocess:", self.process)
        form.addRow("P&urpose:", self.purpose)
        form.addRow("Deli&verables:", self.deliverables)
        form.addRow("S&lot:", self.slot)

        self.participants = self._table("session.participants", ["Name", "Role"])
        for person in session.participants:
            self._add_participant_row(person.name, person.role, person.id)
        people = QGroupBox("Participants")
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.participants)
        people_layout.addLayout(self._row_buttons(self.participants, self._add_participant_row))

        self.total = QLabel()
        self.total.setObjectName("session.total")
        self.total.setWordWrap(True)
        self.agenda = self._table("session.agenda", ["Agenda item", "Minutes"])
        for item in session.agenda:
            self._add_agenda_row(item.title, item.planned_min, item.id)
        self.template = QComboBox()
        self.template.setObjectName("session.template")
        self.template.addItems([_NO_TEMPLATE, *TEMPLATES])
        self.template.activated.connect(self._apply_template)
        agenda_box = QGroupBox("Agenda")
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(self.agenda)
        buttons = self._row_buttons(self.agenda, lambda: self._add_agenda_row("New item", 15))
        buttons.addWidget(self.template)
        agenda_layout.addLayout(buttons)
        agenda_layout.addWidget(self.total)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setObjectName("session.problem")
        self.problem.setStyleSheet("color: #b00020;")

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(people, 1)
        columns.addLayout(left, 1)
        columns.addWidget(agenda_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.slot.valueChanged.connect(self._update_total)
        self.agenda.itemChanged.connect(self._update_total)
        self._update_total()
        self.resize(900, 600)

    # -- tables ---------------------------------------------------------------------------
    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setMinimumHeight(140)
        return table

    def _row_buttons(self, table: QTableWidget, add: Callable[[], object]) -> QHBoxLayout:
        row = QHBoxLayout()
        add_button = QPushButton("Add")
        add_button.setObjectName(f"{table.objectName()}.add")
        add_button.clicked.connect(lambda: add())
        remove = QPushButton("Remove")
        remove.setObjectName(f"{table.objectName()}.remove")
        remove.clicked.connect(lambda: self._remove_row(table))
        row.addWidget(add_button)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row < 0:
            return
        ids = self._agenda_ids if table is self.agenda else self._participant_ids
        del ids[row]
        table.removeRow(row)
        self._update_total()

    def _add_participant_row(self, name: str = "", role: str = "", pid: str = "") -> int:
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        self.participants.setItem(row, 0, QTableWidgetItem(name))
        self.participants.setItem(row, 1, QTableWidgetItem(role))
        self._participant_ids.append(pid or self._new_id("Participant"))
        return row

    def add_participant(self, name: str, role: str = "") -> None:
        self._add_participant_row(name, role)

    def _add_agenda_row(self, title: str, minutes: int, item_id: str = "") -> int:
        row = self.agenda.rowCount()
        self.agenda.blockSignals(True)
        self.agenda.insertRow(row)
        self.agenda.setItem(row, 0, QTableWidgetItem(title))
        spin = QSpinBox()
        spin.setRange(1, 600)
        spin.setValue(minutes)
        spin.setSuffix(" min")
        spin.valueChanged.connect(self._update_total)
        self.agenda.setCellWidget(row, 1, spin)
        self.agenda.blockSignals(False)
        self._agenda_ids.append(item_id or self._new_id("Agenda"))
        self._update_total()
        return row

    def add_agenda_item(self, title: str, minutes: int) -> None:
        self._add_agenda_row(title, minutes)

    def _apply_template(self, index: int) -> None:
        name = self.template.itemText(index)
        if name == _NO_TEMPLATE:
            return
        self.agenda.setRowCount(0)
        self._agenda_ids.clear()
        for item in template_agenda(name, self._new_id):
            self._add_agenda_row(item.title, item.planned_min, item.id)
        if not self.slot.value():
            self.slot.setValue(sum(m for _, m in TEMPLATES[name]))
        self.template.setCurrentIndex(0)

    # -- result ---------------------------------------------------------------------------
    def _minutes(self, row: int) -> int:
        spin = self.agenda.cellWidget(row, 1)
        return spin.value() if isinstance(spin, QSpinBox) else 0

    def _update_total(self, *_args: object) -> None:
        session = self.session()
        text = f"Total {session.planned_min} min"
        if session.slot_min:
            text += f" in a {session.slot_min}-min slot"
        if session.overrun_min:
            text += f": agenda exceeds slot by {session.overrun_min} min"
            self.total.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.total.setStyleSheet("")
        self.total.setText(text)

    def session(self) -> WorkshopSession:
        """The session as the dialog shows it now (timer logs of kept items are kept)."""
        old_items = {item.id: item for item in self._base.agenda}
        agenda = []
        for row, item_id in enumerate(self._agenda_ids):
            cell = self.agenda.item(row, 0)
            title = cell.text().strip() if cell else ""
            old = old_items.get(item_id)
            minutes = self._minutes(row)
            agenda.append(
                replace(old, title=title, planned_min=minutes)
                if old
                else AgendaItem(item_id, title, minutes)
            )
        people = []
        for row, pid in enumerate(self._participant_ids):
            name_cell, role_cell = self.participants.item(row, 0), self.participants.item(row, 1)
            name = name_cell.text().strip() if name_cell else ""
            if name:
                people.append(Participant(pid, name, role_cell.text().strip() if role_cell else ""))
        return replace(
            self._base,
            title=self.title.text().strip(),
            date=self.date.date().toString(Qt.DateFormat.ISODate),
            place=self.place.text().strip(),
            facilitator=self.facilitator.text().strip(),
            scribe=self.scribe.text().strip(),
            process_id=self.process.currentData(),
            purpose=self.purpose.toPlainText().strip(),
            deliverables=self.deliverables.text().strip(),
            slot_min=self.slot.value(),
            participants=tuple(people),
            agenda=tuple(a for a in agenda if a.title),
        )

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.problem.setText("The session needs a title.")
            self.title.setFocus()
            return
        self.accept()
