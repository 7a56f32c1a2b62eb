"""Autosave in the window, the Preferences dialog, and the recovery offer at the next start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QSpinBox

from bpo_desktop.core.storage import read_workspace
from bpo_desktop.core.storage.recovery import RecoveryArea, new_key
from bpo_desktop.ui.app import start_recovery
from bpo_desktop.ui.autosave import INTERVAL_KEY
from bpo_desktop.ui.dialogs.recovery import Choice, RecoveryDialog, offer_recovery
from bpo_desktop.ui.main_window import MainWindow

EDITED = "Workshop notes, not saved yet"


def _edit(window: MainWindow, name: str = EDITED) -> None:
    document = window.document
    assert document is not None
    document.modeling.rename_process(next(iter(document.workspace.processes)), name)


def _snapshots(area: RecoveryArea) -> list[Path]:
    return sorted(area.root.glob(f"{area.session}-*.bpo"))


def test_autosave_writes_a_snapshot_not_the_file_and_a_save_removes_it(
    window: MainWindow, area: RecoveryArea, sample_file: Path, digest: Callable[[Path], str]
) -> None:
    assert window.open_file(sample_file)
    assert window.autosaver.snapshot_now() is None  # nothing unsaved: nothing written
    before = digest(sample_file)
    _edit(window)
    snapshot = window.autosaver.snapshot_now()
    assert snapshot is not None and snapshot.original == sample_file
    assert EDITED in {p.name for p in read_workspace(snapshot.bpo_path).processes.values()}
    assert digest(sample_file) == before
    assert window.autosaver.snapshot_now() is None  # unchanged since the last snapshot
    assert window.files.save()
    assert _snapshots(area) == []


def test_the_timer_follows_the_preference(
    qtbot: Any, settings: QSettings, area: RecoveryArea, sample_file: Path
) -> None:
    settings.setValue(INTERVAL_KEY, 1)
    window = MainWindow(settings, area)
    qtbot.addWidget(window)
    assert window.autosaver.timer.interval() == 1000
    assert window.open_file(sample_file)
    _edit(window)
    with qtbot.waitSignal(window.autosaver.snapshot_written, timeout=5000) as written:
        pass
    assert written.args[0].original == sample_file
    assert len(_snapshots(area)) == 1


def test_default_interval_is_sixty_seconds(window: MainWindow) -> None:
    assert window.autosaver.timer.isActive() and window.autosaver.timer.interval() == 60_000


def test_preferences_dialog_sets_the_interval(
    window: MainWindow, settings: QSettings, qtbot: Any
) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "preferences"
        spin = dialog.findChild(QSpinBox, "preferences.autosave_interval")
        assert spin is not None and spin.value() == 60
        spin.selectAll()
        QTest.keyClicks(spin, "120")
        buttons = dialog.findChild(QDialogButtonBox, "preferences.buttons")
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    window.show()
    QTimer.singleShot(50, answer)
    window.action("edit.preferences").trigger()
    assert int(settings.value(INTERVAL_KEY)) == 120
    assert window.autosaver.timer.interval() == 120_000


def test_a_clean_close_removes_the_snapshot(
    window: MainWindow, area: RecoveryArea, sample_file: Path, messages: Any
) -> None:
    assert window.open_file(sample_file)
    _edit(window)
    assert window.autosaver.snapshot_now() is not None
    window.show()
    assert window.close()  # "Save changes?" answered Discard: the user chose to drop them
    assert _snapshots(area) == []


def _crashed_session(root: Path, sample_file: Path, window_factory: Any) -> None:
    """A window of another session that autosaved and then died (its lock released, files kept)."""
    dead = RecoveryArea(root)
    dead.start_session()
    window = window_factory(dead)
    assert window.open_file(sample_file)
    _edit(window)
    assert window.autosaver.snapshot_now() is not None
    assert dead._session_lock is not None
    dead._session_lock.release()  # what the kernel does when the process dies
    assert window.document is not None
    window.document.release_lock()
    window.autosaver.area = None  # the dead session writes nothing more


def test_recovery_dialog_shows_what_would_be_recovered_and_discard_asks_again(
    qtbot: Any, area: RecoveryArea, sample_file: Path, settings: QSettings, messages: Any
) -> None:
    def factory(recovery: RecoveryArea) -> MainWindow:
        win = MainWindow(settings, recovery)
        qtbot.addWidget(win)
        return win

    _crashed_session(area.root, sample_file, factory)
    snapshots = area.orphans()
    dialog = RecoveryDialog(snapshots)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.table.topLevelItem(0)
    assert row is not None and row.text(0) == str(sample_file)
    processes = [row.child(i).text(0) for i in range(row.childCount())]
    assert EDITED in processes and row.child(processes.index(EDITED)).text(2).isdigit()

    messages.question = messages.question.No
    discard = dialog.findChild(QPushButton, "recovery.discard")
    QTest.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert messages.titles[-1] == "Discard Recovered Work"
    assert dialog.isVisible() and dialog.choice is Choice.KEEP  # "no": still asking
    messages.question = messages.question.Yes
    QTest.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.choice is Choice.DISCARD
    assert len(area.orphans()) == 1  # the dialog decides; offer_recovery deletes


def test_keep_for_later_keeps_and_discard_deletes(
    qtbot: Any, window: MainWindow, area: RecoveryArea, sample_file: Path, settings: QSettings
) -> None:
    def factory(recovery: RecoveryArea) -> MainWindow:
        win = MainWindow(settings, recovery)
        qtbot.addWidget(win)
        return win

    _crashed_session(area.root, sample_file, factory)
    assert offer_recovery(window, area, lambda _p, _s: Choice.KEEP) == []
    assert len(area.orphans()) == 1
    assert offer_recovery(window, area, lambda _p, _s: Choice.DISCARD) == []
    assert area.orphans() == []


def test_recover_at_start_shows_the_work_unsaved_and_saving_keeps_it(
    qtbot: Any,
    window: MainWindow,
    area: RecoveryArea,
    sample_file: Path,
    settings: QSettings,
) -> None:
    def factory(recovery: RecoveryArea) -> MainWindow:
        win = MainWindow(settings, recovery)
        qtbot.addWidget(win)
        return win

    _crashed_session(area.root, sample_file, factory)

    def click_recover() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "recovery"
        QTest.mouseClick(
            dialog.findChild(QPushButton, "recovery.recover"), Qt.MouseButton.LeftButton
        )

    window.show()
    QTimer.singleShot(50, click_recover)
    assert offer_recovery(window, area) == [window]  # the real dialog, answered by a click
    document = window.document
    assert document is not None and document.is_modified and document.path == sample_file
    assert window.windowTitle().startswith("sample.bpo*")
    assert EDITED in {p.name for p in document.workspace.processes.values()}
    assert len(_snapshots(area)) == 1  # still safe until saved
    assert window.files.save()
    assert EDITED in {p.name for p in read_workspace(sample_file).processes.values()}
    assert _snapshots(area) == [] and area.orphans() == []
    assert new_key() != document.recovery_key


def test_an_unusable_recovery_folder_never_interrupts_the_user(
    qtbot: Any, settings: QSettings, sample_file: Path, tmp_path: Path, messages: Any
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert start_recovery(blocker / "recovery") is None  # the app then runs without autosave
    broken = RecoveryArea(blocker / "recovery")
    window = MainWindow(settings, broken)
    qtbot.addWidget(window)
    assert window.open_file(sample_file)
    _edit(window)
    assert window.autosaver.snapshot_now() is None
    assert window.statusBar().currentMessage().startswith("Autosave failed:")
    assert messages.shown == []  # no modal box for a background failure
    assert window.document is not None and window.document.is_modified
