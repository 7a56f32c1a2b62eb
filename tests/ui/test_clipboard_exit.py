"""Quitting with a copied fragment on the clipboard must not crash the interpreter.

PySide6 6.10-6.11 segfault at exit when the clipboard owns a QMimeData set from Python; the
app swaps its fragment for plain text before exit. A crash only shows as the process's exit
status, so the check runs a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication
from bpo_desktop.core.editing.clipboard import copy_fragment
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.ui import clipboard

app = QApplication([])
ws = sample_workspace()
process = next(iter(ws.processes.values()))
task = next(n for n in process.nodes() if n.name.startswith("Enter customer"))
fragment = copy_fragment(process, [task.id])
assert fragment is not None
clipboard.put(fragment)
assert clipboard.has_fragment()
print("copied")
"""


def test_exit_with_a_fragment_on_the_clipboard_is_clean() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.stdout.strip() == "copied", done.stderr
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr[-500:]}"
