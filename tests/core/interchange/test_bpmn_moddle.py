"""(f) bpmn.io reads our exports: bpmn-moddle's `fromXML` reports no warning and no error.

bpmn-moddle is the model layer of bpmn-js, Camunda Modeler and demo.bpmn.io. For corpus files
our export may only repeat warnings the source file already had (its own unresolved
references, kept verbatim); it must never add one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bpo_desktop.core.interchange.bpmn import export_bpmn
from bpo_desktop.core.model import new_workspace
from bpo_desktop.core.samples import sample_workspace

Moddle = Callable[[list[Path]], dict[str, dict[str, Any]]]


def test_sample_exports_read_cleanly(tmp_path: Path, moddle: Moddle) -> None:
    workspace = sample_workspace()
    paths = []
    for process in workspace.processes.values():
        path = tmp_path / f"{process.id}.bpmn"
        path.write_bytes(export_bpmn(process, workspace))
        paths.append(path)
    report = moddle(paths)
    for path in paths:
        assert report[str(path)] == {"root": "bpmn:Definitions", "warnings": [], "error": None}


def test_corpus_round_trips_add_no_warning(
    tmp_path: Path, corpus: Path, manifest: dict[str, dict[str, str]], outcomes: Any,
    moddle: Moddle,
) -> None:  # fmt: skip
    exports: dict[str, Path] = {}
    for index, relative in enumerate(sorted(manifest)):
        if manifest[relative]["kind"] != "bpmn" or outcomes[relative].result is None:
            continue
        path = tmp_path / f"{index}.bpmn"
        path.write_bytes(export_bpmn(outcomes[relative].result.processes[0], new_workspace()))
        exports[relative] = path
    assert len(exports) >= 230
    ours = moddle(list(exports.values()))
    sources = moddle([corpus / relative for relative in exports])
    clean = 0
    for relative, path in exports.items():
        mine, theirs = ours[str(path)], sources[str(corpus / relative)]
        assert mine["error"] is None, (relative, mine["error"])
        assert mine["root"] == "bpmn:Definitions"
        assert set(mine["warnings"]) <= set(theirs["warnings"]), relative
        clean += not mine["warnings"]
    assert clean >= len(exports) - 5
