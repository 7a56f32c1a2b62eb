"""The planning-alignment opener (W4): the room ticks each goal and constraint it agrees with;
whatever is not agreed goes to the parking lot as "Review constraint K2", linked to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Annotation, Process
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.closing import review_item
from bpo_desktop.core.workshop.items import KIND_TITLES
from bpo_desktop.core.workshop.model import WorkshopSession
from bpo_desktop.ui.workshop.edits import WorkshopEdits

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
