"""File handling of the main window: New, Open, Save, Save As, Open Recent, Import/Export BPMN,
and the prompt before unsaved changes are thrown away."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from bpo_desktop.core.interchange.bpmn import BpmnImportError, export_bpmn, import_bpmn
from bpo_desktop.core.storage import BpoFileError
from bpo_desktop.ui.document import Document
from bpo_desktop.ui.export.actions import install_export_actions

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

FILE_FILTER = "BPO workspaces (*.bpo);;All files (*)"
BPMN_FILTER = "BPMN 2.0 XML (*.bpmn *.xml);;All files (*)"
_SHOWN_WARNINGS = 20
_WINDOWS: list[MainWindow] = []  # windows opened with File > New Window, kept alive here


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("file.open_recent")
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)

    def _start_dir(self) -> str:
        document = self.window.document
        if document is not None and document.path is not None:
            return str(document.path.parent)
        return str(Path.home())

    # -- the commands ---------------------------------------------------------------------
    def new_window(self) -> MainWindow:
        """Another window with its own document (copy and paste work between windows)."""
        from bpo_desktop.ui.main_window import MainWindow  # the window module imports this one

        other = MainWindow(self.window.settings, self.window.recovery)
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _WINDOWS.append(other)
        other.destroyed.connect(lambda: _WINDOWS.remove(other) if other in _WINDOWS else None)
        other.files.new_file()
        other.show()
        return other

    def new_file(self) -> None:
        if self.confirm_discard():
            self.window.adopt(Document.new())

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Open Workspace", self._start_dir(), FILE_FILTER
        )
        if chosen:
            self.open_file(Path(chosen), confirmed=True)

    def open_file(self, path: Path, *, confirmed: bool = False) -> bool:
        """Open `path`; on failure show the one-line error and keep the current document."""
        if not confirmed and not self.confirm_discard():
            return False
        current = self.window.document
        reopening = current is not None and _same_file(current.path, Path(path))
        if reopening and current is not None:
            current.release_lock()  # this window's own lock must not make it read-only
        try:
            document = Document.open(Path(path))
        except BpoFileError as exc:
            if reopening and current is not None:
                current.relock()
            QMessageBox.critical(self.window, "Cannot open file", str(exc))
            return False
        self.window.adopt(document)
        self.window.recent.add(Path(path))
        self.rebuild_recent_menu()
        if document.read_only is not None:
            QMessageBox.warning(
                self.window,
                "Opened read-only",
                f"{path}: {document.read_only}.\n\nIt is open here read-only: you can look and "
                "edit, and keep your changes under another name with File > Save As.",
            )
        return True

    def save(self) -> bool:
        document = self.window.document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        self.window.canvas.label_editor.commit()
        try:
            document.save()
        except BpoFileError as exc:
            # The work stays in memory (the document stays unsaved); Save As is the way out.
            text = f"{exc}{_hint(exc.reason)}\n\nYour changes are still open here."
            if offer_save_as(self.window, "Cannot save file", text):
                return self.save_as()
            return False
        self.window.statusBar().showMessage(f"Saved {document.path}", 4000)
        return True

    def save_as(self) -> bool:
        document = self.window.document
        if document is None:
            return False
        self.window.canvas.label_editor.commit()
        suggested = (
            str(document.path) if document.path else str(Path(self._start_dir()) / "Untitled.bpo")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save Workspace As", suggested, FILE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix == "":
            path = path.with_suffix(".bpo")
        try:
            document.save_as(path)
        except BpoFileError as exc:
            text = f"{exc}{_hint(exc.reason)}\n\nYour changes are still open here."
            QMessageBox.critical(self.window, "Cannot save file", text)
            return False
        self.window.recent.add(path)
        self.rebuild_recent_menu()
        self.window.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    # -- BPMN interchange -----------------------------------------------------------------
    def install_bpmn_actions(self) -> None:
        """File > Import BPMN... and Export BPMN..., placed just before Quit."""
        w = self.window
        importing = w.registry.add(
            "file.import_bpmn",
            "&Import BPMN…",
            self.import_bpmn_dialog,
            enabled=lambda: w.document is not None,
            tip="Add the process of a BPMN 2.0 XML file to this workspace",
        )
        exporting = w.registry.add(
            "file.export_bpmn",
            "&Export BPMN…",
            self.export_bpmn_dialog,
            enabled=lambda: w.current_process() is not None,
            tip="Write the current process as BPMN 2.0 XML with its diagram",
        )
        quit_action = w.registry.action("file.quit")
        for entry in w.menuBar().actions():
            menu = entry.menu()
            if isinstance(menu, QMenu) and quit_action in menu.actions():
                menu.insertActions(quit_action, [importing, exporting])
                menu.insertSeparator(quit_action)
                break
        install_export_actions(w)  # File > Export…, Edit > Copy Diagram as Image
        w.registry.refresh()

    def import_bpmn_dialog(self) -> None:
        if self.window.document is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Import BPMN", self._start_dir(), BPMN_FILTER
        )
        if chosen:
            self.import_bpmn(Path(chosen))

    def import_bpmn(self, path: Path) -> tuple[str, ...]:
        """Add the file's processes as one undoable edit and show the first; a file that cannot
        be read is one message and changes nothing. Returns the new process ids."""
        document = self.window.document
        if document is None:
            return ()
        self.window.canvas.label_editor.commit()
        path = Path(path)
        try:
            data = path.read_bytes()
            result = import_bpmn(data, source=str(path), workspace=document.workspace)
            ids = document.modeling.import_processes(result.processes, result.systems)
        except OSError as exc:
            reason = f"{path}: cannot read ({exc.strerror or exc})"
            QMessageBox.critical(self.window, "Cannot import BPMN", reason)
            return ()
        except (BpmnImportError, ValueError) as exc:
            QMessageBox.critical(self.window, "Cannot import BPMN", str(exc))
            return ()
        if ids:
            self.window.select_process(ids[0])
        names = ", ".join(repr(p.name) for p in result.processes)
        self.window.statusBar().showMessage(f"Imported {names} from {path.name}", 6000)
        if result.warnings:
            self._show_import_warnings(path, result.warnings)
        return ids

    def _show_import_warnings(self, path: Path, warnings: list[str]) -> None:
        shown = "\n".join(f"• {w}" for w in warnings[:_SHOWN_WARNINGS])
        more = len(warnings) - _SHOWN_WARNINGS
        if more > 0:
            shown += f"\n… and {more} more (see Details)"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "BPMN import warnings",
            f"{path.name} was imported with {len(warnings)} warning(s):\n\n{shown}",
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("bpmn.import_warnings")
        box.setDetailedText("\n".join(warnings))
        box.exec()

    def export_bpmn_dialog(self) -> None:
        document, process = self.window.document, self.window.current_process()
        if document is None or process is None:
            return
        self.window.canvas.label_editor.commit()
        suggested = str(Path(self._start_dir()) / f"{_file_stem(process.name)}.bpmn")
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Export BPMN", suggested, BPMN_FILTER)
        if chosen:
            self.export_bpmn(Path(chosen))

    def export_bpmn(self, path: Path) -> bool:
        """Write the current process to `path` (a `.bpmn` suffix is added when there is none)."""
        document, process = self.window.document, self.window.current_process()
        if document is None or process is None:
            return False
        path = Path(path)
        if path.suffix == "":
            path = path.with_suffix(".bpmn")
        try:
            path.write_bytes(export_bpmn(process, document.workspace))
        except OSError as exc:
            reason = f"{path}: could not write ({exc.strerror or exc})"
            QMessageBox.critical(self.window, "Cannot export BPMN", reason)
            return False
        self.window.statusBar().showMessage(f"Exported {process.name!r} to {path}", 6000)
        return True

    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current document (saved, or the user says so)."""
        document = self.window.document
        if document is None or not document.is_modified:
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved Changes",
            f"Save the changes to {document.display_name} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- recent files ---------------------------------------------------------------------
    def rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.window.recent.paths()
        for number, path in enumerate(paths, start=1):
            # Owned by the menu, so the menu's clear() deletes it on the next rebuild.
            action = QAction(f"&{number} {path.name}", menu)
            action.setObjectName(f"file.open_recent.{number}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
            menu.addAction(action)
        if not paths:
            empty = menu.addAction("No Recent Files")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = QAction("&Clear Menu", menu)
        clear.setObjectName("file.clear_recent")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.window.recent.clear)
        menu.addAction(clear)


