"""Which file the GUI opens without an argument, and the composition root that uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from bpo_desktop.ui import app as app_module
from bpo_desktop.ui.app import SAMPLE_COPY_NAME, choose_startup_file, run_gui
from bpo_desktop.ui.main_window import MainWindow


@pytest.fixture
def packaged(tmp_path: Path) -> Path:
    sample = tmp_path / "package" / "sample.bpo"
    sample.parent.mkdir()
    sample.write_bytes(b"packaged sample")
    return sample


def test_first_run_copies_the_sample(tmp_path: Path, packaged: Path) -> None:
    data = tmp_path / "data" / "BPO Desktop"
    chosen = choose_startup_file(None, data, packaged)
    assert chosen == data / SAMPLE_COPY_NAME
    assert chosen.read_bytes() == b"packaged sample"
    assert chosen != packaged


def test_second_run_reuses_the_copy_without_overwriting(tmp_path: Path, packaged: Path) -> None:
    data = tmp_path / "data"
    copy = choose_startup_file(None, data, packaged)
    copy.write_bytes(b"the user's edits")
    packaged.write_bytes(b"a newer packaged sample")
    assert choose_startup_file(None, data, packaged) == copy
    assert copy.read_bytes() == b"the user's edits"


def test_the_last_file_wins_when_it_exists(tmp_path: Path, packaged: Path) -> None:
    last = tmp_path / "mine.bpo"
    last.write_bytes(b"mine")
    data = tmp_path / "data"
    assert choose_startup_file(last, data, packaged) == last
    assert not (data / SAMPLE_COPY_NAME).exists()  # no copy needed


def test_a_missing_last_file_falls_back_to_the_sample_copy(tmp_path: Path, packaged: Path) -> None:
    data = tmp_path / "data"
    chosen = choose_startup_file(tmp_path / "gone.bpo", data, packaged)
    assert chosen == data / SAMPLE_COPY_NAME and chosen.exists()


def test_a_missing_packaged_sample_raises_and_leaves_no_partial_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with pytest.raises(FileNotFoundError):
        choose_startup_file(None, data, tmp_path / "missing.bpo")
    assert not (data / SAMPLE_COPY_NAME).exists()


def test_run_gui_without_a_path_opens_a_copy_of_the_packaged_sample(
    qapp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.setattr(app_module, "user_data_dir", lambda: tmp_path / "data")
    seen: dict[str, object] = {}

    def inspect_and_quit() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        seen["path"] = window.path
        seen["processes"] = window.process_panel.topLevelItemCount()
        window.close()
        QApplication.quit()

    QTimer.singleShot(0, inspect_and_quit)
    assert run_gui(None) == 0
    assert seen == {"path": tmp_path / "data" / SAMPLE_COPY_NAME, "processes": 3}
