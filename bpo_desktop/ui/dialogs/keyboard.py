"""Help > Keyboard: every action with a shortcut, grouped, in the platform's key notation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

GROUP_TITLES = {
    "file": "File",
    "edit": "Edit",
    "view": "View",
    "canvas": "Canvas",
    "tool": "Tools",
    "arrange": "Arrange",
    "lane": "Lanes",
    "process": "Processes",
    "help": "Help",
}


class KeyboardDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog.keyboard")
        self.setWindowTitle("Keyboard Shortcuts")
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("keyboard.table")
        self.table.setHorizontalHeaderLabels(["Area", "Action", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        order = list(GROUP_TITLES)
        rows = sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else len(order))
        for i, (group, text, keys) in enumerate(rows):
            for j, value in enumerate((GROUP_TITLES.get(group, group.title()), text, keys)):
                self.table.setItem(i, j, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 640)
