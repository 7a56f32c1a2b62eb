"""The `.bpo` file: one SQLite database per workspace. Only this package talks to SQLAlchemy.

Reading a current file needs only the sqlite3 module (`reading.py`); saving, and upgrading an
older file, import SQLAlchemy on first use, so read-only CLI commands start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.migrations import SCHEMA_VERSION
from bpo_desktop.core.storage.reading import read_workspace

if TYPE_CHECKING:
    from bpo_desktop.core.storage.repository import BpoFile, open_workspace, save_workspace_as

_WRITING = frozenset({"BpoFile", "open_workspace", "save_workspace_as"})


def __getattr__(name: str) -> Any:
    if name in _WRITING:
        from bpo_desktop.core.storage import repository

        return getattr(repository, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "BpoFile",
    "BpoFileError",
    "open_workspace",
    "read_workspace",
    "save_workspace_as",
]
