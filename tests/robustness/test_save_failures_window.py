"""Disk full, read-only folder, file deleted or moved while open: one clear message naming the
file and the problem, the work kept in memory (still unsaved), Save As offered and working."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from bpo_desktop.core.model import Point
from bpo_desktop.core.storage import read_workspace, repository
from bpo_desktop.ui import window_file
from bpo_desktop.ui.main_window import MainWindow

EDITED = "Edited before the failure"


@pytest.fixture
def opened(window: MainWindow, sample_file: Path) -> MainWindow:
    assert window.open_file(sample_file)
    document = window.document
    assert document is not None
    document.modeling.rename_process(next(iter(document.workspace.processes)), EDITED)
    assert document.is_modified
    return window


def _save_as_answer(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _names(path: Path) -> set[str]:
    return {p.name for p in read_workspace(path).processes.values()}


def _assert_kept(window: MainWindow, messages: Any, path: Path, *phrases: str) -> None:
    """The failure was one message naming the file and the problem; the work is still there."""
    title, text = messages.shown[-1]
    assert title == "Cannot save file"
    assert str(path) in text
    for phrase in phrases:
        assert phrase in text, text
    document = window.document
    assert document is not None and document.is_modified
    assert EDITED in {p.name for p in document.workspace.processes.values()}
    assert window.windowTitle().startswith(f"{document.display_name}*")


def test_disk_full_during_save_keeps_the_work_and_offers_save_as(
    opened: MainWindow,
    sample_file: Path,
    messages: Any,
    digest: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    before = digest(sample_file)
    real_upsert = repository._upsert
    full = {"disk": True}

    def upsert(conn: Any, rows: Any) -> None:
        if full["disk"]:
            raise sqlite3.OperationalError("database or disk is full")
        real_upsert(conn, rows)

    monkeypatch.setattr(repository, "_upsert", upsert)
    assert not opened.files.save()
    _assert_kept(opened, messages, sample_file, "database or disk is full", "The disk is full")
    assert digest(sample_file) == before

    # Again, and this time take the offered Save As to another disk (which has room).
    elsewhere = tmp_path / "other disk.bpo"
    _save_as_answer(monkeypatch, elsewhere)

    def take_save_as(_parent: Any, title: str, text: str) -> bool:
        messages.shown.append((title, text))
        full["disk"] = False
        return True

    monkeypatch.setattr(window_file, "offer_save_as", take_save_as)
    assert opened.files.save()
    assert opened.document is not None and not opened.document.is_modified
    assert opened.document.path == elsewhere
    assert EDITED in _names(elsewhere)
    assert digest(sample_file) == before


def test_a_real_full_database_rolls_back_and_keeps_the_work(
    opened: MainWindow,
    sample_file: Path,
    messages: Any,
    digest: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite's own "disk full": the file may not grow by a single page."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)
        if sample_file.name in str(database):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    document = opened.document
    assert document is not None
    process_id = next(iter(document.workspace.processes))
    with document.stack.transaction("Many steps"):
        for i in range(400):
            document.modeling.create_typed(process_id, "task", Point(100 + i * 5, 900))
    before = digest(sample_file)
    assert not opened.files.save()
    _assert_kept(opened, messages, sample_file, "full")
    assert digest(sample_file) == before
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    assert opened.files.save()  # the disk has room again: the same document saves in place
    assert len(read_workspace(sample_file).processes[process_id].elements) == len(
        document.workspace.processes[process_id].elements
    )


def test_file_deleted_while_open_is_written_again_by_save_as(
    opened: MainWindow, sample_file: Path, messages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample_file.unlink()
    assert not opened.files.save()
    _assert_kept(opened, messages, sample_file, "moved or deleted")
    assert not sample_file.exists()  # no empty stand-in was created
    _save_as_answer(monkeypatch, sample_file)
    messages.save_as = True
    assert opened.files.save()
    assert EDITED in _names(sample_file)


def test_file_moved_while_open_is_not_followed_or_overwritten(
    opened: MainWindow,
    sample_file: Path,
    messages: Any,
    digest: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    moved = tmp_path / "moved" / "sample.bpo"
    moved.parent.mkdir()
    sample_file.rename(moved)
    moved_digest = digest(moved)
    assert not opened.files.save()
    _assert_kept(opened, messages, sample_file, "moved or deleted")
    assert digest(moved) == moved_digest
    _save_as_answer(monkeypatch, sample_file)
    messages.save_as = True
    assert opened.files.save()
    assert EDITED in _names(sample_file)
    assert digest(moved) == moved_digest


def test_save_as_into_a_folder_that_cannot_be_written(
    opened: MainWindow,
    messages: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    if os.geteuid() != 0:  # a real read-only folder
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        target = folder / "w.bpo"
    else:  # root writes anywhere: a "folder" that is a file refuses everyone
        blocker = tmp_path / "not a folder"
        blocker.write_text("a file")
        target = blocker / "w.bpo"
    _save_as_answer(monkeypatch, target)
    try:
        assert not opened.files.save_as()
    finally:
        if os.geteuid() != 0:
            target.parent.chmod(0o755)
    title, text = messages.shown[-1]
    assert title == "Cannot save file" and str(target) in text and "could not save" in text
    assert opened.document is not None and opened.document.is_modified
    assert not target.exists()


def test_permission_denied_on_replace_keeps_the_old_file(
    opened: MainWindow,
    sample_file: Path,
    messages: Any,
    digest: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    before = digest(sample_file)
    monkeypatch.setattr(repository.os, "replace", refuse)
    _save_as_answer(monkeypatch, sample_file)
    assert not opened.files.save_as()
    _title, text = messages.shown[-1]
    assert "Permission denied" in text and "somewhere you can write" in text
    assert digest(sample_file) == before
    assert opened.document is not None and opened.document.is_modified


def test_closing_when_the_save_fails_keeps_the_window_open(
    opened: MainWindow,
    sample_file: Path,
    messages: Any,
) -> None:
    messages.question = messages.question.Save  # "Save the changes?" → Save
    sample_file.unlink()
    opened.show()
    assert not opened.close()  # the save failed and Save As was declined: nothing is lost
    assert opened.isVisible()
    assert opened.document is not None and opened.document.is_modified
