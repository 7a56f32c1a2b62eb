"""The one error the storage layer raises for a file it cannot use."""

from __future__ import annotations

from pathlib import Path

from bpo_desktop.core.errors import InputError


class BpoFileError(InputError):
    """A `.bpo` file cannot be read or written; `str()` is one line: the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        reason = " ".join(reason.split())  # SQLite's messages may span lines
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason
