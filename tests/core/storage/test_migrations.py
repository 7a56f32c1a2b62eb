"""Every released schema version opens; older ones upgrade in memory, then on the first save."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import StaticPool

import bpo_desktop.core.storage as storage_package
from bpo_desktop.core.model import NodeKind, Workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import (
    SCHEMA_VERSION,
    BpoFileError,
    database,
    migrations,
    open_workspace,
    read_workspace,
    reading,
    repository,
    save_workspace_as,
)

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAME = re.compile(r"schema_v(\d+)\.sql")
SAMPLE_CHANGED = (
    "the fixture no longer equals sample_workspace(): if the sample was changed on purpose, "
    "regenerate the current version's fixture (make_schema_fixture.py --force); an older "
    "version's fixture must then be compared with a frozen copy of its content instead"
)


def _fixture_versions() -> dict[int, Path]:
    found = {}
    for path in FIXTURES.glob("schema_v*.sql"):
        match = FIXTURE_NAME.fullmatch(path.name)
        assert match, f"unexpected fixture name {path.name}"
        found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def build_from_sql(sql: Path, target: Path) -> Path:
    conn = sqlite3.connect(target)
    try:
        conn.executescript(sql.read_text(encoding="utf-8"))
    finally:
        conn.close()
    return target


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _meta(path: Path) -> dict[str, str]:
    return dict(_query(path, "SELECT key, value FROM meta"))


def _schema(path: Path) -> dict[str, Any]:
    """Tables with their columns, foreign keys and indexes as SQLite reports them: equal for a
    migrated file and a fresh one even where ALTER TABLE wrote the SQL text differently."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: {
                "columns": conn.execute(f"PRAGMA table_info('{table}')").fetchall(),
                "foreign_keys": sorted(
                    r[2:] for r in conn.execute(f"PRAGMA foreign_key_list('{table}')")
                ),
                "indexes": sorted(
                    (r[1], r[2], tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{r[1]}')")))
                    for r in conn.execute(f"PRAGMA index_list('{table}')")
                ),
            }
            for table in sorted(tables)
        }
    finally:
        conn.close()


def _rename_a_task(ws: Workspace, name: str) -> str:
    process = next(iter(ws.processes.values()))
    task = next(n for n in process.nodes() if n.kind is NodeKind.TASK)
    process.elements[task.id] = replace(task, name=name)
    return task.id


