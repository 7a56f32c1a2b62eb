"""The headless subcommands. Each returns an exit code; bad input raises UsageError."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bpo_desktop import __version__
from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.model import Workspace, new_workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import BpoFileError, read_workspace, save_workspace_as


def run(args: argparse.Namespace) -> int:
    handler = {"new": cmd_new, "list": cmd_list, "screenshot": cmd_screenshot}[args.command]
    try:
        return handler(args)
    except BpoFileError as exc:
        raise UsageError(str(exc)) from None


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.exists() and not args.force:
        raise UsageError(f"{path}: already exists (use --force to replace it)")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    workspace = sample_workspace() if args.sample else new_workspace(path.stem)
    save_workspace_as(workspace, path)
    summary = {"file": str(path), "processes": [p.name for p in workspace.processes.values()]}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"Created {path} with {len(workspace.processes)} process(es)")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    path = Path(args.file)
    workspace = read_workspace(path)
    listing = workspace_listing(workspace, path)
    if args.json:
        print(json.dumps(listing, indent=2))
        return EXIT_OK
    print(f"{path}: {workspace.name!r}, {len(listing['processes'])} process(es)")
    for process in listing["processes"]:
        counts = ", ".join(f"{n} {kind}" for kind, n in process["counts"].items())
        print(f"- {process['name']} [{process['id']}]: {counts}")
        print(f"    lanes: {', '.join(process['lanes']) or '(none)'}")
        for scenario in process["scenarios"]:
            print(f"    scenario: {scenario['name']} ({scenario['kind']})")
    return EXIT_OK


def workspace_listing(workspace: Workspace, path: Path) -> dict[str, Any]:
    return {
        "file": str(path),
        "workspace": workspace.name,
        "app_version": __version__,
        "processes": [
            {
                "name": p.name,
                "id": p.id,
                "elements": len(p.elements),
                "counts": p.counts_by_kind(),
                "lanes": [lane.name for lane in p.lanes()],
                "annotations": len(p.annotations),
                "scenarios": [
                    {"name": s.name, "id": s.id, "kind": str(s.kind)} for s in p.scenarios.values()
                ],
            }
            for p in workspace.processes.values()
        ],
    }


def cmd_screenshot(args: argparse.Namespace) -> int:
    size = _parse_size(args.size)
    path, out = Path(args.file), Path(args.output)
    read_workspace(path)  # vet the file before starting Qt, so errors stay one clean line
    from bpo_desktop.ui.screenshot import take_screenshot

    try:
        figures = take_screenshot(path, out, process_name=args.process, size=size)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"Wrote {out} ({size[0]}x{size[1]})")
    return EXIT_OK


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 1600x1000, not {text!r}") from None
    if not (100 <= width <= 10000 and 100 <= height <= 10000):
        raise UsageError(f"--size {text} is out of range (100..10000 per side)")
    return width, height
