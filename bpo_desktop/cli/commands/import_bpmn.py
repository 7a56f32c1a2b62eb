"""`bpo-desktop import FILE.bpmn INTO.bpo [--sim PARAMS.json] [--json]`: add the processes of
a BPMN 2.0 file.

INTO.bpo is created when missing; otherwise the imported process joins the others in one
save (one transaction). A file that cannot be read is one line on stderr (exit 2) and INTO.bpo
is not touched. `--sim` reads Prosimos/Simod simulation parameters for the imported process
and stores them as its simulation setup (what `simulate` and Simulation > Setup… use).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.interchange.bpmn import BpmnImportError, ImportResult, import_bpmn
from bpo_desktop.core.model import Process, Workspace, new_workspace
from bpo_desktop.core.simulation import Severity, SimParams, validate
from bpo_desktop.core.simulation.param_merge import rekey_params
from bpo_desktop.core.simulation.store import SimSetup, read_sim_params, setup_record
from bpo_desktop.core.storage import open_workspace, save_workspace_as

_SHOWN_WARNINGS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpmn")
    parser.add_argument("into", metavar="INTO.bpo")
    parser.add_argument(
        "--sim",
        metavar="PARAMS.json",
        help="Prosimos/Simod simulation parameters for the imported process (its setup)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.file), Path(args.into)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"{source}: cannot read ({exc.strerror or exc})") from None
    sim = read_sim_params(Path(args.sim)) if args.sim else None
    created = not target.exists()
    if created and not target.parent.is_dir():
        raise UsageError(f"{target}: the folder {target.parent} does not exist")
    if created:
        workspace = new_workspace(target.stem)
        result = _read(data, source, workspace)
        result.add_to(workspace)
        notes = _attach_sim(sim, result, workspace)
        save_workspace_as(workspace, target)
    else:
        workspace, bpo_file = open_workspace(target)
        result = _read(data, source, workspace)
        result.add_to(workspace)
        notes = _attach_sim(sim, result, workspace)
        bpo_file.save(workspace)
    summary = _summary(source, target, created, result)
    if sim is not None:
        summary["simulation_setup"] = {"file": args.sim, "warnings": notes}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print(summary)
    return EXIT_OK


def _attach_sim(sim: SimParams | None, result: ImportResult, workspace: Workspace) -> list[str]:
    """Store `sim` as the imported process's simulation setup (ids follow any renaming)."""
    if sim is None:
        return []
    process = result.processes[0]
    params = rekey_params(sim, result.renamed)
    issues = validate(process, params)
    problems = [str(i) for i in issues if i.severity is Severity.ERROR]
    if problems:
        raise UsageError(f"the simulation parameters do not fit {process.name!r}: {problems[0]}")
    record = setup_record(workspace, process.id, SimSetup(params))
    workspace.records[record.id] = record
    return [str(i) for i in issues if i.severity is Severity.WARNING]


def _read(data: bytes, source: Path, workspace: Workspace) -> ImportResult:
    try:
        return import_bpmn(data, source=str(source), workspace=workspace)
    except BpmnImportError as exc:
        raise UsageError(str(exc)) from None


def _summary(source: Path, target: Path, created: bool, result: ImportResult) -> dict[str, Any]:
    return {
        "file": str(source),
        "into": str(target),
        "created": created,
        "processes": [_process(p) for p in result.processes],
        "systems_added": [s.name for s in result.systems],
        "warnings": result.warnings,
    }


def _process(process: Process) -> dict[str, Any]:
    return {
        "id": process.id,
        "name": process.name,
        "elements": len(process.elements),
        "counts": process.counts_by_kind(),
        "annotations": len(process.annotations),
        "scenarios": len(process.scenarios),
        "kept_for_bpmn_export": sum(1 for kept in process.verbatim.values() if _carries(kept)),
    }


def _carries(kept: Any) -> bool:
    """Whether a verbatim record holds content beyond bookkeeping (stored in the `.bpo`)."""
    return bool(kept.attributes or kept.children or kept.extensions)


def _print(summary: dict[str, Any]) -> None:
    verb = "Created" if summary["created"] else "Updated"
    for process in summary["processes"]:
        counts = ", ".join(f"{n} {kind}" for kind, n in process["counts"].items())
        print(f"{verb} {summary['into']}: imported {process['name']!r} ({counts})")
        if process["kept_for_bpmn_export"]:
            print(
                f"  kept {process['kept_for_bpmn_export']} element(s)' BPMN content the model "
                "does not show (other tools' extensions, unmodelled attributes) for export"
            )
    sim = summary.get("simulation_setup")
    if sim is not None:
        print(f"  simulation setup stored from {sim['file']} (Simulation > Setup…, simulate)")
        for note in sim["warnings"]:
            print(f"  simulation: {note}")
    warnings = summary["warnings"]
    if warnings:
        print(f"{len(warnings)} warning(s):")
        for warning in warnings[:_SHOWN_WARNINGS]:
            print(f"  {warning}")
        if len(warnings) > _SHOWN_WARNINGS:
            print(f"  … and {len(warnings) - _SHOWN_WARNINGS} more (--json lists all)")
