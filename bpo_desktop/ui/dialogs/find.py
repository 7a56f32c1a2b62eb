"""Find element (Ctrl+F): type part of a name; pick a match to select and show it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Element, Flow, Process, TextAnnotation
from bpo_desktop.core.model.element_types import type_of

MAX_MATCHES = 200


def element_text(element: Element) -> str:
    if isinstance(element, TextAnnotation):
        return element.text
    return str(getattr(element, "name", ""))


def find_elements(process: Process, query: str) -> list[Element]:
    """Elements whose name (or id) contains the query, case-insensitively; named ones first."""
    needle = query.strip().lower()
    if not needle:
        return []
    hits = [
        e
        for e in process.elements.values()
        if needle in element_text(e).lower() or needle == e.id.lower()
    ]
    return sorted(hits, key=lambda e: (isinstance(e, Flow), element_text(e).lower()))[:MAX_MATCHES]


class FindDialog(QDialog):
    """Non-modal: `reveal(element_id)` is called for the chosen match."""

    def __init__(
        self,
        process: Callable[[], Process | None],
        reveal: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialog.find")
        self.setWindowTitle("Find Element")
        self._process = process
        self._reveal = reveal
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setObjectName("find.query")
        self.query.setPlaceholderText("Name of a step, lane, flow…")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("find.results")
        self.summary = QLabel()
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self._choose_first)
        self.results.itemActivated.connect(self._choose)
        self.results.currentItemChanged.connect(lambda cur, _prev: self._choose(cur))
        self.resize(380, 420)

    def open_for_search(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()
        self._search(self.query.text())

    def _search(self, text: str) -> None:
        self.results.clear()
        process = self._process()
        matches = find_elements(process, text) if process is not None else []
        for element in matches:
            kind = type_of(element)
            label = element_text(element) or "(unnamed)"
            item = QListWidgetItem(f"{label} — {kind.label if kind else 'flow'}")
            item.setData(Qt.ItemDataRole.UserRole, element.id)
            self.results.addItem(item)
        self.summary.setText(f"{len(matches)} match{'es' if len(matches) != 1 else ''}")

    def _choose_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._choose(self.results.item(0))

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._reveal(item.data(Qt.ItemDataRole.UserRole))
