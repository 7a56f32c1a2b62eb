"""The caption panel of presentation mode: the current step(s) with lane, badges and notes in
large type, the branch chooser at a decision, the participant who is speaking, and key hints.

Pure view: `PresentationMode` (presentation.py) feeds it `StepCard`s and reads the participant.
The framing helpers below decide what part of the diagram the room sees for a stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Annotation, Process, ShapeLayout
from bpo_desktop.core.workshop.walk import Decision, step_notes
from bpo_desktop.ui.canvas.items import ShapeItem
from bpo_desktop.ui.canvas.view import DiagramView
from bpo_desktop.ui.workshop.capture import KIND_COLOURS, KIND_TITLES
from bpo_desktop.ui.workshop.spotlight import TIMER_COLOURS, TimerReading, union

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

DEFAULT_SPEAKER = "Facilitator"
STEP_MAX_ZOOM = 2.0  # a single step fills the room's view, not the whole wall
STEP_CONTEXT = QRectF(0, 0, 720, 420)  # the least scene area shown round the current step
PANEL_WIDTH = (400, 560)  # narrowest and widest, about 30 % of the screen between
HINTS = (
    "→ / PgDn next  ·  ← / PgUp back  ·  Home start\n"
    "P pain point  ·  I idea  ·  Q question  ·  K risk\n"
    "F fit  ·  L lane  ·  S step  ·  Esc leave"
)
_STYLE = """
QWidget#presentation\\.panel, QWidget#presentation\\.cards,
QScrollArea#presentation\\.scroll { background: #ffffff; }
QLabel { color: #000000; }
QLabel[role="where"] { color: #374151; font-size: 22px; }
QLabel[role="name"] { font-size: 34px; font-weight: 700; }
QLabel[role="lane"] { color: #1f2937; font-size: 24px; }
QLabel[role="note"] { font-size: 23px; }
QLabel[role="empty"] { color: #4b5563; font-size: 22px; font-style: italic; }
QLabel[role="section"] { color: #111827; font-size: 22px; font-weight: 700; }
QLabel[role="next"] { color: #111827; font-size: 22px; }
QLabel[role="hint"] { color: #374151; font-size: 19px; }
QLabel[role="message"] { color: #9a3412; font-size: 20px; font-weight: 600; }
QFrame[role="card"] { border: 3px solid #111827; border-radius: 10px; background: #ffffff; }
QPushButton { font-size: 22px; padding: 8px 12px; text-align: left;
  border: 2px solid #6b7280; border-radius: 6px; background: #f3f4f6; color: #000000; }
QPushButton:checked { border: 3px solid #0b57d0; background: #dbe7ff; font-weight: 700; }
QFrame#presentation\\.timer { border-radius: 12px; }
QLabel#presentation\\.timer\\.item { font-size: 24px; }
QLabel#presentation\\.timer\\.clock { font-size: 72px; font-weight: 700; }
QComboBox, QLineEdit { font-size: 22px; padding: 4px 8px; color: #000000; background: #ffffff; }
"""


@dataclass(frozen=True, slots=True)
class StepCard:
    step_id: str
    name: str
    lane: str
    notes: tuple[Annotation, ...]


def cards_for(process: Process, steps: Sequence[str]) -> list[StepCard]:
    cards = []
    for step_id in steps:
        node = process.elements.get(step_id)
        name = getattr(node, "name", "") or step_id
        lane_id = getattr(node, "lane_id", None)
        lane = getattr(process.elements.get(lane_id or ""), "name", "") if lane_id else ""
        cards.append(StepCard(step_id, name, lane, tuple(step_notes(process, step_id))))
    return cards


def badge_html(notes: Sequence[Annotation]) -> str:
    """Coloured pills with counts per kind, in the order the notes come (large type)."""
    counts: dict[str, int] = {}
    for note in notes:
        counts[note.kind] = counts.get(note.kind, 0) + 1
    pills = []
    for kind, count in counts.items():
        colour = KIND_COLOURS.get(kind, "#333333")  # type: ignore[call-overload]
        title = KIND_TITLES.get(kind, str(kind)).lower()  # type: ignore[call-overload]
        if count != 1:
            title += "es" if title.endswith("ss") else "s"
        pills.append(
            f'<span style="background:{colour}; color:#ffffff; font-weight:700;">'
            f"&nbsp;{count} {escape(title)}&nbsp;</span>"
        )
    return "&nbsp; ".join(pills)


def note_html(note: Annotation) -> str:
    colour = KIND_COLOURS.get(note.kind, "#333333")
    title = KIND_TITLES.get(note.kind, str(note.kind))
    ref = f" {escape(note.ref)}" if note.ref else ""
    author = f' <span style="color:#374151;">— {escape(note.author)}</span>' if note.author else ""
    return (
        f'<span style="color:{colour}; font-weight:700;">{escape(title)}{ref}:</span> '
        f"{escape(note.text or '(no text)')}{author}"
    )


def _label(text: str, role: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setObjectName(f"presentation.{role}")
    return label


class CaptionPanel(QWidget):
    """Right-hand side of the projected screen. `branch_chosen(i)` when a branch is clicked."""

    branch_chosen = Signal(int)
    speaker_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentation.panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_STYLE)
        screen = self.screen()
        share = int(screen.geometry().width() * 0.3) if screen is not None else PANEL_WIDTH[1]
        self.setFixedWidth(min(max(share, PANEL_WIDTH[0]), PANEL_WIDTH[1]))
        self.timer = QFrame()
        self.timer.setObjectName("presentation.timer")
        self.timer_item = QLabel()
        self.timer_item.setObjectName("presentation.timer.item")
        self.timer_clock = QLabel()
        self.timer_clock.setObjectName("presentation.timer.clock")
        self.timer_clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        timer_box = QVBoxLayout(self.timer)
        timer_box.setContentsMargins(16, 8, 16, 4)
        timer_box.setSpacing(0)
        timer_box.addWidget(self.timer_item)
        timer_box.addWidget(self.timer_clock)
        self.timer.hide()
        self.where = _label("", "where")
        self.body = QWidget()
        self.body.setObjectName("presentation.cards")
        self.body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._cards = QVBoxLayout(self.body)
        self._cards.setContentsMargins(0, 0, 6, 0)
        self._cards.setSpacing(14)
        scroll = QScrollArea()
        scroll.setObjectName("presentation.scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll = scroll
        self.up_next = _label("", "next")
        self.branches = QWidget()
        self._branch_layout = QVBoxLayout(self.branches)
        self._branch_layout.setContentsMargins(0, 0, 0, 0)
        self._branch_layout.setSpacing(6)
        self.branch_buttons: list[QPushButton] = []

        self.speaker_box = QComboBox()
        self.speaker_box.setObjectName("presentation.speaker")
        self.speaker_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speaker_box.currentIndexChanged.connect(lambda _i: self.speaker_changed.emit())
        self.speaker_name = QLineEdit(DEFAULT_SPEAKER)
        self.speaker_name.setObjectName("presentation.speaker_name")
        self.speaker_name.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.speaker_name.editingFinished.connect(self.speaker_changed.emit)
        self.message = _label("", "message")
        self.hints = _label(HINTS, "hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 22, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(self.timer)
        layout.addWidget(self.where)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.branches)
        layout.addWidget(self.up_next)
        layout.addWidget(_label("Speaking", "section"))
        layout.addWidget(self.speaker_box)
        layout.addWidget(self.speaker_name)
        layout.addWidget(self.message)
        layout.addWidget(self.hints)
        self.set_participants([])

    # -- content ------------------------------------------------------------------------
    def show_stop(self, where: str, cards: Sequence[StepCard]) -> None:
        self.where.setText(where)
        while self._cards.count():
            item = self._cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                _discard(widget)
        compact = len(cards) > 2  # a parallel group: smaller cards, all of them visible
        for card in cards:
            self._cards.addWidget(self._card(card, compact))
        if not cards:
            self._cards.addWidget(_label("Nothing to walk through in this process", "empty"))
        self._cards.addStretch(1)
        self.scroll.verticalScrollBar().setValue(0)

    def _card(self, card: StepCard, compact: bool) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "card")
        frame.setObjectName(f"presentation.card.{card.step_id}")
        box = QVBoxLayout(frame)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(6)
        name = _label(card.name, "name")
        if compact:
            name.setStyleSheet("font-size: 28px;")
        box.addWidget(name)
        if card.lane:
            box.addWidget(_label(card.lane, "lane"))
        if card.notes:
            box.addWidget(_label(badge_html(card.notes), "note", rich=True))
            for note in card.notes:
                box.addWidget(_label(note_html(note), "note", rich=True))
        else:
            box.addWidget(_label("No notes yet — P, I, Q or K adds one", "empty"))
        return frame

    def show_decisions(self, decisions: Sequence[Decision]) -> None:
        self.branch_buttons = []
        while self._branch_layout.count():
            item = self._branch_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                _discard(widget)
        if not decisions:
            self.branches.hide()
            return
        decision = decisions[0]
        title = decision.name or "Which way?"
        self._branch_layout.addWidget(_label(f"Decision: {title}", "section"))
        for i, branch in enumerate(decision.branches):
            share = f" ({branch.probability:.0%})" if branch.probability is not None else ""
            button = QPushButton(f"{i + 1}  {branch.label}{share}" if i < 9 else branch.label)
            button.setObjectName(f"presentation.branch.{i}")
            button.setCheckable(True)
            button.setChecked(i == decision.chosen)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(_emit(self.branch_chosen.emit, i))
            self._branch_layout.addWidget(button)
            self.branch_buttons.append(button)
        self.branches.show()

    def show_next(self, names: Sequence[str]) -> None:
        """What the next key press shows (the chosen branch at a decision)."""
        if not names:
            self.up_next.setText("Next ▸ end of the process")
        elif len(names) == 1:
            self.up_next.setText(f"Next ▸ {names[0]}")
        else:
            self.up_next.setText("Next ▸ in parallel: " + " · ".join(names))

    def show_timer(self, reading: TimerReading | None) -> None:
        """The running agenda item's countdown, framed amber or red as its time runs out."""
        if reading is None:
            self.timer.hide()
            return
        border, fill = TIMER_COLOURS.get(reading.state, TIMER_COLOURS["normal"])
        ink = border if reading.state != "normal" else "#000000"
        self.timer.setStyleSheet(
            f"QFrame#presentation\\.timer {{ border: 6px solid {border}; background: {fill}; }}"
            f"QLabel#presentation\\.timer\\.clock {{ color: {ink}; }}"
        )
        self.timer.setProperty("timer_state", reading.state)
        self.timer_item.setText(reading.title)
        self.timer_clock.setText(reading.clock)
        self.timer.show()

    # -- speaker ------------------------------------------------------------------------
    def set_participants(self, names: Sequence[str]) -> None:
        """Session participants to pick from; none: a free-text name ("Facilitator")."""
        items = [self.speaker_box.itemText(i) for i in range(self.speaker_box.count())]
        if items == list(names) and self.speaker_box.isVisibleTo(self) == bool(names):
            return  # unchanged: keep the pick (and an open drop-down)
        current = self.speaker()
        self.speaker_box.blockSignals(True)
        self.speaker_box.clear()
        self.speaker_box.addItems(list(names))
        if current in names:
            self.speaker_box.setCurrentIndex(list(names).index(current))
        self.speaker_box.blockSignals(False)
        self.speaker_box.setVisible(bool(names))
        self.speaker_name.setVisible(not names)

    def speaker(self) -> str:
        if self.speaker_box.isVisibleTo(self) and self.speaker_box.count():
            return self.speaker_box.currentText()
        return self.speaker_name.text().strip() or DEFAULT_SPEAKER

    def set_message(self, text: str) -> None:
        self.message.setText(text)


def _discard(widget: QWidget) -> None:
    """Out of the panel at once (lookups by name must not find it), deleted later."""
    widget.hide()
    widget.setParent(None)  # type: ignore[call-overload]
    widget.deleteLater()


def _emit(signal: Callable[[int], object], value: int) -> Callable[[], None]:
    return lambda: signal(value)


# -- framing: what part of the diagram the room sees --------------------------------------------
def show_plane_of_steps(window: MainWindow, steps: Sequence[str]) -> None:
    """Drill to the plane the stop's steps live on (inside a collapsed sub-process, or out)."""
    if steps:
        window.canvas.planes.show_plane_of(steps[0])


def step_rect(window: MainWindow, step_id: str) -> QRectF | None:
    """A step's shape with its external label (events and gateways carry it below)."""
    item = window.scene.item_for(step_id)
    if not isinstance(item, ShapeItem):
        return None
    rect = item.scene_rect()
    process = window.current_process()
    layout = process.layout.get(step_id) if process is not None else None
    if isinstance(layout, ShapeLayout) and layout.label_bounds is not None:
        b = layout.label_bounds
        rect = rect.united(QRectF(b.x, b.y, b.width, b.height))
    return rect


def frame_rect(
    window: MainWindow, rects: Sequence[QRectF], steps: Sequence[str], mode: str
) -> QRectF | None:
    """ "fit": the whole process; "lane": the lanes of the steps; "step": the steps in context."""
    scene = window.scene
    spot = union(rects)
    if mode == "fit" or spot.isNull():
        return scene.content_rect().adjusted(-30, -30, 30, 30)
    if mode == "lane":
        process = window.current_process()
        lanes = []
        for step in steps:
            node = process.elements.get(step) if process is not None else None
            item = scene.item_for(getattr(node, "lane_id", None) or "")
            if isinstance(item, ShapeItem):
                lanes.append(item.scene_rect())
        if lanes:
            return union(lanes).adjusted(-20, -20, 20, 20)
    padded = spot.adjusted(-120, -90, 120, 90)
    grow_w = max(0.0, STEP_CONTEXT.width() - padded.width()) / 2
    grow_h = max(0.0, STEP_CONTEXT.height() - padded.height()) / 2
    return padded.adjusted(-grow_w, -grow_h, grow_w, grow_h)


def frame_view(view: DiagramView, target: QRectF | None) -> None:
    """Zoom so `target` fits the viewport, centred on it."""
    viewport = view.viewport().rect()
    if target is None or target.isEmpty() or viewport.width() < 2 or viewport.height() < 2:
        return
    factor = min(
        viewport.width() / target.width(), viewport.height() / target.height(), STEP_MAX_ZOOM
    )
    view.resetTransform()
    view.scale(factor, factor)
    view.diagram_scene().set_detail(factor)
    view.centerOn(target.center())
    view.zoom_changed.emit(view.zoom())
    view.viewport_moved.emit()
    view.viewport().update()