# -- the committed fixtures ------------------------------------------------------------------------
def test_every_released_schema_version_has_a_fixture() -> None:
    assert list(_fixture_versions()) == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize(
    ("version", "sql"), _fixture_versions().items(), ids=[f"v{v}" for v in _fixture_versions()]
)
class TestReleasedVersion:
    @pytest.fixture
    def old_file(self, tmp_path: Path, sql: Path) -> Path:
        return build_from_sql(sql, tmp_path / "released.bpo")

    def test_fixture_is_the_version_it_claims(self, old_file: Path, version: int) -> None:
        assert _meta(old_file)["schema_version"] == str(version)
        assert _query(old_file, "PRAGMA user_version") == [(version,)]
        assert _query(old_file, "PRAGMA integrity_check") == [("ok",)]

    def test_opens_equal_to_the_sample(
        self, old_file: Path, version: int, digest: Callable[[Path], str]
    ) -> None:
        before = digest(old_file)
        assert read_workspace(old_file) == sample_workspace(), SAMPLE_CHANGED
        ws, bpo = open_workspace(old_file)
        assert ws == sample_workspace()
        assert bpo.needs_upgrade is (version < SCHEMA_VERSION)
        assert digest(old_file) == before  # opening never writes, even when migrating
        assert sorted(os.listdir(old_file.parent)) == [old_file.name]

    def test_saves_at_the_current_version(
        self, old_file: Path, version: int, digest: Callable[[Path], str]
    ) -> None:
        original = digest(old_file)
        ws, bpo = open_workspace(old_file)
        _rename_a_task(ws, "Saved by this version")
        bpo.save(ws)
        assert read_workspace(old_file) == ws
        assert _meta(old_file)["schema_version"] == str(SCHEMA_VERSION)
        assert _query(old_file, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
        backup = old_file.with_name(f"{old_file.name}.schema{version}.bak")
        if version < SCHEMA_VERSION:
            assert digest(backup) == original
        else:
            assert not backup.exists()


def test_current_schema_matches_its_released_fixture(tmp_path: Path) -> None:
    """Changing schema.py without bumping SCHEMA_VERSION (and adding a fixture) fails here."""
    released = build_from_sql(_fixture_versions()[SCHEMA_VERSION], tmp_path / "released.bpo")
    fresh = tmp_path / "fresh.bpo"
    save_workspace_as(sample_workspace(), fresh)
    assert _schema(fresh) == _schema(released)
    assert _query(fresh, "PRAGMA application_id") == _query(released, "PRAGMA application_id")


def test_generator_dump_rebuilds_an_identical_file(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_fixture", FIXTURES / "make_schema_fixture.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    saved = tmp_path / "saved.bpo"
    save_workspace_as(sample_workspace(), saved)
    dump = tmp_path / "dump.sql"
    dump.write_text(module.dump_sql(saved), encoding="utf-8")
    rebuilt = build_from_sql(dump, tmp_path / "rebuilt.bpo")
    assert read_workspace(rebuilt) == read_workspace(saved)
    assert _schema(rebuilt) == _schema(saved)
    assert _meta(rebuilt) == _meta(saved)


# -- the mechanism, with a pretend next schema ------------------------------------------------
CURRENT = SCHEMA_VERSION
NEXT = SCHEMA_VERSION + 1


@pytest.fixture
def current_file(tmp_path: Path) -> Path:
    """The current version's released file, which a pretend next build must upgrade."""
    return build_from_sql(_fixture_versions()[CURRENT], tmp_path / "old.bpo")


@pytest.fixture
def current_content(current_file: Path) -> Workspace:
    """What the released current-version file holds, read by this build."""
    return read_workspace(current_file)


@pytest.fixture
def schema_2(monkeypatch: pytest.MonkeyPatch, current_content: Workspace) -> list[int]:
    """Pretend this build writes schema NEXT; the last step adds a column and a meta row."""
    for module in (migrations, database, reading, repository, storage_package):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT)
    calls: list[int] = []

    def step_to_next(conn: Connection) -> None:
        calls.append(1)
        conn.exec_driver_sql("ALTER TABLE element ADD COLUMN colour TEXT")
        conn.exec_driver_sql(f"INSERT INTO meta (key, value) VALUES ('upgraded_from', '{CURRENT}')")
        conn.exec_driver_sql(f"UPDATE meta SET value = '{NEXT}' WHERE key = 'schema_version'")

    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: step_to_next})
    return calls


