"""`bpo-desktop validate` and `bpo-desktop analyze` as a user runs them: a real subprocess."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support.cli import bpo

from bpo_desktop.core.model import NodeKind, new_workspace
from bpo_desktop.core.samples import ProcessBuilder
from bpo_desktop.core.storage import save_workspace_as

ONB = "Customer onboarding (as-is)"
RW = "Customer onboarding with rework"
CON = "Manage client contracts"
S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"
S4 = "Collect payment"
S5 = "Send welcome kit"


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "x.bpo"
    result = bpo("new", str(path), "--sample")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def anomalies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FX-GW (a) saved to a file: an exclusive split closed by an AND join."""
    ws = new_workspace("anomalies")
    b = ProcessBuilder(ws, "FX-GW (a)")
    lane = b.lane("Team")
    ids = {
        name: b.node(kind, name, lane=lane, col=col)
        for col, (kind, name) in enumerate(
            [
                (NodeKind.START_EVENT, "Start"),
                (NodeKind.TASK, "A"),
                (NodeKind.EXCLUSIVE_GATEWAY, "X"),
                (NodeKind.TASK, "B"),
                (NodeKind.TASK, "C"),
                (NodeKind.PARALLEL_GATEWAY, "J"),
                (NodeKind.TASK, "D"),
                (NodeKind.END_EVENT, "End"),
            ]
        )
    }
    for source, target in [("Start", "A"), ("A", "X"), ("B", "J"), ("C", "J"), ("J", "D"),
                           ("D", "End")]:  # fmt: skip
        b.flow(ids[source], ids[target])
    b.flow(ids["X"], ids["B"], name="b", probability=0.5)
    b.flow(ids["X"], ids["C"], name="c", probability=0.5)
    b.build()
    path = tmp_path_factory.mktemp("anomalies") / "gw.bpo"
    save_workspace_as(ws, path)
    return path


# -- validate --------------------------------------------------------------------------------
def test_validate_all_processes_finds_the_k1_violation(sample: Path) -> None:
    result = bpo("validate", str(sample), "--json")
    assert result.returncode == 1, result.stderr
    rows = as_json(result)
    assert all(
        set(row) >= {"rule", "severity", "element_id", "element_name", "message"} for row in rows
    )
    errors = [row for row in rows if row["severity"] == "error"]
    assert [(row["process"], row["rule"]) for row in errors] == [(CON, "system-of-record")]
    assert errors[0]["message"].startswith("K1 violated by 'Consolidate contracts in spreadsheet'")
    assert {row["process"] for row in rows} == {CON}  # FX-ONB and FX-RW have no findings


def test_validate_one_sound_process(sample: Path) -> None:
    result = bpo("validate", str(sample), "--process", ONB)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{ONB}: 0 error(s), 0 warning(s), 0 info; sound")
    assert "13 states (complete)" in result.stdout
    assert as_json(bpo("validate", str(sample), "--process", ONB, "--json")) == []


def test_validate_a_scenario(sample: Path) -> None:
    result = bpo("validate", str(sample), "--scenario", "Automate S2", "--json")
    assert result.returncode == 0, result.stderr
    assert as_json(result) == []
    text = bpo("validate", str(sample), "--process", ONB, "--scenario", "Automate S2")
    assert text.returncode == 0
    assert text.stdout.startswith(f"{ONB} / Automate S2: 0 error(s)")


def test_validate_text_lists_findings(sample: Path) -> None:
    result = bpo("validate", str(sample), "--process", CON)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{CON}: 1 error(s), 3 warning(s), 0 info; sound"
    assert lines[1].split()[:2] == ["error", "system-of-record"]
    assert "W1 is not linked to any step" in result.stdout


def test_validate_fx_gw_a_deadlock(anomalies: Path) -> None:
    result = bpo("validate", str(anomalies), "--json")
    assert result.returncode == 1
    (row,) = as_json(result)
    assert row == {
        "rule": "deadlock",
        "severity": "error",
        "element_id": row["element_id"],
        "element_name": "J",
        "message": "Deadlock: join J waits for 2 tokens, split X emits 1",
        "process": "FX-GW (a)",
        "scenario": None,
    }
    text = bpo("validate", str(anomalies))
    assert "NOT sound" in text.stdout


def test_validate_unknown_names_exit_2_listing_the_choices(sample: Path) -> None:
    result = bpo("validate", str(sample), "--process", "Nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"bpo-desktop validate: no process named 'Nope' (processes: '{ONB}', '{RW}', '{CON}')"
    )
    result = bpo("validate", str(sample), "--scenario", "Nope")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "bpo-desktop validate: no scenario 'Nope' in any process (scenarios: 'Automate S2')"
    )
    result = bpo("validate", str(sample), "--process", CON, "--scenario", "Automate S2")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"bpo-desktop validate: no scenario 'Automate S2' in '{CON}' (scenarios: none)"
    )


