"""The Planning sheet: goals, constraints, strengths and weaknesses of the shown process (with
their strategies), plus the pain points, ideas, questions and risks noted on it.

Every change goes through Modeling, one undo step each. Also here: the annotation badges on
canvas shapes, the "only steps with weaknesses" filter, and the one-key notes on a selected
step (P pain point, I idea, Q question, K risk) with their small text prompt.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    ConstraintCategory,
    DataObject,
    Lane,
    Node,
    Process,
    Strategy,
)
from bpo_desktop.core.model.enums import ALLOWED_STRATEGIES
from bpo_desktop.ui.canvas.items import LaneItem, NodeItem, PoolItem, ShapeItem
from bpo_desktop.ui.panels.on_screen import WhenShown

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Modeling
    from bpo_desktop.ui.main_window import MainWindow

K = AnnotationKind
KIND_TITLES = {
    K.GOAL: "Goals",
    K.CONSTRAINT: "Constraints",
    K.STRENGTH: "Strengths",
    K.WEAKNESS: "Weaknesses",
    K.PAIN_POINT: "Pain points",
    K.IDEA: "Ideas",
    K.QUESTION: "Questions",
    K.RISK: "Risks",
}
KIND_NAMES = {
    K.GOAL: "Goal",
    K.CONSTRAINT: "Constraint",
    K.STRENGTH: "Strength",
    K.WEAKNESS: "Weakness",
    K.PAIN_POINT: "Pain point",
    K.IDEA: "Idea",
    K.QUESTION: "Question",
    K.RISK: "Risk",
}
BADGE_LETTERS = {
    K.GOAL: "G",
    K.CONSTRAINT: "C",
    K.STRENGTH: "S",
    K.WEAKNESS: "W",
    K.PAIN_POINT: "P",
    K.IDEA: "I",
    K.QUESTION: "Q",
    K.RISK: "K",
}
# One-key notes on the selected step; the keys are free in the canvas key map.
NOTE_KEYS = (
    (K.PAIN_POINT, "P", "Add &Pain Point"),
    (K.IDEA, "I", "Add &Idea"),
    (K.QUESTION, "Q", "Add &Question"),
    (K.RISK, "K", "Add Ris&k"),
)
_ORDER = tuple(KIND_TITLES)


def strategy_choices(kind: AnnotationKind) -> list[Strategy]:
    """The strategies a kind may have, in a fixed order (Preserve/Enhance, Mitigate/Eliminate)."""
    allowed = ALLOWED_STRATEGIES.get(kind, frozenset())
    return [s for s in Strategy if s in allowed]


def _title(value: str) -> str:
    return value.replace("_", " ").capitalize()


def annotation_line(a: Annotation) -> str:
    """One annotation for a tooltip: "Weakness: text" plus "Eliminate: …" when it has one."""
    line = f"{KIND_NAMES[a.kind]}: {a.text or '(no text)'}"
    if a.strategy is not None:
        line += f"\n    {_title(a.strategy.value)}: {a.strategy_text or '…'}"
    return line


def step_annotations(process: Process) -> dict[str, list[Annotation]]:
    found: dict[str, list[Annotation]] = {}
    for annotation in process.annotations.values():
        for target in annotation.targets:
            found.setdefault(target, []).append(annotation)
    return found


class NotePrompt(QDialog):
    """A small prompt for the text of a note (window-modal, not blocking the event loop)."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("note_prompt")
        self.setWindowTitle(title)
        self.text = QLineEdit()
        self.text.setObjectName("note_prompt.text")
        self.text.setMinimumWidth(320)
        self.text.setPlaceholderText("What did you notice?")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class PlanningPanel(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("planning")
        self._window = window
        self._filling = False
        self._shown: object = ()  # what the sheet lists (see `_signature`)
        # The sheet is refilled only while it can be seen; behind a tab it waits until shown.
        self.when_shown = WhenShown(self, self._fill_sheet)
        self._badged: set[str] = set()  # steps whose canvas items carry badges
        self._dimming = False  # the weakness filter dimmed items at the last pass
        self.only_weaknesses = False
        self.prompt: NotePrompt | None = None

        self.tree = QTreeWidget()
        self.tree.setObjectName("planning.list")
        self.tree.setHeaderLabels(["Text", "Strategy", "Detail", "Steps"])
        self.tree.headerItem().setToolTip(2, "Strategy text, or a constraint's category")
        self.tree.setMinimumWidth(160)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 120)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())

        self.add_kind = QComboBox()
        self.add_kind.setObjectName("planning.add_kind")
        for kind in _ORDER:
            self.add_kind.addItem(KIND_NAMES[kind], kind)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("planning.add")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("planning.delete")
        self.link_button = QPushButton("Link to Selected Steps")
        self.link_button.setObjectName("planning.link")
        self.link_button.setToolTip("Anchor the chosen entry to the steps selected on the canvas")
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(self._delete)
        self.link_button.clicked.connect(self._link)

        self.text = QLineEdit()
        self.text.setObjectName("planning.text")
        self.strategy = QComboBox()
        self.strategy.setObjectName("planning.strategy")
        self.strategy_text = QLineEdit()
        self.strategy_text.setObjectName("planning.strategy_text")
        self.strategy_text.setPlaceholderText("How: e.g. MDM + automated notifications")
        self.category = QComboBox()
        self.category.setObjectName("planning.category")
        self.category.addItem("—", None)
        for category in ConstraintCategory:
            self.category.addItem(_title(category.value), category)
        self.kpi = QLineEdit()
        self.kpi.setObjectName("planning.kpi")
        self.target_value = QLineEdit()
        self.target_value.setObjectName("planning.target_value")
        self.evidence = QLineEdit()
        self.evidence.setObjectName("planning.evidence")
        for field, edit in (
            ("kpi", self.kpi),
            ("target_value", self.target_value),
            ("evidence", self.evidence),
        ):
            edit.editingFinished.connect(partial(self._update_text, field, edit))
        self.text.editingFinished.connect(lambda: self._update("text", self.text.text()))
        self.strategy_text.editingFinished.connect(
            lambda: self._update("strategy_text", self.strategy_text.text())
        )
        self.strategy.activated.connect(
            lambda _i: self._update("strategy", self.strategy.currentData())
        )
        self.category.activated.connect(
            lambda _i: self._update("category", self.category.currentData())
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kind)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addStretch(1)
        self.form = QFormLayout()
        self.form.addRow("Text", self.text)
        self.form.addRow("Strategy", self.strategy)
        self.form.addRow("Strategy text", self.strategy_text)
        self.form.addRow("Category", self.category)
        self.form.addRow("KPI", self.kpi)
        self.form.addRow("Target", self.target_value)
        self.form.addRow("Evidence", self.evidence)
        editor_widget = QWidget()
        editor = QVBoxLayout(editor_widget)
        editor.setContentsMargins(0, 0, 4, 0)
        editor.addLayout(buttons)
        editor.addLayout(link_row)
        editor.addLayout(self.form)
        editor.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 3)
        scroll = QScrollArea()  # the dock may be shorter than the form
        scroll.setObjectName("planning.editor")
        scroll.setWidget(editor_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 2)
        self._show_current()

    # -- model → sheet -------------------------------------------------------------------
    def process_changed(self) -> None:
        self.model_changed()

    def model_changed(self) -> None:
        """Redraw the badges now and refill the sheet (keeping the chosen entry) when it can be
        seen, else when it is shown."""
        self.when_shown.request()
        self.apply_badges()  # items may have been recreated

    def _catch_up(self) -> None:
        if self.when_shown.due:
            self.when_shown.run()

    def _fill_sheet(self) -> None:
        """Only rebuilt when the annotations (or the names of their steps) changed."""
        process = self._window.current_process()
        signature = self._signature(process)
        if signature == self._shown:
            return
        self._shown = signature
        chosen = self.current_id()
        self._filling = True
        self.tree.clear()
        if process is not None:
            groups: dict[AnnotationKind, QTreeWidgetItem] = {}
            for kind in _ORDER:
                group = QTreeWidgetItem([KIND_TITLES[kind]])
                group.setData(0, Qt.ItemDataRole.UserRole + 1, kind.value)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(group)
                groups[kind] = group
            for a in process.annotations.values():
                steps = ", ".join(self._name(process, t) for t in a.targets)
                detail = a.strategy_text
                if a.kind is K.CONSTRAINT and a.category is not None:
                    detail = _title(a.category.value)
                row = QTreeWidgetItem(
                    [a.text, _title(a.strategy.value) if a.strategy else "", detail, steps]
                )
                row.setData(0, Qt.ItemDataRole.UserRole, a.id)
                row.setToolTip(0, annotation_line(a))
                groups[a.kind].addChild(row)
                if a.id == chosen:
                    self.tree.setCurrentItem(row)
            for kind, group in groups.items():
                group.setText(0, f"{KIND_TITLES[kind]} ({group.childCount()})")
            self.tree.expandAll()
        self._filling = False
        self._show_current()

    def _signature(self, process: Process | None) -> object:
        if process is None:
            return None
        notes = tuple(process.annotations.values())
        names = tuple(self._name(process, t) for a in notes for t in a.targets)
        return process.id, notes, names

    @staticmethod
    def _name(process: Process, element_id: str) -> str:
        element = process.elements.get(element_id)
        return getattr(element, "name", "") or element_id

    def current_id(self) -> str | None:
        row = self.tree.currentItem()
        value = row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None
        return value if isinstance(value, str) else None

    def current(self) -> Annotation | None:
        process = self._window.current_process()
        chosen = self.current_id()
        return process.annotations.get(chosen) if process and chosen else None

    def row_for(self, annotation_id: str) -> QTreeWidgetItem | None:
        self._catch_up()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount() if group is not None else 0):
                row = group.child(c)  # type: ignore[union-attr]
                if row is not None and row.data(0, Qt.ItemDataRole.UserRole) == annotation_id:
                    return row
        return None

    def reveal(self, annotation_id: str) -> bool:
        """Raise the Planning sheet with this entry chosen (False: no such entry)."""
        row = self.row_for(annotation_id)
        if row is None:
            return False
        dock = self._window.docks.get("planning")
        if dock is not None:
            dock.show()
            dock.raise_()
        self.tree.setCurrentItem(row)
        self.tree.scrollToItem(row)
        return True

    def _show_current(self) -> None:
        a = self.current()
        self._filling = True
        for widget in (self.text, self.strategy, self.strategy_text, self.category):
            widget.setEnabled(a is not None)
        self.delete_button.setEnabled(a is not None)
        self.link_button.setEnabled(a is not None and bool(self._selected_steps()))
        self.text.setText(a.text if a else "")
        self.strategy_text.setText(a.strategy_text if a else "")
        self.strategy.clear()
        choices = strategy_choices(a.kind) if a else []
        self.strategy.addItem("—", None)
        for s in choices:
            self.strategy.addItem(_title(s.value), s)
        self.strategy.setEnabled(bool(choices))
        self.strategy_text.setEnabled(bool(choices))
        if a is not None and a.strategy is not None:
            self.strategy.setCurrentIndex(max(0, self.strategy.findData(a.strategy)))
        self.category.setEnabled(a is not None and a.kind is K.CONSTRAINT)
        self.kpi.setText(a.kpi if a else "")
        self.target_value.setText(a.target_value if a else "")
        self.evidence.setText(a.evidence if a else "")
        for edit in (self.kpi, self.target_value):
            edit.setEnabled(a is not None and a.kind is K.GOAL)
        self.evidence.setEnabled(a is not None and a.kind is not K.GOAL)
        index = self.category.findData(a.category) if a and a.category else 0
        self.category.setCurrentIndex(max(0, index))
        self._filling = False

    def selection_changed(self) -> None:
        self.link_button.setEnabled(self.current() is not None and bool(self._selected_steps()))

    # -- sheet → model -------------------------------------------------------------------
    def _modeling(self) -> Modeling | None:
        document = self._window.document
        return document.modeling if document is not None else None

    def _add(self) -> None:
        process, modeling = self._window.current_process(), self._modeling()
        if process is None or modeling is None:
            return
        kind = self.add_kind.currentData()
        new_id = modeling.add_annotation(process.id, kind, f"New {KIND_NAMES[kind].lower()}")
        row = self.row_for(new_id)
        if row is not None:
            self.tree.setCurrentItem(row)
            self.text.setFocus()
            self.text.selectAll()

    def _delete(self) -> None:
        chosen, modeling = self.current_id(), self._modeling()
        if chosen is not None and modeling is not None:
            modeling.delete_annotation(chosen)

    def _update(self, field: str, value: object) -> None:
        a, modeling = self.current(), self._modeling()
        if self._filling or a is None or modeling is None or getattr(a, field) == value:
            return
        modeling.update_annotation(a.id, **{field: value})

    def _update_text(self, field: str, edit: QLineEdit) -> None:
        self._update(field, edit.text())

    def _selected_steps(self, kinds: tuple[type, ...] = (Node, Lane, DataObject)) -> list[str]:
        """Selected elements entries can be linked to: steps, lanes, data objects."""
        process = self._window.current_process()
        if process is None:
            return []
        ids = self._window.canvas.selected_ids()
        return [i for i in ids if isinstance(process.elements.get(i), kinds)]

    def _link(self) -> None:
        a, modeling, steps = self.current(), self._modeling(), self._selected_steps()
        if a is None or modeling is None or not steps:
            return
        targets = tuple(dict.fromkeys((*a.targets, *steps)))
        if targets != a.targets:
            modeling.update_annotation(a.id, targets=targets)

    # -- badges and the weakness filter ----------------------------------------------------
    def apply_badges(self) -> None:
        """Badges on the annotated steps, and the weakness filter's dimming. Only the items that
        have or had badges are visited (a 5,000-element process has few annotated steps), and
        every item only while the filter is on or was on at the last pass."""
        process = self._window.current_process()
        by_step = step_annotations(process) if process is not None else {}
        scene = self._window.scene
        for element_id in self._badged | set(by_step):
            item = scene.item_for(element_id)
            if not isinstance(item, ShapeItem):
                continue
            notes = by_step.get(element_id, [])
            counts = Counter(a.kind for a in notes)
            badges = tuple((BADGE_LETTERS[k], counts[k]) for k in _ORDER if counts[k])
            tip = "\n".join(annotation_line(a) for a in notes)
            if badges != item.badges or tip != item.badge_tip:
                item.badges, item.badge_tip = badges, tip
                item.update()
        self._badged = set(by_step)
        if not (self.only_weaknesses or self._dimming):
            return
        self._dimming = self.only_weaknesses
        for element in scene.element_items():
            dimmed = self.only_weaknesses and not isinstance(element, PoolItem | LaneItem)
            if dimmed and isinstance(element, NodeItem):
                notes = by_step.get(element.element_id, [])
                dimmed = not any(a.kind is K.WEAKNESS for a in notes)
            element.set_decoration(dimmed=dimmed)

    def set_only_weaknesses(self, on: bool) -> None:
        self.only_weaknesses = on
        self.apply_badges()

    # -- one-key notes -------------------------------------------------------------------
    def prompt_note(self, kind: AnnotationKind) -> NotePrompt | None:
        """Ask for a note's text, then anchor it to the selected step (one undo step)."""
        process = self._window.current_process()
        steps = self._selected_steps((Node, Lane))
        if process is None or len(steps) != 1:
            self._window.canvas.status("Select one step to add a note to it", 4000)
            return None
        step = steps[0]
        name = self._name(process, step)
        prompt = NotePrompt(f"{KIND_NAMES[kind]} on “{name}”", self._window)
        process_id = process.id

        def done(result: int) -> None:
            text = prompt.text.text().strip()
            modeling = self._modeling()
            if result == QDialog.DialogCode.Accepted and text and modeling is not None:
                modeling.add_annotation(process_id, kind, text, targets=(step,))
            self.prompt = None
            prompt.deleteLater()
            self._window.view.setFocus()

        prompt.finished.connect(done)
        self.prompt = prompt
        prompt.open()
        prompt.text.setFocus()
        return prompt


def register_note_actions(w: MainWindow, planning: PlanningPanel) -> None:
    """P / I / Q / K on the canvas, and View > Only Steps with Weaknesses."""
    for kind, key, text in NOTE_KEYS:
        w.registry.add(
            f"note.{kind.value}",
            f"{text}…",
            partial(planning.prompt_note, kind),
            shortcut=key,
            canvas=True,
            enabled=lambda: len(w.canvas.selected_ids()) == 1,
            group="note",
        )
    w.registry.add(
        "view.only_weaknesses",
        "Only Steps with &Weaknesses",
        lambda: planning.set_only_weaknesses(w.registry.action("view.only_weaknesses").isChecked()),
        checkable=True,
        tip="Dim every step that has no weakness linked to it",
    )
