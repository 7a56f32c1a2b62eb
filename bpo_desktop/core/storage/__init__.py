"""The `.bpo` file: one SQLite database per workspace. Only this package talks to SQLAlchemy."""

from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.migrations import SCHEMA_VERSION
from bpo_desktop.core.storage.repository import (
    BpoFile,
    open_workspace,
    read_workspace,
    save_workspace_as,
)

__all__ = [
    "SCHEMA_VERSION",
    "BpoFile",
    "BpoFileError",
    "open_workspace",
    "read_workspace",
    "save_workspace_as",
]
