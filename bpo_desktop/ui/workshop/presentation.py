"""Presentation mode (W3 + W5): full screen for the projector, the walkthrough along the flow,
a spotlight on the current step(s), the diagram locked while notes can still be added, and the
running agenda item's countdown.

Entering saves everything it changes (window state and geometry, dock and toolbar visibility,
menu and status bars, the view's zoom and scroll, the canvas colours, the selection) and
leaving puts exactly that back. Keys reach the view through an event filter that claims them
before the window's shortcuts (arrows would otherwise nudge the selection)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import QDockWidget, QWidget

from bpo_desktop.core.model import AnnotationKind, Node, Process
from bpo_desktop.core.workshop.store import current_session, now_iso
from bpo_desktop.core.workshop.walk import Stop, Walk, next_stop
from bpo_desktop.ui.workshop.capture import CAPTURE_KEYS, KIND_TITLES, CapturePopup
from bpo_desktop.ui.workshop.spotlight import (
    ProjectorScreen,
    Spotlight,
    TimerReading,
    running_timer,
)
from bpo_desktop.ui.workshop.walkthrough import (
    CaptionPanel,
    cards_for,
    frame_rect,
    frame_view,
    show_plane_of_steps,
    step_rect,
)

if TYPE_CHECKING:
    from bpo_desktop.ui.document import Document
    from bpo_desktop.ui.main_window import MainWindow

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
ZOOM_KEYS = {Qt.Key.Key_F: "fit", Qt.Key.Key_L: "lane", Qt.Key.Key_S: "step"}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class PresentationMode(QObject):
    """View > Presentation Mode (F5). `walk`, `panel` and `capture` are there while active."""

    changed = Signal(bool)  # entered (True) or left (False)
    stop_changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.walk: Walk | None = None
        self.panel: CaptionPanel | None = None
        self.capture: CapturePopup | None = None
        self.spotlight = Spotlight()
        self.zoom_mode = "step"  # "step", "lane" or "fit"
        self.now: Callable[[], datetime] = self._workshop_clock
        self.timer_source: Callable[[], TimerReading | None] = self.running_timer
        self.timer: TimerReading | None = None  # what the countdown shows (None: hidden)
        self._dock: QDockWidget | None = None
        self.screen = ProjectorScreen(window)
        self._selecting = False
        self._undoable = 0  # notes captured here, the only edits Ctrl+Z undoes while presenting
        self._redoable = 0
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.refresh_timer)
        self._document: Document | None = None  # whose changes the walk follows
        window.canvas.message.connect(self._on_message)
        window.canvas.selection_changed.connect(self._on_selection_changed)
        window.document_changed.connect(self._on_document_changed)
        window.process_shown.connect(self._on_process_shown)
        window.installEventFilter(self)  # closing while presenting: leave first (see eventFilter)

    # -- entering and leaving -----------------------------------------------------------
    def toggle(self) -> None:
        if self.active:
            self.exit()
        else:
            self.enter()

    def enter(self) -> bool:
        w = self.window
        process = w.current_process()
        if self.active or process is None or w.document is None:
            return False
        w.canvas.label_editor.commit()
        selected = w.canvas.selected_ids()
        self.screen.apply(self._paint_overlays)
        self.active = True
        self._install_panel()
        w.canvas.set_tool("select")
        w.canvas.set_locked(True)
        w.view.installEventFilter(self)
        self._document = w.document
        w.document.elements_changed.connect(self._on_elements_changed)
        self._undoable = self._redoable = 0
        self.zoom_mode = "step"
        self.walk = Walk(process)
        single = [s for s in selected if isinstance(process.elements.get(s), Node)]
        if len(single) == 1:
            self.walk.jump(single[0])
        self.refresh_participants()
        self._clock.start()
        self.show_current()
        w.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit(True)
        return True

    def exit(self) -> None:
        if not self.active:
            return
        w = self.window
        if self.capture is not None:
            self.capture.reject()
        self._clock.stop()
        self.active = False
        w.view.removeEventFilter(self)
        if self._document is not None and shiboken6.isValid(self._document):
            self._document.elements_changed.disconnect(self._on_elements_changed)
        self._document = None
        w.canvas.set_locked(False)
        self._remove_panel()
        self.spotlight.rects, self.timer = [], None
        selection = self.screen.restore()
        self._selecting = True
        w.canvas.select(selection)
        self._selecting = False
        self.walk = None
        w.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit(False)

    def _install_panel(self) -> None:
        panel = CaptionPanel()
        panel.branch_chosen.connect(self.choose_branch)
        panel.speaker_changed.connect(lambda: self.window.view.setFocus())
        dock = QDockWidget("Presentation", self.window)
        dock.setObjectName("dock.presentation")
        dock.setTitleBarWidget(QWidget())  # no title bar: nothing to drag away by accident
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
        self.panel, self._dock = panel, dock

    def _remove_panel(self) -> None:
        if self._dock is not None:
            self.window.removeDockWidget(self._dock)
            self._dock.deleteLater()
        self.panel, self._dock = None, None

    # -- the walk -------------------------------------------------------------------------
    def next(self) -> None:
        if self.walk is not None and self.walk.next() is None:
            self.say("End of the process — Home starts over")
        self.show_current()

    def previous(self) -> None:
        if self.walk is not None:
            self.walk.previous()
        self.show_current()

    def home(self) -> None:
        if self.walk is not None:
            self.walk.home()
        self.show_current()

    def choose_branch(self, index: int) -> None:
        """Take branch `index` (0-based) of the decision ahead and move on to it."""
        if self.walk is not None and self.walk.choose(index):
            self.next()
        else:
            self.say("No decision ahead")

    def set_zoom_mode(self, mode: str) -> None:
        self.zoom_mode = mode
        self.frame()

    def current_steps(self) -> tuple[str, ...]:
        stop = self.walk.current if self.walk is not None else None
        return stop.steps if stop is not None else ()

    def show_current(self) -> None:
        process, walk = self.window.current_process(), self.walk
        if not self.active or process is None or walk is None:
            return
        stop = walk.current or Stop(())
        self._selecting = True
        show_plane_of_steps(self.window, stop.steps)  # coming out selects the container
        self.window.canvas.select([])  # a click picks one step of a group for the next note
        self._selecting = False
        self.spotlight.rects = [r for r in (step_rect(self.window, s) for s in stop.steps) if r]
        if self.panel is not None:
            self.panel.show_stop(_where(process, stop, walk.index), cards_for(process, stop.steps))
            self.panel.show_decisions(walk.decisions())
            following = next_stop(process, stop, walk.choices) if stop.steps else None
            self.panel.show_next(_names(process, following.steps) if following else [])
        self.refresh_timer()
        self.frame()
        self.stop_changed.emit()

    def frame(self) -> None:
        """Zoom and centre for the current mode: the step(s), their lane, or the whole process."""
        target = frame_rect(self.window, self.spotlight.rects, self.current_steps(), self.zoom_mode)
        frame_view(self.window.view, target)

    # -- notes ----------------------------------------------------------------------------
    def start_capture(self, kind: AnnotationKind) -> CapturePopup | None:
        """P / I / Q / K: the quick-capture popup for the current (or clicked) step."""
        process = self.window.current_process()
        steps = list(self.current_steps())
        clicked = self.window.canvas.selected_ids()
        picked = process.elements.get(clicked[0]) if process and len(clicked) == 1 else None
        if isinstance(picked, Node) and not picked.kind.is_gateway:
            steps = clicked  # a step clicked (in a parallel group, or anywhere)
        if process is None or not steps or self.panel is None:
            self.say("No current step to add a note to")
            return None
        names = [(s, getattr(process.elements.get(s), "name", "") or s) for s in steps]
        popup = CapturePopup(kind, names, self.panel.speaker(), self._save_note, self.window)
        popup.finished.connect(lambda _result: self._capture_closed(popup))
        self.capture = popup
        popup.open_over(self.panel)
        return popup

    def _save_note(self, kind: AnnotationKind, step_id: str, text: str) -> None:
        process, document = self.window.current_process(), self.window.document
        if process is None or document is None or self.panel is None:
            return
        author = self.panel.speaker()
        document.modeling.add_annotation(
            process.id, kind, text, targets=(step_id,), author=author, created_at=now_iso()
        )
        self._undoable, self._redoable = self._undoable + 1, 0
        self.say(f"{KIND_TITLES[kind]} added by {author}")

    def _capture_closed(self, popup: CapturePopup) -> None:
        if self.capture is popup:
            self.capture = None
        popup.deleteLater()
        if self.active:
            self.window.view.setFocus(Qt.FocusReason.PopupFocusReason)

    def undo_note(self, redo: bool = False) -> None:
        document = self.window.document
        budget = self._redoable if redo else self._undoable
        if document is None or budget <= 0:
            self.say("While presenting, only the notes added here can be undone")
            return
        if redo:
            document.stack.redo()
            self._redoable, self._undoable = self._redoable - 1, self._undoable + 1
        else:
            document.stack.undo()
            self._undoable, self._redoable = self._undoable - 1, self._redoable + 1

    def _on_document_changed(self) -> None:
        """Another file was opened or a new one started (Ctrl+O, Ctrl+N): stop presenting."""
        if self.active and self.window.document is not self._document:
            self.exit()

    def _on_process_shown(self) -> None:
        process = self.window.current_process()
        if not self.active or process is None:
            return
        if self.walk is None or self.walk.process.id != process.id:
            self.walk = Walk(process)
            self.refresh_participants()
            self.show_current()

    def _on_elements_changed(self, _change: object) -> None:
        process = self.window.current_process()
        if self.walk is not None and process is not None:
            self.walk.refresh(process)
            self.show_current()

    # -- participants and the timer --------------------------------------------------------
    def refresh_participants(self) -> None:
        workspace = self.window.workspace
        session = current_session(workspace) if workspace is not None else None
        names: list[str] = []
        if session is not None:
            names = [p.name for p in session.participants if p.name.strip()]
            if session.facilitator.strip() and session.facilitator not in names:
                names.insert(0, session.facilitator)
        if self.panel is not None:
            self.panel.set_participants(names)

    def running_timer(self) -> TimerReading | None:
        """The countdown of the current session's running agenda item (None: no overlay)."""
        workspace = self.window.workspace
        return running_timer(workspace, self.now()) if workspace is not None else None

    def _workshop_clock(self) -> datetime:
        """The workshop's clock (the agenda timer's, so both show the same time)."""
        clock = getattr(getattr(self.window, "workshop", None), "clock", None)
        return clock() if callable(clock) else datetime.now(UTC)

    def refresh_timer(self) -> None:
        if self.active:
            self.timer = self.timer_source()
            if self.panel is not None:
                self.panel.show_timer(self.timer)
            self.refresh_participants()  # the dock may have edited the session meanwhile

    # -- painting, messages, selection -----------------------------------------------------
    def _paint_overlays(self, painter: QPainter) -> None:
        view = self.window.view
        self.spotlight.paint(
            painter, lambda p: QPointF(view.mapFromScene(p)), view.viewport().rect()
        )

    def say(self, text: str) -> None:
        if self.panel is not None:
            self.panel.set_message(text)

    def _on_message(self, text: str, _timeout_ms: int) -> None:
        if self.active:
            self.say(text)

    def _on_selection_changed(self) -> None:
        """A click on a step while presenting makes it the current stop."""
        if not self.active or self._selecting or self.walk is None:
            return
        ids = self.window.canvas.selected_ids()
        if len(ids) == 1 and ids[0] not in self.current_steps() and self.walk.jump(ids[0]):
            self.show_current()

    # -- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Close and self.active:
                self.exit()  # the window saves its layout on closing: the real one, not ours
            return False
        if kind == QEvent.Type.Resize:
            QTimer.singleShot(0, self.frame)  # full screen arrives later: reframe after it
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if not self._claims(event):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._key(event)
        return True

    def _claims(self, event: QKeyEvent) -> bool:
        """Every plain key (arrows would nudge, letters would edit); Ctrl+Z/Y for notes only.
        F5 and other Ctrl shortcuts (save, quit) go on to the window."""
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            return True
        if event.key() == Qt.Key.Key_F5:
            return False
        return not (event.modifiers() & _COMMAND_MODIFIERS)

    def _key(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_note()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.undo_note(redo=True)
        elif key == Qt.Key.Key_Escape:
            self.exit()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.home()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.choose_branch(key - Qt.Key.Key_1)
        elif key in CAPTURE_KEYS:
            self.start_capture(CAPTURE_KEYS[Qt.Key(key)])
        elif key in ZOOM_KEYS:
            self.set_zoom_mode(ZOOM_KEYS[Qt.Key(key)])
        elif event.text().strip() or key in (Qt.Key.Key_Delete, Qt.Key.Key_F2, Qt.Key.Key_Tab):
            self.say("The diagram is locked while presenting: notes only (P, I, Q, K)")


def _names(process: Process, steps: tuple[str, ...]) -> list[str]:
    return [getattr(process.elements.get(s), "name", "") or s for s in steps]


def _where(process: Process, stop: Stop, index: int) -> str:
    if not stop.steps:
        return process.name
    what = f"{len(stop.steps)} steps in parallel" if stop.is_group else f"Stop {index}"
    return f"{process.name}  ·  {what}"
