"""A second window (or program) opening the same file gets it read-only: it may look and edit,
Save is refused with the reason, Save As keeps the work under another name."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import read_workspace
from bpo_desktop.ui.main_window import MainWindow


def _rename_first_process(window: MainWindow, name: str) -> None:
    document = window.document
    assert document is not None
    document.modeling.rename_process(next(iter(document.workspace.processes)), name)


def _answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_second_window_opens_read_only_and_saves_elsewhere(
    make_window: Callable[[], MainWindow],
    sample_file: Path,
    messages,  # type: ignore[no-untyped-def]
    digest,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    first, second = make_window(), make_window()
    assert first.open_file(sample_file)
    assert first.document is not None and first.document.read_only is None
    assert messages.shown == []

    assert second.open_file(sample_file)
    assert second.document is not None and second.document.read_only is not None
    title, text = messages.shown[-1]
    assert title == "Opened read-only"
    assert str(sample_file) in text and "another window of this BPO Desktop" in text
    assert "[Read-Only]" in second.windowTitle()
    assert "[Read-Only]" not in first.windowTitle()
    assert "read-only" in second.status_text() and "read-only" not in first.status_text()

    before = digest(sample_file)
    _rename_first_process(second, "Edited in the read-only window")
    assert second.document.is_modified
    second.action("file.save").trigger()  # refused: says why and offers Save As (declined)
    title, text = messages.shown[-1]
    assert title == "Cannot save file" and "read-only" in text and str(sample_file) in text
    assert second.document.is_modified and digest(sample_file) == before

    copy = tmp_path / "my copy.bpo"
    _answer_save_dialog(monkeypatch, copy)
    messages.save_as = True
    second.action("file.save").trigger()
    assert not second.document.is_modified
    assert second.document.read_only is None and second.document.path == copy
    assert "[Read-Only]" not in second.windowTitle()
    names = {p.name for p in read_workspace(copy).processes.values()}
    assert "Edited in the read-only window" in names
    assert digest(sample_file) == before

    first.close()  # releases its lock: the next window may write
    third = make_window()
    assert third.open_file(sample_file)
    assert third.document is not None and third.document.read_only is None


def test_save_as_over_a_file_open_in_another_window_is_refused(
    make_window: Callable[[], MainWindow],
    sample_file: Path,
    messages,  # type: ignore[no-untyped-def]
    digest,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = make_window(), make_window()
    assert first.open_file(sample_file)
    second.files.new_file()
    before = digest(sample_file)
    _answer_save_dialog(monkeypatch, sample_file)
    assert not second.files.save_as()
    title, text = messages.shown[-1]
    assert title == "Cannot save file" and "open in another window" in text
    assert digest(sample_file) == before
    assert second.document is not None and second.document.path is None


def test_a_file_held_by_another_process_opens_read_only(
    window: MainWindow,
    sample_file: Path,
    messages,  # type: ignore[no-untyped-def]
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, time
                from bpo_desktop.core.storage.lock import acquire_writer_lock
                lock = acquire_writer_lock(sys.argv[1])
                print("locked", flush=True)
                time.sleep(120)
                """
            ),
            str(sample_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert window.open_file(sample_file)
        assert window.document is not None and window.document.read_only is not None
        assert f"process {holder.pid}" in messages.shown[-1][1]
        assert window.workspace == sample_workspace()  # everything is there to look at
    finally:
        holder.kill()
        holder.wait()
    window.files.open_file(sample_file, confirmed=True)  # the holder is gone: writable again
    assert window.document is not None and window.document.read_only is None


def test_opening_the_same_file_again_in_its_window_stays_writable(
    window: MainWindow,
    sample_file: Path,
    messages,  # type: ignore[no-untyped-def]
) -> None:
    assert window.open_file(sample_file)
    assert window.open_file(sample_file)  # File > Open Recent of the file already shown
    assert window.document is not None and window.document.read_only is None
    assert messages.shown == []
