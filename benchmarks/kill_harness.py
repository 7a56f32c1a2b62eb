"""Crash-safety harness: SIGKILL a process that is saving a large workspace, at random moments.

Run: `uv run python benchmarks/kill_harness.py [--kills 200] [--mode save|import|both]
[--elements 5000] [--seed 1]`. POSIX only (SIGKILL). Prints one line per failure, a summary
per mode and one JSON line last: {"save": {"tried": N, "survived": N, ...}, "import": {...}}.

`save`: a child opens the file and loops edit → save, alternating the incremental
`BpoFile.save(ws, changed_ids)` and the whole-file `save_workspace_as`, edits made through the
Modeling facade (create, rename, move, delete). Before each save it reports the fingerprint of
what it is about to write, after it that the save completed. The parent kills it at a random
moment, then checks: the file opens with the app's own loader, `PRAGMA integrity_check` is ok,
and its content is the last completed save or the one in flight (never a mix, never older).

`import`: `bpo-desktop import X.bpmn INTO.bpo` into an existing large `.bpo`, killed at a random
moment: INTO.bpo opens, is intact, and holds either exactly what it held before or that plus
the one imported process.

Children are forked from the harness (the kill rate is not spent on interpreter start-ups; the
import child runs the CLI's own `main(["import", ...])`); `--exec` starts each as a fresh
interpreter instead (`python -m bpo_desktop import ...`), exactly as a user runs it.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bpo_desktop.core.editing import ELEMENTS_CHANGED, create_editor
from bpo_desktop.core.model import Node, NodeKind, Point, Workspace
from bpo_desktop.core.samples.generated import generated_workspace
from bpo_desktop.core.storage import BpoFileError, open_workspace, read_workspace, save_workspace_as
from bpo_desktop.core.storage.mapping import workspace_rows


# -- fingerprints -------------------------------------------------------------------------------
def fingerprint(workspace: Workspace) -> str:
    """The digest of the rows the workspace is stored as: equal digests, equal file content."""
    rows = sorted(workspace_rows(workspace).items(), key=lambda item: repr(item[0]))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def _processes_digest(workspace: Workspace, process_ids: list[str]) -> str:
    part = Workspace(id=workspace.id, name=workspace.name)
    part.processes = {
        pid: workspace.processes[pid] for pid in process_ids if pid in workspace.processes
    }
    return fingerprint(part)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall())
    finally:
        conn.close()


# -- the child that saves -------------------------------------------------------------------------
def child_save_loop(path: Path, report: Path, seed: int) -> None:
    rng = random.Random(seed)
    workspace, bpo_file = open_workspace(path)
    editor = create_editor(workspace)
    changed: set[str] = set()
    editor.bus.on(ELEMENTS_CHANGED, lambda change: changed.update(change.ids))
    with report.open("a", buffering=1) as out:  # line-buffered: each line reaches the file
        out.write(f"start {fingerprint(workspace)}\n")
        for step in range(1_000_000):
            _edit(editor, rng)
            whole = step % 2 == 1
            out.write(f"begin {step} {'save_as' if whole else 'save'} {fingerprint(workspace)}\n")
            if whole:
                bpo_file = save_workspace_as(workspace, path)
            else:
                bpo_file.save(workspace, set(changed))
            changed.clear()
            out.write(f"done {step}\n")


def _edit(editor: Any, rng: random.Random) -> None:
    """A few dozen edits through the facade, in one undo unit: renames, moves, adds, deletes."""
    process = next(iter(editor.workspace.processes.values()))
    tasks = [n.id for n in process.nodes() if isinstance(n, Node) and n.kind is NodeKind.TASK]
    with editor.stack.transaction("Harness edits"):
        for element_id in rng.sample(tasks, min(20, len(tasks))):
            editor.modeling.update_properties(element_id, name=f"Renamed {rng.randrange(10**6)}")
        editor.modeling.move_elements(rng.sample(tasks, min(30, len(tasks))), 5, -5)
        for _ in range(rng.randint(1, 10)):
            editor.modeling.create_typed(
                process.id, "task", Point(rng.uniform(0, 9000), rng.uniform(0, 2000))
            )
        editor.modeling.delete_elements(rng.sample(tasks, min(rng.randint(0, 8), len(tasks))))


# -- the parent that kills --------------------------------------------------------------------
class Child:
    """A child process: forked from this one (fast: nothing to import again) or, with
    `--exec`, a fresh interpreter running the real command."""

    def __init__(self, argv: list[str], fork_target: Any, exec_mode: bool) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.pid = 0
        if exec_mode:
            self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.pid = self.proc.pid
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run, then leave without running the parent's cleanup
            code = 3
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
                code = int(fork_target() or 0)
            finally:
                os._exit(code)
        self.pid = pid
        self._status: int | None = None

    def alive(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        if self._status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self._status = os.waitstatus_to_exitcode(status)
        return self._status is None

    def kill(self) -> int:
        """SIGKILL (if still running); the exit code, negative when killed."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            return self.proc.wait()
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            self._status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        assert self._status is not None
        return self._status


