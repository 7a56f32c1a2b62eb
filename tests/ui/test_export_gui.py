"""File > Export… and Edit > Copy Diagram as Image, driven like a user (file dialog injected)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox

from bpo_desktop.core.model import NodeKind
from bpo_desktop.ui.export.dialog import ExportDialog
from bpo_desktop.ui.export.service import Kind
from bpo_desktop.ui.main_window import MainWindow

ONBOARDING = "Customer onboarding (as-is)"


class SavePaths:
    """Stands in for the modal file dialog: answers with `answer`, records what it suggested."""

    def __init__(self) -> None:
        self.answer: str | None = None
        self.suggested: list[tuple[str, str]] = []

    def __call__(self, parent: Any, suggested: str, file_filter: str) -> str | None:
        self.suggested.append((suggested, file_filter))
        return self.answer


@pytest.fixture
def save_paths(monkeypatch: pytest.MonkeyPatch) -> SavePaths:
    recorder = SavePaths()
    monkeypatch.setattr(ExportDialog, "ask_path", staticmethod(recorder))
    return recorder


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def critical(parent: Any, title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


@pytest.fixture
def opened(window: MainWindow, sample_file: Path, qtbot: Any) -> MainWindow:
    assert window.open_file(sample_file)
    process = next(p for p in window.document.workspace.processes.values() if p.name == ONBOARDING)  # type: ignore[union-attr]
    window.select_process(process.id)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_dialog(window: MainWindow, qtbot: Any) -> ExportDialog:
    """Press Ctrl+E, as a user would, and wait for the dialog."""
    window.activateWindow()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "export_dialog", None), ExportDialog))
    dialog: ExportDialog = window.export_dialog  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    return dialog


def choose(dialog: ExportDialog, kind: Kind) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def click_export(dialog: ExportDialog, qtbot: Any) -> None:
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_menus_offer_export_and_copy_as_image(opened: MainWindow) -> None:
    texts = {
        entry.text(): [a.objectName() for a in entry.menu().actions()]
        for entry in opened.menuBar().actions()
        if isinstance(entry.menu(), QMenu)
    }
    assert "file.export" in texts["&File"]
    file_menu = texts["&File"]
    assert file_menu.index("file.export") == file_menu.index("file.export_bpmn") + 1
    edit_menu = texts["&Edit"]
    assert edit_menu.index("edit.copy_image") == edit_menu.index("edit.copy") + 1


def test_png_export_through_the_dialog_writes_the_file(
    opened: MainWindow, qtbot: Any, tmp_path: Path, save_paths: SavePaths
) -> None:
    dialog = open_dialog(opened, qtbot)
    choose(dialog, Kind.PNG)
    dialog.scale.setValue(1.0)
    dialog.update_preview()
    preview = dialog.preview.pixmap()
    assert not preview.isNull() and preview.width() > 100  # the live preview shows the drawing
    target = tmp_path / "onboarding"
    save_paths.answer = str(target)
    click_export(dialog, qtbot)
    written = target.with_suffix(".png")
    assert written.exists() and dialog.written == written
    image = QImage(str(written))
    assert not image.isNull() and image.width() > 1000
    suggested, file_filter = save_paths.suggested[-1]
    assert suggested.endswith("Customer onboarding (as-is).png") and "*.png" in file_filter
    assert not dialog.isVisible()
    assert str(written) in opened.statusBar().currentMessage()


def test_selection_export_to_svg_holds_only_the_selection(
    opened: MainWindow, qtbot: Any, tmp_path: Path, save_paths: SavePaths
) -> None:
    process = opened.current_process()
    assert process is not None
    tasks = [n.id for n in process.nodes() if n.kind is NodeKind.TASK][:2]
    opened.scene.select_ids(tasks)
    dialog = open_dialog(opened, qtbot)
    assert dialog.selection.isChecked()
    choose(dialog, Kind.SVG)
    save_paths.answer = str(tmp_path / "part.svg")
    click_export(dialog, qtbot)
    ids = {g.get("data-element-id") for g in etree.parse(str(tmp_path / "part.svg")).iter("{*}g")}
    assert ids - {None} == set(tasks)


def test_report_through_the_dialog(
    opened: MainWindow, qtbot: Any, tmp_path: Path, save_paths: SavePaths
) -> None:
    dialog = open_dialog(opened, qtbot)
    choose(dialog, Kind.HTML)
    assert dialog.demand.isEnabled() and not dialog.transparent.isEnabled()
    save_paths.answer = str(tmp_path / "report.html")
    click_export(dialog, qtbot)
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "40.83 h" in text and "92.50" in text and "3 handoffs" in text


def test_tiled_pdf_preview_counts_pages_and_cancel_writes_nothing(
    opened: MainWindow, qtbot: Any, tmp_path: Path, save_paths: SavePaths
) -> None:
    dialog = open_dialog(opened, qtbot)
    choose(dialog, Kind.PDF)
    assert dialog.page.currentData() == "A4"
    dialog.tile.setChecked(True)
    dialog.scale.setValue(3.0)
    dialog.update_preview()
    assert "page(s) of A4" in dialog.info.text()
    save_paths.answer = None  # the user cancels the file dialog
    click_export(dialog, qtbot)
    assert dialog.isVisible() and dialog.written is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_unwritable_target_is_one_message_and_no_file(
    opened: MainWindow, qtbot: Any, tmp_path: Path, save_paths: SavePaths, errors: list[str]
) -> None:
    dialog = open_dialog(opened, qtbot)
    save_paths.answer = str(tmp_path / "missing-folder" / "x.png")
    click_export(dialog, qtbot)
    assert len(errors) == 1 and "missing-folder" in errors[0] and "cannot write" in errors[0]
    assert dialog.isVisible()


def test_copy_diagram_as_image(opened: MainWindow, qtbot: Any) -> None:
    opened.activateWindow()
    QTest.keyClick(
        opened.view.viewport(),
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 2000  # the whole diagram at 2x
    assert "as an image" in opened.statusBar().currentMessage()


@pytest.mark.parametrize("kind", list(Kind))
def test_every_format_has_a_preview_and_its_options(
    opened: MainWindow, qtbot: Any, kind: Kind
) -> None:
    dialog = open_dialog(opened, qtbot)
    choose(dialog, kind)
    dialog.update_preview()
    picture = dialog.preview.pixmap().toImage()
    assert not picture.isNull() and picture.width() > 100
    ink = sum(
        1
        for y in range(0, picture.height(), 4)
        for x in range(0, picture.width(), 4)
        if picture.pixelColor(x, y).lightness() < 160
    )
    assert ink > 20, "the preview is blank"
    assert dialog.info.text()
    assert dialog.transparent.isEnabled() == (kind is Kind.PNG)
    assert dialog.tile.isEnabled() == (kind is Kind.PDF)
    assert dialog.demand.isEnabled() == kind.is_report


def test_copy_selection_as_image_is_smaller_than_the_whole(opened: MainWindow) -> None:
    from bpo_desktop.ui.export.actions import copy_diagram_image

    assert copy_diagram_image(opened)
    whole = QGuiApplication.clipboard().image()
    process = opened.current_process()
    assert process is not None
    opened.scene.select_ids([n.id for n in process.nodes() if n.kind is NodeKind.TASK][:1])
    assert copy_diagram_image(opened)
    part = QGuiApplication.clipboard().image()
    assert 0 < part.width() < whole.width() / 4
    assert "1 selected element(s)" in opened.statusBar().currentMessage()
