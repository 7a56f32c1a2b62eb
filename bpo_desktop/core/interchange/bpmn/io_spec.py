"""A process's data inputs and outputs (its `ioSpecification`), shared by builder and writer.

The model holds them as data objects with `io` INPUT or OUTPUT. The `ioSpecification` itself,
with its input and output sets, is kept in a verbatim record per BPMN process; the writer
reuses those sets (without references to deleted inputs/outputs) or makes one of each.
Activities' own ioSpecifications are not model content: they stay verbatim in the activity.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from bpo_desktop.core.interchange.bpmn.namespaces import bpmn
from bpo_desktop.core.model import DataIO, DataObject

IO_TAGS: dict[str, DataIO] = {"dataInput": DataIO.INPUT, "dataOutput": DataIO.OUTPUT}
#: The set each direction's data belong to, and the reference children that name them.
SET_TAGS: dict[DataIO, str] = {DataIO.INPUT: "inputSet", DataIO.OUTPUT: "outputSet"}
REF_TAGS: dict[DataIO, tuple[str, ...]] = {
    DataIO.INPUT: ("dataInputRefs", "optionalInputRefs", "whileExecutingInputRefs"),
    DataIO.OUTPUT: ("dataOutputRefs", "optionalOutputRefs", "whileExecutingOutputRefs"),
}


def io_key(process_id: str) -> str:
    """The verbatim key of a BPMN process's `ioSpecification` record."""
    return f"ioSpecification:{process_id}"


def io_of(data: DataObject) -> DataIO:
    """The role the export gives a data object: a data store is never a process input."""
    return DataIO.NONE if data.is_store else data.io


def io_tag(io: DataIO) -> str:
    return "dataInput" if io is DataIO.INPUT else "dataOutput"


def default_set(io: DataIO, ids: Iterable[str]) -> etree._Element:
    """The input (output) set the writer makes when none is kept: all inputs (outputs)."""
    el = etree.Element(bpmn(SET_TAGS[io]))
    for data_id in ids:
        etree.SubElement(el, bpmn(REF_TAGS[io][0])).text = data_id
    return el
