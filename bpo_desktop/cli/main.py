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
from bpo_desktop.core.errors import InputError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with full arguments only for `command` (the others just list their help)."""
    parser = _Parser(
        prog="bpo-desktop",
        description="Offline process modeller. With no command, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"bpo-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, (_module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            _command(name).add_arguments(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or _is_gui_call(args_list):
        return _run_gui(args_list)
    args = build_parser(_requested_command(args_list)).parse_args(args_list)
    try:
        return int(_command(args.command).run(args))
    except InputError as exc:  # a file or value we cannot use is bad input, never a crash
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
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _command(name: str) -> _Command:
    module_name = COMMANDS[name][0]
    module: _Command = importlib.import_module(f"bpo_desktop.cli.commands.{module_name}")  # type: ignore[assignment]
    return module


def _requested_command(args: list[str]) -> str | None:
    """The subcommand named on the line: the first word that is not an option."""
    first = next((a for a in args if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def _is_gui_call(args: list[str]) -> bool:
    """`bpo-desktop FILE.bpo` opens the file in the GUI (a mistyped command stays an error)."""
    if len(args) != 1 or args[0] in COMMANDS or args[0].startswith("-"):
        return False
    return args[0].endswith(".bpo") or Path(args[0]).exists()


def _run_gui(args: list[str]) -> int:
    from bpo_desktop.ui.app import run_gui

    return run_gui(Path(args[0]) if args else None)
