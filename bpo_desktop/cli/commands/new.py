"""`bpo-desktop new FILE.bpo [--sample]`: create a workspace file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.model import new_workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--sample", action="store_true", help="fill it with the sample processes")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
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
