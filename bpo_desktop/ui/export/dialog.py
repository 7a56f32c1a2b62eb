"""File > Export…: format, options and a live preview, then a file dialog (injectable)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.errors import InputError
from bpo_desktop.ui.export.page import PAGE_SIZES, Orientation, PageSpec
from bpo_desktop.ui.export.pdf import PdfMode, PdfOptions
from bpo_desktop.ui.export.raster import RasterOptions
from bpo_desktop.ui.export.service import (
    ExportSettings,
    Kind,
    ReportCache,
    export_bytes,
    preview,
    write_atomically,
)

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

PREVIEW = QSize(520, 340)
W = TypeVar("W", bound=QWidget)
AskPath = Callable[[QWidget, str, str], str | None]  # parent, suggested path, filter → path
_KIND_TEXTS = {
    Kind.PNG: "PNG image",
    Kind.SVG: "SVG drawing",
    Kind.PDF: "PDF diagram",
    Kind.HTML: "HTML report",
    Kind.REPORT_PDF: "PDF report",
}


def ask_save_path(parent: QWidget, suggested: str, file_filter: str) -> str | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export", suggested, file_filter)
    return chosen or None


class ExportDialog(QDialog):
    """Options on the left, the preview on the right; Export… asks where and writes."""

    ask_path: AskPath = staticmethod(ask_save_path)  # tests replace it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("export.dialog")
        self.setWindowTitle("Export")
        self._window = window
        self.written: Path | None = None
        self._reports: ReportCache = {}  # the model cannot change while the dialog is open
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.update_preview)
        self._build()
        self.update_preview()

    # -- widgets ------------------------------------------------------------------------------
    def _build(self) -> None:
        process = self._window.current_process()
        self.kind = _named(QComboBox(), "export.kind")
        for kind, text in _KIND_TEXTS.items():
            self.kind.addItem(text, kind)
        self.whole = _named(QRadioButton("Whole process"), "export.whole")
        self.whole.setChecked(True)
        self.selection = _named(QRadioButton("Selection"), "export.selection")
        selected = self._window.canvas.selected_ids()
        self.selection.setEnabled(bool(selected))
        self.selection.setChecked(bool(selected))
        self.scenario = _named(QComboBox(), "export.scenario")
        self.scenario.addItem("As-is", None)
        for scenario in sorted(process.scenarios.values() if process else (), key=lambda s: s.name):
            self.scenario.addItem(scenario.name, scenario.name)
        self.scale = _spin("export.scale", 0.1, 10.0, 2.0, 0.25, "x")
        self.dpi = _spin("export.dpi", 0, 1200, 0, 50, " DPI", special="auto")
        self.dpi.setToolTip("Auto: 96 DPI (the screen at 100 %), 300 DPI on a page")
        self.page = _named(QComboBox(), "export.page")
        self.page.addItem("None: the drawing's size", None)
        for name in PAGE_SIZES:
            self.page.addItem(name, name)
        self.orientation = _named(QComboBox(), "export.orientation")
        for orientation in Orientation:
            self.orientation.addItem(orientation.value.capitalize(), orientation)
        self.tile = _named(QCheckBox("Tile over several pages"), "export.tile")
        self.transparent = _named(QCheckBox("Transparent background"), "export.transparent")
        self.demand = _spin("export.demand", 0, 1_000_000, self._demand(), 1, " cases/day",
                            special="no demand")  # fmt: skip

        scope = QHBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.selection)
        form = QFormLayout()
        form.addRow("Format", self.kind)
        form.addRow("Export", scope)
        form.addRow("Scenario", self.scenario)
        form.addRow("Scale", self.scale)
        form.addRow("Resolution", self.dpi)
        form.addRow("Page", self.page)
        form.addRow("Orientation", self.orientation)
        form.addRow("", self.tile)
        form.addRow("", self.transparent)
        form.addRow("Demand", self.demand)
        self._form = form

        self.preview = _named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "export.preview")
        self.preview.setMinimumSize(PREVIEW)
        self.preview.setStyleSheet("background: #e9ebef; border: 1px solid #c8ccd4;")
        self.info = _named(QLabel(wordWrap=True), "export.info")
        self.info.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.info.setMinimumHeight(self.info.fontMetrics().lineSpacing() * 3)  # wraps to 3 lines
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.info)

        self.buttons = _named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel), "export.buttons"
        )
        self.export_button = self.buttons.addButton(
            "Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export.export")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addLayout(form)
        body.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.buttons)

        for combo in (self.kind, self.scenario, self.page, self.orientation):
            combo.currentIndexChanged.connect(self._changed)
        for box in (self.tile, self.transparent, self.whole, self.selection):
            box.toggled.connect(self._changed)
        for spin in (self.scale, self.dpi, self.demand):
            spin.valueChanged.connect(self._changed)
        self._sync_enabled()

    def _demand(self) -> float:
        panel = getattr(self._window, "analysis", None)
        spin = getattr(panel, "demand", None)
        return float(spin.value()) if isinstance(spin, QDoubleSpinBox) else 0.0

    def _changed(self) -> None:
        kind = self.kind.currentData()
        if kind in (Kind.PDF, Kind.REPORT_PDF) and self.page.currentData() is None:
            self.page.setCurrentIndex(self.page.findData("A4"))  # a PDF always has paper
        self._sync_enabled()
        self._timer.start()

    def _sync_enabled(self) -> None:
        kind = self.settings().kind
        page_png = kind is Kind.PNG and self.page.currentData() is not None
        tiled = kind is Kind.PDF and self.tile.isChecked()
        shown = {
            self.scale: (kind is Kind.PNG and not page_png) or tiled,
            self.dpi: kind is Kind.PNG,
            self.page: kind in (Kind.PNG, Kind.PDF, Kind.REPORT_PDF),
            self.orientation: page_png or kind in (Kind.PDF, Kind.REPORT_PDF),
            self.tile: kind is Kind.PDF,
            self.transparent: kind is Kind.PNG,
            self.demand: kind.is_report,
            self.whole: not kind.is_report,
            self.selection: not kind.is_report and bool(self._window.canvas.selected_ids()),
        }
        for widget, on in shown.items():
            widget.setEnabled(on)

    # -- settings -----------------------------------------------------------------------------
    def settings(self) -> ExportSettings:
        kind: Kind = self.kind.currentData()
        page_name = self.page.currentData()
        page = PageSpec(page_name or "A4", self.orientation.currentData())
        use_selection = self.selection.isChecked() and self.selection.isEnabled()
        return ExportSettings(
            kind=kind,
            scenario=self.scenario.currentData(),
            selection=tuple(self._window.canvas.selected_ids()) if use_selection else (),
            raster=RasterOptions(
                scale=self.scale.value(),
                dpi=self.dpi.value() or None,
                page=page if page_name is not None else None,
                transparent=self.transparent.isChecked(),
            ),
            pdf=PdfOptions(
                page=page,
                mode=PdfMode.TILE if self.tile.isChecked() else PdfMode.FIT,
                scale=self.scale.value(),
            ),
            demand_per_day=self.demand.value() or None,
        )

    def update_preview(self) -> None:
        document, process = self._window.document, self._window.current_process()
        if document is None or process is None:
            return
        try:
            image, info = preview(
                document.workspace, process, self.settings(), PREVIEW, self._reports
            )
            self.info.setText(info)
        except InputError as exc:
            self.preview.setPixmap(QPixmap())
            self.info.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.preview.setPixmap(QPixmap.fromImage(image))

    # -- export -------------------------------------------------------------------------------
    def export(self) -> None:
        document, process = self._window.document, self._window.current_process()
        if document is None or process is None:
            return
        settings = self.settings()
        folder = document.path.parent if document.path else Path.home()
        stem = _file_stem(process.name + (f" - {settings.scenario}" if settings.scenario else ""))
        suggested = str(folder / f"{stem}{settings.kind.suffix}")
        chosen = self.ask_path(self, suggested, settings.kind.file_filter)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix == "":
            path = path.with_suffix(settings.kind.suffix)
        file_name = document.path.name if document.path else "(unsaved)"
        problem = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a big report takes seconds
        try:
            write_atomically(path, export_bytes(document.workspace, process, settings, file_name))
        except InputError as exc:
            problem = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if problem is not None:
            QMessageBox.critical(self, "Cannot export", problem)
            return
        self.written = path
        self._window.statusBar().showMessage(f"Exported {process.name!r} to {path}", 6000)
        self.accept()


def _spin(
    name: str, low: float, high: float, value: float, step: float, suffix: str, special: str = ""
) -> QDoubleSpinBox:
    spin = _named(QDoubleSpinBox(), name)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(2 if high <= 10 else 0)
    spin.setValue(value)
    spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)
    return spin


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _file_stem(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_()" else "_" for c in name).strip()
    return cleaned or "process"
