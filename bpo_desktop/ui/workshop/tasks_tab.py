"""Parking lot (W9), actions and decisions (W10): one editable table each.

Cells edit in place (Enter commits one undo step); status, disposition and "linked to" are
drop-downs. An owner who is not an attendee is accepted with a warning under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.closing import DISPOSITION_TITLES, owner_warning
from bpo_desktop.core.workshop.items import rankable_items, steps_in_order
from bpo_desktop.core.workshop.model import (
    ActionItem,
    Decision,
    ParkingItem,
    WorkshopSession,
)

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

STATUSES = [
    ("open", "open"),
    ("in_progress", "in progress"),
    ("done", "done"),
    ("dropped", "dropped"),
]
DISPOSITIONS = [(k, v) for k, v in DISPOSITION_TITLES.items() if k]
DISPOSITIONS.insert(0, ("", "—"))


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    choices: list[tuple[str, str]] | None = None  # (value, text); "link": steps and notes
    owner: bool = False  # warn when not an attendee
    stretch: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str  # objectName suffix: "parking", "actions", "decisions"
    noun: str
    columns: tuple[Column, ...]
    listing: Callable[[Workspace, str], list[Any]]
    make: Callable[[str, str, str], Any]  # (id, session id, created_at) -> a new value
    id_prefix: str
    add_text: str


PARKING = TableSpec(
    "parking",
    "parking-lot item",
    (
        Column("what", "What", stretch=True),
        Column("who", "Who", owner=True),
        Column("when", "When"),
        Column("status", "Status", STATUSES),
        Column("disposition", "Disposition", DISPOSITIONS),
        Column("link", "Linked to", []),
    ),
    store.parking_items,
    lambda i, s, t: ParkingItem(i, s, "New parking-lot item", created_at=t),
    "Parking",
    "Add Item",
)
ACTIONS = TableSpec(
    "actions",
    "action",
    (
        Column("what", "What", stretch=True),
        Column("owner", "Who", owner=True),
        Column("due", "Due"),
        Column("status", "Status", STATUSES),
        Column("done_definition", "Done when"),
        Column("link", "Linked to", []),
    ),
    store.actions,
    lambda i, s, t: ActionItem(i, s, "New action", created_at=t),
    "Action",
    "Add Action",
)
DECISIONS = TableSpec(
    "decisions",
    "decision",
    (
        Column("statement", "Decision", stretch=True),
        Column("rationale", "Rationale", stretch=True),
        Column("owner", "Owner", owner=True),
        Column("date", "Date"),
    ),
    store.decisions,
    lambda i, s, t: Decision(i, s, "New decision", created_at=t),
    "Decision",
    "Add Decision",
)


class RecordTable(QWidget):
    def __init__(self, workshop: Workshop, spec: TableSpec) -> None:
        super().__init__()
        self.workshop, self.spec = workshop, spec
        self.values: list[Any] = []
        self._shown: object = None  # what the rows show: (values, link choices, editable)
        self._link_model: QStandardItemModel | None = None
        self.table = QTableWidget(0, len(spec.columns))
        self.table.setObjectName(f"workshop.{spec.name}")
        self.table.setHorizontalHeaderLabels([c.title for c in spec.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(60)
        for n, column in enumerate(spec.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(n, mode)
            if not column.stretch:
                width = {"link": 180, "status": 110, "disposition": 150}.get(column.field, 100)
                self.table.setColumnWidth(n, width)
        self.table.itemChanged.connect(self._cell_edited)
        self.add = QPushButton(spec.add_text)
        self.add.setToolTip(f"Add a {spec.noun}; type it in the new row")
        self.add.setObjectName(f"workshop.{spec.name}.add")
        self.add.clicked.connect(self.add_new)
        self.delete = QPushButton("Delete")
        self.delete.setObjectName(f"workshop.{spec.name}.delete")
        self.delete.clicked.connect(self.delete_current)
        self.message = QLabel()
        self.message.setObjectName(f"workshop.{spec.name}.message")
        self.message.setStyleSheet("color: #a15c00;")
        self.message.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add)
        self.buttons.addWidget(self.delete)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    # -- showing --------------------------------------------------------------------------
    def refresh(self, workspace: Workspace | None, session: WorkshopSession | None) -> None:
        """Rebuild the rows, unless they would show exactly what they show now (most edits
        elsewhere in the model change nothing here)."""
        values = self.spec.listing(workspace, session.id) if workspace and session else []
        has_links = any(c.choices == [] for c in self.spec.columns)
        links = _link_choices(workspace, session) if has_links else []
        editable = session is not None and not session.closed
        shown = (values, links, editable)
        if shown == self._shown:
            return
        self._shown = shown
        self.values = values
        self.table.blockSignals(True)
        current = self.table.currentRow()
        self.table.setRowCount(0)
        self.add.setEnabled(editable)
        self.delete.setEnabled(editable)
        # One model of the link choices for every "Linked to" drop-down of the table.
        link_model = QStandardItemModel(self.table)
        for data, label in links:
            item = QStandardItem(label)
            item.setData(data, Qt.ItemDataRole.UserRole)
            link_model.appendRow(item)
        if self._link_model is not None:
            self._link_model.deleteLater()
        self._link_model = link_model
        for row, value in enumerate(self.values):
            self.table.insertRow(row)
            for n, column in enumerate(self.spec.columns):
                text = str(getattr(value, column.field))
                if column.choices is None:
                    cell = QTableWidgetItem(text)
                    cell.setToolTip(text)
                    if not editable:
                        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, n, cell)
                    continue
                combo = QComboBox()
                combo.setObjectName(f"workshop.{self.spec.name}.{column.field}.{row}")
                # Sized by a few characters, not by measuring every (long) choice.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(6)
                index = -1
                if column.choices == []:
                    combo.setModel(link_model)
                    index = combo.findData(text)
                    if index < 0:  # linked to something gone: this row gets its own list
                        combo.setModel(QStandardItemModel(combo))
                if combo.count() == 0:
                    for data, label in column.choices or links:
                        combo.addItem(label, data)
                    index = combo.findData(text)
                if index < 0:
                    combo.addItem(text or "—", text)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
                combo.setEnabled(editable)
                combo.currentIndexChanged.connect(
                    lambda i, r=row, f=column.field, c=combo: (
                        # -1: its (shared) model is going with the old rows; not an edit
                        self.set_field(r, f, c.currentData()) if i >= 0 else None
                    )
                )
                self.table.setCellWidget(row, n, combo)
        if 0 <= current < self.table.rowCount():
            self.table.setCurrentCell(current, 0)
        self.table.blockSignals(False)

    def row_texts(self) -> list[dict[str, str]]:
        return [{c.field: str(getattr(v, c.field)) for c in self.spec.columns} for v in self.values]

    # -- commands -------------------------------------------------------------------------
    def add_new(self) -> Any:
        session, edits = self.workshop.session(), self.workshop.edits
        if session is None or edits is None:
            return None
        value = self.spec.make(edits.new_id(self.spec.id_prefix), session.id, store.now_iso())
        self.workshop.put(value, f"Add {self.spec.noun}")
        self.workshop.refresh()  # now, to put the new row in edit mode
        row = next((n for n, v in enumerate(self.values) if v.id == value.id), -1)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
            cell = self.table.item(row, 0)
            if cell is not None:
                self.table.editItem(cell)
        return value

    def delete_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.values):
            self.workshop.remove(self.values[row].id, f"Delete {self.spec.noun}")

    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        column = self.spec.columns[cell.column()]
        self.set_field(cell.row(), column.field, cell.text().strip())

    def set_field(self, row: int, field: str, value: str) -> None:
        if not 0 <= row < len(self.values):
            return
        old = self.values[row]
        if getattr(old, field) == value:
            return
        if field in {f.name for f in fields(old)}:
            column = next(c for c in self.spec.columns if c.field == field)
            session = self.workshop.session()
            warning = owner_warning(session, value) if column.owner and session else None
            self.message.setText(f"Warning: {warning}." if warning else "")
            self.workshop.put(replace(old, **{field: value}), f"Edit {self.spec.noun}")


def _link_choices(
    workspace: Workspace | None, session: WorkshopSession | None
) -> list[tuple[str, str]]:
    """Steps, then stickies, weaknesses and constraints of the session's process."""
    choices = [("", "—")]
    process = workspace.processes.get(session.process_id or "") if workspace and session else None
    if process is None or workspace is None:
        return choices
    choices += [(n.id, f"Step: {n.name}") for n in steps_in_order(process) if n.name]
    kinds = ("pain_point", "idea", "question", "risk", "weakness", "constraint", "goal")
    choices += [
        (i.id, f"{i.kind_title}: {i.label}") for i in rankable_items(workspace, process.id, kinds)
    ]
    return choices


def parking_table(workshop: Workshop) -> RecordTable:
    return RecordTable(workshop, PARKING)


def actions_table(workshop: Workshop) -> RecordTable:
    return RecordTable(workshop, ACTIONS)


def decisions_table(workshop: Workshop) -> RecordTable:
    return RecordTable(workshop, DECISIONS)
