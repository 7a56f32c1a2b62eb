"""Argument parsing and dispatch for `bpo-desktop`.

Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 internal error. Errors are one line on
stderr without a traceback (set BPO_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, Protocol

from bpo_desktop import __version__
from bpo_desktop.cli.commands import COMMANDS
from bpo_desktop.cli.errors import EXIT_INTERNAL, EXIT_USAGE, UsageError
from bpo_desktop.core.storage import BpoFileError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bpo-desktop",
        description="Offline process modeller. With no command, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"bpo-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMANDS:
        module = _command(name)
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or _is_gui_call(args_list):
        return _run_gui(args_list)
    args = build_parser().parse_args(args_list)
    try:
        return int(_command(args.command).run(args))
    except BpoFileError as exc:  # a file we cannot use is bad input, never a crash
        print(f"bpo-desktop {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"bpo-desktop {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("BPO_DEBUG"):
            raise
        print(f"bpo-desktop {args.command}: internal error: {exc!r}", file=sys.stderr)
        return EXIT_INTERNAL


class _Command(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _command(name: str) -> _Command:
    module: _Command = importlib.import_module(f"bpo_desktop.cli.commands.{name}")  # type: ignore[assignment]
    return module


def _is_gui_call(args: list[str]) -> bool:
    """`bpo-desktop FILE.bpo` opens the file in the GUI (a mistyped command stays an error)."""
    if len(args) != 1 or args[0] in COMMANDS or args[0].startswith("-"):
        return False
    return args[0].endswith(".bpo") or Path(args[0]).exists()


def _run_gui(args: list[str]) -> int:
    from bpo_desktop.ui.app import run_gui

    return run_gui(Path(args[0]) if args else None)
