"""Storage benchmark: save-as, load and save-one-edit of a generated 5,000-element process.

Run: `uv run python benchmarks/storage.py [--elements N] [--repeat R]`. Prints one line per
measurement and one JSON line last (median milliseconds). Goals: 300 / 300 / 20 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bpo_desktop.core.model import Node
from bpo_desktop.core.samples.generated import generated_workspace
from bpo_desktop.core.storage import open_workspace, read_workspace, save_workspace_as


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--elements", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    workspace = generated_workspace(args.elements)
    process = next(iter(workspace.processes.values()))
    save_as, load, one_edit = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.bpo"
        for i in range(args.repeat):
            start = time.perf_counter()
            save_workspace_as(workspace, path)
            save_as.append(_ms(start))
            start = time.perf_counter()
            loaded, bpo_file = open_workspace(path)
            load.append(_ms(start))
            loaded_process = loaded.processes[process.id]
            task = next(n for n in loaded_process.nodes() if n.name.startswith("Step"))
            loaded_process.elements[task.id] = replace(task, name=f"Renamed {i}")
            start = time.perf_counter()
            bpo_file.save(loaded, changed_ids={task.id})
            one_edit.append(_ms(start))
            reloaded = read_workspace(path).processes[process.id].elements[task.id]
            assert isinstance(reloaded, Node) and reloaded.name == f"Renamed {i}"
        size_kib = path.stat().st_size / 1024
    figures = {
        "elements": len(process.elements),
        "file_kib": round(size_kib),
        "save_as_ms": round(statistics.median(save_as), 1),
        "load_ms": round(statistics.median(load), 1),
        "save_one_edit_ms": round(statistics.median(one_edit), 1),
    }
    print(f"save_as ms: {[round(v, 1) for v in save_as]}")
    print(f"load ms:    {[round(v, 1) for v in load]}")
    print(f"one edit:   {[round(v, 1) for v in one_edit]}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