def test_validate_a_file_that_is_not_a_workspace(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bpo"
    bad.write_text("not a database")
    result = bpo("validate", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr


# -- analyze ---------------------------------------------------------------------------------
def test_analyze_fx_onb_json(sample: Path) -> None:
    result = bpo("analyze", str(sample), "--process", ONB, "--demand", "12", "--json")
    assert result.returncode == 0, result.stderr
    data = as_json(result)
    assert round(data["lead_time_h"], 2) == 40.83
    assert data["touch_time_min"] == 110
    assert data["wait_time_h"] == 80
    assert round(data["pce"] * 100, 2) == 1.43
    assert data["critical_path"] == [S1, S2, S5]
    assert [(h["from"], h["to"], h["medium"]) for h in data["handoffs"]] == [
        ("Sales", "Customer Service", "Email"),
        ("Sales", "Finance", "Email"),
        ("Sales", "Marketing", "Email"),
    ]
    assert data["off_system_steps"] == [S2, S5]
    assert round(data["off_system_share"] * 100, 1) == 27.3
    assert data["cost_per_case"] == 92.5
    assert data["utilisation"] == {
        "Sales": 0.75,
        "Customer Service": 0.375,
        "Finance": 1.125,
        "Marketing": 0.5,
    }
    assert data["bottleneck"] == "Finance"
    assert data["takt_min"] == 40
    assert set(data["expected_visits"].values()) == {1}
    assert data["rty"] == 1
    assert "comparison" not in data


def test_analyze_scenario_with_comparison(sample: Path) -> None:
    result = bpo("analyze", str(sample), "--process", ONB, "--scenario", "Automate S2", "--json")
    assert result.returncode == 0, result.stderr
    data = as_json(result)
    assert data["scenario"] == "Automate S2"
    assert round(data["lead_time_h"], 2) == 32.67
    assert data["cost_per_case"] == 82.5
    metrics = data["comparison"]["metrics"]
    assert round(metrics["lead_time_h"]["delta"], 2) == -8.17
    assert metrics["lead_time_h"]["delta_pct"] == -20.0
    assert round(metrics["cost_per_case"]["delta"], 2) == -10.0
    assert round(metrics["cost_per_case"]["delta_pct"], 1) == -10.8
    email = metrics["email_handoffs"]
    assert (email["before"], email["after"]) == (3, 0)
    off = metrics["off_system_steps"]
    assert (off["before"], off["after"]) == (2, 1)


def test_analyze_fx_rw_json(sample: Path) -> None:
    data = as_json(bpo("analyze", str(sample), "--process", RW, "--json"))
    assert data["expected_visits"][S4] == 1.25
    assert data["fpy"][S4] == 0.8
    assert data["rty"] == 0.8
    assert data["cost_per_case"] == 101.88
    assert round(data["lead_time_h"], 2) == 40.83
    assert [v["probability"] for v in data["paths"]["variants"]] == [0.8, 0.16, 0.032]
    assert data["paths"]["truncated"] == 0.008


def test_analyze_text_output(sample: Path) -> None:
    result = bpo("analyze", str(sample), "--process", ONB, "--demand", "12")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(ONB + "\n")
    assert "Lead time (end-to-end cycle time)   40.83 h" in out
    assert "Process cycle efficiency            1.43 %" in out
    assert f"Critical path                       {S1} → {S2} → {S5}" in out
    assert "Sales → Finance via Email" in out
    assert "Off-system steps                    2, 27.3 % of touch time" in out
    assert "Cost per case                       92.50" in out
    assert "Finance: 112.5 % (bottleneck)" in out
    assert "takt 40.0 min" in out
    scenario = bpo("analyze", str(sample), "--process", ONB, "--scenario", "Automate S2")
    assert "Comparison as-is → Automate S2" in scenario.stdout
    assert "-8.17 (-20.0 %)" in scenario.stdout
    assert "-10.00 (-10.8 %)" in scenario.stdout


def test_analyze_usage_errors(sample: Path) -> None:
    missing = bpo("analyze", str(sample))
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        f"bpo-desktop analyze: --process is required (processes: '{ONB}', '{RW}', '{CON}')"
    )
    unknown = bpo("analyze", str(sample), "--process", ONB, "--scenario", "Nope")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == (
        f"bpo-desktop analyze: no scenario 'Nope' in '{ONB}' (scenarios: 'Automate S2')"
    )
    bad_demand = bpo("analyze", str(sample), "--process", ONB, "--demand", "0")
    assert bad_demand.returncode == 2
    assert "must be a positive number" in bad_demand.stderr


def test_analyze_single_process_file_needs_no_process_name(anomalies: Path) -> None:
    result = bpo("analyze", str(anomalies), "--json")
    assert result.returncode == 0, result.stderr
    data = as_json(result)
    assert data["process"] == "FX-GW (a)"
    assert data["expected_visits"] == {"A": 1, "B": 0.5, "C": 0.5, "D": 0.5}
    assert [v["completes"] for v in data["paths"]["variants"]] == [False, False]


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_command_help(command: str) -> None:
    result = bpo(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: bpo-desktop {command} [-h]" in result.stdout
    assert "--process NAME" in result.stdout
    assert "--scenario NAME" in result.stdout
