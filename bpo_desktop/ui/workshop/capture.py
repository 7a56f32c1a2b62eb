"""Quick capture in presentation mode: one key (P / I / Q / K) opens a popup with a large text
field; Enter saves the sticky on the current step, attributed to the current participant, as one
undo step through Modeling; Esc cancels. Window-modal (`open`), so tests never block."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import AnnotationKind

#: The capture keys and what they add (the editor's P / I / Q / K, same letters).
CAPTURE_KEYS: dict[Qt.Key, AnnotationKind] = {
    Qt.Key.Key_P: AnnotationKind.PAIN_POINT,
    Qt.Key.Key_I: AnnotationKind.IDEA,
    Qt.Key.Key_Q: AnnotationKind.QUESTION,
    Qt.Key.Key_K: AnnotationKind.RISK,
}
KIND_TITLES = {
    AnnotationKind.PAIN_POINT: "Pain point",
    AnnotationKind.IDEA: "Idea",
    AnnotationKind.QUESTION: "Question",
    AnnotationKind.RISK: "Risk",
    AnnotationKind.WEAKNESS: "Weakness",
    AnnotationKind.STRENGTH: "Strength",
    AnnotationKind.CONSTRAINT: "Constraint",
    AnnotationKind.GOAL: "Goal",
}
KIND_COLOURS = {  # the canvas badge colours (painters.BADGE_COLOURS), by kind
    AnnotationKind.PAIN_POINT: "#d35400",
    AnnotationKind.IDEA: "#b7950b",
    AnnotationKind.QUESTION: "#8e44ad",
    AnnotationKind.RISK: "#a93226",
    AnnotationKind.WEAKNESS: "#c0392b",
    AnnotationKind.STRENGTH: "#229954",
    AnnotationKind.CONSTRAINT: "#7f8c8d",
    AnnotationKind.GOAL: "#2471a3",
}

Save = Callable[[AnnotationKind, str, str], None]  # kind, step id, text


class NoteEdit(QPlainTextEdit):
    """A wrapping text field, so the whole room reads the note; Enter submits, Shift+Enter
    starts a new line."""

    submitted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setFixedHeight(3 * 40 + 24)  # three lines of 30-px type, then it scrolls

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CapturePopup(QDialog):
    """Text of a sticky for one of `steps` (a parallel group offers a step picker)."""

    def __init__(
        self,
        kind: AnnotationKind,
        steps: Sequence[tuple[str, str]],  # (step id, name)
        author: str,
        save: Save,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presentation.capture")
        self.kind = kind
        self._save = save
        title = KIND_TITLES.get(kind, str(kind))
        self.setWindowTitle(f"Add {title.lower()}")
        colour = KIND_COLOURS.get(kind, "#333333")
        self.setStyleSheet(
            f"QDialog {{ background: #ffffff; border: 6px solid {colour}; }}"
            "QLabel { color: #111827; font-size: 26px; }"
            "QLabel#presentation.capture.kind { font-size: 34px; font-weight: 700; }"
            "QPlainTextEdit { font-size: 30px; padding: 6px; border: 2px solid #374151;"
            " border-radius: 6px; color: #000000; background: #ffffff; }"
            "QComboBox { font-size: 26px; padding: 6px; }"
        )
        heading = QLabel(title)
        heading.setObjectName("presentation.capture.kind")
        heading.setStyleSheet(f"color: {colour}; font-size: 34px; font-weight: 700;")
        self.step = QComboBox()
        self.step.setObjectName("presentation.capture.step")
        for step_id, name in steps:
            self.step.addItem(name, step_id)
        self.step.setVisible(len(steps) > 1)
        self.step_label = QLabel(f"on “{steps[0][1]}”" if len(steps) == 1 else "on")
        self.step_label.setWordWrap(True)
        self.text = NoteEdit()
        self.text.setObjectName("presentation.capture.text")
        self.text.setPlaceholderText(f"Type the {title.lower()}, then Enter")
        self.text.submitted.connect(self._on_enter)
        self.author = QLabel(f"by {author}\nEnter saves  ·  Esc cancels")
        self.author.setObjectName("presentation.capture.author")
        self.author.setWordWrap(True)
        self.author_name = author

        row = QHBoxLayout()
        row.addWidget(self.step_label)
        row.addWidget(self.step, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.text)
        layout.addWidget(self.author)

    def step_id(self) -> str:
        return str(self.step.currentData())

    def _on_enter(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            return  # an empty sticky is never saved; Esc leaves
        self._save(self.kind, self.step_id(), text)
        self.accept()

    def open_over(self, area: QWidget) -> None:
        """Open across the bottom of `area` (the caption panel), so the whole diagram, the
        spotlit step(s) included, stays in view while the note is typed."""
        width = max(area.width() - 24, 360)
        self.setFixedWidth(width)
        self.adjustSize()
        bottom_left = area.mapToGlobal(QPoint(12, area.height()))
        self.move(bottom_left.x(), bottom_left.y() - self.height() - 12)
        self.open()
        self.text.setFocus(Qt.FocusReason.PopupFocusReason)
