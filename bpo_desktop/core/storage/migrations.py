"""Schema versions of the `.bpo` file and the ordered upgrades between them.

A tested ordered list, not Alembic: every `.bpo` is a user document upgraded at open time on a
machine with no network, so each step is a small function run inside the open transaction, and
`tests/core/storage/test_migrations.py` opens a stored file of every earlier version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: The schema this version writes. Bump it together with a new entry in MIGRATIONS.
SCHEMA_VERSION = 4
#: `PRAGMA application_id` of every `.bpo` ("BPOD"), so other tools can recognise the file.
APPLICATION_ID = 0x42504F44
FORMAT_NAME = "bpo-desktop"

Migration = Callable[["Connection"], None]


def _add_verbatim_table(conn: Connection) -> None:
    """1 → 2: the `verbatim` table keeps BPMN content an import could not model."""
    conn.exec_driver_sql(
        "CREATE TABLE verbatim (\n"
        "\tid VARCHAR NOT NULL, \n"
        "\tprocess_id VARCHAR NOT NULL, \n"
        '\t"key" TEXT NOT NULL, \n'
        "\tbody TEXT NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(process_id) REFERENCES process (id) "
        "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\n"
        ")"
    )
    conn.exec_driver_sql("CREATE INDEX ix_verbatim_process ON verbatim (process_id)")
    conn.exec_driver_sql("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def _add_records_and_markers(conn: Connection) -> None:
    """2 → 3: workspace records (simulation, workshops), activity markers, diagram colours."""
    for column, sql_type in (
        ("loop", "VARCHAR"),
        ("interrupting", "INTEGER"),
        ("triggered_by_event", "INTEGER"),
        ("compensation", "INTEGER"),
        ("ad_hoc", "INTEGER"),
    ):
        conn.exec_driver_sql(f"ALTER TABLE element ADD COLUMN {column} {sql_type}")
    conn.exec_driver_sql("ALTER TABLE layout ADD COLUMN fill TEXT")
    conn.exec_driver_sql("ALTER TABLE layout ADD COLUMN stroke TEXT")
    conn.exec_driver_sql(
        "CREATE TABLE record (\n"
        "\tid VARCHAR NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tprocess_id VARCHAR, \n"
        "\tbody TEXT NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(process_id) REFERENCES process (id) "
        "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\n"
        ")"
    )
    conn.exec_driver_sql("CREATE INDEX ix_record_kind ON record (kind)")
    conn.exec_driver_sql("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def _add_diagram_details(conn: Connection) -> None:
    """3 → 4: conditional flows without text, process data inputs/outputs, label colours, the
    exclusive-gateway marker flag and message envelopes. NULL reads as the old behaviour."""
    conn.exec_driver_sql("ALTER TABLE element ADD COLUMN conditional INTEGER")
    conn.exec_driver_sql("ALTER TABLE element ADD COLUMN io VARCHAR")
    conn.exec_driver_sql("ALTER TABLE layout ADD COLUMN label_colour TEXT")
    conn.exec_driver_sql("ALTER TABLE layout ADD COLUMN marker_visible INTEGER")
    conn.exec_driver_sql("ALTER TABLE layout ADD COLUMN message_visible VARCHAR")
    conn.exec_driver_sql("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


#: MIGRATIONS[n] upgrades a file of schema n to n + 1.
MIGRATIONS: dict[int, Migration] = {
    1: _add_verbatim_table,
    2: _add_records_and_markers,
    3: _add_diagram_details,
}


def migrate(conn: Connection, from_version: int, to_version: int | None = None) -> list[int]:
    """Upgrade in place from `from_version`; returns the versions passed through."""
    target = SCHEMA_VERSION if to_version is None else to_version
    passed = []
    for version in range(from_version, target):
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema {version} to {version + 1}")
        step(conn)
        passed.append(version + 1)
    return passed
