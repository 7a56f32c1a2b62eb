"""SQLite connections for `.bpo` files, and the probe that vets a file before anything opens it.

Journal mode is DELETE (rollback journal), not WAL: a `.bpo` is a document people copy, email and
keep on shared drives; WAL would keep recent commits in a `-wal` sidecar that a copy can miss and
does not work on network file systems, and its one gain, readers concurrent with a writer, does
not matter to a single-user desktop app. `synchronous=FULL` makes each commit durable.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.migrations import APPLICATION_ID, FORMAT_NAME, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_HEADER = b"SQLite format 3\x00"


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    # Imported here: reading a current file needs no SQLAlchemy (see reading.py).
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    uri = f"file:{quote(str(path))}" + ("?mode=ro" if readonly else "")

    def connect() -> sqlite3.Connection:
        # isolation_level=None: SQLAlchemy's "begin" hook below issues BEGIN itself, so every
        # statement of a save, DDL included, is inside one real transaction.
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        if not readonly:
            dbapi_conn.execute("PRAGMA journal_mode=DELETE")
            dbapi_conn.execute("PRAGMA synchronous=FULL")

    @event.listens_for(engine, "begin")
    def _begin(conn: object) -> None:
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")  # type: ignore[attr-defined]

    return engine


def probe(path: Path) -> int:
    """Vet `path` without changing a byte of it; return its schema version.

    Raises BpoFileError with a one-line reason for anything that is not a healthy `.bpo`.
    A hot journal left by a save that was killed is rolled back first (see below).
    """
    roll_back_hot_journal(path)
    _check_header(path)
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BpoFileError(path, f"cannot open the file ({exc})") from None
    try:
        return _check_content(path, conn)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise BpoFileError(path, "the file is in use by another program (locked)") from None
        raise BpoFileError(path, f"the file is damaged ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise BpoFileError(path, f"the file is damaged ({exc})") from None
    finally:
        conn.close()


def roll_back_hot_journal(path: Path) -> None:
    """Finish what a killed save left behind: restore the last committed state from its journal.

    A read-only connection cannot roll a hot journal back and reports the file as unwritable,
    so a save cut short by a crash or a kill would make the file look damaged. A writable
    connection's first read does the rollback (SQLite's own recovery; nothing of ours is
    written). A journal that belongs to a live writer is not hot: SQLite leaves it alone.
    """
    journal = Path(f"{path}-journal")
    try:
        if not path.is_file() or not journal.is_file() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=2.0)
    except sqlite3.Error:
        return  # a read-only folder or file: the probe below reports what it finds
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        pass  # not a database, or still locked: the probe says so in its own words
    finally:
        conn.close()


def _check_header(path: Path) -> None:
    if not path.exists():
        raise BpoFileError(path, "no such file")
    if not path.is_file():
        raise BpoFileError(path, "not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise BpoFileError(path, f"cannot read the file ({exc.strerror})") from None
    if size == 0:
        raise BpoFileError(path, "the file is empty (0 bytes), not a BPO Desktop workspace")
    if not header.startswith(SQLITE_HEADER):
        raise BpoFileError(path, "not a BPO Desktop workspace (not an SQLite database)")
    if len(header) < 100:
        raise BpoFileError(path, f"the file is truncated ({size} bytes)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # SQLite's in-header page count is trustworthy
    if size % page_size or (header_valid and pages and size < pages * page_size):
        expected = f" of {pages * page_size}" if header_valid and pages else ""
        raise BpoFileError(path, f"the file is truncated ({size}{expected} bytes)")


def _check_content(path: Path, conn: sqlite3.Connection) -> int:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id != APPLICATION_ID or "meta" not in tables:
        raise BpoFileError(path, "an SQLite database, but not a BPO Desktop workspace")
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        lines = [line for line in problems[0].splitlines() if not line.startswith("***")]
        raise BpoFileError(path, f"the file is damaged ({(lines or problems)[0]})")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT_NAME:
        raise BpoFileError(path, "an SQLite database, but not a BPO Desktop workspace")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise BpoFileError(path, "the file's schema version is unreadable") from None
    if version > SCHEMA_VERSION:
        raise BpoFileError(
            path,
            f"written by a newer BPO Desktop (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update BPO Desktop to open it",
        )
    if version < 1:
        raise BpoFileError(path, f"unknown schema version {version}")
    return version