def offer_save_as(parent: QWidget, title: str, text: str) -> bool:
    """A failed save: say why and offer Save As (True when the user takes it)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("file.save_failed")
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as


# What to do about the failures people meet (SQLite's and the OS's words, as in the message).
_HINTS = {
    "disk is full": "The disk is full: free some space, or save to another disk.",
    "no space left": "The disk is full: free some space, or save to another disk.",
    "readonly": "The file or its folder is read-only: save it somewhere you can write.",
    "read-only": "The file or its folder is read-only: save it somewhere you can write.",
    "permission denied": "You may not write there: save it somewhere you can write.",
    "unable to open": "The folder cannot be written: save it somewhere you can write.",
    "moved or deleted": "Save As writes it again, at the same place or another.",
    "open in": "Save it under another name with Save As.",
}


def _hint(reason: str) -> str:
    lowered = reason.lower()
    return next((f"\n\n{hint}" for key, hint in _HINTS.items() if key in lowered), "")


def _same_file(a: Path | None, b: Path) -> bool:
    try:
        return a is not None and a.exists() and a.samefile(b)
    except OSError:
        return False


def _file_stem(name: str) -> str:
    """A file name from a process name: no path separators or other awkward characters."""
    cleaned = "".join(c if c.isalnum() or c in " -_()" else "_" for c in name).strip()
    return cleaned or "process"
