"""Where the shared BPMN corpus is, and what a test does when it is missing.

The corpus lives outside the repository (`BPO_BPMN_CORPUS`, default `<repo>/../shared/
bpmn-corpus`). Without it a test skips with a clear message, except under CI=true, where a
missing corpus is a failure: CI must not pass by testing nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("BPO_BPMN_CORPUS") or REPO.parent / "shared" / "bpmn-corpus")
SIM_BENCH = Path(os.environ.get("BPO_SIM_BENCH") or REPO.parent / "shared" / "sim-bench")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(what: str) -> NoReturn:
    """Fail under CI, skip elsewhere."""
    if in_ci():
        pytest.fail(f"{what} (CI=true: this must not be skipped)")
    pytest.skip(what)


def corpus_file(relative: str) -> Path:
    """A corpus file, or the test stops through `unavailable`."""
    path = CORPUS / relative
    if not path.is_file():
        unavailable(f"BPMN corpus file {path} not found (set BPO_BPMN_CORPUS)")
    return path


def sim_bench() -> Path:
    """The shared simulation benchmark folder (seq10), or the test stops through `unavailable`."""
    if not SIM_BENCH.is_dir():
        unavailable(f"simulation benchmark folder {SIM_BENCH} not found (set BPO_SIM_BENCH)")
    return SIM_BENCH
