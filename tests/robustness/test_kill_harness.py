"""The crash-safety harness (benchmarks/kill_harness.py), short: every kill survived.

The long run (200 kills per mode on 5,000 elements) is `-m slow` or the script itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_harness.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _run(*args: str, timeout: float) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(HARNESS), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _assert_all_survived(result: dict[str, object], mode: str, kills: int) -> None:
    figures = result[mode]
    assert isinstance(figures, dict)
    assert figures["tried"] == kills
    assert figures["survived"] == kills, figures


def test_twenty_kills_during_saves_and_imports_all_survive() -> None:
    result = _run("--kills", "10", "--elements", "1000", "--max-delay", "0.8", timeout=300)
    _assert_all_survived(result, "save", 10)
    _assert_all_survived(result, "import", 10)


@pytest.mark.slow
def test_two_hundred_kills_of_a_5000_element_workspace() -> None:
    result = _run("--kills", "200", "--elements", "5000", timeout=3600)
    _assert_all_survived(result, "save", 200)
    _assert_all_survived(result, "import", 200)
