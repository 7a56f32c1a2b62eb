"""`bpo-desktop simulate` as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from support.cli import bpo

from bpo_desktop.core.model import NodeKind, new_workspace
from bpo_desktop.core.samples import ProcessBuilder, counter_ids, sample_workspace
from bpo_desktop.core.storage import save_workspace_as

ONB = "Customer onboarding (as-is)"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sim") / "sample.bpo"
    save_workspace_as(sample_workspace(), path)
    return path


def run_json(*args: str) -> dict[str, Any]:
    result = bpo("simulate", *args, "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_has_the_documented_fields(sample_file: Path) -> None:
    data = run_json(str(sample_file), "--cases", "400", "--replications", "4", "--seed", "3")
    assert (data["cases"], data["replications"], data["seed"]) == (400, 4, 3)
    assert data["process"] == ONB
    assert data["wall_s"] > 0
    cycle = data["cycle_time"]
    assert set(cycle) >= {"mean", "p50", "p90", "p95", "ci95"}
    assert cycle["ci95"][0] <= cycle["mean"] <= cycle["ci95"][1]
    assert cycle["p50"] <= cycle["p90"] <= cycle["p95"]
    assert cycle["mean"] > 40.83 * 3600  # queueing on one person per lane comes on top
    for key in ("waiting_time", "cost_per_case"):
        assert set(data[key]) >= {"mean", "ci95"}
    assert data["cost_per_case"]["mean"] == pytest.approx(92.50)
    assert set(data["utilisation"]) == {"Sales", "Customer Service", "Finance", "Marketing"}
    assert 0 < data["utilisation"]["Finance"] < 1
    assert data["throughput_per_h"] > 0
    assert data["bottleneck"] == "Finance"


def test_same_seed_same_numbers(sample_file: Path) -> None:
    args = (str(sample_file), "--cases", "300", "--seed", "9")
    first, second = run_json(*args), run_json(*args)
    first.pop("wall_s")
    second.pop("wall_s")
    assert first == second


def test_scenario_and_text_output(sample_file: Path) -> None:
    data = run_json(str(sample_file), "--cases", "200", "--scenario", "Automate S2")
    assert data["scenario"] == "Automate S2"
    assert data["cost_per_case"]["mean"] == pytest.approx(82.50)
    text = bpo("simulate", str(sample_file), "--cases", "200", "--process", ONB)
    assert text.returncode == 0, text.stderr
    assert "lead time" in text.stdout and "bottleneck: Finance" in text.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--scenario", "Nope"), "no scenario 'Nope'"),
        (("--process", "Nope"), "no process named 'Nope'"),
        (("--cases", "0"), "--cases must be between"),
        (("--log", "x.txt"), "--log must name a .csv or .xes file"),
        (("--params", "/nonexistent.json"), "cannot read"),
    ],
)
def test_bad_input_exits_2(sample_file: Path, extra: tuple[str, ...], message: str) -> None:
    args = ["simulate", str(sample_file), "--cases", "10", *extra]
    if "--cases" in extra:
        args = ["simulate", str(sample_file), *extra]
    result = bpo(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = bpo("simulate", str(tmp_path / "none.bpo"), "--cases", "10")
    assert result.returncode == 2
    assert "none.bpo" in result.stderr


def test_parameters_for_another_model_name_the_steps(sample_file: Path, tmp_path: Path) -> None:
    params = tmp_path / "p.json"
    arrival = {"distribution_name": "fix", "distribution_params": [{"value": 60}]}
    params.write_text(json.dumps({"resource_profiles": [], "arrival_time_distribution": arrival}))
    result = bpo("simulate", str(sample_file), "--cases", "10", "--params", str(params))
    assert result.returncode == 2
    assert "'Enter customer + contract in CRM'" in result.stderr
    assert "no simulation parameters" in result.stderr


def test_event_logs(sample_file: Path, tmp_path: Path) -> None:
    log = tmp_path / "events.csv"
    assert bpo("simulate", str(sample_file), "--cases", "20", "--log", str(log)).returncode == 0
    rows = list(csv.DictReader(log.open()))
    assert len(rows) == 20 * 5
    assert rows[0]["activity"] == "Enter customer + contract in CRM"
    xes = tmp_path / "events.xes"
    assert bpo("simulate", str(sample_file), "--cases", "20", "--log", str(xes)).returncode == 0
    assert len(ET.parse(xes).getroot().findall("{http://www.xes-standard.org/}trace")) == 20


def test_unfinished_cases_exit_1(tmp_path: Path) -> None:
    """An XOR split closed by an AND join (PRODUCT FX-GW(a)): every case is stuck."""
    ws = new_workspace("gw")
    b = ProcessBuilder(ws, "FX-GW(a)", ids=counter_ids("gw"))
    lane = b.lane("Team", staff=2, hourly_rate=30)
    start = b.node(NodeKind.START_EVENT, "Start", lane=lane, col=0)
    a = b.task("A", lane=lane, col=1, touch_min=5)
    x = b.node(NodeKind.EXCLUSIVE_GATEWAY, "X", lane=lane, col=2)
    t_b = b.task("B", lane=lane, col=3, touch_min=5)
    t_c = b.task("C", lane=lane, col=3, touch_min=5)
    j = b.node(NodeKind.PARALLEL_GATEWAY, "J", lane=lane, col=4)
    end = b.node(NodeKind.END_EVENT, "End", lane=lane, col=5)
    for source, target in [(start, a), (a, x), (t_b, j), (t_c, j), (j, end)]:
        b.flow(source, target)
    b.flow(x, t_b, probability=0.5)
    b.flow(x, t_c, probability=0.5)
    b.build()
    path = tmp_path / "gw.bpo"
    save_workspace_as(ws, path)
    result = bpo("simulate", str(path), "--cases", "100", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["finished_fraction"] == 0
    assert data["stuck"] == {f"'J' ({j})": 100}