def _wait_for(report: Path, prefix: str, child: Child, limit: float, count: int = 1) -> bool:
    """Wait until the child's report has `count` lines starting with `prefix`."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if report.exists() and (
            sum(line.startswith(prefix) for line in report.read_text().splitlines()) >= count
        ):
            return True
        if not child.alive():
            return False
        time.sleep(0.005)
    return False


def _allowed(report: Path, previous: str) -> tuple[dict[str, str], str]:
    """Fingerprints the file may hold now: the last completed save and the one in flight."""
    allowed = {"before the child saved": previous}
    in_flight = kind = ""
    for line in report.read_text().splitlines():
        parts = line.split()
        if parts[0] == "begin":
            in_flight = parts[3]
            allowed["save in flight"] = in_flight
            kind = parts[2]
        elif parts[0] == "done":
            allowed = {"last completed save": in_flight}
            kind = ""
    return allowed, (kind if "save in flight" in allowed else "")


def run_save_kills(
    kills: int, elements: int, seed: int, max_delay: float, exec_mode: bool, log: Any
) -> dict[str, Any]:
    rng = random.Random(seed)
    tried = survived = 0
    matched: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.bpo"
        save_workspace_as(generated_workspace(elements), path)
        current = fingerprint(read_workspace(path))
        for attempt in range(kills):
            report = Path(tmp) / f"report-{attempt}.txt"
            child_seed = rng.randrange(2**31)
            argv = [sys.executable, __file__, "--child", str(path), str(report), str(child_seed)]
            run = functools.partial(child_save_loop, path, report, child_seed)
            child = Child(argv, run, exec_mode)
            started = _wait_for(report, "start", child, 120)
            if rng.random() < 0.5:  # any moment
                time.sleep(rng.uniform(0, max_delay))
            else:  # aimed at a save: just after the child announced one (saves are short)
                _wait_for(report, "begin", child, 60, count=rng.randint(1, 4))
                time.sleep(rng.uniform(0, 0.3))
            child.kill()
            tried += 1
            if not started:
                log(f"kill {attempt}: the child died before it had loaded the file")
                continue
            allowed, in_flight_kind = _allowed(report, current)
            problem, found = _verify(path, allowed)
            if problem:
                log(f"kill {attempt}: {problem}")
                continue
            survived += 1
            which = next(k for k, v in allowed.items() if v == found)
            during = f"killed during {in_flight_kind}" if in_flight_kind else "killed between saves"
            key = f"{during}, file held {which}"
            matched[key] = matched.get(key, 0) + 1
            current = found
        stale = sum(1 for p in Path(tmp).iterdir() if p.name.endswith(".saving"))
    return {"tried": tried, "survived": survived, "file_held": matched, "stale_temp_files": stale}


def _verify(path: Path, allowed: dict[str, str]) -> tuple[str, str]:
    try:
        workspace = read_workspace(path)
    except BpoFileError as exc:
        return f"the file does not open: {exc}", ""
    check = integrity(path)
    if check != "ok":
        return f"integrity_check: {check[:200]}", ""
    found = fingerprint(workspace)
    if found not in allowed.values():
        return f"content {found} is none of {allowed}", ""
    return "", found


def run_import_kills(
    kills: int, elements: int, seed: int, exec_mode: bool, log: Any
) -> dict[str, Any]:
    from bpo_desktop.cli.main import main as cli_main
    from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn

    rng = random.Random(seed)
    tried = survived = completed = 0
    with tempfile.TemporaryDirectory() as tmp:
        into = Path(tmp) / "into.bpo"
        bpmn = Path(tmp) / "big.bpmn"
        source = generated_workspace(max(elements // 2, 200), seed=7)
        bpmn.write_bytes(export_bpmn(next(iter(source.processes.values())), source))
        expected_elements = len(
            import_bpmn(bpmn.read_bytes(), source=str(bpmn)).processes[0].elements
        )
        base = generated_workspace(elements)
        args = ["import", str(bpmn), str(into)]
        argv = [sys.executable, "-m", "bpo_desktop", *args]
        save_workspace_as(base, into)
        start = time.monotonic()
        first = Child(argv, lambda: cli_main(args), exec_mode)
        while first.alive():
            time.sleep(0.005)
        duration = time.monotonic() - start  # one uncut import: the window to kill in
        for attempt in range(kills):
            if attempt % 10 == 0:
                save_workspace_as(base, into)  # keep INTO.bpo from growing without end
            before = read_workspace(into)
            child = Child(argv, lambda: cli_main(args), exec_mode)
            time.sleep(rng.uniform(0, duration * 1.1))
            code = child.kill()
            tried += 1
            problem = _verify_import(into, before, expected_elements, finished=code == 0)
            if problem:
                log(f"import kill {attempt}: {problem}")
            else:
                survived += 1
                completed += code == 0
    return {
        "tried": tried,
        "survived": survived,
        "completed_before_the_kill": completed,
        "import_seconds": round(duration, 2),
    }


def _verify_import(into: Path, before: Workspace, expected: int, *, finished: bool) -> str:
    try:
        after = read_workspace(into)
    except BpoFileError as exc:
        return f"INTO.bpo does not open: {exc}"
    check = integrity(into)
    if check != "ok":
        return f"integrity_check: {check[:200]}"
    new = [pid for pid in after.processes if pid not in before.processes]
    old = list(before.processes)
    if _processes_digest(after, old) != _processes_digest(before, old):
        return "the processes that were there before changed"
    if not new:
        if finished:
            return "the import finished but its process is not in the file"
        return "" if fingerprint(after) == fingerprint(before) else "changed without the import"
    if len(new) != 1 or len(after.processes[new[0]].elements) != expected:
        return f"a partial import: {len(new)} new process(es)"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--mode", choices=["save", "import", "both"], default="both")
    parser.add_argument("--elements", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-delay", type=float, default=2.0, help="seconds after the child has loaded"
    )
    parser.add_argument(
        "--exec", action="store_true", help="run each child as a new interpreter (slower)"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("PATH", "REPORT", "SEED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child_save_loop(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return
    results: dict[str, Any] = {"kills": args.kills, "elements": args.elements, "seed": args.seed}
    began = time.monotonic()
    if args.mode in ("save", "both"):
        results["save"] = run_save_kills(
            args.kills, args.elements, args.seed, args.max_delay, args.exec, print
        )
        save = results["save"]
        print(f"save:   {save['survived']}/{save['tried']} kills survived; {save['file_held']}")
    if args.mode in ("import", "both"):
        results["import"] = run_import_kills(args.kills, args.elements, args.seed, args.exec, print)
        print(
            f"import: {results['import']['survived']}/{results['import']['tried']} kills survived"
        )
    results["seconds"] = round(time.monotonic() - began, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
