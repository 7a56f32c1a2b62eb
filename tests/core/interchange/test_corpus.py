"""Every file of the BPMN corpus: it imports or fails cleanly, and what imports round-trips.

(b) no exception but `BpmnImportError`, no hang; (c) import → export → import gives an equal
model (verbatim content included), the export validates against the OMG schema, and a second
export is byte-identical to the first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import new_workspace

FRAGMENT = "root is not bpmn:definitions"


def test_corpus_is_there(corpus: object, manifest: dict[str, dict[str, str]]) -> None:
    bpmn_files = [row for row in manifest.values() if row["kind"] == "bpmn"]
    assert len(bpmn_files) >= 270
    assert sum(row["source"] == "miwg-reference" for row in bpmn_files) == 10


def test_imports_or_fails_cleanly(
    corpus_file: str, outcomes: Any, manifest: dict[str, dict[str, str]]
) -> None:
    outcome = outcomes[corpus_file]
    row = manifest[corpus_file]
    if outcome.error is not None:
        message = str(outcome.error)
        assert message.startswith(f"{corpus_file}: ")
        assert "\n" not in message
        # only files the manifest already calls broken or not BPMN may be refused
        assert row["xsd_valid"] == "no", message
        if FRAGMENT not in row["xsd_first_error"] and "root" not in message:
            assert outcome.error.line is not None, message  # XML errors name their line
        return
    assert outcome.result is not None
    assert len(outcome.result.processes) == 1
    if row["xsd_valid"] == "no":  # broken content is repaired or dropped, and reported
        assert outcome.result.warnings, "an invalid file imported without any warning"


def test_round_trip_is_equal_and_valid(
    corpus_file: str, outcomes: Any, schema_errors: Callable[[bytes], list[str]]
) -> None:
    outcome = outcomes[corpus_file]
    if outcome.result is None:  # refused cleanly: test_imports_or_fails_cleanly covers it
        assert outcome.error is not None
        return
    process = outcome.result.processes[0]
    workspace = new_workspace()
    exported = export_bpmn(process, workspace)
    assert schema_errors(exported) == []
    again = import_bpmn(exported, source=f"export of {corpus_file}").processes[0]
    assert again == process
    assert export_bpmn(again, workspace) == exported


def test_most_of_the_corpus_imports(
    corpus: object, manifest: dict[str, dict[str, str]], outcomes: Any
) -> None:
    """Refusals are limited to fragments and files that are not well-formed or not BPMN."""
    refused = [
        path
        for path, row in manifest.items()
        if row["kind"] == "bpmn" and outcomes[path].error is not None
    ]
    fragments = [p for p in refused if FRAGMENT in manifest[p]["xsd_first_error"]]
    assert len(refused) - len(fragments) <= 10, refused
