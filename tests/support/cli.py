"""Run the real `bpo-desktop` command in a subprocess, as a user would."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path


def bpo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bpo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sha(path: Path) -> str:
    """The file's SHA-256, to prove a command left its bytes untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
