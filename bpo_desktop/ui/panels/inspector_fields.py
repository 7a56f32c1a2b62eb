"""What the inspector shows per element type, and the editor widget of each kind of field.

A field commits when editing finishes (Enter, leaving the field, choosing an item); invalid
input is refused with a message and never reaches the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from bpo_desktop.core.model import (
    DataIO,
    DataObject,
    Element,
    Flow,
    Group,
    Lane,
    LaneKind,
    Node,
    Pool,
    Process,
    TextAnnotation,
    VAClass,
    Workspace,
)
from bpo_desktop.core.model.element_types import replacements, type_of

Choices = Callable[[Workspace, Process, Element], list[tuple[str, Any]]]


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the element field (or "type" for the change-type combo)
    label: str
    kind: str  # text | multiline | number | percent | bool | choice
    choices: Choices | None = None
    unit: str = ""
    shown: Callable[[Element], bool] | None = None  # None: shown for every element of the type


def _lanes(_ws: Workspace, process: Process, _e: Element) -> list[tuple[str, Any]]:
    return [("(no lane)", None), *((lane.name or lane.id, lane.id) for lane in process.lanes())]


def _systems(ws: Workspace, _p: Process, _e: Element) -> list[tuple[str, Any]]:
    return [("(none)", None), *((s.name, s.id) for s in ws.systems.values())]


def _va(_ws: Workspace, _p: Process, _e: Element) -> list[tuple[str, Any]]:
    names = {VAClass.VA: "VA (value adding)", VAClass.NNVA: "NNVA (necessary, non-value adding)",
             VAClass.NVA: "NVA (waste)"}  # fmt: skip
    return [("(not classified)", None), *((names[v], v) for v in VAClass)]


def _types(_ws: Workspace, _p: Process, element: Element) -> list[tuple[str, Any]]:
    current = type_of(element)
    options = [current] if current else []
    return [(t.label, t.id) for t in [*options, *replacements(element)]]


def _lane_kinds(_ws: Workspace, _p: Process, _e: Element) -> list[tuple[str, Any]]:
    labels = {LaneKind.TEAM: "Team / role", LaneKind.SYSTEM: "System",
              LaneKind.EXTERNAL: "External party"}  # fmt: skip
    return [(labels[k], k) for k in LaneKind]


def _data_roles(_ws: Workspace, _p: Process, _e: Element) -> list[tuple[str, Any]]:
    labels = {DataIO.NONE: "Data object", DataIO.INPUT: "Process input",
              DataIO.OUTPUT: "Process output"}  # fmt: skip
    return [(labels[io], io) for io in DataIO]


def _not_a_store(element: Element) -> bool:
    """A data store is never a process input or output (BPMN: only data objects are)."""
    return isinstance(element, DataObject) and not element.is_store


SPECS: dict[type, list[FieldSpec]] = {
    Node: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("type", "Type", "choice", _types),
        FieldSpec("lane_id", "Lane (role)", "choice", _lanes),
        FieldSpec("system_id", "System", "choice", _systems),
        FieldSpec("va_class", "Value class", "choice", _va),
        FieldSpec("touch_min", "Touch time", "number", unit="min"),
        FieldSpec("wait_min", "Wait time", "number", unit="min"),
        FieldSpec("cost_per_use", "Cost per use", "number"),
        FieldSpec("owner_role", "Owner", "text"),
        FieldSpec("manual_trigger", "Relies on memory", "bool"),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
    Flow: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("conditional", "Conditional flow", "bool"),
        FieldSpec("condition", "Condition", "text"),
        FieldSpec("probability", "Probability", "percent", unit="%"),
        FieldSpec("is_default", "Default flow", "bool"),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
    Lane: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("kind", "Lane type", "choice", _lane_kinds),
        FieldSpec("staff", "Staff", "number"),
        FieldSpec("hourly_rate", "Hourly rate", "number"),
        FieldSpec("fee_per_case", "Fee per case", "number"),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
    Pool: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
    TextAnnotation: [FieldSpec("text", "Text", "multiline")],
    Group: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
    DataObject: [
        FieldSpec("name", "Name", "text"),
        FieldSpec("is_store", "Data store", "bool"),
        FieldSpec("io", "Role", "choice", _data_roles, shown=_not_a_store),
        FieldSpec("documentation", "Documentation", "multiline"),
    ],
}


def parse_number(text: str, *, percent: bool = False) -> float | None:
    """A non-negative number from the field ("" means none for percentages); ValueError."""
    cleaned = text.strip().replace(",", ".").rstrip("%").strip()
    if not cleaned:
        if percent:
            return None
        raise ValueError("enter a number")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("enter a finite number")
    if value < 0:
        raise ValueError("must not be negative")
    if percent:
        if value > 100:
            raise ValueError("a probability is at most 100 %")
        return round(value / 100, 6)
    return value


def format_number(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return ""
    return f"{value * 100:g}" if percent else f"{value:g}"


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


class FieldEditor(QObject):
    """One row's widget; `changed(value)` when the user finished an edit, with the raw text
    of number fields parsed (a ValueError message goes to `invalid`)."""

    changed = Signal(object)
    invalid = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self.widget: QWidget = self._make(parent)
        self.widget.setObjectName(f"inspector.{spec.name}")

    def _make(self, parent: QWidget) -> QWidget:
        kind = self.spec.kind
        if kind == "bool":
            box = QCheckBox(parent)
            box.toggled.connect(lambda on: self._emit(bool(on)))
            return box
        if kind == "choice":
            combo = QComboBox(parent)
            combo.activated.connect(lambda index: self._emit(combo.itemData(index)))
            return combo
        if kind == "multiline":
            text = CommitTextEdit(parent)
            text.setFixedHeight(70)
            text.setTabChangesFocus(True)
            text.committed.connect(lambda: self._emit(text.toPlainText()))
            return text
        line = QLineEdit(parent)
        line.editingFinished.connect(lambda: self._finished(line))
        if self.spec.unit:
            line.setPlaceholderText(self.spec.unit)
        return line

    def _finished(self, line: QLineEdit) -> None:
        if self.spec.kind in ("number", "percent"):
            try:
                value = parse_number(line.text(), percent=self.spec.kind == "percent")
            except ValueError as exc:
                line.setStyleSheet("border: 1px solid #cf222e;")
                self.invalid.emit(f"{self.spec.label}: {exc}")
                return
            line.setStyleSheet("")
            self._emit(value)
        else:
            self._emit(line.text())

    def _emit(self, value: Any) -> None:
        if not self._loading:
            self.changed.emit(value)

    def load(self, value: Any, choices: list[tuple[str, Any]] | None = None) -> None:
        """Show the model's value (a half-typed multi-line text keeps its focus and text)."""
        widget = self.widget
        if widget.hasFocus() and self.spec.kind == "multiline":
            return
        self._loading = True
        try:
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.clear()
                for label, data in choices or []:
                    widget.addItem(label, data)
                index = next((i for i, (_, d) in enumerate(choices or []) if d == value), -1)
                widget.setCurrentIndex(index)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != (value or ""):
                    widget.setPlainText(value or "")
            elif isinstance(widget, QLineEdit):
                percent = self.spec.kind == "percent"
                text = format_number(value, percent=percent) if self.spec.kind in (
                    "number", "percent") else str(value or "")  # fmt: skip
                widget.setText(text)
                widget.setStyleSheet("")
                widget.setCursorPosition(0)
        finally:
            self._loading = False


__all__ = ["SPECS", "FieldEditor", "FieldSpec"]
