"""The "Processes" panel: the workspace's processes, their lane count and scenarios."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from bpo_desktop.core.model import Process, Workspace

_ID_ROLE = Qt.ItemDataRole.UserRole


class ProcessListPanel(QTreeWidget):
    """One row per process (name | lanes); selecting a row emits `process_selected(id)`."""

    process_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processes.list")
        self.setColumnCount(2)
        self.setHeaderLabels(["Process", "Lanes"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")  # room to breathe
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.blockSignals(True)  # the window selects the first process itself
        self.clear()
        for process in workspace.processes.values() if workspace else ():
            self.addTopLevelItem(_row(process))
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

    def _on_current_item_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if current is not None:
            self.process_selected.emit(current.data(0, _ID_ROLE))


def _row(process: Process) -> QTreeWidgetItem:
    lanes = process.lanes()
    item = QTreeWidgetItem([process.name, str(len(lanes))])
    item.setData(0, _ID_ROLE, process.id)
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