class TestUpgradeMechanism:
    def test_reading_migrates_a_copy_and_leaves_the_file_alone(
        self,
        current_file: Path,
        current_content: Workspace,
        schema_2: list[int],
        digest: Callable[[Path], str],
    ) -> None:
        before = digest(current_file)
        assert read_workspace(current_file) == current_content
        assert schema_2 == [1]
        assert digest(current_file) == before
        assert sorted(os.listdir(current_file.parent)) == [current_file.name]
        cols = {row[1] for row in _query(current_file, "PRAGMA table_info(element)")}
        assert "colour" not in cols

    def test_first_save_rewrites_at_v2_and_keeps_a_backup(
        self,
        current_file: Path,
        current_content: Workspace,
        schema_2: list[int],
        digest: Callable[[Path], str],
    ) -> None:
        original = digest(current_file)
        ws, bpo = open_workspace(current_file)
        assert bpo.needs_upgrade
        assert digest(current_file) == original
        task_id = _rename_a_task(ws, "After the upgrade")
        bpo.save(ws, changed_ids={task_id})  # narrowed ids are ignored: the file is rewritten
        backup = current_file.with_name(f"old.bpo.schema{CURRENT}.bak")
        assert digest(backup) == original
        assert not bpo.needs_upgrade
        assert _meta(current_file)["schema_version"] == str(NEXT)
        assert _query(current_file, "PRAGMA user_version") == [(NEXT,)]
        assert sorted(os.listdir(current_file.parent)) == [
            "old.bpo",
            f"old.bpo.schema{CURRENT}.bak",
        ]
        assert read_workspace(current_file) == ws
        assert schema_2 == [1]  # the v2 file is read as current: no second migration
        assert (
            read_workspace(backup) == current_content
        )  # the backup is still a current-version file

    def test_later_saves_are_incremental_and_keep_the_backup(
        self,
        current_file: Path,
        schema_2: list[int],
        digest: Callable[[Path], str],
        statement_log: Any,
    ) -> None:
        ws, bpo = open_workspace(current_file)
        bpo.save(ws)  # the upgrade
        backup = current_file.with_name(f"old.bpo.schema{CURRENT}.bak")
        backup_digest = digest(backup)
        statement_log.clear()
        task_id = _rename_a_task(ws, "Second save")
        bpo.save(ws, changed_ids={task_id})
        assert statement_log.written_tables() == {"element", "meta"}
        assert digest(backup) == backup_digest
        assert read_workspace(current_file) == ws

    def test_an_existing_backup_is_not_overwritten(
        self, current_file: Path, schema_2: list[int], digest: Callable[[Path], str]
    ) -> None:
        backup = current_file.with_name(f"old.bpo.schema{CURRENT}.bak")
        backup.write_bytes(b"an earlier backup")
        ws, bpo = open_workspace(current_file)
        bpo.save(ws)
        assert backup.read_bytes() == b"an earlier backup"
        assert _meta(current_file)["schema_version"] == str(NEXT)

    def test_a_failed_upgrade_save_leaves_the_original(
        self,
        current_file: Path,
        schema_2: list[int],
        digest: Callable[[Path], str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        original = digest(current_file)
        ws, bpo = open_workspace(current_file)

        def boom(conn: Any, rows: Any) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(repository, "_upsert", boom)
        with pytest.raises(BpoFileError, match="could not save"):
            bpo.save(ws)
        assert digest(current_file) == original
        assert bpo.needs_upgrade
        assert sorted(os.listdir(current_file.parent)) == [
            "old.bpo",
            f"old.bpo.schema{CURRENT}.bak",
        ]

    def test_a_missing_step_is_a_clear_error(
        self,
        current_file: Path,
        schema_2: list[int],
        monkeypatch: pytest.MonkeyPatch,
        digest: Callable[[Path], str],
    ) -> None:
        monkeypatch.setattr(migrations, "MIGRATIONS", {})
        before = digest(current_file)
        for load in (read_workspace, open_workspace):
            with pytest.raises(BpoFileError) as info:
                load(current_file)
            assert str(info.value) == (
                f"{current_file}: cannot upgrade from schema {CURRENT} "
                f"(no migration from schema {CURRENT} to {NEXT})"
            )
        assert digest(current_file) == before

    def test_a_failing_step_is_a_clear_error(
        self,
        current_file: Path,
        schema_2: list[int],
        monkeypatch: pytest.MonkeyPatch,
        digest: Callable[[Path], str],
    ) -> None:
        def broken(conn: Connection) -> None:
            conn.exec_driver_sql("ALTER TABLE no_such_table ADD COLUMN x TEXT")

        monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: broken})
        before = digest(current_file)
        with pytest.raises(BpoFileError) as info:
            read_workspace(current_file)
        assert str(info.value) == (
            f"{current_file}: cannot upgrade from schema {CURRENT} (no such table: no_such_table)"
        )
        assert digest(current_file) == before

    def test_a_step_that_breaks_the_data_is_inconsistent_data(
        self, current_file: Path, schema_2: list[int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def drops_a_table(conn: Connection) -> None:
            conn.exec_driver_sql("DROP TABLE scenario")

        monkeypatch.setattr(
            migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: drops_a_table}
        )
        with pytest.raises(BpoFileError, match="inconsistent data"):
            read_workspace(current_file)

    def test_a_v2_file_is_refused_by_a_v1_build(
        self, current_file: Path, monkeypatch: pytest.MonkeyPatch, digest: Callable[[Path], str]
    ) -> None:
        with monkeypatch.context() as patched:
            for module in (migrations, database, reading, repository, storage_package):
                patched.setattr(module, "SCHEMA_VERSION", NEXT)
            patched.setattr(
                migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: lambda conn: None}
            )
            ws, bpo = open_workspace(current_file)
            bpo.save(ws)
        assert repository.SCHEMA_VERSION == CURRENT
        before = digest(current_file)
        with pytest.raises(BpoFileError) as info:
            read_workspace(current_file)
        assert info.value.reason == (
            f"written by a newer BPO Desktop (schema {NEXT}; this version reads up to {CURRENT}); "
            "update BPO Desktop to open it"
        )
        assert digest(current_file) == before


