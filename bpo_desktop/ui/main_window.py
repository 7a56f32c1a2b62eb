"""The main window: Processes dock, the diagram canvas, the File and View menus, a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox

from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.storage import BpoFileError, read_workspace
from bpo_desktop.ui.canvas import DiagramScene, DiagramView
from bpo_desktop.ui.panels.processes import ProcessListPanel
from bpo_desktop.ui.recent import RecentFiles

APP_NAME = "BPO Desktop"
FILE_FILTER = "BPO workspaces (*.bpo);;All files (*)"


def load_workspace(path: Path) -> Workspace:
    """The one place the UI reads a file (read-only this session); raises BpoFileError."""
    return read_workspace(path)


class MainWindow(QMainWindow):
    """Shows one workspace file read-only. Actions carry objectNames ("file.open") for tests."""

    document_changed = Signal()

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._settings = settings
        self.recent = RecentFiles(settings)
        self.workspace: Workspace | None = None
        self.path: Path | None = None

        self.scene = DiagramScene(self)
        self.view = DiagramView(self.scene, self)
        self.setCentralWidget(self.view)
        self.process_panel = ProcessListPanel()
        self.process_panel.process_selected.connect(self._on_process_selected)
        self._dock = QDockWidget("Processes", self)
        self._dock.setObjectName("dock.processes")
        self._dock.setWidget(self.process_panel)
        self._dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._dock)
        self.resizeDocks([self._dock], [280], Qt.Orientation.Horizontal)

        self._status = QLabel()
        self._status.setObjectName("status.document")
        self._zoom_label = QLabel()
        self._zoom_label.setObjectName("status.zoom")
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._zoom_label)
        self.view.zoom_changed.connect(self._on_zoom_changed)

        self._build_menus()
        self._restore_window_state()
        self._refresh_chrome()

    # -- documents -----------------------------------------------------------------------
    def open_file(self, path: Path) -> bool:
        """Open `path`; on failure show the one-line error and keep the current document."""
        try:
            workspace = load_workspace(Path(path))
        except BpoFileError as exc:
            QMessageBox.critical(self, "Cannot open file", str(exc))
            return False
        self.set_document(workspace, Path(path))
        return True

    def set_document(self, workspace: Workspace, path: Path | None) -> None:
        self.workspace, self.path = workspace, path
        if path is not None:
            self.recent.add(path)
        self.process_panel.set_workspace(workspace)
        first = next(iter(workspace.processes), None)
        if first is not None:
            self.select_process(first)
        else:
            self.scene.show_process(None)
        self._refresh_chrome()
        self.document_changed.emit()

    def current_process(self) -> Process | None:
        process = self.scene.process
        if self.workspace is None or process is None:
            return None
        return self.workspace.processes.get(process.id)

    def select_process(self, process_id: str) -> None:
        """Draw the process with this id (and highlight it in the Processes panel)."""
        if self.workspace is None or process_id not in self.workspace.processes:
            raise KeyError(process_id)
        if self.process_panel.current_process_id() != process_id:
            self.process_panel.select_process(process_id)  # comes back via _on_process_selected
            return
        self.scene.show_process(self.workspace.processes[process_id])
        self.view.fit_to_contents()
        self._refresh_chrome()

    def _on_process_selected(self, process_id: str) -> None:
        if self.workspace is not None and process_id in self.workspace.processes:
            self.select_process(process_id)

    # -- actions -------------------------------------------------------------------------
    def action(self, name: str) -> QAction:
        """The action with this objectName, such as "file.open"."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    def _make_action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        parent: QObject | None = None,
    ) -> QAction:
        action = QAction(text, parent or self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = self._make_action("file.open", "&Open…", QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._on_open_triggered)
        file_menu.addAction(open_action)
        self._recent_menu = QMenu("Open &Recent", self)
        self._recent_menu.setObjectName("file.open_recent")
        self._recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        file_menu.addMenu(self._recent_menu)
        file_menu.addSeparator()
        quit_action = self._make_action("file.quit", "&Quit", QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        fit = self._make_action("view.fit", "&Fit to Window", QKeySequence("Ctrl+0"))
        fit.triggered.connect(self.view.fit_to_contents)
        zoom_in = self._make_action("view.zoom_in", "Zoom &In", QKeySequence.StandardKey.ZoomIn)
        zoom_in.triggered.connect(lambda: self.view.zoom_by(1))
        zoom_out = self._make_action("view.zoom_out", "Zoom &Out", QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self.view.zoom_by(-1))
        view_menu.addActions([fit, zoom_in, zoom_out])
        view_menu.addSeparator()
        toggle = self._dock.toggleViewAction()
        toggle.setObjectName("view.processes")
        view_menu.addAction(toggle)
        self._rebuild_recent_menu()

    def _on_open_triggered(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "Open Workspace", start, FILE_FILTER)
        if chosen:
            self.open_file(Path(chosen))

    def _rebuild_recent_menu(self) -> None:
        self._recent_menu.clear()
        paths = self.recent.paths()
        for number, path in enumerate(paths, start=1):
            # Owned by the menu, so the menu's clear() deletes it on the next rebuild.
            action = self._make_action(
                f"file.open_recent.{number}", f"&{number} {path.name}", parent=self._recent_menu
            )
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
            self._recent_menu.addAction(action)
        if not paths:
            empty = self._recent_menu.addAction("No Recent Files")
            empty.setEnabled(False)
        self._recent_menu.addSeparator()
        clear = self._make_action("file.clear_recent", "&Clear Menu", parent=self._recent_menu)
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.recent.clear)
        self._recent_menu.addAction(clear)

    # -- chrome --------------------------------------------------------------------------
    def _refresh_chrome(self) -> None:
        if self.path is not None:
            self.setWindowTitle(f"{self.path.name} — {APP_NAME}")
        elif self.workspace is not None:
            self.setWindowTitle(f"{self.workspace.name} — {APP_NAME}")
        else:
            self.setWindowTitle(APP_NAME)
        self._status.setText(self.status_text())
        self.view.placeholder = self._placeholder()
        self.view.viewport().update()
        self._rebuild_recent_menu()

    def _placeholder(self) -> str:
        if self.workspace is None:
            return "Open a workspace with File > Open…"
        if not self.workspace.processes:
            return "This workspace has no processes yet"
        return "This process has no diagram yet"

    def status_text(self) -> str:
        if self.workspace is None:
            return "No workspace open — File > Open… (Ctrl+O)"
        parts = [self.path.name if self.path else self.workspace.name]
        process = self.current_process()
        if process is not None:
            count = len(process.elements)
            parts.append(f"{process.name}: {count} element{'s' if count != 1 else ''}")
        return "  ·  ".join(parts)

    def _on_zoom_changed(self, zoom: float) -> None:
        self._zoom_label.setText(f"{zoom:.0%}")

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
        if self._settings is not None:
            self._settings.setValue("window/geometry", self.saveGeometry())
            self._settings.setValue("window/state", self.saveState())
            self._settings.sync()
        super().closeEvent(event)
