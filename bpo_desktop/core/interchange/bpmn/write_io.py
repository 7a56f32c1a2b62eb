"""Writer, part 4: a process's input and output data objects → its `ioSpecification`.

The schema wants at least one inputSet and one outputSet. Kept sets are reused without the
references to inputs/outputs that are gone; data made inputs/outputs in the app join the first
set; without kept sets the writer makes one of each naming them all.
"""

from __future__ import annotations

from lxml import etree

from bpo_desktop.core.interchange.bpmn.bpo import properties_item
from bpo_desktop.core.interchange.bpmn.expressed import extra_properties
from bpo_desktop.core.interchange.bpmn.io_spec import (
    REF_TAGS,
    SET_TAGS,
    default_set,
    io_key,
    io_of,
    io_tag,
)
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn, split
from bpo_desktop.core.interchange.bpmn.plan import attribute
from bpo_desktop.core.interchange.bpmn.write_semantic import SemanticWriter
from bpo_desktop.core.interchange.bpmn.xmlout import order_children
from bpo_desktop.core.model import DataIO, DataObject


def write_io_specification(
    semantic: SemanticWriter, parent: etree._Element, process_id: str
) -> None:
    members = [e for e in semantic.plan.contents(("io", process_id)) if isinstance(e, DataObject)]
    kept = semantic.kept.get(io_key(process_id))
    # A file imported before inputs and outputs were model content kept the whole element.
    spec = parent.find(bpmn("ioSpecification"))
    if spec is None:
        if not members and kept is None:
            return
        spec_id = attribute(kept, "id") or ""
        spec = semantic.base(parent, "ioSpecification", spec_id, kept)
        if not spec_id:
            del spec.attrib["id"]
    for data in members:
        _data(semantic, spec, data)
    for io in (DataIO.INPUT, DataIO.OUTPUT):
        _sets(semantic, spec, io, members)
    order_children(spec)
    semantic.to_check.append(spec)  # kept sets and extensions may point at anything


def _data(semantic: SemanticWriter, spec: etree._Element, data: DataObject) -> None:
    props = properties_item(extra_properties(semantic.process, data))
    el = semantic.base(
        spec,
        io_tag(io_of(data)),
        data.id,
        semantic.kept.get(data.id),  # fitted to the tag: a former reference's refs go
        name=data.name,
        documentation=data.documentation,
        bpo_items=[props] if props else [],
    )
    order_children(el)


def _sets(
    semantic: SemanticWriter, spec: etree._Element, io: DataIO, members: list[DataObject]
) -> None:
    written = [
        str(child.get("id"))
        for child in spec
        if isinstance(child.tag, str) and child.tag == bpmn(io_tag(io)) and child.get("id")
    ]
    sets = spec.findall(bpmn(SET_TAGS[io]))
    if not sets:
        spec.append(default_set(io, written))
        return
    named: set[str] = set()
    for data_set in sets:
        for ref in list(data_set):
            if isinstance(ref.tag, str) and split(ref.tag)[1] in REF_TAGS[io]:
                target = (ref.text or "").strip().rpartition(":")[2]
                if target in written:
                    named.add(target)
                else:
                    data_set.remove(ref)  # its input or output was deleted
    new = [
        data.id
        for data in members
        if io_of(data) is io
        and data.id not in named
        and getattr(semantic.kept.get(data.id), "tag", "") != io_tag(io)
    ]
    for data_id in new:  # made an input/output in the app: part of the first set
        etree.SubElement(sets[0], bpmn(REF_TAGS[io][0])).text = data_id
    order_children(sets[0])
