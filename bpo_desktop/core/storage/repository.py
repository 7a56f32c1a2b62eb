"""Open, read and save `.bpo` workspaces.

Every save is one transaction. `BpoFile.save` writes only rows that differ from what the file
holds; `save_workspace_as` writes a complete new file beside the target and renames it over,
so a crash mid-save leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import cache
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from sqlalchemy import Connection, Table, create_engine, delete, literal_column, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.expression import ColumnClause

from bpo_desktop import __version__
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage.codec import RowError
from bpo_desktop.core.storage.database import make_engine, roll_back_hot_journal
from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.lock import WriterLock, acquire_writer_lock
from bpo_desktop.core.storage.mapping import (
    Rows,
    process_rows,
    rows_for_ids,
    verbatim_rows,
    workspace_rows,
)
from bpo_desktop.core.storage.migrations import (
    APPLICATION_ID,
    FORMAT_NAME,
    SCHEMA_VERSION,
    migrate,
)
from bpo_desktop.core.storage.reading import (
    KEY_COLUMNS,
    change_counter,
    load_any,
    reason,
)
from bpo_desktop.core.storage.schema import ID_TABLES, Base, MetaRow

_TABLES: dict[str, Table] = {cls.__tablename__: cast(Table, cls.__table__) for cls in ID_TABLES}
_ROWID: ColumnClause[Any] = literal_column("rowid")
_KEY_COLUMN = KEY_COLUMNS


def open_workspace(path: Path) -> tuple[Workspace, BpoFile]:
    """Load a workspace for editing; save changes back with the returned BpoFile."""
    path = Path(path)
    workspace, rows, version, stamp = load_any(path)
    return workspace, BpoFile(path, rows, old_version=version, stamp=stamp)


def save_workspace_as(
    workspace: Workspace, path: Path, *, lock: WriterLock | None = None
) -> BpoFile:
    """Write a complete `.bpo` at `path` atomically and return it, ready for incremental saves.

    `lock` is the caller's writer lock on `path`; without it the save takes the lock for its
    own length and refuses a file another window or program has open (FileInUseError)."""
    path = Path(path)
    rows = workspace_rows(workspace)
    with _writer(path, lock) as sole_writer:
        _replace_whole(path, rows)
        if sole_writer:  # no other save can be running: any temp file is a killed save's
            _remove_stale_temp_files(path)
    return BpoFile(path, rows, stamp=change_counter(path), lock=lock)


def _replace_whole(path: Path, rows: Rows) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.saving")
    try:
        tmp.unlink(missing_ok=True)
        engine = make_engine(tmp)
        try:
            with engine.begin() as conn:
                _create_schema(conn)
                _upsert(conn, rows)
        finally:
            engine.dispose()
        _fsync(tmp)
        # A journal left beside the old file by a killed save would be "rolled back" into the
        # new file by its next reader and corrupt it: finish that rollback on the old file first.
        roll_back_hot_journal(path)
        if _journal_pending(path):
            raise BpoFileError(path, "could not save (another program is writing the file)")
        os.replace(tmp, path)
        _fsync(path.parent)
    except (OSError, sqlite3.Error, SQLAlchemyError, BpoFileError) as exc:
        with suppress(OSError):  # e.g. the "folder" is a file: there is no temp file to remove
            tmp.unlink(missing_ok=True)
        if isinstance(exc, BpoFileError):
            raise
        raise BpoFileError(path, f"could not save ({reason(exc)})") from None


@contextmanager
def _writer(path: Path, lock: WriterLock | None) -> Iterator[bool]:
    """The caller's writer lock, or one taken for the length of a single save. Yields whether
    the lock is real (False where the folder allows no lock file)."""
    taken = None if lock is not None and lock.held else acquire_writer_lock(path)
    held = taken if taken is not None else lock
    try:
        yield held is not None and held.held
    finally:
        if taken is not None:
            taken.release()


def _remove_stale_temp_files(path: Path) -> None:
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*.saving"):
        with suppress(OSError):
            stale.unlink()


def _journal_pending(path: Path) -> bool:
    journal = Path(f"{path}-journal")
    try:
        return journal.is_file() and journal.stat().st_size > 0
    except OSError:
        return False


class BpoFile:
    """An open `.bpo`: knows what the file holds so saves write only the difference."""

    def __init__(
        self,
        path: Path,
        rows: Rows,
        *,
        stamp: bytes,
        old_version: int = SCHEMA_VERSION,
        lock: WriterLock | None = None,
    ) -> None:
        self.path = path
        self._rows = rows
        self._old_version = old_version
        self._stamp = stamp  # SQLite's file change counter when `_rows` was last true
        self.lock = lock  # the session's writer lock (None: each save takes it briefly)

    def _check_unchanged(self) -> None:
        """Refuse to merge row differences into a file someone else has written since."""
        try:
            current = change_counter(self.path)
        except OSError:
            current = b""
        if current != self._stamp:
            raise BpoFileError(
                self.path,
                "could not save: the file was changed by another program since it was opened "
                "(use Save As to keep this version)",
            )

    @property
    def needs_upgrade(self) -> bool:
        return self._old_version < SCHEMA_VERSION

    def save(self, workspace: Workspace, changed_ids: Collection[str] | None = None) -> None:
        """Write what changed, in one transaction. `changed_ids` narrows the comparison to the
        ids an editor reports as touched; None compares the whole workspace."""
        if self.needs_upgrade:
            self._upgrade_and_save(workspace)
            return
        new, candidates = self._candidates(workspace, changed_ids)
        upserts = {k: row for k, row in new.items() if self._rows.get(k) != row}
        deletes = [k for k in candidates if k in self._rows and k not in new]
        if not upserts and not deletes:
            return
        if not self.path.is_file():  # connecting would create an empty file in its place
            raise BpoFileError(self.path, "could not save (the file was moved or deleted)")
        with _writer(self.path, self.lock):
            self._write(deletes, upserts)

    def _write(self, deletes: list[tuple[str, str]], upserts: Rows) -> None:
        engine = make_engine(self.path)
        try:
            with engine.begin() as conn:  # BEGIN IMMEDIATE: no other writer until commit
                self._check_unchanged()
                _delete(conn, deletes)
                _upsert(conn, upserts)
                _write_meta(conn)
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            raise BpoFileError(self.path, f"could not save ({reason(exc)})") from None
        finally:
            engine.dispose()
        self._forget(deletes)
        self._rows.update(upserts)
        self._stamp = change_counter(self.path)

    def _candidates(self, ws: Workspace, ids: Collection[str] | None) -> tuple[Rows, set[Any]]:
        if ids is None:
            new = workspace_rows(ws)
            return new, set(new) | set(self._rows)
        wanted = set(ids)
        # Every process row too: positions shift when a process is added, removed or moved.
        new = rows_for_ids(ws, wanted | set(ws.processes))
        reported = wanted & set(ws.processes)
        for position, (pid, process) in enumerate(ws.processes.items()):
            if pid not in reported:
                continue
            if ("process", pid) not in self._rows:
                new.update(process_rows(process, position))  # a new process brings its content
            else:
                # Kept BPMN content has no ids of its own: a reported process brings all of it.
                new.update(verbatim_rows(process))
        candidates = set(new) | {k for k in self._rows if k[1] in wanted}
        candidates |= {
            k
            for k, row in self._rows.items()
            if k[0] == "verbatim" and row["process_id"] in reported
        }
        return new, candidates

    def _forget(self, deleted: list[tuple[str, str]]) -> None:
        """Drop deleted rows and what the database cascaded away with them."""
        gone_processes = {key[1] for key in deleted if key[0] == "process"}
        gone_elements = {key[1] for key in deleted if key[0] == "element"}
        for key in deleted:
            self._rows.pop(key, None)
        if not gone_processes and not gone_elements:
            return
        for key in [k for k, row in self._rows.items() if row.get("process_id") in gone_processes]:
            if key[0] == "element":
                gone_elements.add(key[1])
            del self._rows[key]
        for element_id in gone_elements:
            self._rows.pop(("layout", element_id), None)

    def _upgrade_and_save(self, workspace: Workspace) -> None:
        """An older-schema file is rewritten whole, after keeping a copy of the original."""
        backup = self.path.with_name(f"{self.path.name}.schema{self._old_version}.bak")
        try:
            if not backup.exists():
                shutil.copy2(self.path, backup)
        except OSError as exc:
            raise BpoFileError(self.path, f"could not keep a backup ({exc.strerror})") from None
        self._check_unchanged()
        saved = save_workspace_as(workspace, self.path, lock=self.lock)
        self._rows, self._old_version, self._stamp = saved._rows, SCHEMA_VERSION, saved._stamp


# -- loading ----------------------------------------------------------------------------------
def read_migrated_copy(path: Path, version: int) -> dict[str, list[dict[str, Any]]]:
    """Upgrade an in-memory copy, so opening an old file never changes its bytes."""
    source = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source.backup(memory)
    finally:
        source.close()
    engine = create_engine("sqlite+pysqlite://", creator=lambda: memory, poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            migrate(conn, version)
            return _read_tables(conn)
    except (LookupError, SQLAlchemyError) as exc:
        raise BpoFileError(path, f"cannot upgrade from schema {version} ({reason(exc)})") from None
    finally:
        engine.dispose()
        memory.close()


def _read_tables(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    try:
        return {
            # rowid order is insertion order: drawing order survives a save and reload
            name: _as_dicts(conn.execute(select(table).order_by(_ROWID)))
            for name, table in _TABLES.items()
        }
    except SQLAlchemyError as exc:
        raise RowError(reason(exc)) from None


def _as_dicts(result: CursorResult[Any]) -> list[dict[str, Any]]:
    keys = tuple(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


# -- writing ----------------------------------------------------------------------------------
def _create_schema(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    conn.execute(
        insert(MetaRow),
        [
            {"key": "format", "value": FORMAT_NAME},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "created_with", "value": __version__},
        ],
    )
    _write_meta(conn)


def _write_meta(conn: Connection) -> None:
    stmt = insert(MetaRow)
    conn.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
        [
            {"key": "saved_with", "value": __version__},
            {"key": "saved_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        ],
    )


def _upsert(conn: Connection, rows: Rows) -> None:
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (table, _id), row in rows.items():
        by_table[table].append(row)
    for name, table_rows in by_table.items():
        # Compiled once per table, then handed to the driver's executemany: per-row parameter
        # processing in SQLAlchemy would triple the cost of saving a large process.
        conn.exec_driver_sql(_upsert_sql(name), table_rows)  # type: ignore[arg-type]


@cache
def _upsert_sql(name: str) -> str:
    """`INSERT … ON CONFLICT(key) DO UPDATE` with named parameters, one per column."""
    table, key = _TABLES[name], _KEY_COLUMN[name]
    stmt = insert(table)
    update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name != key}
    upsert = stmt.on_conflict_do_update(index_elements=[key], set_=update)
    return str(upsert.compile(dialect=sqlite.dialect(paramstyle="named")))


def _delete(conn: Connection, keys: list[tuple[str, str]]) -> None:
    by_table: dict[str, list[str]] = defaultdict(list)
    for table, row_id in keys:
        by_table[table].append(row_id)
    for name, ids in by_table.items():
        column = _TABLES[name].c[_KEY_COLUMN[name]]
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            conn.execute(delete(_TABLES[name]).where(column.in_(ids[start : start + 500])))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
