"""`bpo-desktop list FILE.bpo`: processes, element counts, lanes and scenarios."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bpo_desktop import __version__
from bpo_desktop.cli.errors import EXIT_OK
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage import read_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
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
