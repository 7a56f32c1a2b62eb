"""`make_engine` connection settings and `probe`, the read-only vetting of a file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bpo_desktop.core.storage import SCHEMA_VERSION, BpoFileError
from bpo_desktop.core.storage.database import make_engine, probe
from bpo_desktop.core.storage.errors import BpoFileError as ErrorsBpoFileError


def _pragmas(path: Path, *, readonly: bool) -> dict[str, object]:
    engine = make_engine(path, readonly=readonly)
    try:
        with engine.begin() as conn:
            return {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous")
            }
    finally:
        engine.dispose()


def test_writable_engine_enforces_foreign_keys_and_durable_commits(sample_file: Path) -> None:
    assert _pragmas(sample_file, readonly=False) == {
        "foreign_keys": 1,
        "journal_mode": "delete",
        "synchronous": 2,  # FULL
    }


def test_readonly_engine_enforces_foreign_keys(sample_file: Path) -> None:
    assert _pragmas(sample_file, readonly=True)["foreign_keys"] == 1


def test_readonly_engine_cannot_write(sample_file: Path, digest: Callable[[Path], str]) -> None:
    before = digest(sample_file)
    engine = make_engine(sample_file, readonly=True)
    try:
        with pytest.raises(OperationalError, match="readonly"), engine.begin() as conn:
            conn.execute(text("UPDATE workspace SET name = 'changed'"))
    finally:
        engine.dispose()
    assert digest(sample_file) == before


def test_readonly_engine_does_not_create_a_missing_file(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "missing.bpo", readonly=True)
    try:
        with pytest.raises(OperationalError), engine.begin():
            pass
    finally:
        engine.dispose()
    assert os.listdir(tmp_path) == []


def test_writable_engine_rolls_back_everything_on_error(
    sample_file: Path, digest: Callable[[Path], str]
) -> None:
    before = digest(sample_file)
    engine = make_engine(sample_file)
    try:
        with pytest.raises(RuntimeError), engine.begin() as conn:
            conn.execute(text("DELETE FROM element"))
            conn.execute(text("CREATE TABLE extra (x)"))  # DDL is inside the transaction too
            raise RuntimeError("stop")
    finally:
        engine.dispose()
    assert digest(sample_file) == before


def test_paths_with_uri_characters(tmp_path: Path, sample_file: Path) -> None:
    odd = tmp_path / "a?b#c%20d&e.bpo"
    sample_file.rename(odd)
    assert probe(odd) == SCHEMA_VERSION
    assert _pragmas(odd, readonly=True)["foreign_keys"] == 1
    assert sorted(os.listdir(tmp_path)) == [odd.name]  # no file named after a mangled path


def test_probe_returns_the_schema_version_without_touching_the_file(
    sample_file: Path, digest: Callable[[Path], str]
) -> None:
    before, mtime = digest(sample_file), sample_file.stat().st_mtime_ns
    assert probe(sample_file) == SCHEMA_VERSION
    assert digest(sample_file) == before
    assert sample_file.stat().st_mtime_ns == mtime


def test_probe_accepts_a_relative_path(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample_file.parent)
    assert probe(Path(sample_file.name)) == SCHEMA_VERSION


def test_the_error_type_is_one_class() -> None:
    assert BpoFileError is ErrorsBpoFileError
    error = BpoFileError(Path("/x/y.bpo"), "first line\nsecond line\r\n  third")
    assert str(error) == "/x/y.bpo: first line second line third"
    assert error.path == Path("/x/y.bpo")
    assert error.reason == "first line second line third"
