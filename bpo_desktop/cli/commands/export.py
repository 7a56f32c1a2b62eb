"""`bpo-desktop export FILE.bpo --format FORMAT [--process NAME] -o OUT`: write one process.

Formats are a small dispatch table (`FORMATS`): each entry names its file suffix and a function
from an `ExportRequest` to the bytes to write. To add a format (png, svg, pdf, html, prosimos,
minutes…), add one function and one entry; heavy dependencies (Qt) belong inside the function.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bpo_desktop.cli.commands import export_image, export_minutes, export_prosimos, export_report
from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.storage import read_workspace


@dataclass(frozen=True)
class ExportRequest:
    workspace: Workspace
    process: Process
    output: Path
    args: argparse.Namespace


@dataclass(frozen=True)
class Format:
    suffix: str
    write: Callable[[ExportRequest], bytes | None]  # None: it wrote its own files (a folder)
    description: str


def _bpmn(request: ExportRequest) -> bytes:
    from bpo_desktop.core.interchange.bpmn import export_bpmn

    return export_bpmn(request.process, request.workspace)


FORMATS: dict[str, Format] = {
    "bpmn": Format(".bpmn", _bpmn, "BPMN 2.0 XML with diagram interchange"),
    "minutes": Format(".html", export_minutes.write_minutes, "workshop minutes (HTML or .md)"),
    "prosimos": Format("", export_prosimos.write_prosimos, export_prosimos.DESCRIPTION),
    **{name: Format(*spec) for name, spec in export_image.FORMATS.items()},
    **{name: Format(*spec) for name, spec in export_report.FORMATS.items()},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--process", metavar="NAME", help="the process to export (default: first)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    export_minutes.add_arguments(parser)
    export_image.add_arguments(parser)
    export_report.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    path, output = Path(args.file), Path(args.output)
    if not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    workspace = read_workspace(path)
    process = _process(workspace, args.process, path)
    fmt = FORMATS[args.format]
    data = fmt.write(ExportRequest(workspace, process, output, args))
    if data is not None:
        _write(output, data)
    size = len(data) if data is not None else sum(f.stat().st_size for f in output.iterdir())
    summary = {
        "file": str(path),
        "format": args.format,
        "process": process.name,
        "output": str(output),
        "bytes": size,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"Wrote {output} ({fmt.description}, process {process.name!r}, {size} bytes)")
    return EXIT_OK


def _process(workspace: Workspace, name: str | None, path: Path) -> Process:
    if name is None:
        if not workspace.processes:
            raise UsageError(f"{path}: the workspace has no process to export")
        return next(iter(workspace.processes.values()))
    try:
        return workspace.process_by_name(name)
    except KeyError as exc:
        raise UsageError(f"{path}: {exc.args[0]}") from None


def _write(output: Path, data: bytes) -> None:
    """Write beside the target and rename over it, so a failure leaves no half file."""
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{output}: cannot write ({exc.strerror or exc})") from None
