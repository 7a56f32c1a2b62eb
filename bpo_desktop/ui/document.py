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
from bpo_desktop.core.editing.layout import layout_missing
from bpo_desktop.core.model import Point, Workspace, new_workspace
from bpo_desktop.core.storage import BpoFile, BpoFileError, open_workspace, save_workspace_as
from bpo_desktop.core.storage.lock import FileInUseError, WriterLock, acquire_writer_lock
from bpo_desktop.core.storage.recovery import new_key

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
        # One writer per file: the lock is held while the document is open. Without it the
        # document is read-only: `read_only` says why, Save refuses and Save As is the way out.
        self.lock: WriterLock | None = bpo_file.lock if bpo_file is not None else None
        self.read_only: str | None = None
        self.recovery_key = new_key()  # names this document's autosave snapshot
        self.generation = 0  # counts edits, so autosave skips an unchanged document
        self._needs_save = False  # recovered work: unsaved although nothing was edited yet
        # Ids touched since the last save (execute, undo and redo alike), and ids filled in
        # on open (layouts of a model that came without diagram information).
        self.unsaved_ids: set[str] = set(_fill_missing_layouts(workspace))
        self.editor.bus.on(ELEMENTS_CHANGED, self._on_bus_elements_changed)
        self.editor.bus.on(STACK_CHANGED, self._on_bus_stack_changed)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Document:
        """Raises BpoFileError (one line naming the file and the reason). A file open in
        another window or program opens read-only (see `read_only`)."""
        path = Path(path)
        lock, in_use = _try_lock(path)
        try:
            workspace, bpo_file = open_workspace(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        bpo_file.lock = lock
        document = cls(workspace, path, bpo_file)
        document.read_only = in_use
        return document

    @classmethod
    def recovered(cls, workspace: Workspace, original: Path | None, key: str) -> Document:
        """Autosaved work brought back after a crash: unsaved until the user saves it. Saving
        writes the whole original file (atomically), or asks for a name when there is none."""
        lock, in_use = _try_lock(original) if original is not None else (None, None)
        document = cls(workspace, original)
        document.lock, document.read_only = lock, in_use
        document.recovery_key = key
        document._needs_save = True
        return document

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
        return self._needs_save or not self.stack.is_clean

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else self.workspace.name

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Write the changes since the last save; raises BpoFileError, ValueError (no path)."""
        if self.path is None:
            raise ValueError("the document has no file yet: use Save As")
        if self.read_only is not None:
            raise BpoFileError(self.path, f"not saved: opened read-only ({self.read_only})")
        if self.bpo_file is None:
            self.save_as(self.path)
            return
        self.bpo_file.save(self.workspace, set(self.unsaved_ids))
        self._saved()

    def save_as(self, path: Path) -> None:
        """Write a complete file at `path` (atomically) and continue there. Raises
        FileInUseError when `path` is open in another window or program."""
        path = Path(path)
        keep = self.lock is not None and self.path == path and self.read_only is None
        lock = self.lock if keep else acquire_writer_lock(path)
        try:
            self.bpo_file = save_workspace_as(self.workspace, path, lock=lock)
        except BaseException:
            if not keep and lock is not None:
                lock.release()
            raise
        if not keep:
            self.release_lock()
            self.lock, self.read_only = lock, None
        changed_path = self.path != path
        self.path = path
        self._saved()
        if changed_path:
            self.path_changed.emit()

    def _saved(self) -> None:
        self._needs_save = False
        self.unsaved_ids.clear()
        self.stack.mark_clean()  # fires command_stack.changed → stack_changed

    # -- bus → Qt -------------------------------------------------------------------------
    def _on_bus_elements_changed(self, change: ChangeSet) -> None:
        self.generation += 1
        self.unsaved_ids |= change.ids
        self.elements_changed.emit(change)

    def _on_bus_stack_changed(self, _payload: object = None) -> None:
        self.stack_changed.emit()

    def close(self) -> None:
        """Stop relaying bus events (the window drops this document)."""
        self.editor.bus.off(ELEMENTS_CHANGED, self._on_bus_elements_changed)
        self.editor.bus.off(STACK_CHANGED, self._on_bus_stack_changed)
        self.release_lock()

    def relock(self) -> None:
        """Take the lock again after `release_lock` (read-only if someone took it meanwhile)."""
        if self.path is not None and self.lock is None and self.read_only is None:
            self.lock, self.read_only = _try_lock(self.path)

    def release_lock(self) -> None:
        """Let other windows and programs write the file (the document is being dropped)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _try_lock(path: Path) -> tuple[WriterLock | None, str | None]:
    """The writer lock, or None and the reason to open read-only."""
    try:
        return acquire_writer_lock(path), None
    except FileInUseError as exc:
        return None, f"it is open in {exc.holder}"


def _fill_missing_layouts(workspace: Workspace) -> set[str]:
    """Give steps without diagram information a place (a model imported without DI, or a
    diagram missing a few shapes; `layout_missing` keeps every existing position).

    Loading is not an edit (ARCHITECTURE §7.2): the layout is computed on the new model before
    the stack exists, and the ids are remembered so the next save writes them.
    """
    filled: set[str] = set()
    for process in workspace.processes.values():
        layouts = layout_missing(process)
        process.layout.update(layouts)
        filled |= set(layouts)
    return filled
