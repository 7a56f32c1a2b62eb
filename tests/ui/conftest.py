"""UI test fixtures: offscreen Qt, throwaway settings, the sample saved to a temp file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

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


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    yield win
