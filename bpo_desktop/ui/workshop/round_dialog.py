"""New vote round: which items (stickies and weaknesses), budget, cap and entry mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.workshop.items import KIND_TITLES, ItemRef
from bpo_desktop.core.workshop.model import VoteRound
from bpo_desktop.core.workshop.store import now_iso


class RoundDialog(QDialog):
    def __init__(
        self,
        items: list[ItemRef],
        title: str,
        parent: QWidget | None = None,
        preselected: set[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshop.round_dialog")
        self.setWindowTitle("New Vote Round")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.title = QLineEdit(title)
        self.title.setObjectName("round.title")
        self.budget = QSpinBox()
        self.budget.setObjectName("round.budget")
        self.budget.setRange(1, 50)
        self.budget.setValue(3)
        self.budget.setSuffix(" votes each")
        self.cap = QSpinBox()
        self.cap.setObjectName("round.cap")
        self.cap.setRange(0, 50)
        self.cap.setSpecialValueText("no cap")
        self.cap.setSuffix(" per item")
        self.mode = QComboBox()
        self.mode.setObjectName("round.mode")
        self.mode.addItem("Pass the laptop (each participant places votes)", "pass")
        self.mode.addItem("Tally (type the counts off the wall)", "tally")
        self.items = QListWidget()
        self.items.setObjectName("round.items")
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for ref in items:
            row = QListWidgetItem(f"{KIND_TITLES.get(ref.kind, ref.kind)}: {ref.label}")
            row.setData(Qt.ItemDataRole.UserRole, ref.id)
            row.setToolTip(row.text())
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = preselected is None or ref.id in preselected
            row.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.items.addItem(row)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Budget:", self.budget)
        form.addRow("&Cap:", self.cap)
        form.addRow("&Mode:", self.mode)
        toggles = QHBoxLayout()
        for text, state in (("All", Qt.CheckState.Checked), ("None", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=state: self._check_all(s))
            toggles.addWidget(button)
        toggles.addStretch(1)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Items to vote on:"))
        layout.addWidget(self.items, 1)
        layout.addLayout(toggles)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def _check_all(self, state: Qt.CheckState) -> None:
        for n in range(self.items.count()):
            row = self.items.item(n)
            if row is not None:
                row.setCheckState(state)

    def set_checked(self, item_ids: set[str]) -> None:
        for n in range(self.items.count()):
            row = self.items.item(n)
            if row is not None:
                wanted = row.data(Qt.ItemDataRole.UserRole) in item_ids
                row.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def chosen_ids(self) -> tuple[str, ...]:
        rows = [self.items.item(n) for n in range(self.items.count())]
        return tuple(
            r.data(Qt.ItemDataRole.UserRole)
            for r in rows
            if r is not None and r.checkState() == Qt.CheckState.Checked
        )

    def vote_round(self, session_id: str, round_id: str) -> VoteRound:
        """The round as chosen, hidden until revealed."""
        return VoteRound(
            round_id,
            session_id,
            self.title.text().strip() or "Vote",
            self.chosen_ids(),
            budget=self.budget.value(),
            cap=self.cap.value(),
            mode=self.mode.currentData(),
            created_at=now_iso(),
        )

    def _accept(self) -> None:
        if not self.chosen_ids():
            self.problem.setText("Tick at least one item to vote on.")
            return
        self.accept()
