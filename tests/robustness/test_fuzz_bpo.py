"""Hostile `.bpo` files: rows tampered with behind the app's back, in every table the schema
has (records included): changed values of any type, dangling references, SQL-looking text,
deleted and duplicated rows.

Each file either loads, and then saves and loads back equal, or is one `BpoFileError` line
naming the file, within the time bound. (The hand-written cases are in
tests/core/storage/test_bad_files.py; these are generated.)
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robustness.fuzzing import TRIED, fuzz_settings, time_bound

from bpo_desktop.core.model import Record
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import (
    BpoFileError,
    open_workspace,
    read_workspace,
    save_workspace_as,
)


def _template() -> tuple[bytes, dict[str, list[str]], dict[str, int], list[str]]:
    """The sample with two records, as bytes; its tables' columns, row counts and ids."""
    workspace = sample_workspace()
    process_id = next(iter(workspace.processes))
    workspace.records["Record_ws"] = Record("Record_ws", "workshop.session", None, {"a": [1, 2]})
    workspace.records["Record_p"] = Record(
        "Record_p", "simulation.setup", process_id, {"runs": {"n": 3, "seed": None}}
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.bpo"
        save_workspace_as(workspace, path)
        conn = sqlite3.connect(path)
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        columns = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        ids = [r[0] for r in conn.execute("SELECT id FROM element UNION SELECT id FROM process")]
        conn.close()
        return path.read_bytes(), columns, counts, ids


TEMPLATE, COLUMNS, COUNTS, IDS = _template()
TABLES = sorted(t for t, n in COUNTS.items() if n)

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "",
            "x'); DROP TABLE element;--",
            "' OR 1=1 --",
            "Robert'); DELETE FROM process; --",
            "{",
            "[]",
            "{}",
            "[[1, 2]]",
            "null",
            "NaN",
            '{"added": [{"etype": "node"}]}',
            '{"kind": "task", "__class__": "os.system"}',
            "__import__('os').system('touch /tmp/pwned')",
            "task",
            "flow",
            "lane",
            "0",
            "1",
            "2",
            "1e999",
            "x" * 100_000,
        ]
    ),
    st.sampled_from(IDS),  # a reference to an element of another kind or process
    st.text(max_size=30),
    st.binary(max_size=12),
)


@st.composite
def tampering(draw: st.DrawFn) -> list[tuple[str, tuple[Any, ...]]]:
    """A few SQL statements (parameterised: the values are data, whatever they look like)."""
    statements: list[tuple[str, tuple[Any, ...]]] = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(TABLES))
        row = draw(st.integers(0, COUNTS[table] - 1))
        pick = f'(SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 1 OFFSET {row})'
        action = draw(st.sampled_from(["update", "update", "update", "delete", "duplicate"]))
        if action == "update":
            column = draw(st.sampled_from(COLUMNS[table]))
            value = draw(HOSTILE_VALUES)
            statements.append(
                (f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = {pick}', (value,))
            )
        elif action == "delete":
            statements.append((f'DELETE FROM "{table}" WHERE rowid = {pick}', ()))
        else:
            key = COLUMNS[table][0]
            others = ", ".join(f'"{c}"' for c in COLUMNS[table][1:])
            select_others = f", {others}" if others else ""
            statements.append(
                (
                    f'INSERT OR IGNORE INTO "{table}" ("{key}"{select_others}) '
                    f'SELECT "{key}" || ?{select_others} FROM "{table}" WHERE rowid = {pick}',
                    (draw(st.sampled_from(["_copy", "", " ", "'--"])),),
                )
            )
    return statements


@pytest.fixture(scope="module")
def workdir() -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def _tampered(folder: Path, statements: list[tuple[str, tuple[Any, ...]]]) -> Path:
    path = folder / "tampered.bpo"
    for leftover in folder.iterdir():
        leftover.unlink()
    path.write_bytes(TEMPLATE)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")  # what another program could do
    for sql, params in statements:
        # A NOT NULL or UNIQUE constraint may refuse one: that tampering is not possible.
        with contextlib.suppress(sqlite3.Error):
            conn.execute(sql, params)
    conn.close()
    return path


def check(path: Path, target: str) -> None:
    TRIED[target] += 1
    with time_bound():
        try:
            workspace = read_workspace(path)
        except BpoFileError as exc:
            message = str(exc)
            assert message.startswith(f"{path}: ") and "\n" not in message
            return
        TRIED[f"{target} (loaded, then saved and loaded back equal)"] += 1
        copy = path.with_name("copy.bpo")
        save_workspace_as(workspace, copy)
        assert read_workspace(copy) == workspace
        again, bpo_file = open_workspace(path)
        bpo_file.save(again)  # a save of what was loaded writes nothing and must not fail
        tables = {r[0] for r in sqlite3.connect(copy).execute("SELECT name FROM sqlite_master")}
        assert {"element", "process", "record"} <= tables


def test_the_template_holds_every_table_with_rows() -> None:
    assert {"element", "layout", "process", "record", "workspace", "meta"} <= set(TABLES)


@fuzz_settings()
@given(statements=tampering())
def test_tampered_rows(workdir: Path, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
    check(_tampered(workdir, statements), ".bpo: tampered rows")


@pytest.mark.slow
@fuzz_settings(long=True)
@given(statements=tampering())
def test_tampered_rows_long_run(
    workdir: Path, statements: list[tuple[str, tuple[Any, ...]]]
) -> None:
    check(_tampered(workdir, statements), ".bpo: tampered rows (long run)")
