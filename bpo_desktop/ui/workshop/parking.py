"""Into the parking lot (W4, W9): the planning-alignment opener, where the room ticks each goal
and constraint it agrees with and whatever is not agreed is parked as "Review constraint K2",
and the quick "Park an Item" prompt reachable from anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Annotation, Process
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.closing import owner_warning, review_item
from bpo_desktop.core.workshop.items import KIND_TITLES
from bpo_desktop.core.workshop.model import ParkingItem, WorkshopSession
from bpo_desktop.ui.workshop.edits import WorkshopEdits

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

PLANNING_KINDS = ("goal", "constraint", "strength", "weakness")


class PlanningCheckDialog(QDialog):
    def __init__(self, process: Process, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshop.planning_check")
        self.setWindowTitle("Planning Sheet Check")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.annotations = [a for a in process.annotations.values() if a.kind in PLANNING_KINDS]
        self.list = QListWidget()
        self.list.setObjectName("planning_check.items")
        for annotation in self.annotations:
            kind = KIND_TITLES.get(str(annotation.kind), str(annotation.kind))
            ref = f"{annotation.ref} " if annotation.ref else ""
            row = QListWidgetItem(f"{kind} {ref}— {annotation.text}")
            row.setToolTip(annotation.text)
            row.setData(Qt.ItemDataRole.UserRole, annotation.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        hint = QLabel(
            f"Planning sheet of {process.name!r}. Untick what the room does not agree with: "
            "each unticked item becomes a parking-lot item to review."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 440)

    def set_agreed(self, annotation_id: str, agreed: bool) -> None:
        for n in range(self.list.count()):
            row = self.list.item(n)
            if row is not None and row.data(Qt.ItemDataRole.UserRole) == annotation_id:
                row.setCheckState(Qt.CheckState.Checked if agreed else Qt.CheckState.Unchecked)

    def not_agreed(self) -> list[Annotation]:
        unticked = set()
        for n in range(self.list.count()):
            row = self.list.item(n)
            if row is not None and row.checkState() != Qt.CheckState.Checked:
                unticked.add(row.data(Qt.ItemDataRole.UserRole))
        return [a for a in self.annotations if a.id in unticked]


def park_not_agreed(
    edits: WorkshopEdits, session: WorkshopSession, annotations: list[Annotation]
) -> int:
    """One parking-lot item per annotation not agreed (none twice); one undo step."""
    parked = {p.link for p in store.parking_items(edits.workspace, session.id)}
    items = [
        review_item(a, session.id, edits.new_id("Parking"), store.now_iso())
        for a in annotations
        if a.id not in parked
    ]
    if items:
        edits.put_all(items, "Park planning items not agreed")
    return len(items)


class ParkPrompt(QDialog):
    """Workshop > Park an Item… (Ctrl+Shift+P) from anywhere: what, and optionally who and when;
    linked to the selected step, if one is selected."""

    def __init__(self, step_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshop.park_prompt")
        self.setWindowTitle("Park an Item")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.what = QLineEdit()
        self.what.setObjectName("park.what")
        self.what.setPlaceholderText("What should be discussed later")
        self.who = QLineEdit()
        self.who.setObjectName("park.who")
        self.when = QLineEdit()
        self.when.setObjectName("park.when")
        form = QFormLayout()
        form.addRow("&What:", self.what)
        form.addRow("W&ho:", self.who)
        form.addRow("Whe&n:", self.when)
        if step_name:
            form.addRow("Step:", QLabel(step_name))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def _accept(self) -> None:
        if self.what.text().strip():
            self.accept()
        else:
            self.what.setFocus()


# -- the two ways in, opened without blocking (tests fill them and press OK) -------------------
def open_planning_check(workshop: Workshop) -> PlanningCheckDialog | None:
    session, workspace = workshop.session(), workshop.workspace()
    process = workspace.processes.get(session.process_id or "") if session and workspace else None
    if session is None or process is None or session.closed:
        return None
    dialog = PlanningCheckDialog(process, workshop.window)

    def park_them() -> None:
        edits = workshop.edits
        if edits is not None and park_not_agreed(edits, session, dialog.not_agreed()):
            workshop.refresh()
            workshop.panel.tabs.setCurrentWidget(workshop.panel.parking)

    dialog.accepted.connect(park_them)
    dialog.finished.connect(dialog.deleteLater)
    workshop.planning_dialog = dialog
    dialog.open()
    return dialog


def open_park_prompt(workshop: Workshop) -> ParkPrompt | None:
    session = workshop.session()
    if session is None or session.closed or workshop.edits is None:
        return None
    selected = workshop.window.canvas.selected_ids()
    process = workshop.window.current_process()
    step = selected[0] if len(selected) == 1 and process and selected[0] in process.elements else ""
    name = getattr(process.elements[step], "name", "") if step and process else ""
    prompt = ParkPrompt(name or step, workshop.window)

    def store_it() -> None:
        edits = workshop.edits
        if edits is None:
            return
        item = ParkingItem(
            edits.new_id("Parking"),
            session.id,
            prompt.what.text().strip(),
            who=prompt.who.text().strip(),
            when=prompt.when.text().strip(),
            link=step,
            created_at=store.now_iso(),
        )
        workshop.put(item, "Park an item")
        warning = owner_warning(session, item.who)
        workshop.message(f"Parked: {item.what}" + (f" (warning: {warning})" if warning else ""))

    prompt.accepted.connect(store_it)
    prompt.finished.connect(prompt.deleteLater)
    workshop.park_prompt = prompt
    prompt.open()
    return prompt
