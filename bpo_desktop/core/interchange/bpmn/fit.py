"""Fit kept (verbatim) content to the BPMN element it is written on.

When an element's type changes (an import degrades a boundary event without a host to an
intermediate event, or an editor turns a task into a gateway), kept attributes and children
that the new type does not allow are left out, so the written XML stays valid.
"""

from __future__ import annotations

from bpo_desktop.core.interchange.bpmn.content_model import TypeInfo, content_model
from bpo_desktop.core.interchange.bpmn.namespaces import BPMN, bpmn, split
from bpo_desktop.core.model.verbatim import Pairs


def type_of(tag: str) -> TypeInfo | None:
    return content_model().element_type(bpmn(tag))


def fit_attributes(attributes: Pairs, tag: str) -> Pairs:
    info = type_of(tag)
    if info is None:
        return ()
    return tuple(
        (name, value)
        for name, value in attributes
        if name.startswith("#")
        or (name.startswith("{") and info.foreign_attributes)
        or name in info.attributes
    )


def child_tag(xml: str) -> str:
    """The Clark name of a serialized element, without parsing it."""
    start = xml.index("<") + 1
    end = start
    while end < len(xml) and xml[end] not in " \t\r\n/>":
        end += 1
    qname = xml[start:end]
    prefix, _, local = qname.rpartition(":")
    marker = f'xmlns:{prefix}="' if prefix else 'xmlns="'
    at = xml.find(marker)
    if at < 0:
        return local
    uri = xml[at + len(marker) : xml.index('"', at + len(marker))]
    return f"{{{uri}}}{local}"


def fits_child(xml: str, tag: str) -> bool:
    info = type_of(tag)
    if info is None:
        return False
    name = child_tag(xml)
    return info.rank(name, foreign=split(name)[0] != BPMN) is not None


def fit_children(children: tuple[str, ...], tag: str) -> tuple[str, ...]:
    return tuple(xml for xml in children if fits_child(xml, tag))
