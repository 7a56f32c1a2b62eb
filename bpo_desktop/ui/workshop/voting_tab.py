"""Dot voting (W7) on one shared laptop.

Pass the laptop: pick a participant, press + or - on items (their budget and the cap are
enforced, "0 left" / "cap 2" shown). Counts stay hidden until Reveal; then rows sort by votes.
Tally: the facilitator types counts off the wall; Save Tally refuses a total above
participants x budget. Next Round starts a fresh round on the same items with full budgets.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store, voting
from bpo_desktop.core.workshop.items import find_item
from bpo_desktop.core.workshop.model import Vote, VoteRound, WorkshopSession

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

ITEM, KIND, MINE, PLUS, MINUS, VOTES = range(6)


class VotingTab(QWidget):
    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.round = QComboBox()
        self.round.setObjectName("workshop.vote.round")
        self.round.setMinimumContentsLength(8)
        self.round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round.currentIndexChanged.connect(lambda _i: self.workshop.refresh_tab(self))
        self.new_round = self._button("New Round…", "workshop.vote.new_round", workshop.new_round)
        self.next_round = self._button(
            "Next Round", "workshop.vote.next_round", self.start_next_round
        )
        self.reveal = self._button("Reveal", "workshop.vote.reveal", self.reveal_round)
        self.info = QLabel()
        self.info.setObjectName("workshop.vote.info")
        self.info.setWordWrap(True)
        self.participant = QComboBox()
        self.participant.setObjectName("workshop.vote.participant")
        self.participant.currentIndexChanged.connect(lambda _i: self.workshop.refresh_tab(self))
        self.left = QLabel()
        self.left.setObjectName("workshop.vote.left")
        self.save_tally = self._button("Save Tally", "workshop.vote.save_tally", self.store_tally)
        self.message = QLabel()
        self.message.setObjectName("workshop.vote.message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("workshop.vote.items")
        self.table.setHorizontalHeaderLabels(["Item", "Kind", "Mine", "", "", "Votes"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, MINE, PLUS, MINUS, VOTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        rounds = QHBoxLayout()
        rounds.addWidget(QLabel("Round:"))
        rounds.addWidget(self.round, 1)
        rounds.addWidget(self.new_round)
        round_buttons = QHBoxLayout()
        round_buttons.addWidget(self.next_round)
        round_buttons.addWidget(self.reveal)
        round_buttons.addWidget(self.info, 1)
        voter = QHBoxLayout()
        self.voter_label = QLabel("Voter:")
        voter.addWidget(self.voter_label)
        voter.addWidget(self.participant, 1)
        voter.addWidget(self.left)
        voter.addWidget(self.save_tally)
        layout = QVBoxLayout(self)
        layout.addLayout(rounds)
        layout.addLayout(round_buttons)
        layout.addLayout(voter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())  # type: ignore[operator]
        return button

    # -- state ----------------------------------------------------------------------------
    def current_round(self) -> VoteRound | None:
        workspace = self.workshop.workspace()
        round_id = self.round.currentData()
        if workspace is None or not round_id:
            return None
        return next((r for r in store.vote_rounds(workspace) if r.id == round_id), None)

    def current_participant(self) -> str | None:
        data = self.participant.currentData()
        return str(data) if data else None

    def select_round(self, round_id: str) -> None:
        index = self.round.findData(round_id)
        if index >= 0:
            self.round.setCurrentIndex(index)

    def select_participant(self, name: str) -> None:
        index = self.participant.findText(name)
        if index >= 0:
            self.participant.setCurrentIndex(index)

    # -- showing --------------------------------------------------------------------------
    def refresh(self, workspace: Workspace | None, session: WorkshopSession | None) -> None:
        rounds = store.vote_rounds(workspace, session.id) if workspace and session else []
        self._fill_combo(self.round, [(r.title, r.id) for r in rounds], last_if_unset=True)
        people = [(p.name, p.id) for p in session.participants] if session else []
        self._fill_combo(self.participant, people)
        vote_round = self.current_round()
        has_session = session is not None and not session.closed
        self.new_round.setEnabled(has_session)
        self.next_round.setEnabled(has_session and vote_round is not None)
        self.reveal.setEnabled(has_session and vote_round is not None and not vote_round.revealed)
        self.table.setRowCount(0)
        if workspace is None or session is None or vote_round is None:
            self.info.setText("No vote round yet: New Round… picks the items to vote on.")
            self.left.setText("")
            for widget in (self.participant, self.voter_label, self.save_tally):
                widget.setVisible(False)
            return
        tally = vote_round.mode == "tally"
        self.participant.setVisible(not tally)
        self.voter_label.setVisible(not tally)
        self.save_tally.setVisible(tally)
        for column in (MINE, PLUS, MINUS):
            self.table.setColumnHidden(column, tally)
        all_votes = store.votes(workspace, vote_round.id)
        people_count = len(session.participants)
        cap = f" · cap {vote_round.cap}" if vote_round.cap else ""
        mode = "tally" if tally else "pass the laptop"
        shown = "revealed" if vote_round.revealed or tally else "hidden until Reveal"
        total = sum(voting.counts(vote_round, all_votes).values())
        limit = voting.max_total(vote_round, people_count)
        self.info.setText(
            f"Budget {vote_round.budget}{cap} · {mode} · {shown} · {total} of {limit} votes"
        )
        person = self.current_participant()
        if person and not tally:
            left = voting.remaining(vote_round, all_votes, person)
            self.left.setText(f"{left} left")
        else:
            self.left.setText("")
        self._fill_rows(workspace, vote_round, all_votes, person, tally)

    def _fill_rows(
        self,
        workspace: Workspace,
        vote_round: VoteRound,
        all_votes: list[Vote],
        person: str | None,
        tally: bool,
    ) -> None:
        counts = voting.counts(vote_round, all_votes)
        if vote_round.revealed:
            order = [item for item, _n in voting.ranking(vote_round, all_votes)]
        else:
            order = list(vote_round.item_ids)
        closed = vote_round.closed or self.workshop.is_closed()
        for row, item_id in enumerate(order):
            self.table.insertRow(row)
            ref = find_item(workspace, item_id)
            label = ref.label if ref else f"(deleted item {item_id})"
            cell = QTableWidgetItem(label)
            cell.setToolTip(label)
            cell.setData(Qt.ItemDataRole.UserRole, item_id)
            self.table.setItem(row, ITEM, cell)
            self.table.setItem(row, KIND, QTableWidgetItem(ref.kind_title if ref else ""))
            mine = voting.on_item(vote_round, all_votes, person, item_id) if person else 0
            self.table.setItem(row, MINE, QTableWidgetItem("●" * mine))
            for column, text, slot in ((PLUS, "+", self.vote), (MINUS, "\u2212", self.unvote)):
                button = QPushButton(text)
                button.setObjectName(f"workshop.vote.{'plus' if column == PLUS else 'minus'}.{row}")
                button.setFixedWidth(32)
                button.setToolTip("Place a vote" if column == PLUS else "Take a vote back")
                button.setEnabled(person is not None and not closed)
                button.clicked.connect(partial(slot, item_id))
                self.table.setCellWidget(row, column, button)
            if tally:
                spin = QSpinBox()
                spin.setRange(0, 999)
                spin.setValue(counts[item_id])
                spin.setEnabled(not closed)
                self.table.setCellWidget(row, VOTES, spin)
            else:
                shown = str(counts[item_id]) if vote_round.revealed else "hidden"
                self.table.setItem(row, VOTES, QTableWidgetItem(shown))

    def _fill_combo(
        self, combo: QComboBox, entries: list[tuple[str, str]], last_if_unset: bool = False
    ) -> None:
        current = combo.currentData()
        if [(combo.itemText(n), combo.itemData(n)) for n in range(combo.count())] == entries:
            return
        combo.blockSignals(True)
        combo.clear()
        for text, data in entries:
            combo.addItem(text, data)
        index = combo.findData(current)
        if index < 0 and entries:
            index = len(entries) - 1 if last_if_unset else 0
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def row_of(self, item_id: str) -> int:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, ITEM)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == item_id:
                return row
        return -1

    def shown_order(self) -> list[tuple[str, str]]:
        """(item id, votes column text) top to bottom, as the user sees them."""
        rows = []
        for row in range(self.table.rowCount()):
            cell, votes = self.table.item(row, ITEM), self.table.item(row, VOTES)
            spin = self.table.cellWidget(row, VOTES)
            text = (
                str(spin.value()) if isinstance(spin, QSpinBox) else (votes.text() if votes else "")
            )
            rows.append((cell.data(Qt.ItemDataRole.UserRole) if cell else "", text))
        return rows

    # -- commands -------------------------------------------------------------------------
    def vote(self, item_id: str) -> bool:
        vote_round, person = self.current_round(), self.current_participant()
        edits = self.workshop.edits
        if vote_round is None or person is None or edits is None:
            return False
        try:
            edits.cast_vote(vote_round, person, item_id)
        except voting.VoteError as refused:
            self.message.setText(f"Vote refused: {refused}")
            return False
        self.message.setText("")
        return True

    def unvote(self, item_id: str) -> bool:
        vote_round, person = self.current_round(), self.current_participant()
        edits = self.workshop.edits
        if vote_round is None or person is None or edits is None:
            return False
        done = edits.withdraw_vote(vote_round, person, item_id)
        self.message.setText("" if done else "No vote of yours on that item to take back.")
        return done

    def reveal_round(self) -> None:
        vote_round = self.current_round()
        if vote_round is not None and not vote_round.revealed:
            self.workshop.put(replace(vote_round, revealed=True), f"Reveal {vote_round.title}")

    def start_next_round(self) -> None:
        vote_round = self.current_round()
        edits = self.workshop.edits
        if vote_round is None or edits is None:
            return
        count = len(store.vote_rounds(edits.workspace, vote_round.session_id)) + 1
        fresh = voting.next_round(
            vote_round, edits.new_id("VoteRound"), f"Round {count}", store.now_iso()
        )
        with edits.editor.stack.transaction(f"New vote round {fresh.title}"):
            edits.put(replace(vote_round, closed=True), "Close round")
            edits.put(fresh, f"New vote round {fresh.title}")
        self.workshop.refresh()
        self.select_round(fresh.id)

    def store_tally(self) -> bool:
        vote_round, session = self.current_round(), self.workshop.session()
        if vote_round is None or session is None:
            return False
        typed = {}
        for row in range(self.table.rowCount()):
            cell, spin = self.table.item(row, ITEM), self.table.cellWidget(row, VOTES)
            if cell is not None and isinstance(spin, QSpinBox):
                typed[cell.data(Qt.ItemDataRole.UserRole)] = spin.value()
        try:
            tallied = voting.with_tally(vote_round, typed, len(session.participants))
        except voting.VoteError as refused:
            self.message.setText(f"Tally not saved: {refused}")
            return False
        self.message.setText("")
        self.workshop.put(tallied, f"Tally {vote_round.title}")
        return True
