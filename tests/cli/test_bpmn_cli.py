"""`bpo-desktop import` and `bpo-desktop export` as a user runs them: a real process, real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.cli import bpo, sha
from support.corpus import corpus_file

from bpo_desktop.core.storage import read_workspace


@pytest.fixture(scope="module")
def sample_bpo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bpo") / "sample.bpo"
    assert bpo("new", str(path), "--sample").returncode == 0
    return path


@pytest.fixture
def sample_copy(sample_bpo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(sample_bpo, tmp_path / "sample.bpo"))


@pytest.fixture(scope="module")
def sample_bpmn(sample_bpo: Path) -> Path:
    """FX-ONB exported through the CLI: the sample workspace → BPMN."""
    workspace = sample_bpo
    out = sample_bpo.with_name("onboarding.bpmn")
    result = bpo("export", str(workspace), "--format", "bpmn", "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["process"] == "Customer onboarding (as-is)"
    assert summary["bytes"] == out.stat().st_size > 0
    return out


def test_import_creates_the_workspace(tmp_path: Path, sample_bpmn: Path) -> None:
    target = tmp_path / "new.bpo"
    result = bpo("import", str(sample_bpmn), str(target), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["created"] is True
    (process,) = summary["processes"]
    assert process["name"] == "Customer onboarding (as-is)"
    assert process["counts"] == {
        "end_event": 1, "lane": 4, "parallel_gateway": 2, "pool": 1, "sequence_flow": 10,
        "start_event": 1, "task": 5,
    }  # fmt: skip
    assert process["annotations"] == 2 and process["scenarios"] == 1
    assert summary["warnings"] == []
    stored = read_workspace(target)
    assert [p.name for p in stored.processes.values()] == ["Customer onboarding (as-is)"]
    assert {s.name for s in stored.systems.values()} >= {"CRM", "ERP", "Workflow", "Email"}


def test_import_adds_to_an_existing_workspace(sample_copy: Path, sample_bpmn: Path) -> None:
    target = sample_copy
    result = bpo("import", str(sample_bpmn), str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Updated {target}: imported 'Customer onboarding (as-is)'")
    processes = list(read_workspace(target).processes.values())
    names = [p.name for p in processes]
    assert names.count("Customer onboarding (as-is)") == 2 and len(names) == 4
    first, copy = (p for p in processes if p.name == "Customer onboarding (as-is)")
    assert not set(first.elements) & set(copy.elements)  # the copy got fresh ids
    assert len(copy.annotations) == 2


def test_export_then_import_round_trip_keeps_counts(tmp_path: Path, sample_bpmn: Path) -> None:
    target = tmp_path / "x.bpo"
    assert bpo("import", str(sample_bpmn), str(target)).returncode == 0
    out = tmp_path / "again.bpmn"
    result = bpo("export", str(target), "--format", "bpmn", "--process",
                 "Customer onboarding (as-is)", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}")
    again = tmp_path / "again.bpo"
    summary = json.loads(bpo("import", str(out), str(again), "--json").stdout)
    assert summary["processes"][0]["counts"]["task"] == 5


def test_an_unreadable_file_is_one_line_and_leaves_the_workspace_alone(
    tmp_path: Path, sample_copy: Path
) -> None:
    target = sample_copy
    before = sha(target)
    bad = tmp_path / "broken.bpmn"
    bad.write_text('<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="x">\n<oops>\n')
    result = bpo("import", str(bad), str(target))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "line " in lines[0]
    assert result.stdout == ""
    assert sha(target) == before
    missing = tmp_path / "nope.bpo"
    assert bpo("import", str(bad), str(missing)).returncode == 2
    assert not missing.exists()


def test_export_usage_errors(tmp_path: Path, sample_bpo: Path) -> None:
    target = sample_bpo
    result = bpo("export", str(target), "--format", "bpmn", "--process", "Nope", "-o",
                 str(tmp_path / "o.bpmn"))  # fmt: skip
    assert result.returncode == 2 and "no process named 'Nope'" in result.stderr
    result = bpo("export", str(tmp_path / "missing.bpo"), "--format", "bpmn", "-o",
                 str(tmp_path / "o.bpmn"))  # fmt: skip
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.bpmn").exists()


def test_a_miwg_reference_imports_through_the_cli(tmp_path: Path) -> None:
    source = corpus_file("miwg-reference/C.1.0.bpmn")
    target = tmp_path / "c10.bpo"
    summary = json.loads(bpo("import", str(source), str(target), "--json").stdout)
    counts = summary["processes"][0]["counts"]
    assert (counts["task"], counts["lane"], counts["pool"], counts["message_flow"]) == (9, 4, 2, 5)
    out = tmp_path / "c10.bpmn"
    assert bpo("export", str(target), "--format", "bpmn", "-o", str(out)).returncode == 0
    assert b"bpmn:collaboration" in out.read_bytes()


def test_import_keeps_foreign_content_and_export_from_the_bpo_writes_it(tmp_path: Path) -> None:
    source = corpus_file("miwg-signavio-19.9.0/C.1.0-export.bpmn")
    target = tmp_path / "kept.bpo"
    result = bpo("import", str(source), str(target))
    assert result.returncode == 0, result.stderr
    assert "do not store" not in result.stdout
    assert "BPMN content the model does not show" in result.stdout
    out = tmp_path / "out.bpmn"
    exported = bpo("export", str(target), "--format", "bpmn", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    # Signavio's extensionElements survive the stay in the .bpo
    assert b"signavio" in out.read_bytes()
