"""Simulation benchmark: seq10 (../shared/sim-bench or BPO_SIM_BENCH), ours vs Prosimos, in one run.

Run: `uv run python benchmarks/simulation.py [--cases 100000] [--prosimos-cases 10000]
[--repeat 3]`. Each figure is the wall time of a whole process, interpreter start included
(median of `--repeat` runs):

- `cli`: `bpo-desktop simulate seq10.bpo --params seq10_3pools.json --cases N --json`, the
  path a user takes (the .bpo is made first, untimed, by importing seq10.bpmn);
- `engine`: a bare `python -c` that imports seq10.bpmn with our importer, reads the JSON and
  simulates: the engine without the CLI's start-up (SQLAlchemy and every subcommand load);
- `prosimos`: Prosimos 2.1 `run_simulation` on the same two files (KPIs in memory).

Prints one line per measurement and one JSON line last with `cases_per_s` (the CLI),
`engine_cases_per_s`, `prosimos_cases_per_s` and `ratio` (cli / prosimos). Goal: 40,000 cases/s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(
    os.environ.get("BPO_SIM_BENCH") or Path(__file__).resolve().parents[2] / "shared" / "sim-bench"
)
BPMN, PARAMS = BENCH / "seq10.bpmn", BENCH / "seq10_3pools.json"

IMPORT_SEQ10 = """
from pathlib import Path
from bpo_desktop.core.interchange.bpmn import import_bpmn
def seq10_process(path):
    (process,) = import_bpmn(Path(path).read_bytes(), source=str(path)).processes
    return process
"""

ENGINE = (
    IMPORT_SEQ10
    + """
import json, sys
from bpo_desktop.core.simulation import simulate
from bpo_desktop.core.simulation.prosimos_params import read_prosimos_params
params = read_prosimos_params(Path(sys.argv[2]).read_bytes()).params
result = simulate(seq10_process(sys.argv[1]), params, 1, cases=int(sys.argv[3]))
print(json.dumps({"mean_cycle_s": result.cycle_time.mean, "sim_s": result.wall_s}))
"""
)

PROSIMOS = """
import json, random, sys, time
import numpy as np
random.seed(1)
np.random.seed(1)
from prosimos.simulation_engine import run_simulation
start = time.perf_counter()
kpis, _ = run_simulation(sys.argv[1], sys.argv[2], int(sys.argv[3]), None, None,
                         "2024-01-01T00:00:00.000000+00:00")
print(json.dumps({"mean_cycle_s": kpis[0].cycle_time.avg, "sim_s": time.perf_counter() - start}))
"""


def timed(command: list[str]) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command[:4])} …\n{done.stderr.strip()}")
    return wall, json.loads(done.stdout)


def median_run(label: str, command: list[str], repeat: int) -> tuple[float, dict[str, Any]]:
    runs = [timed(command) for _ in range(repeat)]
    walls = [w for w, _ in runs]
    data = runs[0][1]
    mean = data["cycle_time"]["mean"] if "cycle_time" in data else data["mean_cycle_s"]
    print(f"{label}: wall s {[round(w, 2) for w in walls]}, mean cycle {mean:.1f} s")
    return statistics.median(walls), runs[0][1]


def make_bpo(folder: Path) -> Path:
    """seq10.bpmn imported with our importer and saved as a .bpo (not timed)."""
    code = IMPORT_SEQ10 + (
        "import sys\n"
        "from bpo_desktop.core.model import new_workspace\n"
        "from bpo_desktop.core.storage import save_workspace_as\n"
        "process = seq10_process(sys.argv[1])\n"
        "ws = new_workspace('seq10'); ws.processes[process.id] = process\n"
        "save_workspace_as(ws, sys.argv[2])\n"
        "print('{}')\n"
    )
    target = folder / "seq10.bpo"
    timed([sys.executable, "-c", code, str(BPMN), str(target)])
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--prosimos-cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        bpo = make_bpo(Path(tmp))
        cli_cmd = [py, "-m", "bpo_desktop", "simulate", str(bpo), "--params", str(PARAMS),
                   "--cases", str(args.cases), "--json"]  # fmt: skip
        cli_wall, cli = median_run("cli", cli_cmd, args.repeat)
    engine_cmd = [py, "-c", ENGINE, str(BPMN), str(PARAMS), str(args.cases)]
    engine_wall, engine = median_run("engine", engine_cmd, args.repeat)
    prosimos_cmd = [py, "-c", PROSIMOS, str(BPMN), str(PARAMS), str(args.prosimos_cases)]
    prosimos_wall, prosimos = median_run("prosimos", prosimos_cmd, args.repeat)
    figures = {
        "cases": args.cases,
        "wall_s": round(cli_wall, 3),
        "cases_per_s": round(args.cases / cli_wall),
        "engine_wall_s": round(engine_wall, 3),
        "engine_cases_per_s": round(args.cases / engine_wall),
        "engine_sim_only_cases_per_s": round(args.cases / engine["sim_s"]),
        "mean_cycle_s": round(cli["cycle_time"]["mean"], 1),
        "prosimos_cases": args.prosimos_cases,
        "prosimos_wall_s": round(prosimos_wall, 3),
        "prosimos_cases_per_s": round(args.prosimos_cases / prosimos_wall),
        "prosimos_mean_cycle_s": round(prosimos["mean_cycle_s"], 1),
        "ratio": round((args.cases / cli_wall) / (args.prosimos_cases / prosimos_wall), 1),
        "goal_cases_per_s": 40_000,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