def test_migrated_v1_schema_equals_a_fresh_file(tmp_path: Path) -> None:
    """The frozen steps from 1 create exactly the tables, columns, keys and indexes of schema.py."""
    old = build_from_sql(_fixture_versions()[1], tmp_path / "v1.bpo")
    ws, bpo = open_workspace(old)
    bpo.save(ws)  # rewrites the whole file at the current schema
    conn = sqlite3.connect(tmp_path / "migrated.db")
    try:
        conn.executescript(_fixture_versions()[1].read_text(encoding="utf-8"))
        engine = create_engine("sqlite+pysqlite://", creator=lambda: conn, poolclass=StaticPool)
        with engine.begin() as connection:
            assert migrations.migrate(connection, 1) == list(range(2, SCHEMA_VERSION + 1))
        engine.dispose()
    finally:
        conn.close()
    fresh = tmp_path / "fresh.bpo"
    save_workspace_as(sample_workspace(), fresh)
    assert _schema(tmp_path / "migrated.db") == _schema(fresh)
    assert _meta(tmp_path / "migrated.db")["schema_version"] == str(SCHEMA_VERSION)
    assert read_workspace(old) == sample_workspace()


class TestMigrate:
    @pytest.fixture
    def conn(self) -> Any:
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        engine = create_engine("sqlite+pysqlite://", creator=lambda: memory, poolclass=StaticPool)
        with engine.begin() as connection:
            yield connection
        engine.dispose()

    def test_runs_each_step_in_order(
        self, conn: Connection, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        ran: list[int] = []
        steps = {v: (lambda c, v=v: ran.append(v)) for v in (1, 2, 3)}
        monkeypatch.setattr(migrations, "MIGRATIONS", steps)
        monkeypatch.setattr(migrations, "SCHEMA_VERSION", 4)
        assert migrations.migrate(conn, 1) == [2, 3, 4]
        assert ran == [1, 2, 3]
        ran.clear()
        assert migrations.migrate(conn, 2, to_version=3) == [3]
        assert ran == [2]
        assert migrations.migrate(conn, 4) == []

    def test_a_gap_raises_lookup_error(
        self, conn: Connection, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(migrations, "MIGRATIONS", {1: lambda c: None})
        monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
        with pytest.raises(LookupError, match="no migration from schema 2 to 3"):
            migrations.migrate(conn, 1)

    def test_released_migrations_cover_every_older_version(self) -> None:
        assert set(migrations.MIGRATIONS) == set(range(1, SCHEMA_VERSION))
