"""Wires the workshop into the main window: the Workshop menu and dock (`w.workshop`).

    Workshop > New Session… / Edit Session…   participants, agenda with timeboxes (W1)
    Workshop > End Session… / Reopen Session  blocked while an action or parking-lot item
                                              has no owner, unless confirmed (W9, W10, W14)
    Workshop > Export Minutes…                HTML, or Markdown for .md (as the CLI)
    Workshop > Merge Notes from Another Copy… breakout laptops (W11), one undo step

Dialogs that would block a test are behind attributes (`ask_save_path`, `ask_open_path`,
`confirm`, `show_error`), which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMenuBar, QMessageBox, QWidget

from bpo_desktop.core.workshop import store, timebox
from bpo_desktop.core.workshop.closing import close_report
from bpo_desktop.core.workshop.items import rankable_items
from bpo_desktop.core.workshop.minutes import gather
from bpo_desktop.core.workshop.model import WorkshopSession
from bpo_desktop.ui.panels.on_screen import WhenShown, on_screen
from bpo_desktop.ui.workshop import files, parking
from bpo_desktop.ui.workshop.dock import WorkshopPanel
from bpo_desktop.ui.workshop.edits import WorkshopEdits
from bpo_desktop.ui.workshop.parking import ParkPrompt, PlanningCheckDialog
from bpo_desktop.ui.workshop.round_dialog import RoundDialog
from bpo_desktop.ui.workshop.session_dialog import SessionDialog

if TYPE_CHECKING:
    from bpo_desktop.core.model import Workspace
    from bpo_desktop.ui.main_window import MainWindow

MINUTES_FILTER = "HTML minutes (*.html);;Markdown minutes (*.md);;Actions as CSV (*.csv)"
BPO_FILTER = "BPO workspace (*.bpo)"


class Workshop:
    """The window's workshop feature; tests and presentation mode reach it as `w.workshop`."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.edits: WorkshopEdits | None = None
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.ask_save_path: Callable[[str, str], str] = self._ask_save_path
        self.ask_open_path: Callable[[], str] = self._ask_open_path
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.show_error: Callable[[str, str], None] = self._show_error
        self.session_dialog: SessionDialog | None = None
        self.round_dialog: RoundDialog | None = None
        self.planning_dialog: PlanningCheckDialog | None = None
        self.park_prompt: ParkPrompt | None = None
        self.last_summary = ""
        self.panel = WorkshopPanel(self)
        # Edits redraw the tab in front (the others when picked), once per burst (a
        # zero-timer), and only while the dock can be seen; a hidden dock redraws when shown.
        self.when_shown = WhenShown(self.panel, lambda: self._redraw(everything=True))
        self._refresh_timer = QTimer(self.panel)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_after_edit)

    # -- state ----------------------------------------------------------------------------
    def workspace(self) -> Workspace | None:
        return self.window.workspace

    def session(self) -> WorkshopSession | None:
        """The session shown in the dock: the one picked, else the current (open) one, else
        the latest."""
        workspace = self.workspace()
        if workspace is None:
            return None
        found = store.sessions(workspace)
        picked = self.panel.selected_session_id()
        chosen = next((s for s in found if s.id == picked), None)
        return chosen or store.current_session(workspace) or (found[-1] if found else None)

    def session_agenda(self) -> tuple[Any, ...]:
        session = self.session()
        return session.agenda if session else ()

    def is_closed(self) -> bool:
        session = self.session()
        return session is None or session.closed

    # -- editing --------------------------------------------------------------------------
    def put(self, value: Any, label: str) -> None:
        if self.edits is not None:
            self.edits.put(value, label)
            self.schedule_refresh()

    def remove(self, record_id: str, label: str) -> None:
        if self.edits is not None:
            self.edits.remove(record_id, label)
            self.schedule_refresh()

    def schedule_refresh(self) -> None:
        """Redraw after the current event: widgets that sent it are rebuilt by the refresh."""
        self._refresh_timer.start()

    def refresh(self, *, everything: bool = True) -> None:
        """Redraw the dock now: every tab, or only the one in front (the others when they are
        picked). While the dock cannot be seen this waits until it is shown."""
        self._refresh_timer.stop()
        if on_screen(self.panel):
            self._redraw(everything=everything)
        else:
            self._put_off()
        self.window.registry.refresh()

    def _put_off(self) -> None:
        """The dock cannot be seen: only the session picker follows (menus ask it)."""
        self.when_shown.due = True
        self.panel.refresh_header(self.workspace(), self.session())

    def _refresh_after_edit(self) -> None:
        if on_screen(self.panel):
            self._redraw(everything=False)
        else:
            self._put_off()

    def _redraw(self, *, everything: bool) -> None:
        self._refresh_timer.stop()
        self.when_shown.due = False
        self.panel.refresh(self.workspace(), self.session(), everything=everything)

    def refresh_tab(self, tab: QWidget) -> None:
        """Redraw one tab (its own filters or choices changed)."""
        self.panel.refresh_tab(tab, self.workspace(), self.session())

    def document_changed(self) -> None:
        document = self.window.document
        self.edits = WorkshopEdits(document.editor) if document is not None else None
        if document is not None:
            document.elements_changed.connect(lambda _change: self.schedule_refresh())
        self.refresh()

    def message(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def reveal_step(self, step_id: str) -> None:
        process = self.window.current_process()
        session = self.session()
        if (
            session is not None
            and session.process_id
            and (process is None or process.id != session.process_id)
        ):
            self.window.select_process(session.process_id)
        self.window.canvas.planes.show_plane_of(step_id)  # inside a collapsed sub-process
        if self.window.canvas.item(step_id) is not None:
            self.window.canvas.select([step_id])
            item = self.window.scene.item_for(step_id)
            if item is not None:
                self.window.view.centerOn(item.scene_rect().center())  # type: ignore[attr-defined]

    # -- sessions -------------------------------------------------------------------------
    def new_session(self) -> SessionDialog | None:
        workspace, edits = self.workspace(), self.edits
        if workspace is None or edits is None or not workspace.processes:
            return None
        process = self.window.current_process() or next(iter(workspace.processes.values()))
        draft = WorkshopSession(
            id=edits.new_id("WorkshopSession"),
            title=f"{process.name} workshop",
            date=date.today().isoformat(),
            process_id=process.id,
        )
        return self._open_session_dialog(draft, is_new=True)

    def edit_session(self) -> SessionDialog | None:
        session = self.session()
        if session is None or self.edits is None:
            return None
        return self._open_session_dialog(session, is_new=False)

    def _open_session_dialog(self, session: WorkshopSession, *, is_new: bool) -> SessionDialog:
        assert self.edits is not None
        dialog = SessionDialog(
            self.edits.workspace, session, self.edits.new_id, self.window, is_new=is_new
        )
        dialog.accepted.connect(lambda: self._store_session(dialog.session(), session, is_new))
        dialog.finished.connect(dialog.deleteLater)
        self.session_dialog = dialog
        dialog.open()
        return dialog

    def _store_session(
        self, session: WorkshopSession, before: WorkshopSession, is_new: bool
    ) -> None:
        if self.edits is None:
            return
        if is_new:
            session = self.edits.create_session(session)
        else:
            session = self.edits.update_session(session, before)
        self.refresh()
        self.panel.session_combo.setCurrentIndex(self.panel.session_combo.findData(session.id))
        if session.overrun_min:
            self.message(f"Agenda exceeds slot by {session.overrun_min} min")
        self.window.docks["workshop"].show()
        self.window.docks["workshop"].raise_()

    def delete_session(self) -> bool:
        session = self.session()
        question = (
            "Delete {!r} with its votes, scores, parking lot, actions and decisions? "
            "Its stickies stay on the process. Edit > Undo brings it back."
        )
        if (
            session is None
            or self.edits is None
            or not self.confirm("Delete Session", question.format(session.title))
        ):
            return False
        self.edits.delete_session(session)
        self.refresh()
        return True

    def end_session(self) -> bool:
        """End the shown session (or reopen it when it is closed). Returns True when it changed."""
        session = self.session()
        workspace = self.workspace()
        if session is None or workspace is None:
            return False
        if session.closed:
            self.put(replace(session, closed=False), f"Reopen session {session.title!r}")
            self.message(f"Session {session.title!r} reopened")
            return True
        report = close_report(workspace, session)
        if report.blocked:
            listing = "\n".join(f"• {line}" for line in report.lines())
            self.panel.show_message("Cannot end the session yet:\n" + listing)
            if not self.confirm(
                "End Session",
                f"These items still need an owner or a disposition:\n\n{listing}\n\nEnd anyway?",
            ):
                return False
        now = self.clock()
        agenda = tuple(timebox.paused(item, now) for item in session.agenda)
        self.put(replace(session, closed=True, agenda=agenda), f"End session {session.title!r}")
        self.last_summary = self._summary(workspace, session)
        self.panel.show_message(self.last_summary)
        if self.confirm("Session ended", f"{self.last_summary}\n\nExport the minutes now?"):
            self.export_minutes_dialog()
        return True

    def _summary(self, workspace: Workspace, session: WorkshopSession) -> str:
        minutes = gather(workspace, replace(session, closed=True))
        votes = sum(r.total for r in minutes.rounds)
        report = close_report(workspace, session)
        counts = [
            (minutes.sticky_count, "new sticky", "new stickies"),
            (votes, "vote", "votes"),
            (len(minutes.decisions), "decision", "decisions"),
            (len(minutes.actions), "action", "actions"),
            (len(minutes.parking), "parking-lot item", "parking-lot items"),
        ]
        listed = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
        text = f"Session {session.title!r} ended: {listed}."
        if report.absent_owners:
            text += "\n" + "\n".join(f"• {w}" for w in report.absent_owners)
        return text

    # -- voting ---------------------------------------------------------------------------
    def new_round(self) -> RoundDialog | None:
        session, workspace = self.session(), self.workspace()
        if session is None or workspace is None or self.edits is None or session.closed:
            return None
        items = rankable_items(workspace, session.process_id)
        count = len(store.vote_rounds(workspace, session.id)) + 1
        fresh = {i.id for i in items if i.id not in session.baseline_ids}
        dialog = RoundDialog(items, f"Round {count}", self.window, fresh or None)
        dialog.accepted.connect(lambda: self._store_round(session, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.round_dialog = dialog
        dialog.open()
        return dialog

    def _store_round(self, session: WorkshopSession, dialog: RoundDialog) -> None:
        if self.edits is None:
            return
        vote_round = dialog.vote_round(session.id, self.edits.new_id("VoteRound"))
        self.edits.put(vote_round, f"New vote round {vote_round.title}")
        self.refresh()
        self.panel.voting.select_round(vote_round.id)
        self.panel.tabs.setCurrentWidget(self.panel.voting)

    def planning_check(self) -> PlanningCheckDialog | None:
        """W4: untick what the room does not agree with; each becomes a review item."""
        return parking.open_planning_check(self)

    def park(self) -> ParkPrompt | None:
        """W9: park an item from anywhere, linked to the selected step if there is one."""
        return parking.open_park_prompt(self)

    # -- minutes --------------------------------------------------------------------------
    def export_minutes_dialog(self) -> Path | None:
        session = self.session()
        if session is None:
            return None
        folder = self.window.path.parent if self.window.path else Path.home()
        stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in session.title).strip()
        chosen = self.ask_save_path(
            "Export Minutes", str(folder / f"{stem or 'minutes'} minutes.html")
        )
        return self.export_minutes(Path(chosen)) if chosen else None

    def export_minutes(self, path: Path) -> Path | None:
        return files.export_minutes(self, path)

    def export_preread_dialog(self) -> Path | None:
        session = self.session()
        if session is None:
            return None
        folder = self.window.path.parent if self.window.path else Path.home()
        chosen = self.ask_save_path(
            "Export Pre-read", str(folder / f"{session.title} pre-read.html")
        )
        return files.export_minutes(self, Path(chosen), preread=True) if chosen else None

    # -- merge ----------------------------------------------------------------------------
    def merge_dialog(self) -> str | None:
        chosen = self.ask_open_path()
        return self.merge_from(Path(chosen)) if chosen else None

    def merge_from(self, path: Path) -> str | None:
        """Merge another copy's notes, votes, actions …; returns the summary shown."""
        return files.merge_from(self, path)

    # -- dialogs (replaced in tests) --------------------------------------------------------
    def _ask_save_path(self, title: str, suggested: str) -> str:
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, suggested, MINUTES_FILTER)
        return chosen

    def _ask_open_path(self) -> str:
        start = str(self.window.path.parent) if self.window.path else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Merge Notes from Another Copy", start, BPO_FILTER
        )
        return chosen

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)


