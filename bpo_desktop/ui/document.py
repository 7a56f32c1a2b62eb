"""Document: one open workspace with its editor, its file, and a Qt bridge for the bus.

The document is the UI's only handle on a workspace. Edits go through `document.modeling`
(or `document.stack` for undo/redo); the editor's bus events come out as Qt signals. Saving
writes only the ids `elements.changed` reported since the last save (incremental) and marks
the stack clean, so "unsaved" is exactly `not stack.is_clean` (ARCHITECTURE §7.3 rule 14).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from bpo_desktop.core.editing import (
    ELEMENTS_CHANGED,
    STACK_CHANGED,
    ChangeSet,
    CommandStack,
    Editor,
    Modeling,
    create_editor,
)
from bpo_desktop.core.editing.layout import auto_layout
from bpo_desktop.core.model import Point, Workspace, new_workspace
from bpo_desktop.core.storage import BpoFile, open_workspace, save_workspace_as

UNTITLED = "Untitled"


class Document(QObject):
    """`elements_changed(ChangeSet)` once per undo unit; `stack_changed()` after it (and after
    save/mark clean); `path_changed()` after Save As."""

    elements_changed = Signal(object)
    stack_changed = Signal()
    path_changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        path: Path | None = None,
        bpo_file: BpoFile | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor: Editor = create_editor(workspace)
        self.path = path
        self.bpo_file = bpo_file
        # Ids touched since the last save (execute, undo and redo alike), and ids filled in
        # on open (layouts of a model that came without diagram information).
        self.unsaved_ids: set[str] = set(_fill_missing_layouts(workspace))
        self.editor.bus.on(ELEMENTS_CHANGED, self._on_bus_elements_changed)
        self.editor.bus.on(STACK_CHANGED, self._on_bus_stack_changed)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Document:
        """Raises BpoFileError (one line naming the file and the reason)."""
        workspace, bpo_file = open_workspace(Path(path))
        return cls(workspace, Path(path), bpo_file)

    @classmethod
    def new(cls) -> Document:
        """An empty workspace with one process holding a start event (as bpmn-js starts)."""
        workspace = new_workspace(UNTITLED)
        document = cls(workspace)
        modeling = document.modeling
        with document.stack.transaction("New process"):
            process_id = modeling.create_process("Process 1")
            modeling.create_typed(process_id, "start_event", Point(200, 200))
        document.stack.clear()  # a new file starts clean, with nothing to undo
        return document

    # -- access ---------------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        return self.editor.workspace

    @property
    def modeling(self) -> Modeling:
        return self.editor.modeling

    @property
    def stack(self) -> CommandStack:
        return self.editor.stack

    @property
    def is_modified(self) -> bool:
        return not self.stack.is_clean

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else self.workspace.name

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Write the changes since the last save; raises BpoFileError, ValueError (no path)."""
        if self.path is None:
            raise ValueError("the document has no file yet: use Save As")
        if self.bpo_file is None:
            self.save_as(self.path)
            return
        self.bpo_file.save(self.workspace, set(self.unsaved_ids))
        self._saved()

    def save_as(self, path: Path) -> None:
        """Write a complete file at `path` (atomically) and continue there."""
        self.bpo_file = save_workspace_as(self.workspace, Path(path))
        changed_path = self.path != Path(path)
        self.path = Path(path)
        self._saved()
        if changed_path:
            self.path_changed.emit()

    def _saved(self) -> None:
        self.unsaved_ids.clear()
        self.stack.mark_clean()  # fires command_stack.changed → stack_changed

    # -- bus → Qt -------------------------------------------------------------------------
    def _on_bus_elements_changed(self, change: ChangeSet) -> None:
        self.unsaved_ids |= change.ids
        self.elements_changed.emit(change)

    def _on_bus_stack_changed(self, _payload: object = None) -> None:
        self.stack_changed.emit()

    def close(self) -> None:
        """Stop relaying bus events (the window drops this document)."""
        self.editor.bus.off(ELEMENTS_CHANGED, self._on_bus_elements_changed)
        self.editor.bus.off(STACK_CHANGED, self._on_bus_stack_changed)


def _fill_missing_layouts(workspace: Workspace) -> set[str]:
    """Lay out processes whose steps have no diagram information (imported without DI).

    Loading is not an edit (ARCHITECTURE §7.2): the layout is computed on the new model before
    the stack exists, and the ids are remembered so the next save writes them.
    """
    filled: set[str] = set()
    for process in workspace.processes.values():
        missing = [
            n.id
            for n in process.nodes()
            if n.parent_id is None and n.attached_to is None and n.id not in process.layout
        ]
        if missing:
            layouts = auto_layout(process)
            process.layout.update(layouts)
            filled |= set(layouts)
    return filled
