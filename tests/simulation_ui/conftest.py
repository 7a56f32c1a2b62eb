"""Fixtures for the simulation GUI tests: offscreen Qt, throwaway settings, the sample saved to
a temp file and opened in a shown window, and recorded message boxes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.main_window import MainWindow

ONBOARDING = "Customer onboarding (as-is)"


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    return path


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, title, *_args):  # type: ignore[no-untyped-def]
        asked.append(title)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def window(qtbot, tmp_path: Path, sample_file: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    assert win.open_file(sample_file)
    win.show()
    qtbot.waitExposed(win)
    win.docks["simulation"].raise_()
    yield win
    win.simulation.runner.shutdown()  # type: ignore[attr-defined]