def install_workshop(w: MainWindow) -> Workshop:
    """Actions, the Workshop dock (tabbed with the bottom docks) and the wiring."""
    workshop = Workshop(w)
    w.workshop = workshop  # type: ignore[attr-defined]

    def has_processes() -> bool:
        return w.workspace is not None and bool(w.workspace.processes)

    def has_session() -> bool:
        return workshop.session() is not None

    def open_session() -> bool:
        session = workshop.session()
        return session is not None and not session.closed

    def closed_session() -> bool:
        session = workshop.session()
        return session is not None and session.closed

    add = w.registry.add
    add("workshop.new_session", "&New Session…", workshop.new_session, enabled=has_processes,
        tip="Title, date, participants and a timeboxed agenda")  # fmt: skip
    add("workshop.edit_session", "&Edit Session…", workshop.edit_session, enabled=has_session)
    add("workshop.new_round", "New &Vote Round…", workshop.new_round, enabled=open_session,
        tip="Dot voting on stickies and weaknesses")  # fmt: skip
    add("workshop.planning_check", "&Planning Sheet Check…", workshop.planning_check,
        enabled=open_session, tip="Tick what the room agrees; the rest is parked")  # fmt: skip
    add("workshop.park", "&Park an Item…", workshop.park, shortcut="Ctrl+Shift+P",
        enabled=open_session, tip="Into the parking lot, linked to the selected step")  # fmt: skip
    add("workshop.end_session", "En&d Session…", workshop.end_session, enabled=open_session,
        tip="Checks owners of actions and parking-lot items, then closes the session")  # fmt: skip
    add("workshop.delete_session", "De&lete Session…", workshop.delete_session,
        enabled=has_session)  # fmt: skip
    add("workshop.reopen_session", "&Reopen Session", workshop.end_session, enabled=closed_session)
    add("workshop.export_minutes", "Export &Minutes…", workshop.export_minutes_dialog,
        enabled=has_session, tip="Attendees, agenda, stickies, votes, matrix, actions")  # fmt: skip
    add("workshop.export_preread", "Export &Pre-read…", workshop.export_preread_dialog,
        enabled=has_session, tip="Purpose, agenda and planning sheet, sent beforehand")  # fmt: skip
    add("workshop.merge", "Mer&ge Notes from Another Copy…", workshop.merge_dialog,
        enabled=lambda: w.document is not None,
        tip="Bring in the notes, votes and actions of a breakout laptop's copy")  # fmt: skip
    dock = w.add_dock(
        "workshop",
        "Workshop",
        workshop.panel,
        Qt.DockWidgetArea.BottomDockWidgetArea,
        scrollable=True,
    )
    for other in ("simulation", "planning"):
        if other in w.docks:
            w.tabifyDockWidget(w.docks[other], dock)
            break
    if "problems" in w.docks:
        w.docks["problems"].raise_()
    workshop.when_shown.watch(dock)
    w.document_changed.connect(workshop.document_changed)
    workshop.refresh()
    return workshop


def build_workshop_menu(w: MainWindow, bar: QMenuBar) -> QMenu:
    a = w.registry.action
    menu = bar.addMenu("W&orkshop")
    menu.setObjectName("menu.workshop")
    menu.addActions([a("workshop.new_session"), a("workshop.edit_session")])
    menu.addSeparator()
    menu.addActions([a("workshop.planning_check"), a("workshop.park"), a("workshop.new_round")])
    menu.addSeparator()
    menu.addActions([a("workshop.export_preread"), a("workshop.export_minutes")])
    menu.addAction(a("workshop.merge"))
    menu.addSeparator()
    menu.addActions([a("workshop.end_session"), a("workshop.reopen_session")])
    menu.addAction(a("workshop.delete_session"))
    return menu
