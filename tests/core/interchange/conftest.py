"""Fixtures for BPMN interchange tests: the shared corpus, its manifest, the OMG schema.

The corpus lives outside the repository (`BPO_BPMN_CORPUS`, default `<repo>/../shared/
bpmn-corpus`, see its README). Without it these tests skip with a clear message, except under
CI=true, where a missing corpus is a failure: CI must not pass by testing nothing.
"""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support.corpus import CORPUS, unavailable

from bpo_desktop.core.interchange.bpmn import BpmnImportError, ImportResult, import_bpmn

REPO = Path(__file__).resolve().parents[3]
MISSING = "(corpus missing)"
#: Seconds one import may take before it counts as a hang.
TIME_BOUND = 10.0


def corpus_path() -> Path:
    return CORPUS


def _available() -> Path | None:
    path = corpus_path()
    return path if (path / "MANIFEST.tsv").is_file() else None


def _files(kind: str = "") -> list[str]:
    root = _available()
    if root is None:
        return [MISSING]
    rows = _manifest_rows(root)
    return [
        r["corpus_path"] for r in rows if r["kind"] == "bpmn" and (not kind or r["role"] == kind)
    ]


def _manifest_rows(root: Path) -> list[dict[str, str]]:
    with (root / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`corpus_file`: every BPMN file of the corpus; `reference_file`: the MIWG references."""
    if "corpus_file" in metafunc.fixturenames:
        metafunc.parametrize("corpus_file", _files())
    if "reference_file" in metafunc.fixturenames:
        files = [f for f in _files("reference") if f.startswith("miwg-reference/")] or [MISSING]
        metafunc.parametrize("reference_file", files)


@pytest.fixture(scope="session")
def corpus() -> Path:
    root = _available()
    if root is None:
        unavailable(
            f"BPMN corpus not found at {corpus_path()} (set BPO_BPMN_CORPUS to the folder "
            "holding MANIFEST.tsv)"
        )
    return root


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict[str, dict[str, str]]:
    return {row["corpus_path"]: row for row in _manifest_rows(corpus)}


@pytest.fixture(scope="session")
def bpmn_schema(corpus: Path) -> etree.XMLSchema:
    """The OMG BPMN 2.0 schema, loaded once per session."""
    return etree.XMLSchema(etree.parse(str(corpus / "xsd" / "BPMN20.xsd")))


@dataclass
class Outcome:
    result: ImportResult | None
    error: BpmnImportError | None
    seconds: float


class _HangError(Exception):
    pass


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise `_HangError` if the block runs longer than `seconds` (Unix; elsewhere it only runs)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(_signum: int, _frame: object) -> None:
        raise _HangError

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Outcomes:
    """Imports each corpus file once per session, within the time bound."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, Outcome] = {}

    def __getitem__(self, relative: str) -> Outcome:
        if relative not in self._cache:
            data = (self.root / relative).read_bytes()
            start = time.perf_counter()
            result, error = None, None
            try:
                with time_bound(TIME_BOUND):
                    result = import_bpmn(data, source=relative)
            except BpmnImportError as exc:
                error = exc
            except _HangError:
                pytest.fail(f"{relative}: import did not finish within {TIME_BOUND} s")
            self._cache[relative] = Outcome(result, error, time.perf_counter() - start)
        return self._cache[relative]


@pytest.fixture(scope="session")
def outcomes(corpus: Path) -> Outcomes:
    return Outcomes(corpus)


@pytest.fixture(scope="session")
def schema_errors(bpmn_schema: etree.XMLSchema) -> Callable[[bytes], list[str]]:
    """A function giving the schema errors of a document (empty when it validates)."""

    def errors(data: bytes) -> list[str]:
        document = etree.fromstring(data).getroottree()
        if bpmn_schema.validate(document):
            return []
        return [f"line {e.line}: {e.message}" for e in bpmn_schema.error_log]

    return errors


JS_DIR = REPO / "tests" / "interchange_js"


@pytest.fixture(scope="session")
def moddle() -> Callable[[list[Path]], dict[str, dict[str, Any]]]:
    """Reads files with bpmn.io's bpmn-moddle (node); returns warnings and error per file.

    Installs the locked npm packages with `npm ci` when `node_modules` is missing.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        unavailable("node is not installed: cannot check exports with bpmn-moddle")
    if not (JS_DIR / "node_modules" / "bpmn-moddle").is_dir():
        if npm is None:
            unavailable("npm is not installed: cannot install bpmn-moddle")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=JS_DIR, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            unavailable(f"`npm ci` in {JS_DIR} failed: {done.stderr.strip()[-300:]}")

    def check(paths: list[Path]) -> dict[str, dict[str, Any]]:
        done = subprocess.run(
            [str(node), str(JS_DIR / "check.mjs"), *map(str, paths)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        report: dict[str, dict[str, Any]] = json.loads(done.stdout)
        return report

    return check
