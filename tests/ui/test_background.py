"""Analysis and lint run off the GUI thread, and only the newest request's result is shown."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from bpo_desktop.ui.background import BackgroundRunner, drain
from bpo_desktop.ui.main_window import MainWindow
from bpo_desktop.ui.panels import analysis as analysis_module
from bpo_desktop.ui.panels import problems as problems_module


def test_only_the_newest_result_arrives(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    shown: list[str] = []

    def slow(value: str, delay: float) -> str:
        time.sleep(delay)
        return value

    runner.submit(lambda: slow("old", 0.2), shown.append, shown.append)
    runner.submit(lambda: slow("new", 0.0), shown.append, shown.append)
    qtbot.waitUntil(lambda: not runner.busy)
    QApplication.processEvents()
    assert shown == ["new"]
    assert drain(5)


def test_a_failing_computation_reports_instead_of_crashing(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    errors: list[str] = []

    def broken() -> None:
        raise ValueError("no start event")

    runner.submit(broken, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["ValueError: no start event"]


def test_panels_compute_on_a_worker_thread(
    qtbot,  # type: ignore[no-untyped-def]
    editing: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    real_analyze, real_lint = analysis_module.analyze, problems_module.lint

    def spy_analyze(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_analyze(*args, **kwargs)

    def spy_lint(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_lint(*args, **kwargs)

    monkeypatch.setattr(analysis_module, "analyze", spy_analyze)
    monkeypatch.setattr(problems_module, "lint", spy_lint)
    panel = editing.analysis  # type: ignore[attr-defined]
    problems = editing.problems  # type: ignore[attr-defined]
    editing.docks["analysis"].raise_()
    panel.refresh_now()
    editing.docks["problems"].raise_()  # a dock behind a tab computes when it is shown
    problems.refresh_now()
    qtbot.waitUntil(lambda: not panel.busy and not problems.busy, timeout=10_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert panel.value("lead_time_h") == "40.83 h"
    assert problems.report is not None


def test_failure_is_shown_in_the_dock(
    qtbot,  # type: ignore[no-untyped-def]
    editing: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("cycle without exit")

    monkeypatch.setattr(analysis_module, "analyze", broken)
    panel = editing.analysis  # type: ignore[attr-defined]
    editing.docks["analysis"].raise_()
    panel.refresh_now()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    assert "cannot be analysed: RuntimeError: cycle without exit" in panel.critical_label.text()
    assert panel.table.rowCount() == 0


def test_deleting_a_panel_while_its_job_runs_neither_blocks_nor_delivers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A pool owned by the panel would wait for the job on the GUI thread with the GIL held
    while the job needs the GIL: closing a window mid-analysis froze the app."""
    parent = QObject()
    runner = BackgroundRunner(parent)
    shown: list[str] = []

    def slow() -> str:
        time.sleep(0.3)
        return "late"

    runner.submit(slow, shown.append, shown.append)
    started = time.perf_counter()
    parent.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # delete them now
    assert time.perf_counter() - started < 0.2  # did not wait for the job
    assert drain(5)
    QApplication.processEvents()
    assert shown == []
