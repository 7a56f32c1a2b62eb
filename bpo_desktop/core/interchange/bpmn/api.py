"""The public face of BPMN interchange: import a file into processes, export a process."""

from __future__ import annotations

from dataclasses import dataclass, field

from bpo_desktop.core.interchange.bpmn.builder import build
from bpo_desktop.core.interchange.bpmn.reader import read_document
from bpo_desktop.core.interchange.bpmn.writer import write_process
from bpo_desktop.core.model import Process, System, Workspace


@dataclass
class ImportResult:
    """What a BPMN file gave: its process(es), systems new to the workspace, warnings, and the
    ids it renamed (file id -> model id: invalid ones, and ones the workspace already used), so
    data keyed by the file's ids (simulation parameters) can follow."""

    processes: list[Process]
    systems: list[System] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)

    def add_to(self, workspace: Workspace) -> None:
        """Put the imported processes and their new systems into `workspace`."""
        for system in self.systems:
            workspace.systems.setdefault(system.id, system)
        for process in self.processes:
            workspace.processes[process.id] = process


def import_bpmn(data: bytes, *, source: str, workspace: Workspace | None = None) -> ImportResult:
    """Read BPMN 2.0 XML. Ids already used in `workspace` are renamed; it is not modified.

    Raises `BpmnImportError` (one line: source, line number, reason) for a file that is not
    well-formed XML, has a DOCTYPE, or is not a BPMN `definitions` document. Anything else it
    does not understand becomes a warning, and content the model does not hold is kept in
    `Process.verbatim` for export.
    """
    taken = _Taken(workspace)
    document = read_document(data, source, taken)
    built = build(document, source, workspace)
    return ImportResult([built.process], built.systems, built.warnings, dict(document.renamed))


def export_bpmn(process: Process, workspace: Workspace) -> bytes:
    """BPMN 2.0 XML (UTF-8) with BPMNDI for one process; `workspace` supplies its systems."""
    return write_process(process, workspace)


class _Taken:
    """Ids the workspace uses, except its systems': the builder matches those by name."""

    def __init__(self, workspace: Workspace | None) -> None:
        self.workspace = workspace

    def __contains__(self, item: object) -> bool:
        workspace = self.workspace
        return (
            isinstance(item, str)
            and workspace is not None
            and item not in workspace.systems
            and workspace.has_id(item)
        )
