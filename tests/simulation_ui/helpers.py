"""Small helpers shared by the simulation GUI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.simulation.install import Simulation


def sim(window: MainWindow) -> Simulation:
    found: Simulation = window.simulation  # type: ignore[attr-defined]
    return found


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def run_and_wait(qtbot, window: MainWindow, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    click(button)
    qtbot.waitUntil(lambda: not sim(window).runner.busy, timeout=30_000)
