"""Records from the reader → one model `Process` (plus new systems) and a list of warnings.

One BPMN file becomes one process: its collaboration (or its first process) is the diagram;
every BPMN process in the file contributes its elements, so message flows and called
processes stay in one place. Nothing unknown is an error: it becomes a warning, and content
the model does not hold is kept in `Process.verbatim` so export writes it back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, replace
from pathlib import PurePath

from bpo_desktop.core.interchange.bpmn.bpo import ProcessExtras
from bpo_desktop.core.interchange.bpmn.build_calls import nest_called_processes
from bpo_desktop.core.interchange.bpmn.build_di import apply_diagrams, apply_plane_diagrams
from bpo_desktop.core.interchange.bpmn.build_elements import (
    COLLABORATION,
    Context,
    ElementBuilder,
    record,
    walk,
)
from bpo_desktop.core.interchange.bpmn.build_flows import FlowBuilder
from bpo_desktop.core.interchange.bpmn.build_io import build_io_specification
from bpo_desktop.core.interchange.bpmn.defaults import definitions_id, target_namespace
from bpo_desktop.core.interchange.bpmn.dto import DocumentDTO, ElementDTO
from bpo_desktop.core.interchange.bpmn.ids import is_reference
from bpo_desktop.core.interchange.bpmn.namespaces import COLOURS, PREFIXES, split
from bpo_desktop.core.model import Lane, Node, NodeKind, Process, System, Verbatim, Workspace

DEFINITIONS = "#definitions"
_DECLARED_ID = re.compile(r'\sid="([^"]+)"')
#: Drawn BPMN content the model has no element for (kept verbatim, reported once per kind).
_KEPT_NOT_SHOWN = frozenset(
    {
        "choreography",
        "choreographyTask",
        "callChoreography",
        "subChoreography",
        "conversation",
        "subConversation",
        "callConversation",
    }
)
#: Definitions attributes that describe the file's writer: ours replace them on export.
_WRITER_ATTRIBUTES = ("exporter", "exporterVersion")


@dataclass
class Built:
    process: Process
    systems: list[System]  # catalogue entries the workspace does not have yet
    warnings: list[str]


def build(doc: DocumentDTO, source: str, workspace: Workspace | None = None) -> Built:
    return _Builder(doc, source, workspace).build()


class _Builder:
    def __init__(self, doc: DocumentDTO, source: str, workspace: Workspace | None) -> None:
        self.doc = doc
        self.source = source
        self.workspace = workspace
        self.warnings = list(doc.warnings)
        taken: Container[str] = _WorkspaceIds(workspace)
        self.ctx = Context(Process(id="", name=""), self._warn, set(doc.ids), taken)
        self.ctx.category_values = doc.category_values
        definitions = doc.definitions
        self.collaborations = [c for c in definitions.children if c.tag == "collaboration"]
        self.processes = [c for c in definitions.children if c.tag == "process"]
        self.stores = [c for c in definitions.children if c.tag == "dataStore"]
        found = self.collaborations or self.processes
        self.main: ElementDTO | None = found[0] if found else None

    def _warn(self, line: int | None, message: str) -> None:
        self.warnings.append(f"line {line}: {message}" if line else message)

    def build(self) -> Built:
        ctx, definitions = self.ctx, self.doc.definitions
        for dto in walk(definitions):
            if dto.id:
                ctx.by_id.setdefault(dto.id, dto)
        self._identify()
        elements, flows = ElementBuilder(ctx), FlowBuilder(ctx)
        collaboration = self.main if self.main in self.collaborations else None
        if collaboration is not None:
            self._collaboration(collaboration, elements)
        for process in self.processes:
            self._process_record(process)
            elements.lanes(process.id, [c for c in process.children if c.tag == "laneSet"])
        for process in self.processes:
            elements.contents(process, process.id, None)
            for spec in (c for c in process.children if c.tag == "ioSpecification"):
                build_io_specification(ctx, spec, process.id)
        for store in self.stores:
            elements.data(store, "")
        if collaboration is not None:
            for dto in collaboration.children:
                if dto.tag == "textAnnotation":
                    elements.text_annotation(dto, COLLABORATION)
                elif dto.tag == "group":
                    elements.group(dto, COLLABORATION)
        for process in self.processes:
            flows.connections(process, process.id)
        if collaboration is not None:
            for dto in collaboration.children:
                if dto.tag == "messageFlow":
                    flows.message_flow(dto)
                elif dto.tag == "association":
                    flows.association(dto, COLLABORATION)
        elements.tidy_data_references()
        extras = self._extras()
        known = self._written_ids()
        drawn = apply_diagrams(ctx, self.doc.diagrams, ctx.process.id, known)
        nest_called_processes(ctx, self._callable_ids())  # before the planes of call activities
        apply_plane_diagrams(ctx, self.doc.diagrams[1:], known, drawn)
        systems = self._systems(extras)
        self._check_references()
        self._forget_dropped()
        self._report_unshown()
        return Built(ctx.process, systems, self.warnings)

    # -- the process itself -------------------------------------------------------------------
    def _identify(self) -> None:
        process, definitions = self.ctx.process, self.doc.definitions
        if self.main is not None:
            process.id = self.ctx.id_of(self.main, "Process")
            name = self.main.attributes.get("name") or definitions.attributes.get("name")
            process.documentation = self.main.documentation or ""
        else:
            process.id = definitions.id or self.ctx.fresh("Process")
            name = definitions.attributes.get("name")
        process.name = name or PurePath(self.source).stem or "Imported process"
        made_up = ("targetNamespace", target_namespace(process.id))
        mapped = _WRITER_ATTRIBUTES if self.main else (*_WRITER_ATTRIBUTES, "name")
        attributes = [
            (k, v)
            for k, v in definitions.attributes.items()
            if k not in mapped and (k, v) != made_up
        ]
        if definitions.id not in ("", process.id, definitions_id(process.id)):
            attributes.append(("id", definitions.id))
        attributes.extend(  # prefixes kept values may use; never a default namespace
            (f"xmlns:{prefix}", uri)
            for prefix, uri in self.doc.namespaces
            if prefix and PREFIXES.get(prefix) != uri and uri not in COLOURS.values()
        )
        if "targetNamespace" not in definitions.attributes:
            self._warn(
                definitions.line,
                "<definitions> has no targetNamespace (required by BPMN); export writes one",
            )
        if definitions.extensions:
            self._warn(
                definitions.line, "foreign elements directly inside <definitions> cannot be kept"
            )
        process.verbatim[DEFINITIONS] = Verbatim(
            tag="definitions",
            attributes=tuple(sorted(attributes)),
            children=tuple(r.xml for r in definitions.raw),
        )
        for extra in self.collaborations[1:]:
            self._warn(extra.line, f"collaboration {extra.id} ignored (only the first is used)")
            self.ctx.skipped.update(dto.id for dto in walk(extra) if dto.id)

    def _collaboration(self, dto: ElementDTO, elements: ElementBuilder) -> None:
        self.ctx.process.verbatim[COLLABORATION] = record(dto)
        for child in dto.children:
            if child.tag == "participant":
                elements.pool(child)

    def _process_record(self, dto: ElementDTO) -> None:
        process_id = self.ctx.id_of(dto, "Process")
        is_main = dto is self.main
        documentation = "" if is_main else dto.documentation or ""
        kept = record(dto, keep_name=not is_main, extra={"documentation": documentation})
        self.ctx.process.verbatim[f"process:{process_id}"] = kept

    def _extras(self) -> ProcessExtras:
        extras = ProcessExtras(self._warn, self.doc.renamed)
        process = self.ctx.process
        if self.main is not None:
            for item in extras.read(self.main.bpo):
                self._warn(item.line, f"unknown extension element bpo:{item.name} ignored")
        for dto in [*self.processes, *self.collaborations]:
            if dto is not self.main and dto.bpo:
                self._warn(dto.line, f"bpo extension elements on {dto.id} ignored")
        process.owner = extras.owner
        for annotation in extras.annotations:
            process.annotations[annotation.id] = annotation
        for scenario in extras.scenarios:
            process.scenarios[scenario.id] = scenario
        return extras

    def _systems(self, extras: ProcessExtras) -> list[System]:
        """Match the file's systems to the workspace's by name; return the new ones."""
        existing = self.workspace.systems if self.workspace else {}
        by_name = {s.name: s.id for s in existing.values()}
        new: list[System] = []
        mapping: dict[str, str] = {}
        for system in extras.systems:
            if system.name in by_name:
                mapping[system.id] = by_name[system.name]
                continue
            if system.id in existing or system.id in {s.id for s in new}:
                fresh = self.ctx.fresh("System")  # same id, another system: rename ours
                mapping[system.id] = fresh
                system = replace(system, id=fresh)
            new.append(system)
            by_name[system.name] = system.id
        known = set(existing) | {s.id for s in new}
        process = self.ctx.process
        for element in list(process.elements.values()):
            if isinstance(element, Node) and element.system_id is not None:
                system_id: str | None = mapping.get(element.system_id, element.system_id)
                if system_id not in known:
                    self._warn(None, f"{element.id}: unknown system {system_id!r} ignored")
                    system_id = None
                process.elements[element.id] = replace(element, system_id=system_id)
        for scenario in list(process.scenarios.values()):
            overrides = {
                eid: {k: mapping.get(v, v) if k == "system_id" else v for k, v in ch.items()}
                for eid, ch in scenario.overrides.items()
            }
            process.scenarios[scenario.id] = replace(scenario, overrides=overrides)
        return new

    def _check_references(self) -> None:
        """Leave no reference the model (and a `.bpo` file) would reject."""
        process = self.ctx.process
        elements = process.elements
        for element in list(elements.values()):
            if isinstance(element, Node):
                lane = (
                    element.lane_id
                    if isinstance(elements.get(element.lane_id or ""), Lane)
                    else None
                )
                parent = element.parent_id if element.parent_id in elements else None
                if (lane, parent) != (element.lane_id, element.parent_id):
                    self._warn(None, f"{element.id}: reference to a missing lane or parent dropped")
                    element = replace(element, lane_id=lane, parent_id=parent)
                    elements[element.id] = element
                host = elements.get(element.attached_to or "")
                if element.attached_to is not None and not isinstance(host, Node):
                    # e.g. an id two processes declared: the reference now names another thing
                    self._warn(None, f"boundary event {element.id}: its activity is not in the "
                               "diagram; imported as an intermediate event")  # fmt: skip
                    elements[element.id] = replace(
                        element, attached_to=None, kind=NodeKind.INTERMEDIATE_EVENT
                    )
            elif isinstance(element, Lane) and element.parent_id not in (None, *elements):
                elements[element.id] = replace(element, parent_id=None)
        for annotation in list(process.annotations.values()):
            targets = tuple(t for t in annotation.targets if t in elements)
            if targets != annotation.targets:
                self._warn(None, f"annotation {annotation.id}: targets not in the diagram dropped")
                process.annotations[annotation.id] = replace(annotation, targets=targets)

    def _callable_ids(self) -> set[str]:
        """Processes a call activity may draw inside itself: neither the main one nor a pool's."""
        shown = {*self.ctx.pool_of, self.main.id if self.main in self.processes else ""}
        return {dto.id for dto in self.processes} - shown

    def _written_ids(self) -> frozenset[str]:
        """The ids an export of this process will declare: a kept shape needs its element."""
        process = self.ctx.process
        ids = {process.id, *process.elements}
        for key, kept in process.verbatim.items():
            ids.add(key.partition(":")[2] if key.startswith("process:") else key)
            ids.update(v for k, v in kept.attributes if k == "id")
            for xml in (*kept.children, *kept.extensions):
                ids.update(_DECLARED_ID.findall(xml))
        return frozenset(ids & self.doc.ids)

    def _report_unshown(self) -> None:
        """Diagram content the model does not hold is kept for export: say so once per kind."""
        kinds: Counter[str] = Counter(
            split(raw.tag)[1]
            for dto in walk(self.doc.definitions)
            for raw in dto.raw
            if split(raw.tag)[1] in _KEPT_NOT_SHOWN
        )
        for kind, count in sorted(kinds.items()):
            self._warn(None, f"{count} <{kind}> element(s) kept for export but not shown")

    def _forget_dropped(self) -> None:
        """Kept attributes that only point at elements the reader dropped go too."""
        dropped = self.doc.dropped
        if not dropped:
            return
        verbatim = self.ctx.process.verbatim
        for key, kept in list(verbatim.items()):
            pairs = tuple(
                (name, value)
                for name, value in kept.attributes
                if not (is_reference(name) and _all_in(value, dropped))
            )
            if pairs != kept.attributes:
                for name, value in set(kept.attributes) - set(pairs):
                    self._warn(None, f"{key}: {name} dropped (it pointed at dropped {value!r})")
                verbatim[key] = replace(kept, attributes=pairs)


def _all_in(value: str, ids: frozenset[str]) -> bool:
    tokens = [token.rpartition(":")[2] for token in value.split()]
    return bool(tokens) and all(token in ids for token in tokens)


class _WorkspaceIds:
    def __init__(self, workspace: Workspace | None) -> None:
        self.workspace = workspace

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and self.workspace is not None and self.workspace.has_id(item)
