"""`bpo-desktop export FILE.bpo --format prosimos [--process NAME] [--scenario NAME] -o DIR`:
the process as a BPMN + Prosimos/Simod JSON pair that Prosimos 2.1 runs.

DIR (created when missing) gets `<process>.bpmn` and `<process>.json`. The parameters are the
process's stored simulation setup (Simulation > Setup…, `import --sim`) or, without one, those
derived from the model; with --scenario, the scenario applied. Prosimos 2.1 crashes on user and
service tasks, so every task is written as a plain `task`; what its JSON cannot express (a
step's wait, fixed costs, unlimited staff) is listed as warnings.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bpo_desktop.cli.errors import UsageError
from bpo_desktop.core.model import Node, Process, ScenarioError, TaskType, effective_process

if TYPE_CHECKING:
    from bpo_desktop.cli.commands.export import ExportRequest

DESCRIPTION = "BPMN + Prosimos/Simod simulation parameters (a folder)"


def plain_tasks(process: Process) -> Process:
    """A copy whose tasks have no task type (Prosimos 2.1 only runs plain `task` elements)."""
    copy = process.copy()
    for element_id, element in process.elements.items():
        if isinstance(element, Node) and element.task_type is not TaskType.NONE:
            copy.elements[element_id] = replace(element, task_type=TaskType.NONE)
    return copy


def write_prosimos(request: ExportRequest) -> None:
    """Write the pair into the output folder; returns None (the files are written here)."""
    # Imported here: `export` loads this module for every format; only this one needs them.
    from bpo_desktop.core.interchange.bpmn import export_bpmn
    from bpo_desktop.core.simulation.codec import CodecError
    from bpo_desktop.core.simulation.prosimos_params import write_prosimos_params
    from bpo_desktop.core.simulation.store import effective_setup

    scenario = getattr(request.args, "scenario", None)
    try:
        process = effective_process(request.process, scenario)
        setup = effective_setup(request.workspace, request.process, scenario)
    except (ScenarioError, CodecError) as exc:
        raise UsageError(f"{request.args.file}: {exc}") from None
    data, notes = write_prosimos_params(process, setup.params)
    bpmn = export_bpmn(plain_tasks(process), request.workspace)
    folder = request.output
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    stem = re.sub(r"[^\w.-]+", "_", process.name).strip("_") or process.id
    _atomic(folder / f"{stem}.bpmn", bpmn)
    _atomic(folder / f"{stem}.json", json.dumps(data, indent=2).encode("utf-8"))
    for note in notes:
        print(f"warning: {note}")


def _atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{target}: cannot write ({exc.strerror or exc})") from None
