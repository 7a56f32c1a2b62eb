"""Read a `.bpo` into a Workspace without importing SQLAlchemy when the file is current.

Listing, analysing, simulating and exporting only read, and importing SQLAlchemy takes about a
second on a slow laptop: more than a 100,000-case simulation. A current-schema file is read
with the sqlite3 module alone (the same rows SQLAlchemy would return); an older one goes
through the migrations in `repository.py`, which need SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage.assemble import TableRows, build_workspace
from bpo_desktop.core.storage.codec import RowError
from bpo_desktop.core.storage.database import probe
from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.migrations import SCHEMA_VERSION

#: Tables holding one row per domain id and their key column, in the order a full save writes
#: them (`schema.ID_TABLES` declares the same; a test keeps the two equal).
KEY_COLUMNS: dict[str, str] = {
    "workspace": "id",
    "system": "id",
    "process": "id",
    "element": "id",
    "layout": "element_id",
    "annotation": "id",
    "scenario": "id",
    "verbatim": "id",
    "record": "id",
}

#: The columns read from each id table (`schema.py` declares them; a test keeps them equal).
#: Named, not `SELECT *`: a file missing a column is damaged, not a file of defaults.
COLUMNS: dict[str, tuple[str, ...]] = {
    "workspace": (
        "id",
        "name",
    ),
    "system": (
        "id",
        "name",
        "kind",
        "is_system_of_record",
    ),
    "process": (
        "id",
        "position",
        "name",
        "documentation",
        "owner",
    ),
    "element": (
        "id",
        "process_id",
        "etype",
        "kind",
        "name",
        "text",
        "documentation",
        "lane_id",
        "parent_id",
        "attached_to",
        "source",
        "target",
        "system_id",
        "task_type",
        "trigger",
        "expanded",
        "owner_role",
        "va_class",
        "touch_min",
        "wait_min",
        "cost_per_use",
        "manual_trigger",
        "condition",
        "probability",
        "is_default",
        "position",
        "staff",
        "hourly_rate",
        "fee_per_case",
        "is_store",
        "loop",
        "interrupting",
        "triggered_by_event",
        "compensation",
        "ad_hoc",
        "conditional",
        "io",
    ),
    "layout": (
        "element_id",
        "x",
        "y",
        "width",
        "height",
        "waypoints",
        "label_x",
        "label_y",
        "label_width",
        "label_height",
        "fill",
        "stroke",
        "label_colour",
        "marker_visible",
        "message_visible",
    ),
    "annotation": (
        "id",
        "process_id",
        "kind",
        "text",
        "ref",
        "strategy",
        "strategy_text",
        "category",
        "kpi",
        "target_value",
        "evidence",
        "severity",
        "violated",
        "author",
        "created_at",
        "targets",
    ),
    "scenario": (
        "id",
        "process_id",
        "name",
        "kind",
        "description",
        "body",
    ),
    "verbatim": (
        "id",
        "process_id",
        "key",
        "body",
    ),
    "record": (
        "id",
        "kind",
        "process_id",
        "body",
    ),
}

Rows = dict[tuple[str, str], dict[str, Any]]


def read_workspace(path: Path) -> Workspace:
    """Load a workspace without writing to its file (for listing, export, analysis)."""
    return load_any(Path(path))[0]


def load_any(path: Path) -> tuple[Workspace, Rows, int, bytes]:
    """The workspace, its rows by (table, id), the file's schema version and change stamp."""
    version = probe(path)
    try:  # reading sits inside too: a missing table or column is inconsistent data as well
        if version == SCHEMA_VERSION:
            tables, stamp = read_current_tables(path)
        else:
            from bpo_desktop.core.storage.repository import read_migrated_copy

            stamp = change_counter(path)
            tables = read_migrated_copy(path, version)
        workspace = build_workspace(tables)
    except RowError as exc:
        raise BpoFileError(path, f"the file holds inconsistent data ({exc})") from None
    except (sqlite3.Error, OSError) as exc:
        raise BpoFileError(path, f"cannot read the file ({reason(exc)})") from None
    return workspace, rows_index(tables), version, stamp


def read_current_tables(path: Path) -> tuple[TableRows, bytes]:
    """Every id table in rowid order (insertion order: the drawing order survives), and the
    change counter read under the same shared lock."""
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")
        tables = {name: select_all(conn, name) for name in KEY_COLUMNS}
        stamp = change_counter(path)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return tables, stamp


def select_all(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    # [name], not "name": SQLite reads a double-quoted name no column has as a string literal,
    # so a dropped column would come back as its own name instead of an error.
    names = ", ".join(f"[{column}]" for column in COLUMNS[table])  # our names, not input
    try:
        cursor = conn.execute(f"SELECT {names} FROM [{table}] ORDER BY rowid")
    except sqlite3.Error as exc:
        raise RowError(reason(exc)) from None
    keys = [column[0] for column in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor]


def rows_index(tables: TableRows) -> Rows:
    return {(name, row[KEY_COLUMNS[name]]): row for name, rows in tables.items() for row in rows}


def change_counter(path: Path) -> bytes:
    """Bytes 24 to 27 of an SQLite file: incremented by every committed write (rollback journal)."""
    with path.open("rb") as handle:
        handle.seek(24)
        return handle.read(4)


def reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]
