"""`bpo-desktop validate FILE.bpo`: lint processes (structure, soundness, guardrails).

Exit 1 when any finding is an error, 0 otherwise; unknown process or scenario names exit 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bpo_desktop.cli.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from bpo_desktop.core.analysis import LintReport, Severity, lint
from bpo_desktop.core.model import Process, ScenarioError, Workspace, effective_process
from bpo_desktop.core.storage import read_workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--process", metavar="NAME", help="only this process (default: all)")
    parser.add_argument(
        "--scenario", metavar="NAME", help="check this scenario applied to its process"
    )
    parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")


def run(args: argparse.Namespace) -> int:
    workspace = read_workspace(Path(args.file))
    reports = [
        lint(
            effective,
            workspace.systems,
            base=base if args.scenario is not None else None,
            scenario=args.scenario,
        )
        for base, effective in select(workspace, args.process, args.scenario)
    ]
    if args.json:
        rows = [
            {**f.to_json(), "process": r.process_name, "scenario": r.scenario}
            for r in reports
            for f in r.findings
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print_report(report)
    return EXIT_FINDINGS if any(r.errors for r in reports) else EXIT_OK


def select(
    workspace: Workspace, process_name: str | None, scenario_name: str | None
) -> list[tuple[Process, Process]]:
    """(base, effective) pairs for the named process, or every process; UsageError if unknown."""
    if process_name is not None:
        try:
            processes = [workspace.process_by_name(process_name)]
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    else:
        processes = list(workspace.processes.values())
        if scenario_name is not None:
            processes = [
                p for p in processes if any(s.name == scenario_name for s in p.scenarios.values())
            ]
            if not processes:
                names = sorted(
                    {s.name for p in workspace.processes.values() for s in p.scenarios.values()}
                )
                choices = ", ".join(repr(n) for n in names) or "none"
                raise UsageError(
                    f"no scenario {scenario_name!r} in any process (scenarios: {choices})"
                )
    pairs = []
    for process in processes:
        try:
            pairs.append((process, effective_process(process, scenario_name)))
        except ScenarioError as exc:
            raise UsageError(str(exc)) from None
    return pairs


def print_report(report: LintReport) -> None:
    title = report.process_name + (f" / {report.scenario}" if report.scenario else "")
    infos = report.count(Severity.INFO)
    verdict = "sound" if report.sound else "NOT sound"
    print(
        f"{title}: {report.errors} error(s), {report.warnings} warning(s), {infos} info; {verdict}"
    )
    for f in report.findings:
        print(f"  {f.severity:<8} {f.rule:<28} {f.element_name}: {f.message}")
    print(f"  state space: {report.state_space}")
