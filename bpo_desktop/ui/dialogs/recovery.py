"""At start after a crash: show the autosaved work that would be recovered and ask what to do.

Recover opens each snapshot as an unsaved document; Keep for later leaves them for the next
start; Discard asks once more before deleting. Nothing is ever discarded silently: closing the
dialog is Keep for later.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.storage import BpoFileError
from bpo_desktop.core.storage.recovery import RecoveryArea, Snapshot, new_key
from bpo_desktop.ui.document import Document

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow


class Choice(Enum):
    RECOVER = "recover"
    KEEP = "keep"
    DISCARD = "discard"


class RecoveryDialog(QDialog):
    """Lists the snapshots (file, time, processes, elements); `choice` holds the answer."""

    def __init__(self, snapshots: list[Snapshot], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery")
        self.setWindowTitle("Recover Unsaved Work")
        self.choice = Choice.KEEP
        self.snapshots = snapshots
        intro = QLabel(
            f"BPO Desktop did not close normally last time. {len(snapshots)} document(s) had "
            "changes that were not saved; their autosaved copies can be recovered."
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("recovery.snapshots")
        self.table.setHeaderLabels(["File / process", "Autosaved", "Elements"])
        for snapshot in snapshots:
            item = QTreeWidgetItem(
                [
                    str(snapshot.original or f"{snapshot.name} (never saved)"),
                    snapshot.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    f"{sum(snapshot.counts.values())} in {len(snapshot.processes)} process(es)",
                ]
            )
            item.setToolTip(0, snapshot.describe())
            for name in snapshot.processes:  # what would come back, process by process
                item.addChild(QTreeWidgetItem([name, "", str(snapshot.counts.get(name, ""))]))
            self.table.addTopLevelItem(item)
        self.table.expandAll()
        for column in range(3):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox()
        self.recover_button = self._button(buttons, "&Recover", Choice.RECOVER)
        self.keep_button = self._button(buttons, "&Keep for Later", Choice.KEEP)
        self.discard_button = self._button(buttons, "&Discard…", Choice.DISCARD)
        self.recover_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 360)

    def _button(self, box: QDialogButtonBox, text: str, choice: Choice) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(f"recovery.{choice.value}")
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        if choice is Choice.DISCARD and not confirm_discard(self, len(self.snapshots)):
            return  # asked again and the answer was no: stay open
        self.choice = choice
        self.accept()

    def reject(self) -> None:  # Escape or the close button: keep them, never delete
        self.choice = Choice.KEEP
        super().reject()


def confirm_discard(parent: QWidget, count: int) -> bool:
    answer = QMessageBox.question(
        parent,
        "Discard Recovered Work",
        f"Delete the {count} autosaved document(s) for good? This cannot be undone.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Discard)


def ask(parent: QWidget, snapshots: list[Snapshot]) -> Choice:
    dialog = RecoveryDialog(snapshots, parent)
    dialog.exec()
    return dialog.choice


def offer_recovery(
    window: MainWindow,
    area: RecoveryArea,
    asker: Callable[[QWidget, list[Snapshot]], Choice] = ask,
) -> list[MainWindow]:
    """Offer the orphaned snapshots of crashed sessions; return the windows showing recovered
    work (the first is `window` when it has no document yet)."""
    snapshots = area.orphans()
    if not snapshots:
        return []
    choice = asker(window, snapshots)
    if choice is Choice.DISCARD:
        for snapshot in snapshots:
            area.discard(snapshot)
        return []
    if choice is Choice.KEEP:
        return []
    shown: list[MainWindow] = []
    for snapshot in snapshots:
        key = new_key()
        try:
            workspace = area.recover(snapshot, key)
        except (BpoFileError, OSError) as exc:
            QMessageBox.critical(window, "Cannot recover", f"{snapshot.describe()}\n{exc}")
            continue
        target = window if window.document is None and not shown else window.files.new_window()
        target.adopt(Document.recovered(workspace, snapshot.original, key))
        target.statusBar().showMessage(f"Recovered {snapshot.describe()}: save to keep it")
        shown.append(target)
    return shown
