"""The GUI entry point and composition root: QApplication, settings, the startup file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from bpo_desktop import __version__
from bpo_desktop.core.storage.recovery import RecoveryArea
from bpo_desktop.resources import sample_path
from bpo_desktop.ui.dialogs.recovery import offer_recovery
from bpo_desktop.ui.main_window import APP_NAME, MainWindow
from bpo_desktop.ui.recent import RecentFiles

SAMPLE_COPY_NAME = "Sample workspace.bpo"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def choose_startup_file(last_file: Path | None, data_dir: Path, sample: Path) -> Path:
    """The file to open when none is given: the last one used if it still exists, else the
    user's copy of the sample, made from `sample` the first time (an existing copy is kept,
    and the packaged sample itself is never returned, so it is never opened for writing)."""
    if last_file is not None and last_file.is_file():
        return last_file
    target = data_dir / SAMPLE_COPY_NAME
    if target.exists():
        return target
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        with sample.open("rb") as src, target.open("xb") as dst:  # "x": never overwrite
            shutil.copyfileobj(src, dst)
    except FileExistsError:
        return target  # another instance copied it first
    except BaseException:
        target.unlink(missing_ok=True)  # no half-written copy left behind
        raise
    return target


def _application(argv: list[str] | None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def run_gui(path: Path | None, argv: list[str] | None = None) -> int:
    """Show the main window with `path` (or the startup file) and run the event loop."""
    app = _application(argv)
    settings = QSettings(APP_NAME, APP_NAME)
    recovery = start_recovery(user_data_dir() / "recovery")
    window = MainWindow(settings, recovery)
    window.show()
    # After a crash: offer the autosaved work first; when it is shown, no startup file on top.
    recovered = offer_recovery(window, recovery) if recovery is not None else []
    if path is None and not recovered:
        try:
            path = choose_startup_file(RecentFiles(settings).last(), user_data_dir(), sample_path())
        except OSError as exc:  # no packaged sample, or the data dir is not writable
            window.statusBar().showMessage(f"No sample workspace available: {exc}")
    if path is not None:
        target = window if window.document is None else window.files.new_window()
        target.open_file(path)
    try:
        return app.exec()
    finally:
        if recovery is not None:
            recovery.end_session()


def start_recovery(root: Path) -> RecoveryArea | None:
    """This session's recovery area (autosave goes there), or None when it cannot be made."""
    area = RecoveryArea(root)
    try:
        area.start_session()
    except OSError:
        return None
    return area
