"""Builder, part 4: a process's `ioSpecification` → data objects with `io` INPUT/OUTPUT.

Its dataInput/dataOutput elements become data objects (what the model does not map, such as
`itemSubjectRef`, `isCollection` or foreign attributes and extensions, is kept in their
records); the specification itself and its input/output sets are kept in a record per process,
unless they are exactly what the writer makes up anyway.
"""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.interchange.bpmn.build_elements import Context, properties, record
from bpo_desktop.core.interchange.bpmn.canonical import canonical
from bpo_desktop.core.interchange.bpmn.dto import ElementDTO
from bpo_desktop.core.interchange.bpmn.fit import child_tag
from bpo_desktop.core.interchange.bpmn.io_spec import IO_TAGS, SET_TAGS, default_set, io_key
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn
from bpo_desktop.core.model import DataIO, DataObject, Verbatim

_PREFIX = {DataIO.INPUT: "DataInput", DataIO.OUTPUT: "DataOutput"}


def build_io_specification(ctx: Context, dto: ElementDTO, process_id: str) -> None:
    key = io_key(process_id)
    if key in ctx.process.verbatim:
        ctx.warn(
            dto.line,
            f"process {process_id}: a second <ioSpecification>: its data inputs and "
            "outputs were added, its sets dropped",
        )
    made: dict[DataIO, list[str]] = {DataIO.INPUT: [], DataIO.OUTPUT: []}
    for child in dto.children:
        io = IO_TAGS[child.tag]
        data_id = ctx.id_of(child, _PREFIX[io])
        data = DataObject(
            data_id, child.attributes.get("name", ""), documentation=child.documentation or ""
        )
        values = {**properties(ctx, child, DataObject), "io": io, "is_store": False}
        data = replace(data, **values)  # the tag says what it is
        ctx.add(data, record(child, parent=process_id))
        made[io].append(data_id)
    if key in ctx.process.verbatim:
        return
    if dto.id:
        dto.attributes["id"] = dto.id
    kept = record(dto, extra={"documentation": dto.documentation or ""})
    children = kept.children
    for io, ids in made.items():
        tag = bpmn(SET_TAGS[io])
        sets = [xml for xml in children if child_tag(xml) == tag]
        if not sets:  # the schema wants one of each
            ctx.warn(dto.line, f"process {process_id}: <ioSpecification> without "
                     f"<{SET_TAGS[io]}>; the export adds one")  # fmt: skip
        elif sets == [canonical(default_set(io, ids))]:
            children = tuple(xml for xml in children if xml != sets[0])  # the writer's own
    kept = replace(kept, children=children)
    if kept != Verbatim(tag="ioSpecification"):
        ctx.process.verbatim[key] = kept
