"""Shared fixtures for the `.bpo` storage tests: real files in tmp_path, real SQLite, no Qt."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.samples import ONBOARDING, sample_workspace
from bpo_desktop.core.storage import BpoFile, open_workspace, repository, save_workspace_as

WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample() -> Workspace:
    return sample_workspace()


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample saved once per session; tests get their own copy of its bytes."""
    path = tmp_path_factory.mktemp("template") / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    return path


@pytest.fixture
def sample_file(tmp_path: Path, _sample_template: Path) -> Path:
    """A freshly saved sample workspace, private to the test."""
    path = tmp_path / "sample.bpo"
    shutil.copyfile(_sample_template, path)
    return path


@pytest.fixture
def opened(sample_file: Path) -> tuple[Workspace, BpoFile]:
    """The sample file opened for editing."""
    return open_workspace(sample_file)


@pytest.fixture
def onboarding(opened: tuple[Workspace, BpoFile]) -> Process:
    """The opened workspace's "Customer onboarding (as-is)" process."""
    return opened[0].process_by_name(ONBOARDING)


@pytest.fixture
def digest() -> Callable[[Path], str]:
    return sha256


@pytest.fixture
def tamper() -> Callable[[Path, str], None]:
    """Edit a file behind the storage layer's back, with foreign-key enforcement off."""

    def run(path: Path, sql: str) -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.executescript(sql)
            conn.commit()
        finally:
            conn.close()

    return run


@dataclass
class Statement:
    sql: str
    rows: list[dict[str, Any]]  # bound values by name, one dict per row written

    @property
    def verb(self) -> str:
        return self.sql.lstrip().split(None, 1)[0].upper()

    @property
    def table(self) -> str:
        """The table a write statement names (INSERT INTO t / DELETE FROM t / UPDATE t)."""
        words = self.sql.replace("(", " ").split()
        upper = [w.upper() for w in words]
        for marker in ("INTO", "FROM", "UPDATE", "TABLE"):
            if marker in upper:
                return words[upper.index(marker) + 1].strip('"')
        return ""


@dataclass
class StatementLog:
    """Every SQL statement the repository sends through an engine it makes."""

    statements: list[Statement] = field(default_factory=list)
    engines: int = 0

    @property
    def writes(self) -> list[Statement]:
        return [s for s in self.statements if s.verb in WRITE_VERBS]

    def written_tables(self) -> set[str]:
        return {s.table for s in self.writes}

    def written_rows(self, table: str) -> list[dict[str, Any]]:
        return [row for s in self.writes if s.table == table for row in s.rows]

    def clear(self) -> None:
        self.statements.clear()
        self.engines = 0


@pytest.fixture
def statement_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[StatementLog]:
    """Wrap `repository.make_engine` so each engine records what it executes."""
    log = StatementLog()
    real_make_engine = repository.make_engine

    def recording_make_engine(path: Path, *, readonly: bool = False) -> Engine:
        engine = real_make_engine(path, readonly=readonly)
        log.engines += 1

        @event.listens_for(engine, "before_cursor_execute")
        def _record(
            _conn: object, _cursor: object, sql: str, params: Any, context: Any, many: bool
        ) -> None:
            # Compiled statements carry their parameters on the context; driver-level SQL
            # (the upserts) passes them straight through: one dict, or a list for executemany.
            compiled = getattr(context, "compiled_parameters", None)
            if compiled:
                rows = [dict(p) for p in compiled]
            elif many:
                rows = [dict(p) for p in params]
            else:
                rows = [dict(params)] if isinstance(params, dict) else []
            log.statements.append(Statement(sql, rows))

        return engine

    monkeypatch.setattr(repository, "make_engine", recording_make_engine)
    yield log
