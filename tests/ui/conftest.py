"""UI test fixtures: offscreen Qt, throwaway settings, the sample saved to a temp file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.main_window import MainWindow


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    return path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """An INI file in the temp dir, so tests never touch the user's real settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class Dialogs:
    """Stands in for modal message boxes (a modal box would block an offscreen test run):
    records each question and answers with `answer`."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard

    def question(self, parent, title, text, *args):  # type: ignore[no-untyped-def]
        self.asked.append(title)
        return self.answer


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    monkeypatch.setattr(QMessageBox, "question", recorder.question)
    return recorder


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    yield win


class Driver:
    """Real mouse and keyboard events on the canvas viewport (QTest), in scene coordinates."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def viewport(self):  # type: ignore[no-untyped-def]
        return self.window.view.viewport()

    def at(self, x: float, y: float) -> QPoint:
        return self.window.view.mapFromScene(QPointF(x, y))

    def centre(self, element_id: str) -> QPoint:
        item = self.window.scene.item_for(element_id)
        assert item is not None, element_id
        return self.window.view.mapFromScene(item.scene_rect().center())  # type: ignore[union-attr]

    def show(self, *element_ids: str) -> None:
        """Scroll so the elements are in view (at the current zoom)."""
        rect = None
        for element_id in element_ids:
            item = self.window.scene.item_for(element_id)
            assert item is not None, element_id
            box = item.scene_rect()  # type: ignore[union-attr]
            rect = box if rect is None else rect.united(box)
        assert rect is not None
        self.window.view.centerOn(rect.center())

    def click(
        self, pos: QPoint, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.mouseClick(self.viewport, Qt.MouseButton.LeftButton, modifiers, pos)

    def double_click(self, pos: QPoint) -> None:
        QTest.mouseDClick(
            self.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
        )

    def press(self, pos: QPoint, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
        QTest.mousePress(self.viewport, button, Qt.KeyboardModifier.NoModifier, pos)

    def move(self, pos: QPoint) -> None:
        QTest.mouseMove(self.viewport, pos)

    def release(self, pos: QPoint, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
        QTest.mouseRelease(self.viewport, button, Qt.KeyboardModifier.NoModifier, pos)

    def drag(self, start: QPoint, end: QPoint, steps: int = 8, *, release: bool = True) -> None:
        self.press(start)
        for i in range(1, steps + 1):
            self.move(start + (end - start) * (i / steps))
        if release:
            self.release(end)

    def key(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.window.view.setFocus()
        QTest.keyClick(self.window.view, key, modifiers)

    def type_text(self, widget, text: str) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClicks(widget, text)


def show_active(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Show the window and make it the active one (window shortcuts only fire there)."""
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def editing(qtbot, window: MainWindow, sample_file: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The sample open at 100 % zoom with the onboarding process in view, ready for input."""
    assert window.open_file(sample_file)
    window.resize(1400, 900)
    show_active(qtbot, window)
    window.view.zoom_actual()
    window.view.centerOn(window.scene.content_rect().center())
    window.view.setFocus()
    return window


@pytest.fixture
def driver(editing: MainWindow) -> Driver:
    return Driver(editing)
