"""Files the storage layer cannot use: always a one-line BpoFileError, never a changed byte."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bpo_desktop.core.model import NodeKind
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import (
    BpoFileError,
    open_workspace,
    read_workspace,
    save_workspace_as,
)

PAGE = 4096
LOADERS = {"read_workspace": read_workspace, "open_workspace": open_workspace}


@pytest.fixture(params=sorted(LOADERS))
def load(request: pytest.FixtureRequest) -> Callable[[Path], object]:
    return LOADERS[request.param]


def _expect_error(
    path: Path,
    load: Callable[[Path], object],
    digest: Callable[[Path], str],
    *phrases: str,
    check_folder: bool = True,
) -> BpoFileError:
    """Loading fails with one clear line naming the file; the file and its folder are as before."""
    folder = path.parent if check_folder and path.parent.exists() else None
    listing = sorted(os.listdir(folder)) if folder else []
    before = digest(path) if path.is_file() else None
    with pytest.raises(BpoFileError) as info:
        load(path)
    error = info.value
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{path}: ")
    assert message == f"{path}: {error.reason}"
    assert error.path == path
    for phrase in phrases:
        assert phrase in error.reason, (phrase, error.reason)
    if before is not None:
        assert digest(path) == before
    if folder:
        assert sorted(os.listdir(folder)) == listing
    return error


# -- not a .bpo at all --------------------------------------------------------------------------
def test_text_file(tmp_path: Path, load: Callable, digest: Callable) -> None:
    path = tmp_path / "notes.bpo"
    path.write_text("Customer onboarding\n- step 1\n- step 2\n")
    _expect_error(path, load, digest, "not a BPO Desktop workspace", "not an SQLite database")


def test_empty_file(tmp_path: Path, load: Callable, digest: Callable) -> None:
    path = tmp_path / "empty.bpo"
    path.touch()
    _expect_error(path, load, digest, "empty", "0 bytes")


def test_sqlite_header_followed_by_garbage(
    tmp_path: Path, load: Callable, digest: Callable
) -> None:
    path = tmp_path / "fake.bpo"
    rng = random.Random(7)
    path.write_bytes(b"SQLite format 3\x00" + bytes(rng.randrange(256) for _ in range(PAGE - 16)))
    _expect_error(path, load, digest)


def test_plain_sqlite_database(tmp_path: Path, load: Callable, digest: Callable) -> None:
    path = tmp_path / "other.bpo"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    _expect_error(path, load, digest, "an SQLite database, but not a BPO Desktop workspace")


def test_plain_sqlite_database_in_wal_mode(
    tmp_path: Path, load: Callable, digest: Callable
) -> None:
    path = tmp_path / "wal.bpo"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert sorted(os.listdir(tmp_path)) == ["wal.bpo"]
    # The file's bytes stay as they were; SQLite may still leave empty -wal/-shm sidecars.
    _expect_error(path, load, digest, "not a BPO Desktop workspace", check_folder=False)


def test_sqlite_database_with_a_meta_table_but_no_application_id(
    tmp_path: Path, load: Callable, digest: Callable
) -> None:
    path = tmp_path / "lookalike.bpo"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('format', 'bpo-desktop'), ('schema_version', '1')")
    conn.commit()
    conn.close()
    _expect_error(path, load, digest, "not a BPO Desktop workspace")


def test_directory(tmp_path: Path, load: Callable, digest: Callable) -> None:
    path = tmp_path / "folder.bpo"
    path.mkdir()
    _expect_error(path, load, digest, "not a file")


def test_missing_path(tmp_path: Path, load: Callable, digest: Callable) -> None:
    _expect_error(tmp_path / "nowhere.bpo", load, digest, "no such file")
    assert not (tmp_path / "nowhere.bpo").exists()


def test_missing_folder(tmp_path: Path, load: Callable, digest: Callable) -> None:
    _expect_error(tmp_path / "gone" / "nowhere.bpo", load, digest, "no such file")
    assert not (tmp_path / "gone").exists()


# -- damaged .bpo files ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "size",
    [
        pytest.param(lambda n: n // 2, id="half"),
        pytest.param(lambda n: n - 1000, id="not-a-page-multiple"),
        pytest.param(lambda n: PAGE, id="first-page-only"),
        pytest.param(lambda n: 100, id="header-only"),
        pytest.param(lambda n: 50, id="50-bytes"),
    ],
)
def test_truncated(
    sample_file: Path, load: Callable, digest: Callable, size: Callable[[int], int]
) -> None:
    data = sample_file.read_bytes()
    assert len(data) >= 8 * PAGE
    sample_file.write_bytes(data[: size(len(data))])
    _expect_error(sample_file, load, digest, "truncated")


def _garbage(n: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: (len(d) // PAGE // 2 * PAGE, _garbage(PAGE)), id="middle-page"),
        pytest.param(lambda d: (len(d) // 2, b"\xff" * 64), id="64-bytes-mid-file"),
        pytest.param(lambda d: (len(d) // 4, _garbage(len(d) // 2)), id="middle-half"),
        pytest.param(lambda d: (PAGE, _garbage(PAGE)), id="schema-page"),
    ],
)
def test_corrupt(
    sample_file: Path,
    load: Callable,
    digest: Callable,
    damage: Callable[[bytes], tuple[int, bytes]],
) -> None:
    data = bytearray(sample_file.read_bytes())
    offset, junk = damage(bytes(data))
    data[offset : offset + len(junk)] = junk
    sample_file.write_bytes(bytes(data))
    error = _expect_error(sample_file, load, digest, "damaged")
    assert "***" not in error.reason


def test_newer_schema_version(
    sample_file: Path, load: Callable, digest: Callable, tamper: Callable
) -> None:
    tamper(sample_file, "UPDATE meta SET value = '999' WHERE key = 'schema_version';")
    _expect_error(sample_file, load, digest, "newer BPO Desktop", "schema 999", "update")


@pytest.mark.parametrize(
    ("sql", "phrase"),
    [
        ("UPDATE meta SET value = 'v1' WHERE key = 'schema_version'", "schema version"),
        ("DELETE FROM meta WHERE key = 'schema_version'", "schema version"),
        ("UPDATE meta SET value = '0' WHERE key = 'schema_version'", "unknown schema version 0"),
        ("UPDATE meta SET value = 'other-app' WHERE key = 'format'", "not a BPO Desktop"),
        ("PRAGMA application_id = 0", "not a BPO Desktop"),
        ("DROP TABLE meta", "not a BPO Desktop"),
    ],
)
def test_bad_identity(
    sample_file: Path, load: Callable, digest: Callable, tamper: Callable, sql: str, phrase: str
) -> None:
    tamper(sample_file, sql + ";")
    _expect_error(sample_file, load, digest, phrase)


# -- tampered rows --------------------------------------------------------------------------------
def _first_task_id() -> str:
    process = next(iter(sample_workspace().processes.values()))
    return next(n.id for n in process.nodes() if n.kind is NodeKind.TASK)


TASK = _first_task_id()  # Activity_onb9 in the sample's first process
SCENARIO_BODY = "UPDATE scenario SET body = '{}' WHERE id = (SELECT min(id) FROM scenario)"
FIRST_EDGE = "(SELECT min(element_id) FROM layout WHERE waypoints IS NOT NULL)"

_VERBATIM_ROW = (
    "INSERT INTO verbatim SELECT '[\"' || min(id) || '\", \"k\"]', min(id), 'k', '{body}' "
    "FROM process"
)

TAMPERED = {
    "flow-target-missing": (
        "UPDATE element SET target = 'Activity_nowhere' "
        "WHERE id = (SELECT min(id) FROM element WHERE etype = 'flow')",
        "target Activity_nowhere",
    ),
    "flow-source-in-another-process": (
        "UPDATE element SET source = (SELECT min(id) FROM element WHERE process_id = "
        "(SELECT max(id) FROM process) AND etype = 'node') "
        "WHERE id = (SELECT min(id) FROM element WHERE etype = 'flow' AND process_id = "
        "(SELECT min(id) FROM process))",
        "refers to source",
    ),
    "touch-min-text": (f"UPDATE element SET touch_min = 'abc' WHERE id = '{TASK}'", "touch_min"),
    "staff-blob": (
        "UPDATE element SET staff = x'00ff' WHERE id = (SELECT min(id) FROM element "
        "WHERE etype = 'lane')",
        "staff",
    ),
    "unknown-etype": (f"UPDATE element SET etype = 'widget' WHERE id = '{TASK}'", "widget"),
    "unknown-node-kind": (f"UPDATE element SET kind = 'teleport' WHERE id = '{TASK}'", "kind"),
    "node-kind-null": (f"UPDATE element SET kind = NULL WHERE id = '{TASK}'", TASK),
    "bool-not-0-or-1": (f"UPDATE element SET manual_trigger = 2 WHERE id = '{TASK}'", "0 or 1"),
    "element-renamed-under-its-layout": (
        f"UPDATE element SET id = 42 WHERE id = '{TASK}'",
        f"layout for unknown element {TASK}",
    ),
    "waypoints-not-json": (
        f"UPDATE layout SET waypoints = '[[1, 2], [3' WHERE element_id = {FIRST_EDGE}",
        "waypoints is not valid JSON",
    ),
    "waypoints-not-pairs": (
        f"UPDATE layout SET waypoints = '[[1, 2, 3]]' WHERE element_id = {FIRST_EDGE}",
        "waypoints",
    ),
    "waypoints-nan": (
        f"UPDATE layout SET waypoints = '[[NaN, 2]]' WHERE element_id = {FIRST_EDGE}",
        "waypoints",
    ),
    "waypoints-huge-integer": (
        f"UPDATE layout SET waypoints = '[[1' || printf('%.400d', 0) || ', 2]]' "
        f"WHERE element_id = {FIRST_EDGE}",
        "waypoints",
    ),
    "bounds-text": (f"UPDATE layout SET x = 'left' WHERE element_id = '{TASK}'", "x is not"),
    "bounds-infinite": (f"UPDATE layout SET width = 1e999 WHERE element_id = '{TASK}'", "width"),
    "layout-of-unknown-element": (
        f"UPDATE layout SET element_id = 'Ghost_1' WHERE element_id = '{TASK}'",
        "Ghost_1",
    ),
    "element-of-unknown-process": (
        f"UPDATE element SET process_id = 'Process_ghost' WHERE id = '{TASK}'",
        "Process_ghost",
    ),
    "lane-id-points-at-a-task": (
        "UPDATE element SET lane_id = (SELECT min(id) FROM element WHERE etype = 'node' AND "
        f"kind = 'task' AND id != '{TASK}' AND process_id = (SELECT process_id FROM element "
        f"WHERE id = '{TASK}')) WHERE id = '{TASK}'",
        "refers to lane",
    ),
    "unknown-system": (
        f"UPDATE element SET system_id = 'System_ghost' WHERE id = '{TASK}'",
        "System_ghost",
    ),
    "annotation-targets-not-a-list": (
        "UPDATE annotation SET targets = '{\"a\": 1}'",
        "targets are not a list",
    ),
    "annotation-targets-not-json": ("UPDATE annotation SET targets = 'Activity_1'", "targets"),
    "annotation-target-unknown": (
        "UPDATE annotation SET targets = '[\"Activity_ghost\"]'",
        "Activity_ghost",
    ),
    "annotation-kind-unknown": ("UPDATE annotation SET kind = 'rant'", "rant"),
    "scenario-body-not-json": (
        SCENARIO_BODY.replace("'{}'", "'not json'"),
        "body is not valid JSON",
    ),
    "scenario-body-a-list": (SCENARIO_BODY.replace("'{}'", "'[]'"), "body is not an object"),
    "scenario-added-not-objects": (
        SCENARIO_BODY.replace("'{}'", "'{\"added\": [5]}'"),
        "added elements",
    ),
    "scenario-added-unknown-etype": (
        SCENARIO_BODY.replace("'{}'", '\'{"added": [{"etype": "x", "id": "a"}]}\''),
        "unknown element type",
    ),
    "scenario-added-layout-not-objects": (
        SCENARIO_BODY.replace("'{}'", '\'{"added_layout": {"a": 5}}\''),
        "added_layout",
    ),
    "scenario-overrides-not-objects": (
        SCENARIO_BODY.replace("'{}'", '\'{"overrides": {"a": 5}}\''),
        "overrides",
    ),
    "scenario-removed-not-a-list": (
        SCENARIO_BODY.replace("'{}'", "'{\"removed\": 5}'"),
        "removed is not a list",
    ),
    "verbatim-body-not-json": (
        f"{_VERBATIM_ROW.format(body='not json')}",
        "body is not valid JSON",
    ),
    "verbatim-body-a-list": (f"{_VERBATIM_ROW.format(body='[]')}", "body is not an object"),
    "verbatim-extensions-not-text": (
        _VERBATIM_ROW.format(body='{"extensions": [1]}'),
        "extensions is not a list of text",
    ),
    "verbatim-shape-not-pairs": (
        _VERBATIM_ROW.format(body='{"shape": [["color"]]}'),
        "shape is not a list of [name, value] pairs",
    ),
    "verbatim-of-unknown-process": (
        "INSERT INTO verbatim VALUES ('[\"Process_ghost\", \"k\"]', 'Process_ghost', 'k', '{}')",
        "Process_ghost",
    ),
    "process-position-text": (
        "UPDATE process SET position = 'abc' WHERE id = (SELECT min(id) FROM process)",
        "position",
    ),
    "no-workspace-row": ("DELETE FROM workspace", "one workspace row"),
    "two-workspace-rows": (
        "INSERT INTO workspace VALUES ('Workspace_two', 'Two')",
        "one workspace row",
    ),
    "table-dropped": ("DROP TABLE scenario", "scenario"),
    "column-dropped": ("ALTER TABLE element DROP COLUMN staff", "staff"),
}


@pytest.mark.parametrize(("sql", "phrase"), TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_rows(
    sample_file: Path,
    load: Callable,
    digest: Callable,
    tamper: Callable,
    sql: str,
    phrase: str,
) -> None:
    before = digest(sample_file)
    tamper(sample_file, sql + ";")
    assert digest(sample_file) != before, "the tampering SQL changed nothing"
    _expect_error(sample_file, load, digest, "inconsistent data", phrase)


def test_sql_looking_text_written_behind_our_back_loads_as_plain_text(
    sample_file: Path, tamper: Callable, tmp_path: Path
) -> None:
    evil = "x'); DROP TABLE element;--"
    quoted = evil.replace("'", "''")
    tamper(
        sample_file,
        f"UPDATE element SET name = '{quoted}', documentation = '{quoted}' WHERE id = '{TASK}';"
        f"UPDATE process SET name = '{quoted}' WHERE id = (SELECT min(id) FROM process);",
    )
    ws, bpo = open_workspace(sample_file)
    process = ws.process_of(TASK)
    assert process is not None
    assert process.node(TASK).name == evil
    assert process.node(TASK).documentation == evil
    assert evil in {p.name for p in ws.processes.values()}
    bpo.save(ws)  # nothing differs, nothing to write
    copy = tmp_path / "copy.bpo"
    save_workspace_as(ws, copy)
    assert read_workspace(copy) == ws
    conn = sqlite3.connect(copy)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "element" in tables


def test_an_error_keeps_the_file_usable_after_repair(
    sample_file: Path, tamper: Callable, tmp_path: Path
) -> None:
    pristine = tmp_path / "pristine.bpo"
    shutil.copyfile(sample_file, pristine)
    tamper(sample_file, f"UPDATE element SET touch_min = 'abc' WHERE id = '{TASK}';")
    with pytest.raises(BpoFileError):
        read_workspace(sample_file)
    tamper(sample_file, f"UPDATE element SET touch_min = 20.0 WHERE id = '{TASK}';")
    assert read_workspace(sample_file) == read_workspace(pristine) == sample_workspace()
