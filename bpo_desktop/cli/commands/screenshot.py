"""`bpo-desktop screenshot FILE.bpo -o OUT.png`: the main window rendered offscreen."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.storage import read_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.png")
    parser.add_argument("--process", metavar="NAME", help="the process to show (default: first)")
    parser.add_argument("--size", default="1600x1000", metavar="WxH")
    parser.add_argument("--json", action="store_true", help="print timings as JSON")


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    path, out = Path(args.file), Path(args.output)
    read_workspace(path)  # vet the file before starting Qt, so errors stay one clean line
    from bpo_desktop.ui.screenshot import take_screenshot  # Qt loads only for this command

    try:
        figures = take_screenshot(path, out, process_name=args.process, size=size)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"Wrote {out} ({size[0]}x{size[1]})")
    return EXIT_OK


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 1600x1000, not {text!r}") from None
    if not (100 <= width <= 10000 and 100 <= height <= 10000):
        raise UsageError(f"--size {text} is out of range (100..10000 per side)")
    return width, height
