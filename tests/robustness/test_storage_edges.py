"""Storage defects the crash harness and the failure tests found, pinned down one by one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import BpoFileError, open_workspace, read_workspace, save_workspace_as

# A writer that dies (SIGKILL) in the middle of a transaction, after SQLite has written pages
# of the database file: the rollback journal beside it is "hot".
KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size=1")  # spill changed pages into the file before commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE element SET name = 'half-written', documentation = hex(randomblob(3000))")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _kill_mid_transaction(path: Path) -> None:
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=False)
    journal = Path(f"{path}-journal")
    assert journal.is_file() and journal.stat().st_size > 0, "no hot journal was left"


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_a_save_killed_mid_transaction_opens_as_the_last_save(sample_file: Path) -> None:
    """Was: "the file is damaged (attempt to write a readonly database)" (read-only probe)."""
    _kill_mid_transaction(sample_file)
    workspace, _file = open_workspace(sample_file)
    assert workspace == sample_workspace()
    assert _integrity(sample_file) == "ok"
    assert not Path(f"{sample_file}-journal").exists()


def test_save_as_over_a_file_with_a_hot_journal_is_not_corrupted(
    sample_file: Path,
) -> None:
    """Was: the stale journal was rolled back into the new file by its next reader."""
    _kill_mid_transaction(sample_file)
    replacement = sample_workspace()
    replacement.name = "Written over the crashed file"
    save_workspace_as(replacement, sample_file)
    assert not Path(f"{sample_file}-journal").exists()
    assert read_workspace(sample_file) == replacement
    assert _integrity(sample_file) == "ok"


def test_save_as_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    """Was: a raw NotADirectoryError from removing the temp file after the failure."""
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    target = blocker / "w.bpo"
    with pytest.raises(BpoFileError) as failed:
        save_workspace_as(sample_workspace(), target)
    assert str(failed.value).startswith(f"{target}: could not save (")


def test_temp_files_of_killed_save_as_runs_are_cleared_by_the_next_one(tmp_path: Path) -> None:
    """Was: every killed Save As left a `.NAME.PID.saving` file in the user's folder for good."""
    target = tmp_path / "w.bpo"
    for pid in (11, 22):
        (tmp_path / f".w.bpo.{pid}.saving").write_bytes(b"half a database")
    (tmp_path / ".other.bpo.33.saving").write_bytes(b"another file's: not ours to touch")
    save_workspace_as(sample_workspace(), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.bpo.33.saving", "w.bpo"]
