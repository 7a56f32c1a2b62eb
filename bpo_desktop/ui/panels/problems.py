"""The Problems dock: the lint findings of the shown process (PRODUCT.md A1-A3, A6).

Lint runs on a snapshot (`process.copy()`) a moment after the last edit or after another
process is shown (a single-shot QTimer coalesces bursts of changes, and keeps the worker off
the first paint of a newly opened diagram), on a worker thread like every analysis, so even the
state-space soundness check of a large process never freezes the editor. Behind another dock's
tab it does not run at all until the dock is shown. Clicking a finding
selects its element on the canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.analysis import Finding, LintReport, Severity, lint
from bpo_desktop.ui.background import BackgroundRunner
from bpo_desktop.ui.panels.on_screen import WhenShown

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

DEBOUNCE_MS = 250
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class ProblemsPanel(QWidget):
    updated = Signal()  # new findings (or none) are shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._runner = BackgroundRunner(self)
        self.setObjectName("problems")
        self._window = window
        self.report: LintReport | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)
        # Behind another dock's tab the lint waits until the dock is shown.
        self.when_shown = WhenShown(self, self._lint)
        self.summary = QLabel()
        self.summary.setObjectName("problems.summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("problems.list")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Severity", "Element", "Message"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 180)
        header.setStretchLastSection(True)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def schedule(self) -> None:
        """Re-lint a moment after the last call (edits come in bursts)."""
        self._timer.start()

    @property
    def busy(self) -> bool:
        """A lint is due or running; `updated` fires when its findings are shown."""
        return self._runner.busy or self._timer.isActive()

    def refresh_now(self) -> None:
        """Lint a snapshot of the shown process on a worker thread (`updated` follows), now
        when the dock can be seen, else once it is shown."""
        self._timer.stop()
        self.when_shown.request()

    def _lint(self) -> None:
        window = self._window
        process = window.current_process()
        workspace = window.workspace
        if process is None or workspace is None:
            self._runner.cancel()
            self.tree.clear()
            self.report = None
            self.summary.setText("No process shown")
            self.updated.emit()
            return
        snapshot, systems = process.copy(), dict(workspace.systems)
        self._runner.submit(lambda: lint(snapshot, systems), self._show, self._show_failure)

    def _show(self, report: LintReport) -> None:
        self.report = report
        self.tree.clear()
        process = self._window.current_process()
        name = process.name if process is not None else ""
        findings = sorted(report.findings, key=lambda f: _RANK.get(f.severity, 3))
        for finding in findings:
            self.tree.addTopLevelItem(self._row(finding))
        errors, warnings = report.errors, report.warnings
        infos = report.count(Severity.INFO)
        self.summary.setText(
            f"{name}: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}, {infos} info"
            if findings
            else f"{name}: no problems found"
        )
        self.updated.emit()

    def _show_failure(self, message: str) -> None:
        self.report = None
        self.tree.clear()
        self.summary.setText(f"This process cannot be checked: {message}")
        self.updated.emit()

    def _row(self, finding: Finding) -> QTreeWidgetItem:
        row = QTreeWidgetItem([finding.severity.value, finding.element_name, finding.message])
        row.setIcon(0, self.style().standardIcon(_ICONS[finding.severity]))
        row.setData(0, Qt.ItemDataRole.UserRole, finding.element_id)
        row.setToolTip(2, f"{finding.message}\n(rule {finding.rule})")
        return row

    def _on_clicked(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        element_id = row.data(0, Qt.ItemDataRole.UserRole)
        canvas = self._window.canvas
        if element_id:
            canvas.planes.show_plane_of(element_id)  # inside a collapsed sub-process: drill in
        item = canvas.item(element_id) if element_id else None
        planning = getattr(self._window, "planning", None)
        if item is None and planning is not None and planning.reveal(element_id):
            return  # a goal, constraint, strength or weakness: shown in the Planning sheet
        if item is None:
            canvas.status("That finding is about the process, not one element", 4000)
            return
        canvas.select([element_id])
        rect = item.scene_rect() if hasattr(item, "scene_rect") else item.path().boundingRect()  # type: ignore[attr-defined]
        self._window.view.reveal(rect.adjusted(-60, -60, 60, 60))
