"""The main window: canvas in the middle; Processes, Palette, Properties and Minimap docks;
menus built from the ActionRegistry (`window_actions.py`); file handling in `window_file.py`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QWidget,
)

from bpo_desktop.core.editing import ChangeKind, ChangeSet
from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.storage import read_workspace
from bpo_desktop.core.storage.recovery import RecoveryArea
from bpo_desktop.ui.actions import ActionRegistry
from bpo_desktop.ui.autosave import Autosaver, install_preferences_action
from bpo_desktop.ui.canvas import DiagramScene, DiagramView, theme
from bpo_desktop.ui.canvas.controller import CanvasController
from bpo_desktop.ui.canvas.doc_notes import DocumentationOverlay
from bpo_desktop.ui.document import Document
from bpo_desktop.ui.panels.inspector import InspectorPanel
from bpo_desktop.ui.panels.minimap import MinimapPanel
from bpo_desktop.ui.panels.processes import ProcessListPanel
from bpo_desktop.ui.recent import RecentFiles
from bpo_desktop.ui.window_actions import build_actions
from bpo_desktop.ui.window_file import FILE_FILTER, FileController

APP_NAME = "BPO Desktop"
__all__ = ["APP_NAME", "FILE_FILTER", "MainWindow", "load_workspace"]


def load_workspace(path: Path) -> Workspace:
    """Read a file without opening it for editing (screenshots); raises BpoFileError."""
    return read_workspace(path)


class MainWindow(QMainWindow):
    """One document at a time. Actions carry objectNames ("file.open") for tests."""

    document_changed = Signal()
    process_shown = Signal()  # another process (or none) is drawn on the canvas

    def __init__(
        self, settings: QSettings | None = None, recovery: RecoveryArea | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._settings = settings
        self.settings = settings
        self.recent = RecentFiles(settings)
        self.document: Document | None = None
        self.scene = DiagramScene(self)
        self.view = DiagramView(self.scene, self)
        self.setCentralWidget(self.view)
        self.canvas = CanvasController(self.scene, self.view, self)
        self.doc_notes = DocumentationOverlay(self.scene)  # View > Show Documentation
        self.process_panel = ProcessListPanel()
        self.inspector = InspectorPanel()
        self.minimap = MinimapPanel(self.view)
        self.registry = ActionRegistry(self, self.view)  # not `actions`: QWidget.actions()
        self.files = FileController(self)
        self._status = QLabel()
        self._status.setObjectName("status.document")
        self._zoom_label = QLabel()
        self._zoom_label.setObjectName("status.zoom")
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._zoom_label)
        self.docks: dict[str, QDockWidget] = {}
        build_actions(self)  # actions, menus and the docks that show action buttons
        self.files.install_bpmn_actions()  # File > Import BPMN..., Export BPMN...
        self.recovery = recovery
        self.autosaver = Autosaver(self, recovery)  # snapshots unsaved work (never the file)
        install_preferences_action(self)  # Edit > Preferences…
        self._connect()
        self._follow_colour_scheme()
        self._restore_window_state()
        self._refresh_chrome()

    def add_dock(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        *,
        scrollable: bool = False,
    ) -> QDockWidget:
        """`scrollable` docks scroll their content instead of imposing its minimum size on the
        window (a tall panel must not squeeze the canvas of a small laptop screen)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock.{name}")
        if scrollable:
            scroller = QScrollArea()
            scroller.setObjectName(f"dock.{name}.scroll")
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(widget)
            dock.setWidget(scroller)
        else:
            dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _connect(self) -> None:
        self.process_panel.process_selected.connect(self._on_process_selected)
        self.process_panel.rename_requested.connect(self._on_process_rename_requested)
        self.view.zoom_changed.connect(lambda z: self._zoom_label.setText(f"{z:.0%}"))
        self.canvas.selection_changed.connect(self._on_selection_changed)
        self.scene.plane_changed.connect(self.minimap.clear)  # drilled in or out
        self.canvas.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        # A bound method of this QObject: Qt drops the connection when the window goes.
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_changed)

    # -- documents -----------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace | None:
        return self.document.workspace if self.document is not None else None

    @property
    def path(self) -> Path | None:
        return self.document.path if self.document is not None else None

    def open_file(self, path: Path) -> bool:
        return self.files.open_file(Path(path))

    def set_document(self, workspace: Workspace, path: Path | None) -> None:
        """Show an already loaded workspace (saving it writes `path` whole)."""
        self.adopt(Document(workspace, path))
        if path is not None:
            self.recent.add(path)

    def adopt(self, document: Document) -> None:
        """Make `document` the window's document (the previous one is dropped)."""
        self.canvas.cancel_interaction()
        if self.document is not None:
            self.document.close()
            self.document.deleteLater()
        self.document = document
        document.setParent(self)
        document.elements_changed.connect(self._on_elements_changed)
        document.stack_changed.connect(self._refresh_chrome)
        document.path_changed.connect(self._refresh_chrome)
        self.canvas.set_document(document)
        self.process_panel.set_workspace(document.workspace)
        first = next(iter(document.workspace.processes), None)
        if first is not None:
            self.select_process(first)
        else:
            self._show_process(None)
        self._refresh_chrome()
        self.document_changed.emit()

    def current_process(self) -> Process | None:
        return self.canvas.process()

    def select_process(self, process_id: str) -> None:
        """Draw the process with this id (and highlight it in the Processes panel)."""
        if self.workspace is None or process_id not in self.workspace.processes:
            raise KeyError(process_id)
        if self.process_panel.current_process_id() != process_id:
            self.process_panel.select_process(process_id)  # comes back via _on_process_selected
            return
        self._show_process(process_id)

    def _show_process(self, process_id: str | None) -> None:
        self.canvas.show_process(process_id)
        self.inspector.bind(
            self.workspace,
            self.current_process(),
            self.document.modeling if self.document else None,
        )
        self.view.fit_to_contents()
        self.minimap.clear()
        self._refresh_chrome()
        self.doc_notes.refresh()
        self.process_shown.emit()

    def _on_process_selected(self, process_id: str) -> None:
        if self.workspace is not None and process_id in self.workspace.processes:
            self.select_process(process_id)

    def _on_process_rename_requested(self, process_id: str, name: str) -> None:
        document = self.document
        if document is None or process_id not in document.workspace.processes:
            return
        if document.workspace.processes[process_id].name == name:
            return
        try:
            document.modeling.rename_process(process_id, name)
        except ValueError as exc:
            self.statusBar().showMessage(f"Not renamed: {exc}", 6000)
            self.process_panel.set_workspace(document.workspace)

    def _on_elements_changed(self, change: ChangeSet) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        if self.canvas.process_id not in workspace.processes:  # its process was deleted
            self.process_panel.set_workspace(workspace)
            first = next(iter(workspace.processes), None)
            if first is not None:
                self.select_process(first)
            else:
                self._show_process(None)
        elif change.ids & set(workspace.processes) or self._lanes_touched(change):
            self.process_panel.set_workspace(workspace)
        if change.kind is not ChangeKind.EXECUTE:
            self._show_undone_process(change)
        self.inspector.refresh(change)
        self.doc_notes.schedule()
        self.minimap.schedule()
        self._refresh_chrome()

    def _show_undone_process(self, change: ChangeSet) -> None:
        """An undo or redo in another process than the one shown: show that one."""
        workspace, current = self.workspace, self.current_process()
        if workspace is None or (current is not None and change.ids & current.elements.keys()):
            return
        for process in workspace.processes.values():
            if process is not current and change.ids & process.elements.keys():
                self.select_process(process.id)
                return

    def _lanes_touched(self, change: ChangeSet) -> bool:
        counts = [
            self.process_panel.topLevelItem(i)
            for i in range(self.process_panel.topLevelItemCount())
        ]
        workspace = self.workspace
        assert workspace is not None
        for item in counts:
            if item is not None:
                process = workspace.processes.get(item.data(0, Qt.ItemDataRole.UserRole))
                if process is not None and item.text(1) != str(len(process.lanes())):
                    return True
        return False

    def _on_selection_changed(self) -> None:
        ids = self.canvas.selected_ids()
        self.inspector.show_element(ids[0] if len(ids) == 1 else None)
        self.registry.refresh()

    def _on_clipboard_changed(self) -> None:
        self.registry.refresh()

    # -- actions -------------------------------------------------------------------------
    def action(self, name: str) -> QAction:
        """The action with this objectName, such as "file.open"."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    # -- chrome --------------------------------------------------------------------------
    def _refresh_chrome(self) -> None:
        document = self.document
        if document is not None:
            star = "*" if document.is_modified else ""
            mode = " [Read-Only]" if document.read_only else ""
            self.setWindowTitle(f"{document.display_name}{star}{mode} — {APP_NAME}")
        else:
            self.setWindowTitle(APP_NAME)
        self._status.setText(self.status_text())
        self.view.placeholder = self._placeholder()
        self.view.viewport().update()
        self.registry.refresh()

    def _placeholder(self) -> str:
        if self.workspace is None:
            return "Open a workspace with File > Open… or start one with File > New"
        if not self.workspace.processes:
            return "This workspace has no processes yet: Process > Add Process"
        return "Drag elements from the palette, or click one and then the canvas"

    def status_text(self) -> str:
        if self.workspace is None:
            return "No workspace open — File > Open… (Ctrl+O)"
        parts = [self.document.display_name if self.document else self.workspace.name]
        if self.document is not None and self.document.read_only:
            parts[0] += " (read-only: Save As keeps your changes)"
        process = self.current_process()
        if process is not None:
            count = len(process.elements)
            parts.append(f"{process.name}: {count} element{'s' if count != 1 else ''}")
        return "  ·  ".join(parts)

    # -- colour scheme -------------------------------------------------------------------
    def _follow_colour_scheme(self) -> None:
        hints = QGuiApplication.styleHints()
        self.apply_colour_scheme(hints.colorScheme() == Qt.ColorScheme.Dark)
        hints.colorSchemeChanged.connect(
            lambda scheme: self.apply_colour_scheme(scheme == Qt.ColorScheme.Dark)
        )

    def apply_colour_scheme(self, dark: bool) -> None:
        """Light or dark canvas; cached item pixmaps are redrawn."""
        if theme.apply_scheme(dark):
            self.scene.refresh_all()
            self.view.resetCachedContent()  # the cached grid background
            palette = self.findChild(QWidget, "palette")
            if palette is not None and hasattr(palette, "refresh_icons"):
                palette.refresh_icons()
            self.canvas.refresh_chrome()
            self.minimap.schedule()

    # -- window state (QSettings, never the document) ------------------------------------
    def _restore_window_state(self) -> None:
        if self._settings is None:
            self.resize(1400, 900)
            return
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.canvas.label_editor.commit()
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.autosaver.forget()  # a clean close: no snapshot to offer next time
        if self.document is not None:
            self.document.release_lock()
        if self._settings is not None:
            self._settings.setValue("window/geometry", self.saveGeometry())
            self._settings.setValue("window/state", self.saveState())
            self._settings.sync()
        super().closeEvent(event)
