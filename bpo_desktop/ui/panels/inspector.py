"""The property inspector: every attribute of the selected element; each change is one
`update_properties` (one undo step). With nothing selected it shows the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from bpo_desktop.core.editing import ChangeSet, Modeling
from bpo_desktop.core.model import Element, Node, Process, Workspace
from bpo_desktop.core.model.element_types import type_of
from bpo_desktop.ui.panels.inspector_fields import SPECS, FieldEditor, FieldSpec

_PROCESS_FIELDS = [
    FieldSpec("name", "Process name", "text"),
    FieldSpec("owner", "Process owner", "text"),
    FieldSpec("documentation", "Documentation", "multiline"),
]


class InspectorPanel(QWidget):
    """Bound to a workspace/process by the window; `show_element(id or None)` chooses what."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self._workspace: Workspace | None = None
        self._process: Process | None = None
        self._modeling: Modeling | None = None
        self.element_id: str | None = None
        self._editors: dict[str, FieldEditor] = {}
        self._shape: tuple[type, ...] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel()
        self.title.setObjectName("inspector.title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        outer.addWidget(self.title)
        self.error = QLabel()
        self.error.setObjectName("inspector.error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf222e;")
        self.error.hide()
        outer.addWidget(self.error)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        host = QWidget()
        column = QVBoxLayout(host)
        column.setContentsMargins(0, 0, 0, 0)
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addWidget(self._form_host)
        column.addStretch(1)
        scroll.setWidget(host)
        outer.addWidget(scroll, 1)
        self.bind(None, None, None)

    def bind(
        self, workspace: Workspace | None, process: Process | None, modeling: Modeling | None
    ) -> None:
        self._workspace, self._process, self._modeling = workspace, process, modeling
        self.show_element(None)

    def editor(self, field: str) -> FieldEditor:
        return self._editors[field]

    # -- showing --------------------------------------------------------------------------
    def show_element(self, element_id: str | None) -> None:
        self.element_id = element_id
        self.error.hide()
        element = self._element()
        if element is None and self._process is None:
            self._rebuild(())
            self.title.setText("Nothing to inspect")
            return
        specs = SPECS[type(element)] if element is not None else _PROCESS_FIELDS
        key = (type(element),) if element is not None else (Process,)
        if key != self._shape:
            self._rebuild(specs)
            self._shape = key
        self._load()

    def _element(self) -> Element | None:
        if self._process is None or self.element_id is None:
            return None
        return self._process.elements.get(self.element_id)

    def _rebuild(self, specs: list[FieldSpec] | tuple[()]) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self._editors = {}
        self._shape = None
        for spec in specs:
            editor = FieldEditor(spec, self._form_host)
            editor.changed.connect(lambda value, s=spec: self._commit(s, value))
            editor.invalid.connect(self._show_error)
            label = f"{spec.label} ({spec.unit})" if spec.unit else spec.label
            self._form.addRow(label, editor.widget)
            editor.widget.show()  # at once: the layout would only show it from the event loop
            self._editors[spec.name] = editor

    def _load(self) -> None:
        element, process, workspace = self._element(), self._process, self._workspace
        if element is None:
            if process is None:
                return
            self.title.setText(f"Process · {process.name}")
            for name, editor in self._editors.items():
                editor.load(getattr(process, name))
            return
        kind = type_of(element)
        self.title.setText(f"{kind.label if kind else type(element).__name__} · {element.id}")
        assert process is not None and workspace is not None
        for name, editor in self._editors.items():
            choices = (
                editor.spec.choices(workspace, process, element) if editor.spec.choices else None
            )
            value = kind.id if name == "type" and kind else getattr(element, name, None)
            editor.load(value, choices)
            if editor.spec.shown is not None:  # e.g. a data object's role, not a store's
                self._form.setRowVisible(editor.widget, editor.spec.shown(element))

    def refresh(self, change: ChangeSet) -> None:
        """After an edit: reload when it touched what is shown (or the element is gone)."""
        shown = self.element_id
        if shown is not None and self._element() is None:
            self.show_element(None)
        elif shown in change.ids or (shown is None and self._process is not None):
            self._load()

    # -- committing -----------------------------------------------------------------------
    def _commit(self, spec: FieldSpec, value: Any) -> None:
        modeling, element, process = self._modeling, self._element(), self._process
        if modeling is None or process is None:
            return
        edit: Callable[[], None]
        if element is None:
            if getattr(process, spec.name) == value:
                return
            edit = lambda: modeling.update_process(process.id, **{spec.name: value})  # noqa: E731
        elif spec.name == "type":
            current = type_of(element)
            if (current is not None and current.id == value) or not isinstance(element, Node):
                return
            edit = lambda: modeling.change_type(element.id, value)  # noqa: E731
        else:
            if getattr(element, spec.name) == value:
                return
            edit = lambda: modeling.update_properties(element.id, **{spec.name: value})  # noqa: E731
        try:
            edit()
        except ValueError as exc:
            self._show_error(str(exc))
            self._load()
            return
        self.error.hide()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


__all__ = ["InspectorPanel"]
