"""Helpers of the export tests: the hostile workspace, PDF tools, text as a reader searches it."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from bpo_desktop.core.model import NodeKind, Process, Workspace, new_workspace
from bpo_desktop.core.samples.builder import ProcessBuilder

ONBOARDING = "Customer onboarding (as-is)"
# Markup, an ampersand, quotes and a ligature pair: must come out as text, never as markup.
HOSTILE = 'Check <b>R&D</b> "offers" & fix'


def hostile_workspace() -> Workspace:
    ws = new_workspace("Hostile names")
    b = ProcessBuilder(ws, "Names <script>alert(1)</script>")
    lane = b.lane("Team & <i>co</i>")
    start = b.node(NodeKind.START_EVENT, "Go & <go>", lane=lane, col=0)
    task = b.task(HOSTILE, lane=lane, col=1, touch_min=5)
    end = b.node(NodeKind.END_EVENT, "Done", lane=lane, col=2)
    b.flow(start, task)
    b.flow(task, end)
    b.build()
    return ws


def step_names(process: Process) -> list[str]:
    return [n.name for n in process.nodes() if n.kind.is_activity and n.name]


def flat(text: str) -> str:
    """Text as a reader searches it: ligatures (ﬀ) undone, line breaks and runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed: see .ci/run"
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def pdf_pages(path: Path) -> int:
    run = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", run.stdout, re.MULTILINE)
    assert found is not None, run.stdout
    return int(found.group(1))


def pdf_to_pngs(path: Path, out_dir: Path, dpi: int = 50) -> list[Path]:
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is needed: see .ci/run"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(path), str(out_dir / "page")], check=True
    )
    return sorted(out_dir.glob("page*.png"))
