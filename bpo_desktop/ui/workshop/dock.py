"""The Workshop dock: the session header and one tab per part of the workshop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.model import WorkshopSession
from bpo_desktop.ui.workshop.agenda_tab import AgendaTab
from bpo_desktop.ui.workshop.matrix_tab import MatrixTab
from bpo_desktop.ui.workshop.stickies_tab import StickiesTab
from bpo_desktop.ui.workshop.tasks_tab import actions_table, decisions_table, parking_table
from bpo_desktop.ui.workshop.voting_tab import VotingTab

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop


class WorkshopPanel(QWidget):
    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.setObjectName("workshop.panel")
        self._workshop = workshop
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("workshop.session")
        self.session_combo.setMinimumContentsLength(8)
        self.session_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_combo.currentIndexChanged.connect(
            lambda _i: workshop.refresh(everything=False)
        )
        self.details = QLabel()
        self.details.setObjectName("workshop.details")
        self.details.setWordWrap(True)
        # A tool bar, not a row of buttons: it folds into "»" when the dock is narrow.
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("workshop.toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button = self._tool("New…", "workshop.new_session", workshop.new_session,
                                     "New workshop session")  # fmt: skip
        self.edit_button = self._tool("Edit…", "workshop.edit_session", workshop.edit_session,
                                      "Edit the session: participants, agenda, slot")  # fmt: skip
        self.end_button = self._tool("End Session…", "workshop.end_session", workshop.end_session,
                                     "Check owners, then end the session")  # fmt: skip
        export = workshop.export_minutes_dialog
        self.minutes_button = self._tool("Minutes…", "workshop.export_minutes", export,
                                         "Export the minutes (HTML, Markdown, CSV)")  # fmt: skip
        self.message = QLabel()
        self.message.setObjectName("workshop.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a15c00;")
        self.message.setVisible(False)

        self.agenda = AgendaTab(workshop)
        self.stickies = StickiesTab(workshop)
        self.voting = VotingTab(workshop)
        self.matrix = MatrixTab(workshop)
        self.parking = parking_table(workshop)
        self.planning_check = QPushButton("Planning Check…")
        self.planning_check.setObjectName("workshop.parking.planning_check")
        self.planning_check.setToolTip(
            "Park the goals and constraints the room does not agree with"
        )
        self.planning_check.clicked.connect(workshop.planning_check)
        self.parking.buttons.insertWidget(2, self.planning_check)
        self.action_table = actions_table(workshop)
        self.decisions = decisions_table(workshop)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workshop.tabs")
        self.tabs.setDocumentMode(True)
        for widget, title in (
            (self.agenda, "Agenda"),
            (self.stickies, "Stickies"),
            (self.voting, "Dot Voting"),
            (self.matrix, "Impact/Effort"),
            (self.parking, "Parking Lot"),
            (self.action_table, "Actions"),
            (self.decisions, "Decisions"),
        ):
            self.tabs.addTab(widget, title)
        self._stale_tabs: set[QWidget] = set()  # redrawn when picked (see `refresh`)
        self.tabs.currentChanged.connect(self._tab_picked)

        header = QHBoxLayout()
        self.session_combo.setToolTip("The workshop session shown")
        header.addWidget(self.session_combo, 1)
        header.addWidget(self.toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def _tool(self, text: str, name: str, slot: Callable[[], object], tip: str) -> QToolButton:
        action = QAction(text, self)
        action.setObjectName(f"{name}.action")
        action.setToolTip(tip)
        action.triggered.connect(lambda: slot())
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        button.setObjectName(name)
        return button

    def selected_session_id(self) -> str | None:
        data = self.session_combo.currentData()
        return str(data) if data else None

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def refresh(
        self,
        workspace: Workspace | None,
        session: WorkshopSession | None,
        *,
        everything: bool = True,
    ) -> None:
        """The header, and every tab or only the tab in front: the others are marked and redrawn
        when they are picked (in a window that is not shown every tab counts as in front)."""
        self.refresh_header(workspace, session)
        tabs = self._tab_widgets()
        if not everything and self.window().isVisible():
            tabs = [self.tabs.currentWidget()]
        self._stale_tabs = set(self._tab_widgets()) - set(tabs)
        for tab in tabs:
            self._refresh_one(tab, workspace, session)

    def refresh_tab(
        self, tab: QWidget, workspace: Workspace | None, session: WorkshopSession | None
    ) -> None:
        self._stale_tabs.discard(tab)
        self._refresh_one(tab, workspace, session)

    def _tab_widgets(self) -> list[QWidget]:
        return [self.tabs.widget(n) for n in range(self.tabs.count())]

    def _tab_picked(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self.refresh_tab(tab, self._workshop.workspace(), self._workshop.session())

    def _refresh_one(
        self, tab: QWidget, workspace: Workspace | None, session: WorkshopSession | None
    ) -> None:
        if tab is self.agenda:
            self.agenda.refresh(session)
        elif tab is self.stickies:
            self.stickies.refresh(workspace, session)
        elif tab is self.voting:
            self.voting.refresh(workspace, session)
        elif tab is self.matrix:
            self.matrix.refresh(workspace, session)
        elif tab in (self.parking, self.action_table, self.decisions):
            tab.refresh(workspace, session)  # type: ignore[attr-defined]
            if tab is self.parking:
                self.planning_check.setEnabled(session is not None and not session.closed)

    def refresh_header(self, workspace: Workspace | None, session: WorkshopSession | None) -> None:
        """The session picker, details and buttons (cheap; `Workshop.session` reads the picker)."""
        sessions = store.sessions(workspace) if workspace is not None else []
        entries = [
            (f"{s.title} ({s.date}){' · closed' if s.closed else ''}", s.id) for s in sessions
        ]
        combo = self.session_combo
        if [(combo.itemText(n), combo.itemData(n)) for n in range(combo.count())] != entries:
            combo.blockSignals(True)
            combo.clear()
            for text, data in entries:
                combo.addItem(text, data)
            combo.blockSignals(False)
        if session is not None:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(session.id))
            combo.blockSignals(False)
        has_doc = workspace is not None
        self.new_button.defaultAction().setEnabled(
            has_doc and bool(workspace and workspace.processes)
        )
        for button in (self.edit_button, self.end_button, self.minutes_button):
            button.defaultAction().setEnabled(session is not None)
        self.end_button.defaultAction().setText(
            "Reopen" if session is not None and session.closed else "End Session…"
        )
        self.details.setText(_details(workspace, session))


def _details(workspace: Workspace | None, session: WorkshopSession | None) -> str:
    if workspace is None:
        return "Open a workspace to run a workshop."
    if session is None:
        return "No workshop session yet: New Session… sets the participants and the agenda."
    process = workspace.processes.get(session.process_id or "")
    people = ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in session.participants)
    parts = [
        session.place,
        f"process {process.name!r}" if process else "",
        f"facilitator {session.facilitator}" if session.facilitator else "",
        f"{len(session.participants)} participants: {people}" if people else "no participants",
    ]
    text = " · ".join(p for p in parts if p)
    if session.closed:
        text += " · closed (Reopen to edit)"
    return text
