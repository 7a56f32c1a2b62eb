"""Saves that fail: one transaction, so the file on disk is always the old one or the new one."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bpo_desktop.core.model import Node, NodeKind, Process, Workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import (
    BpoFile,
    BpoFileError,
    open_workspace,
    read_workspace,
    repository,
    save_workspace_as,
)


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _task(process: Process) -> Any:
    return next(n for n in process.nodes() if n.kind is NodeKind.TASK)


def _assert_healthy(path: Path) -> None:
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    leftovers = [
        name
        for name in os.listdir(path.parent)
        if name.endswith(("-journal", "-wal", "-shm", ".saving"))
    ]
    assert leftovers == []


class TestOneTransaction:
    @pytest.fixture
    def edited(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process
    ) -> tuple[Workspace, BpoFile, set[str]]:
        """A delete and a rename, so a save runs both `_delete` and `_upsert`."""
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed")
        annotation_id = next(iter(onboarding.annotations))
        del onboarding.annotations[annotation_id]
        return ws, bpo, {task.id, annotation_id}

    @pytest.mark.parametrize("failing", ["_upsert", "_write_meta"])
    def test_failure_mid_save_leaves_the_file_intact(
        self,
        monkeypatch: pytest.MonkeyPatch,
        edited: tuple[Workspace, BpoFile, set[str]],
        sample_file: Path,
        digest: Callable[[Path], str],
        failing: str,
    ) -> None:
        ws, bpo, changed = edited
        before_bytes, before_ws = digest(sample_file), read_workspace(sample_file)
        real = getattr(repository, failing)
        calls: list[str] = []
        real_delete = repository._delete

        def spy_delete(conn: Any, keys: Any) -> None:
            real_delete(conn, keys)
            calls.append("_delete")

        def boom(conn: Any, *args: Any) -> None:
            if failing == "_write_meta":
                real(conn, *args)  # the last step has even run; the commit must not happen
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(repository, "_delete", spy_delete)
        monkeypatch.setattr(repository, failing, boom)
        with pytest.raises(BpoFileError) as info:
            bpo.save(ws, changed_ids=changed)
        assert calls == ["_delete"]  # the delete ran before the failure
        assert str(info.value) == f"{sample_file}: could not save (disk I/O error)"
        assert "\n" not in str(info.value)
        assert info.value.path == sample_file
        assert digest(sample_file) == before_bytes
        assert read_workspace(sample_file) == before_ws
        _assert_healthy(sample_file)
        # The BpoFile still knows what the file holds: once the fault clears, a save works.
        monkeypatch.setattr(repository, failing, real)
        bpo.save(ws, changed_ids=changed)
        assert read_workspace(sample_file) == ws

    def test_foreign_key_violation_at_commit_rolls_back(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        sample_file: Path,
        digest: Callable[[Path], str],
    ) -> None:
        # Deleting a lane its steps still point at is caught by the deferred FK check.
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Also changed")
        lane = onboarding.lanes()[0]
        del onboarding.elements[lane.id]
        del onboarding.layout[lane.id]
        before = digest(sample_file)
        with pytest.raises(BpoFileError, match="FOREIGN KEY constraint failed"):
            bpo.save(ws, changed_ids={lane.id, task.id})
        assert digest(sample_file) == before
        _assert_healthy(sample_file)
        assert read_workspace(sample_file).processes[onboarding.id].node(task.id).name != (
            "Also changed"
        )

    def test_sqlalchemy_error_mid_save_is_a_bpo_file_error(
        self,
        monkeypatch: pytest.MonkeyPatch,
        edited: tuple[Workspace, BpoFile, set[str]],
        sample_file: Path,
        digest: Callable[[Path], str],
    ) -> None:
        ws, bpo, changed = edited
        before = digest(sample_file)

        def bad_sql(conn: Any, rows: Any) -> None:
            conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")

        monkeypatch.setattr(repository, "_upsert", bad_sql)
        with pytest.raises(BpoFileError, match="no such table: no_such_table"):
            bpo.save(ws, changed_ids=changed)
        assert digest(sample_file) == before

    def test_save_to_a_file_deleted_since_opening_fails_cleanly(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed")
        sample_file.unlink()
        with pytest.raises(BpoFileError) as info:
            bpo.save(ws, changed_ids={task.id})
        assert str(info.value).startswith(f"{sample_file}: could not save")
        assert not sample_file.exists()  # no empty stand-in file is left behind


class TestSaveAsFailure:
    def test_failure_leaves_no_temp_file_and_keeps_the_target(
        self,
        monkeypatch: pytest.MonkeyPatch,
        sample_file: Path,
        tmp_path: Path,
        digest: Callable[[Path], str],
    ) -> None:
        before = digest(sample_file)

        def boom(conn: Any, rows: Any) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(repository, "_upsert", boom)
        with pytest.raises(BpoFileError) as info:
            save_workspace_as(Workspace(id="Workspace_x", name="X"), sample_file)
        assert str(info.value) == f"{sample_file}: could not save (database or disk is full)"
        assert digest(sample_file) == before
        assert sorted(os.listdir(tmp_path)) == [sample_file.name]

    def test_failure_to_rename_leaves_no_temp_file(
        self,
        monkeypatch: pytest.MonkeyPatch,
        sample_file: Path,
        tmp_path: Path,
        digest: Callable[[Path], str],
    ) -> None:
        before = digest(sample_file)

        def no_replace(src: Any, dst: Any) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(repository.os, "replace", no_replace)
        with pytest.raises(BpoFileError, match=r"could not save \(Permission denied\)$"):
            save_workspace_as(Workspace(id="Workspace_x", name="X"), sample_file)
        assert digest(sample_file) == before
        assert sorted(os.listdir(tmp_path)) == [sample_file.name]

    def test_missing_folder(self, tmp_path: Path, sample: Workspace) -> None:
        target = tmp_path / "no" / "such" / "folder.bpo"
        with pytest.raises(BpoFileError) as info:
            save_workspace_as(sample, target)
        assert str(info.value).startswith(f"{target}: could not save (")
        assert not (tmp_path / "no").exists()

    def test_target_is_a_directory(self, tmp_path: Path, sample: Workspace) -> None:
        target = tmp_path / "folder.bpo"
        target.mkdir()
        (target / "keep.txt").write_text("keep")
        with pytest.raises(BpoFileError, match="could not save"):
            save_workspace_as(sample, target)
        assert (target / "keep.txt").read_text() == "keep"
        assert sorted(os.listdir(tmp_path)) == ["folder.bpo"]

    def test_stale_temp_file_from_a_crash_is_replaced(
        self, tmp_path: Path, sample: Workspace
    ) -> None:
        target = tmp_path / "w.bpo"
        stale = tmp_path / f".w.bpo.{os.getpid()}.saving"
        stale.write_bytes(b"half-written junk from a crashed save")
        save_workspace_as(sample, target)
        assert read_workspace(target) == sample
        assert sorted(os.listdir(tmp_path)) == ["w.bpo"]


def test_save_refuses_a_file_changed_by_another_program(tmp_path: Path) -> None:
    """Row diffs only make sense against the file we read: another writer's commit is detected."""
    path = tmp_path / "shared.bpo"
    save_workspace_as(sample_workspace(), path)
    ours, our_file = open_workspace(path)
    theirs, their_file = open_workspace(path)
    their_process = next(iter(theirs.processes.values()))
    node = next(n for n in their_process.nodes() if isinstance(n, Node))
    their_process.elements[node.id] = replace(node, name="Theirs")
    their_file.save(theirs, {node.id})
    before = path.read_bytes()
    our_process = ours.processes[their_process.id]
    our_process.elements[node.id] = replace(node, name="Ours")
    with pytest.raises(BpoFileError, match="changed by another program"):
        our_file.save(ours, {node.id})
    assert path.read_bytes() == before
    # saving again from the file that wrote last still works
    their_process.elements[node.id] = replace(node, name="Theirs again")
    their_file.save(theirs, {node.id})
