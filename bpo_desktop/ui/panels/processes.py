"""The "Processes" panel: the workspace's processes (rename in place), their lane count and
scenarios, with buttons to add, duplicate, rename and delete processes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHeaderView,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Process, Workspace

_ID_ROLE = Qt.ItemDataRole.UserRole


class ProcessListPanel(QTreeWidget):
    """One row per process (name | lanes); selecting a row emits `process_selected(id)`;
    editing a name (double-click or F2) emits `rename_requested(id, name)`."""

    process_selected = Signal(str)
    rename_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processes.list")
        self.setColumnCount(2)
        self.setHeaderLabels(["Process", "Lanes"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")  # room to breathe
        self.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._on_current_item_changed)
        self.itemChanged.connect(self._on_item_changed)

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Rebuild the rows; the current row stays on the same process when it still exists."""
        current = self.current_process_id()
        self.blockSignals(True)  # the window selects the process itself
        self.clear()
        for process in workspace.processes.values() if workspace else ():
            self.addTopLevelItem(_row(process))
        if current is not None:
            for item in self._rows():
                if item.data(0, _ID_ROLE) == current:
                    self.setCurrentItem(item)
        self.blockSignals(False)

    def process_ids(self) -> list[str]:
        return [item.data(0, _ID_ROLE) for item in self._rows()]

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [row for row in rows if row is not None]

    def current_process_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, _ID_ROLE) if item is not None else None

    def select_process(self, process_id: str) -> None:
        for item in self._rows():
            if item.data(0, _ID_ROLE) == process_id:
                self.setCurrentItem(item)
                return
        raise KeyError(process_id)

    def edit_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.editItem(item, 0)

    def _on_current_item_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if current is not None:
            self.process_selected.emit(current.data(0, _ID_ROLE))

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self.rename_requested.emit(item.data(0, _ID_ROLE), item.text(0).strip())


class ProcessesDock(QWidget):
    """The list with a small toolbar of process actions above it."""

    def __init__(self, panel: ProcessListPanel, actions: Sequence[QAction]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QToolBar()
        bar.setObjectName("processes.toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in actions:
            bar.addAction(action)
        layout.addWidget(bar)
        layout.addWidget(panel, 1)


def _row(process: Process) -> QTreeWidgetItem:
    lanes = process.lanes()
    item = QTreeWidgetItem([process.name, str(len(lanes))])
    item.setData(0, _ID_ROLE, process.id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    tooltip = process_tooltip(process)
    item.setToolTip(0, tooltip)
    item.setToolTip(1, tooltip)
    return item


def process_tooltip(process: Process) -> str:
    lanes = ", ".join(lane.name for lane in process.lanes()) or "none"
    scenarios = ", ".join(s.name for s in process.scenarios.values()) or "none"
    return (
        f"{process.name}\nLanes: {lanes}\nScenarios: {scenarios}\n{len(process.elements)} elements"
    )
