"""Save → load round trips, and the properties every saved `.bpo` file has."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bpo_desktop.core.model import Node, NodeKind, Workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.samples.generated import generated_workspace
from bpo_desktop.core.storage import (
    SCHEMA_VERSION,
    BpoFile,
    open_workspace,
    read_workspace,
    save_workspace_as,
)
from bpo_desktop.core.storage.migrations import APPLICATION_ID, FORMAT_NAME
from bpo_desktop.resources import sample_path

ID_TABLES = ("workspace", "system", "process", "element", "layout", "annotation", "scenario")


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(params=["sample", "generated_1000"])
def workspace(request: pytest.FixtureRequest) -> Workspace:
    if request.param == "sample":
        return sample_workspace()
    return generated_workspace(1000)


@pytest.fixture
def saved(tmp_path: Path, workspace: Workspace) -> Path:
    path = tmp_path / "workspace.bpo"
    result = save_workspace_as(workspace, path)
    assert isinstance(result, BpoFile)
    assert result.path == path
    return path


class TestRoundTrip:
    def test_read_workspace_gives_an_equal_workspace(
        self, saved: Path, workspace: Workspace
    ) -> None:
        assert read_workspace(saved) == workspace

    def test_open_workspace_gives_an_equal_workspace_and_a_current_file(
        self, saved: Path, workspace: Workspace
    ) -> None:
        loaded, bpo = open_workspace(saved)
        assert loaded == workspace
        assert bpo.path == saved
        assert not bpo.needs_upgrade

    def test_order_of_processes_and_elements_survives(
        self, saved: Path, workspace: Workspace
    ) -> None:
        # Workspace equality compares dicts, which ignores order; the UI lists them in order.
        loaded = read_workspace(saved)
        assert list(loaded.processes) == list(workspace.processes)
        for pid, process in workspace.processes.items():
            assert list(loaded.processes[pid].elements) == list(process.elements)
            assert list(loaded.processes[pid].annotations) == list(process.annotations)

    def test_one_row_per_element_layout_annotation_and_scenario(
        self, saved: Path, workspace: Workspace
    ) -> None:
        processes = workspace.processes.values()
        expected = {
            "workspace": 1,
            "system": len(workspace.systems),
            "process": len(workspace.processes),
            "element": sum(len(p.elements) for p in processes),
            "layout": sum(len(p.layout) for p in processes),
            "annotation": sum(len(p.annotations) for p in processes),
            "scenario": sum(len(p.scenarios) for p in processes),
        }
        counts = {t: _query(saved, f"SELECT count(*) FROM {t}")[0][0] for t in ID_TABLES}
        assert counts == expected
        assert expected["element"] >= 70  # the generated workspace has about 1000

    def test_loading_does_not_touch_the_file(self, saved: Path, digest: Callable) -> None:
        before, stat = digest(saved), saved.stat()
        read_workspace(saved)
        open_workspace(saved)
        assert digest(saved) == before
        assert saved.stat().st_mtime_ns == stat.st_mtime_ns
        assert sorted(os.listdir(saved.parent)) == [saved.name]

    def test_saving_the_loaded_workspace_again_is_identical(
        self, saved: Path, tmp_path: Path
    ) -> None:
        again = tmp_path / "again.bpo"
        save_workspace_as(read_workspace(saved), again)
        for table in ID_TABLES:
            sql = f"SELECT * FROM {table} ORDER BY 1"
            assert _query(again, sql) == _query(saved, sql), table


class TestFileProperties:
    def test_integrity_check_is_ok(self, saved: Path) -> None:
        assert _query(saved, "PRAGMA integrity_check") == [("ok",)]

    def test_no_foreign_key_violations(self, saved: Path) -> None:
        assert _query(saved, "PRAGMA foreign_key_check") == []

    def test_application_id_and_user_version(self, saved: Path) -> None:
        assert _query(saved, "PRAGMA application_id") == [(APPLICATION_ID,)]
        assert _query(saved, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert saved.read_bytes()[68:72] == b"BPOD"  # the id is readable in the header

    def test_meta_table_names_format_and_schema_version(self, saved: Path) -> None:
        meta = dict(_query(saved, "SELECT key, value FROM meta"))
        assert meta["format"] == FORMAT_NAME
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        assert {"created_with", "saved_with", "saved_at"} <= set(meta)

    def test_rollback_journal_not_wal_and_no_sidecar_files(self, saved: Path) -> None:
        header = saved.read_bytes()[:100]
        assert header[18:20] == b"\x01\x01"  # legacy (rollback journal) read/write versions
        assert _query(saved, "PRAGMA journal_mode") == [("delete",)]
        assert sorted(os.listdir(saved.parent)) == [saved.name]

    def test_foreign_keys_are_declared_and_deferred(self, saved: Path) -> None:
        fks = _query(saved, "PRAGMA foreign_key_list(element)")
        targets = {(row[2], row[3]) for row in fks}
        assert ("process", "process_id") in targets
        assert {"lane_id", "parent_id", "attached_to", "source", "target"} <= {
            row[3] for row in fks if row[2] == "element"
        }
        schema_sql = " ".join(str(r[0]) for r in _query(saved, "SELECT sql FROM sqlite_master"))
        assert "DEFERRABLE INITIALLY DEFERRED" in schema_sql
        assert "ON DELETE CASCADE" in schema_sql

    def test_save_as_replaces_an_existing_file(self, saved: Path, tmp_path: Path) -> None:
        other = Workspace(id="Workspace_other", name="Other")
        save_workspace_as(other, saved)
        assert read_workspace(saved) == other
        assert sorted(os.listdir(tmp_path)) == [saved.name]


class TestTextSurvivesVerbatim:
    NAMES = [
        "x'); DROP TABLE element;--",
        'Robert"); DELETE FROM process; --',
        "line one\nline two\r\n\ttabbed",
        "Ünïcödé ✓ 日本語 🚀",
        "nul\x00inside",
        "",
        "%s %(name)s ? :name $1",
    ]

    @pytest.mark.parametrize("name", NAMES)
    def test_names_round_trip_as_plain_text(self, tmp_path: Path, name: str) -> None:
        ws = sample_workspace()
        process = next(iter(ws.processes.values()))
        task = next(n for n in process.nodes() if n.kind is NodeKind.TASK)
        process.elements[task.id] = replace(task, name=name, documentation=name)
        process.name = name
        ws.name = name
        path = tmp_path / "text.bpo"
        save_workspace_as(ws, path)
        loaded, bpo = open_workspace(path)
        assert loaded == ws
        assert loaded.processes[process.id].node(task.id).name == name
        # ... and through an incremental save as well
        renamed = replace(task, name=name + "!")
        loaded.processes[process.id].elements[task.id] = renamed
        bpo.save(loaded, {task.id})
        assert read_workspace(path) == loaded
        tables = {r[0] for r in _query(path, "SELECT name FROM sqlite_master WHERE type='table'")}
        assert set(ID_TABLES) <= tables


@pytest.mark.parametrize(
    "filename",
    ["my workspace #1 ?.bpo", "100% done & more.bpo", "Prozess für Ärger.bpo", "a;b'c\".bpo"],
)
def test_odd_file_names(tmp_path: Path, filename: str) -> None:
    ws = sample_workspace()
    path = tmp_path / filename
    bpo = save_workspace_as(ws, path)
    assert path.exists()
    process = next(iter(ws.processes.values()))
    pool = process.pools()[0]
    process.elements[pool.id] = replace(pool, name="renamed")
    bpo.save(ws, {pool.id})
    loaded, _ = open_workspace(path)
    assert loaded == ws
    assert sorted(os.listdir(tmp_path)) == [filename]


def test_empty_workspace_round_trips(tmp_path: Path) -> None:
    ws = Workspace(id="Workspace_empty", name="Empty", systems={})
    path = tmp_path / "empty.bpo"
    save_workspace_as(ws, path)
    assert read_workspace(path) == ws


def test_every_optional_field_set_round_trips(tmp_path: Path) -> None:
    ws = sample_workspace()
    process = next(iter(ws.processes.values()))
    task = next(n for n in process.nodes() if n.kind is NodeKind.TASK)
    boundary = Node(
        id="BoundaryEvent_x",
        kind=NodeKind.BOUNDARY_EVENT,
        name="Timeout",
        attached_to=task.id,
        lane_id=task.lane_id,
        manual_trigger=True,
        touch_min=1.5,
        wait_min=1e9,
        cost_per_use=-0.25,
        documentation="doc",
        owner_role="Clerk",
    )
    process.elements[boundary.id] = boundary
    path = tmp_path / "full.bpo"
    save_workspace_as(ws, path)
    assert read_workspace(path).processes[process.id].elements[boundary.id] == boundary


def test_packaged_sample_equals_sample_workspace(digest: Callable, tmp_path: Path) -> None:
    path = sample_path()
    before = digest(path)
    assert read_workspace(path) == sample_workspace()
    loaded, bpo = open_workspace(path)
    assert loaded == sample_workspace()
    assert not bpo.needs_upgrade
    assert digest(path) == before
    # The packaged file is a healthy, current `.bpo`.
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    copy = tmp_path / "copy.bpo"
    shutil.copyfile(path, copy)
    assert read_workspace(copy) == loaded


def test_reading_knows_every_id_table_of_the_schema() -> None:
    from bpo_desktop.core.storage.reading import COLUMNS, KEY_COLUMNS
    from bpo_desktop.core.storage.schema import ID_TABLES

    assert list(KEY_COLUMNS) == list(COLUMNS) == [cls.__tablename__ for cls in ID_TABLES]
    for cls in ID_TABLES:
        assert COLUMNS[cls.__tablename__] == tuple(c.name for c in cls.__table__.columns)
        (key,) = [c.name for c in cls.__table__.primary_key.columns]
        assert KEY_COLUMNS[cls.__tablename__] == key


def test_reading_a_current_file_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    """Read-only CLI commands start without SQLAlchemy's import (about a second)."""
    import subprocess
    import sys

    path = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    code = (
        "import sys, pathlib\n"
        "from bpo_desktop.core.storage import read_workspace\n"
        f"ws = read_workspace(pathlib.Path({str(path)!r}))\n"
        "print(len(ws.processes), any(m.startswith('sqlalchemy') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3", "False"]
