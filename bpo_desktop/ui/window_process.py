"""Process actions: add, duplicate, rename (in the list) and delete processes of the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from bpo_desktop.core.model import Point

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow


class ProcessActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def register(
        self, guarded: Callable[[Callable[[], object]], Callable[[], object]]
    ) -> list[QAction]:
        w, add = self.window, self.window.registry.add

        def has_doc() -> bool:
            return w.document is not None

        def has_process() -> bool:
            return w.canvas.process() is not None

        actions = [
            add("process.add", "&Add Process", guarded(self.add), enabled=has_doc,
                tip="Add a new process to this file"),
            add("process.duplicate", "D&uplicate Process", guarded(self.duplicate),
                enabled=has_process, tip="Copy the current process"),
            add("process.rename", "&Rename Process", guarded(self.rename), enabled=has_process,
                tip="Rename the current process"),
            add("process.delete", "&Delete Process", guarded(self.delete),
                enabled=lambda: bool(w.workspace and len(w.workspace.processes) > 1),
                tip="Delete the current process"),
        ]  # fmt: skip
        for action, short in zip(actions, ("Add", "Duplicate", "Rename", "Delete"), strict=True):
            action.setIconText(short)
        return actions

    def _unique(self, base: str) -> str:
        workspace = self.window.workspace
        names = {p.name for p in workspace.processes.values()} if workspace else set()
        name, n = base, 2
        while name in names:
            name, n = f"{base} {n}", n + 1
        return name

    def add(self) -> None:
        document = self.window.document
        if document is None:
            return
        name = self._unique("New process")
        with document.stack.transaction("Add process"):
            process_id = document.modeling.create_process(name)
            document.modeling.create_typed(process_id, "start_event", Point(200, 200))
        self.window.select_process(process_id)

    def duplicate(self) -> None:
        document, process = self.window.document, self.window.current_process()
        if document is None or process is None:
            return
        new_id = document.modeling.duplicate_process(
            process.id, self._unique(f"{process.name} (copy)")
        )
        self.window.select_process(new_id)

    def rename(self) -> None:
        self.window.docks["processes"].show()
        self.window.process_panel.setFocus()
        self.window.process_panel.edit_current()

    def delete(self) -> None:
        document, process = self.window.document, self.window.current_process()
        if document is None or process is None or len(document.workspace.processes) < 2:
            return
        answer = QMessageBox.question(
            self.window,
            "Delete Process",
            f"Delete the process “{process.name}”? (Edit > Undo brings it back.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            document.modeling.delete_process(process.id)
