"""The headless CLI as a user runs it: a real process, real files, exit codes and stderr."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from support.cli import bpo, sha

from bpo_desktop import __version__


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "x.bpo"
    result = bpo("new", str(path), "--sample")
    assert result.returncode == 0, result.stderr
    return path


def test_version() -> None:
    result = bpo("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"bpo-desktop {__version__}"


def test_new_sample_then_list_json(sample_file: Path) -> None:
    result = bpo("list", str(sample_file), "--json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    processes = {p["name"]: p for p in listing["processes"]}
    assert list(processes) == [
        "Customer onboarding (as-is)",
        "Customer onboarding with rework",
        "Manage client contracts",
    ]
    onboarding = processes["Customer onboarding (as-is)"]
    assert onboarding["counts"] == {
        "end_event": 1,
        "lane": 4,
        "parallel_gateway": 2,
        "pool": 1,
        "sequence_flow": 10,
        "start_event": 1,
        "task": 5,
    }
    assert onboarding["lanes"] == ["Sales", "Customer Service", "Finance", "Marketing"]
    assert [s["name"] for s in onboarding["scenarios"]] == ["Automate S2"]
    assert processes["Manage client contracts"]["annotations"] == 8
    with sqlite3.connect(sample_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_list_text_output(sample_file: Path) -> None:
    result = bpo("list", str(sample_file))
    assert result.returncode == 0
    assert "lanes: Sales, Customer Service, Finance, Marketing" in result.stdout
    assert "scenario: Automate S2 (to_be)" in result.stdout


def test_new_empty_workspace_and_refuse_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "blank.bpo"
    assert bpo("new", str(path), "--json").returncode == 0
    listing = json.loads(bpo("list", str(path), "--json").stdout)
    assert listing["workspace"] == "blank" and listing["processes"] == []
    before = sha(path)
    again = bpo("new", str(path), "--sample")
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert sha(path) == before


def _bad_files(tmp_path: Path, sample_file: Path) -> dict[str, Path]:
    text = tmp_path / "notes.bpo"
    text.write_text("just some notes\n")
    empty = tmp_path / "empty.bpo"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.bpo"
    truncated.write_bytes(sample_file.read_bytes()[:5000])
    newer = tmp_path / "newer.bpo"
    newer.write_bytes(sample_file.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    return {"text": text, "empty": empty, "truncated": truncated, "newer": newer, "other": other}


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("text", "not an SQLite database"),
        ("empty", "the file is empty"),
        ("truncated", "truncated"),
        ("newer", "newer BPO Desktop (schema 99"),
        ("other", "not a BPO Desktop workspace"),
    ],
)
def test_list_bad_file_is_one_clear_line(
    tmp_path: Path, sample_file: Path, case: str, reason: str
) -> None:
    path = _bad_files(tmp_path, sample_file)[case]
    before = sha(path)
    result = bpo("list", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr
    assert sha(path) == before


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "a.bpo", "--bogus"], ["frobnicate", "x", "y"], ["list", "missing.bpo"]],
)
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    result = bpo(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_screenshot_writes_png_and_reports_timing(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "onb.png"
    result = bpo("screenshot", str(sample_file), "-o", str(out), "--size", "800x600", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["open_to_first_paint_ms"] > 0
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (
        800,
        600,
    )


def test_screenshot_of_unknown_process_names_the_choices(sample_file: Path, tmp_path: Path) -> None:
    result = bpo("screenshot", str(sample_file), "-o", str(tmp_path / "x.png"), "--process", "Nope")
    assert result.returncode == 2
    assert "Customer onboarding (as-is)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
