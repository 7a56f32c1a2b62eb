"""Fixtures for the robustness tests: offscreen Qt, temp settings, a recovery area in the temp
dir, recorded message boxes (a modal box would block an offscreen run)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.core.storage.recovery import RecoveryArea
from bpo_desktop.ui import window_file
from bpo_desktop.ui.main_window import MainWindow


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    return path


@pytest.fixture
def digest() -> Callable[[Path], str]:
    return lambda path: hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def area(tmp_path: Path) -> Iterator[RecoveryArea]:
    recovery = RecoveryArea(tmp_path / "recovery")
    recovery.start_session()
    yield recovery
    recovery.end_session()


class Messages:
    """Every message box shown (title, text); `question` and `save_as` are the answers given."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.question = QMessageBox.StandardButton.Discard
        self.save_as = False

    def box(self, _parent: Any, title: str, text: str, *_args: Any) -> Any:
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    def ask(self, _parent: Any, title: str, text: str, *_args: Any) -> Any:
        self.shown.append((title, text))
        return self.question

    def offer(self, _parent: Any, title: str, text: str) -> bool:
        self.shown.append((title, text))
        return self.save_as

    @property
    def titles(self) -> list[str]:
        return [title for title, _ in self.shown]


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    recorder = Messages()
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, recorder.box)
    monkeypatch.setattr(QMessageBox, "question", recorder.ask)
    monkeypatch.setattr(window_file, "offer_save_as", recorder.offer)
    return recorder


@pytest.fixture
def make_window(qtbot: Any, settings: QSettings, area: RecoveryArea) -> Callable[[], MainWindow]:
    def make() -> MainWindow:
        window = MainWindow(settings, area)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from robustness.fuzzing import TRIED

    if TRIED:
        terminalreporter.write_sep("-", "hostile inputs tried per target")
        for target, count in sorted(TRIED.items()):
            terminalreporter.write_line(f"{target}: {count}")
