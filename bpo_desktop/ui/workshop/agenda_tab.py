"""The agenda with its mini timer (W2): start, pause, "+N min", planned vs actual per item.

The running item keeps `started_at` in the session record, so the time survives a save and a
restart; pausing banks the stretch into `actual_s`. The clock is `controller.clock()` (tests
move it instead of sleeping). Amber at 2 min left, red at 0 (`core.workshop.timebox`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.workshop import timebox
from bpo_desktop.core.workshop.model import AgendaItem, WorkshopSession

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

STATE_COLOURS = {"normal": "#2e7d32", "amber": "#f9a825", "red": "#c62828"}


class AgendaTab(QWidget):
    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.list = QTreeWidget()
        self.list.setObjectName("workshop.agenda")
        self.list.setHeaderLabels(["Agenda item", "Planned", "Actual", "Extended"])
        self.list.setRootIsDecorated(False)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self._show_clock())

        self.timer_frame = QFrame()
        self.timer_frame.setObjectName("workshop.timer")
        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.item_title.setObjectName("workshop.timer.item")
        self.clock = QLabel("--:--")
        self.clock.setObjectName("workshop.timer.clock")
        font = self.clock.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.clock.setFont(font)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start = QPushButton("Start")
        self.start.setObjectName("workshop.timer.start")
        self.start.clicked.connect(self.toggle)
        self.extend_by = QSpinBox()
        self.extend_by.setObjectName("workshop.timer.extend_by")
        self.extend_by.setRange(1, 60)
        self.extend_by.setValue(5)
        self.extend_by.setPrefix("+")
        self.extend_by.setSuffix(" min")
        self.extend = QPushButton("Extend")
        self.extend.setObjectName("workshop.timer.extend")
        self.extend.clicked.connect(lambda: self.extend_current(self.extend_by.value()))
        self.next = QPushButton("Next item")
        self.next.setObjectName("workshop.timer.next")
        self.next.clicked.connect(self.next_item)
        self.summary = QLabel()
        self.summary.setObjectName("workshop.agenda.summary")
        self.summary.setWordWrap(True)

        buttons = QGridLayout()
        buttons.addWidget(self.start, 0, 0)
        buttons.addWidget(self.next, 0, 1)
        buttons.addWidget(self.extend_by, 1, 0)
        buttons.addWidget(self.extend, 1, 1)
        clock_row = QHBoxLayout()
        clock_row.addWidget(self.clock, 1)
        clock_row.addLayout(buttons)
        frame_layout = QVBoxLayout(self.timer_frame)
        frame_layout.addWidget(self.item_title)
        frame_layout.addLayout(clock_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.timer_frame)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._show_clock)

    # -- showing --------------------------------------------------------------------------
    def refresh(self, session: WorkshopSession | None) -> None:
        current = self.selected_id()
        self.list.clear()
        if session is None:
            self.summary.setText("")
            self._show_clock()
            return
        for item in session.agenda:
            row = QTreeWidgetItem(
                [
                    item.title,
                    f"{item.planned_min} min",
                    timebox.format_clock(self._elapsed(item)),
                    ", ".join(f"+{m}" for m in item.extensions_min),
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            self.list.addTopLevelItem(row)
            if item.id == current or (current is None and item.started_at):
                self.list.setCurrentItem(row)
        first = self.list.topLevelItem(0)
        if self.list.currentItem() is None and first is not None:
            self.list.setCurrentItem(first)
        text = f"Total planned {session.planned_min} min"
        if session.slot_min:
            text += f" in a {session.slot_min}-min slot"
        if session.overrun_min:
            text += f": agenda exceeds slot by {session.overrun_min} min"
        self.summary.setText(text)
        self._show_clock()

    def selected_id(self) -> str | None:
        row = self.list.currentItem()
        return row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None

    def select(self, item_id: str) -> None:
        for n in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(n)
            if row is not None and row.data(0, Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentItem(row)

    def current_item(self) -> AgendaItem | None:
        session = self.workshop.session()
        if session is None:
            return None
        wanted = self.selected_id()
        return next((a for a in session.agenda if a.id == wanted), None)

    def _elapsed(self, item: AgendaItem) -> float:
        return timebox.elapsed_s(item, self.workshop.clock())

    def state(self) -> str:
        item = self.current_item()
        if item is None:
            return "normal"
        return timebox.Timebox.of(item).state(self._elapsed(item))

    def _show_clock(self) -> None:
        item = self.current_item()
        enabled = item is not None and not self.workshop.is_closed()
        for widget in (self.start, self.extend, self.extend_by, self.next):
            widget.setEnabled(enabled)
        if item is None:
            self.item_title.setText("No agenda item")
            self.clock.setText("--:--")
            self.timer_frame.setStyleSheet("")
            self.ticker.stop()
            return
        box = timebox.Timebox.of(item)
        elapsed = self._elapsed(item)
        state = box.state(elapsed)
        self.item_title.setText(f"{item.title} — {timebox.planned_vs_actual(item)}")
        self.clock.setText(timebox.format_clock(box.remaining_s(elapsed)))
        colour = STATE_COLOURS[state] if item.started_at or elapsed else "#9e9e9e"
        self.timer_frame.setStyleSheet(
            f"QFrame#workshop\\.timer {{ border: 3px solid {colour}; border-radius: 6px; }}"
        )
        self.timer_frame.setProperty("timer_state", state)
        self.start.setText("Pause" if item.started_at else "Start")
        running = timebox.running_item(self.workshop.session_agenda())
        if running is not None:
            self.ticker.start()
        else:
            self.ticker.stop()

    # -- commands -------------------------------------------------------------------------
    def toggle(self) -> None:
        item = self.current_item()
        if item is None:
            return
        now = self.workshop.clock()
        if item.started_at:
            self._store({item.id: timebox.paused(item, now)}, f"Pause timer: {item.title}")
            return
        changes = {
            a.id: timebox.paused(a, now) for a in self.workshop.session_agenda() if a.started_at
        }
        changes[item.id] = timebox.started(item, now)
        self._store(changes, f"Start timer: {item.title}")

    def extend_current(self, minutes: int) -> None:
        item = self.current_item()
        if item is not None:
            self._store(
                {item.id: timebox.extended(item, minutes)}, f"Extend {item.title} +{minutes} min"
            )

    def next_item(self) -> None:
        session = self.workshop.session()
        item = self.current_item()
        if session is None or item is None:
            return
        ids = [a.id for a in session.agenda]
        now = self.workshop.clock()
        position = ids.index(item.id)
        changes = {item.id: timebox.paused(item, now)}
        if position + 1 < len(ids):
            following = session.agenda[position + 1]
            changes[following.id] = timebox.started(following, now)
        self._store(changes, "Next agenda item")
        if position + 1 < len(ids):
            self.select(ids[position + 1])

    def _store(self, changes: dict[str, AgendaItem], label: str) -> None:
        session = self.workshop.session()
        if session is None:
            return
        agenda = tuple(changes.get(a.id, a) for a in session.agenda)
        self.workshop.put(replace(session, agenda=agenda), label)
