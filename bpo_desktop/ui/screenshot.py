"""Render the main window for a file offscreen to a PNG (for docs, reviews and the CLI)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from bpo_desktop.core.model import Process
from bpo_desktop.ui.canvas import DiagramView
from bpo_desktop.ui.main_window import MainWindow, load_workspace

PAINT_TIMEOUT_MS = 5000
_created_app: list[QApplication] = []  # keeps an application we created alive between calls


def take_screenshot(
    path: Path,
    out: Path,
    process_name: str | None = None,
    size: tuple[int, int] = (1600, 1000),
) -> dict[str, float]:
    """Write a PNG of the window showing `process_name` (default: the first process).

    Returns {"open_to_first_paint_ms": ...}, measured from before the file is read until the
    diagram has been painted once. Raises ValueError for an unknown process name and
    BpoFileError for an unreadable file.
    """
    _ensure_application()
    previous_handler = qInstallMessageHandler(_quiet_offscreen_noise)
    window = MainWindow(settings=None)  # no QSettings: a screenshot leaves no recent-file trace
    window.resize(*size)
    painted: list[float] = []

    def on_painted() -> None:
        if not painted:
            painted.append(time.perf_counter())

    window.view.painted.connect(on_painted)
    try:
        start = time.perf_counter()
        workspace = load_workspace(Path(path))
        process_id = _process_id(workspace.processes, process_name)
        window.set_document(workspace, Path(path))
        window.select_process(process_id)
        window.show()
        window.view.fit_to_contents()
        _wait_for_paint(window.view, painted)
        pixmap = window.grab()  # paints synchronously if the platform has not exposed it yet
        if not painted:
            raise RuntimeError("the diagram was never painted")
        if not pixmap.save(str(out), "PNG"):
            raise OSError(f"{out}: could not write the PNG")
    finally:
        window.close()
        window.deleteLater()
        qInstallMessageHandler(previous_handler)
    return {"open_to_first_paint_ms": (painted[0] - start) * 1000.0}


def _quiet_offscreen_noise(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen plugin's harmless dock-widget warning; pass everything else on."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _ensure_application() -> None:
    if QApplication.instance() is None:
        # A screenshot is headless by definition: never depend on a display being there.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _created_app.append(QApplication(sys.argv[:1]))


def _process_id(processes: dict[str, Process], process_name: str | None) -> str:
    if not processes:
        raise ValueError("the workspace has no processes")
    if process_name is None:
        return next(iter(processes))
    for process_id, process in processes.items():
        if process.name == process_name:
            return process_id
    names = ", ".join(repr(p.name) for p in processes.values())
    raise ValueError(f"no process named {process_name!r}; available: {names}")


def _wait_for_paint(view: DiagramView, painted: list[float]) -> None:
    """Run the event loop until the view's first paint (or a timeout: `grab` then paints)."""
    if painted:
        return
    loop = QEventLoop()
    timeout = QTimer(loop)
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    view.painted.connect(loop.quit)
    timeout.start(PAINT_TIMEOUT_MS)
    loop.exec()
    view.painted.disconnect(loop.quit)
