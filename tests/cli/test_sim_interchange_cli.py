"""Simulation parameters in and out through the CLI: `import --sim`, `export --format prosimos`
(run by Prosimos itself), `simulate` using the stored setup, `simulate --save`."""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path

import numpy as np
import pytest
from support.cli import bpo, sha
from support.corpus import SIM_BENCH, sim_bench

from bpo_desktop.core.model import Record, effective_process, thaw_json
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.simulation import DistKind, validate
from bpo_desktop.core.simulation.prosimos_params import read_prosimos_params
from bpo_desktop.core.simulation.store import latest_run, runs_of, stored_setup
from bpo_desktop.core.storage import read_workspace, save_workspace_as

BENCH = SIM_BENCH
BPMN, PARAMS = BENCH / "seq10.bpmn", BENCH / "seq10_3pools.json"


@pytest.fixture(autouse=True)
def _needs_sim_bench() -> None:
    sim_bench()  # skips here, fails under CI, when the shared sim-bench is missing


def _import(target: Path) -> dict:  # type: ignore[type-arg]
    done = bpo("import", str(BPMN), str(target), "--sim", str(PARAMS), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _simulate(*args: str) -> dict:  # type: ignore[type-arg]
    done = bpo("simulate", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _run_prosimos(folder: Path, cases: int) -> tuple[float, float]:
    engine = importlib.import_module("prosimos.simulation_engine")  # locked dev dependency
    (bpmn,) = folder.glob("*.bpmn")
    (params,) = folder.glob("*.json")
    random.seed(3)
    np.random.seed(3)
    kpis, _ = engine.run_simulation(
        str(bpmn), str(params), cases, None, None, "2024-01-01T00:00:00.000000+00:00"
    )
    return float(kpis[0].cycle_time.avg), float(kpis[0].processing_time.avg)


def test_import_sim_stores_the_setup_and_simulate_uses_it(tmp_path: Path) -> None:
    target = tmp_path / "seq10.bpo"
    summary = _import(target)
    assert summary["simulation_setup"]["file"] == str(PARAMS)
    workspace = read_workspace(target)
    (process,) = workspace.processes.values()
    setup = stored_setup(workspace, process.id)
    assert setup is not None
    expected = read_prosimos_params(PARAMS.read_bytes()).params
    assert setup.params == expected
    assert sorted(p.staff for p in setup.params.pools.values()) == [2, 2, 3]
    assert all(t.duration.kind is DistKind.EXPONENTIAL for t in setup.params.tasks.values())
    stored = _simulate(str(target), "--cases", "2000", "--seed", "5")
    given = _simulate(str(target), "--cases", "2000", "--seed", "5", "--params", str(PARAMS))
    assert stored["cycle_time"] == given["cycle_time"]
    assert stored["utilisation"] == given["utilisation"]


def test_import_sim_into_a_file_that_has_the_ids_follows_the_renaming(tmp_path: Path) -> None:
    target = tmp_path / "twice.bpo"
    _import(target)
    summary = _import(target)
    assert any("renamed" in w for w in summary["warnings"])
    workspace = read_workspace(target)
    first, second = workspace.processes.values()
    setup = stored_setup(workspace, second.id)
    assert setup is not None
    assert set(setup.params.tasks) <= set(second.elements)
    assert not set(setup.params.tasks) & set(first.elements)
    assert [i for i in validate(second, setup.params) if i.severity == "error"] == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"resource_profiles": ', "not valid JSON"),
        ("[1, 2]", ""),
        ('{"resource_profiles": [], "task_resource_distribution": 5}', ""),
    ],
)
def test_bad_params_json_is_exit_2_with_one_line_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    bad = tmp_path / "bad params.json"
    bad.write_text(content)
    target = tmp_path / "kept.bpo"
    save_workspace_as(sample_workspace(), target)
    before = sha(target)
    done = bpo("import", str(BPMN), str(target), "--sim", str(bad))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and problem in lines[0], done.stderr
    assert sha(target) == before
    missing = bpo(
        "import", str(BPMN), str(tmp_path / "new.bpo"), "--sim", str(tmp_path / "no.json")
    )
    assert missing.returncode == 2 and "no.json" in missing.stderr
    assert not (tmp_path / "new.bpo").exists()


def test_export_prosimos_writes_a_pair_prosimos_runs(tmp_path: Path) -> None:
    target = tmp_path / "seq10.bpo"
    _import(target)
    out = tmp_path / "for prosimos"
    done = bpo("export", str(target), "--format", "prosimos", "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["bytes"] > 0
    (params_file,) = out.glob("*.json")
    workspace = read_workspace(target)
    (process,) = workspace.processes.values()
    again = read_prosimos_params(params_file.read_bytes()).params
    assert again == stored_setup(workspace, process.id).params  # type: ignore[union-attr]
    cycle, processing = _run_prosimos(out, 300)
    assert processing == pytest.approx(300.0, rel=0.12)  # ten tasks of 30 s on average
    assert cycle >= processing


def test_export_prosimos_of_a_scenario_with_typed_tasks_runs_in_prosimos(tmp_path: Path) -> None:
    target = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), target)
    workspace = read_workspace(target)
    base = next(p for p in workspace.processes.values() if p.scenarios)
    scenario = next(iter(base.scenarios.values()))
    out = tmp_path / "to-be"
    done = bpo("export", str(target), "--format", "prosimos", "--process", base.name,
               "--scenario", scenario.name, "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "wait time" in done.stdout  # what Prosimos cannot express is reported
    (bpmn,) = out.glob("*.bpmn")
    text = bpmn.read_text()
    assert "userTask" not in text and "serviceTask" not in text
    cycle, processing = _run_prosimos(out, 200)
    to_be = effective_process(base, scenario.name)
    touch_h = sum(n.touch_min for n in to_be.nodes()) / 60
    assert 0 < processing / 3600 <= touch_h + 1e-6  # parallel work counted once by Prosimos
    assert cycle >= processing


def test_simulate_save_stores_runs_in_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sample.bpo"
    save_workspace_as(sample_workspace(), target)
    base = next(p for p in sample_workspace().processes.values() if p.scenarios)
    scenario = next(iter(base.scenarios.values()))
    as_is = _simulate(str(target), "--process", base.name, "--cases", "300", "--save")
    _simulate(str(target), "--process", base.name, "--scenario", scenario.name,
              "--cases", "300", "--seed", "7", "--save")  # fmt: skip
    workspace = read_workspace(target)
    assert len(runs_of(workspace, base.id)) == 2
    run = latest_run(workspace, base.id)
    assert run is not None and run.cases == 300 and run.seed == 1
    assert thaw_json(run.kpis["cycle_time"]) == as_is["cycle_time"]
    scenario_run = latest_run(workspace, base.id, scenario.id)
    assert scenario_run is not None and scenario_run.seed == 7
    assert scenario_run.scenario_name == scenario.name


def test_a_damaged_stored_setup_is_exit_2_naming_the_file_and_field(tmp_path: Path) -> None:
    workspace = sample_workspace()
    process = next(iter(workspace.processes.values()))
    body = {"params": {"arrival": {"interarrival": {"kind": "weibull"}}}, "cases": 10}
    workspace.records["SimSetup_bad"] = Record("SimSetup_bad", "sim_setup", process.id, body)
    target = tmp_path / "damaged.bpo"
    save_workspace_as(workspace, target)
    done = bpo("simulate", str(target), "--process", process.name)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(target) in lines[0] and "arrival.interarrival.kind" in lines[0]
