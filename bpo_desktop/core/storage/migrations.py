"""Schema versions of the `.bpo` file and the ordered upgrades between them.

A tested ordered list, not Alembic: every `.bpo` is a user document upgraded at open time on a
machine with no network, so each step is a small function run inside the open transaction, and
`tests/core/storage/test_migrations.py` opens a stored file of every earlier version.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

#: The schema this version writes. Bump it together with a new entry in MIGRATIONS.
SCHEMA_VERSION = 1
#: `PRAGMA application_id` of every `.bpo` ("BPOD"), so other tools can recognise the file.
APPLICATION_ID = 0x42504F44
FORMAT_NAME = "bpo-desktop"

Migration = Callable[[Connection], None]

#: MIGRATIONS[n] upgrades a file of schema n to n + 1.
MIGRATIONS: dict[int, Migration] = {}


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
