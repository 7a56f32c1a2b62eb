"""Writer, part 4: what the model says about a node beyond its type (flags, loop marker) and
a group's label, written over whatever kept content says: the model decides."""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.mapping import LOOP_TAGS
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn, split
from bpo_desktop.core.interchange.bpmn.plan import local_ref
from bpo_desktop.core.model import Group, LoopKind, Node


def write_flags(el: etree._Element, node: Node, allowed: Collection[str]) -> None:
    """Set the flag attributes the element's type has where they differ from the schema
    default; remove a stale kept value where the default holds."""
    for name, value in _flags(node).items():
        if name in allowed and value:
            el.set(name, value)
        elif name in el.attrib:
            del el.attrib[name]


def write_loop(el: etree._Element, node: Node) -> None:
    """Kept loop characteristics stay while they say what the model says (they may hold a
    cardinality or a completion condition); otherwise the model's marker replaces them."""
    kept = [c for c in el if isinstance(c.tag, str) and split(c.tag)[1] in LOOP_TAGS]
    for child in kept:
        if _loop_of(child) is not node.loop:
            el.remove(child)
    if node.loop is LoopKind.NONE or any(c.getparent() is el for c in kept):
        return
    if node.loop is LoopKind.STANDARD:
        etree.SubElement(el, bpmn("standardLoopCharacteristics"))
    else:
        loop = etree.SubElement(el, bpmn("multiInstanceLoopCharacteristics"))
        if node.loop is LoopKind.MI_SEQUENTIAL:
            loop.set("isSequential", "true")


def group_label(
    el: etree._Element, group: Group, category_values: dict[str, str]
) -> etree._Element | None:
    """A group's label is the value of its category value: keep the kept reference while it
    says the same, else return a made-up category (for the root) that does."""
    ref = local_ref(el.get("categoryValueRef"))
    if category_values.get(ref, group.name) == group.name:
        return None  # no label and no reference, or a kept one that says the same
    if not group.name:
        del el.attrib["categoryValueRef"]  # the label was cleared
        return None
    category = etree.Element(bpmn("category"))
    category.set("id", defaults.category_id(group.id))
    value = etree.SubElement(category, bpmn("categoryValue"))
    value.set("id", defaults.category_value_id(group.id))
    value.set("value", group.name)
    el.set("categoryValueRef", value.get("id") or "")
    return category


def _flags(node: Node) -> dict[str, str]:
    """The BPMN attributes of the node's flags: a value where it differs from the schema
    default, "" where the default holds."""
    activity = node.kind.is_activity
    interrupting = "" if node.interrupting else "false"
    return {
        "isForCompensation": "true" if node.compensation and activity else "",
        "triggeredByEvent": "true" if node.triggered_by_event and activity else "",
        "cancelActivity": interrupting,  # boundary events
        "isInterrupting": interrupting,  # start events
    }


def _loop_of(el: etree._Element) -> LoopKind:
    if split(el.tag)[1] == "standardLoopCharacteristics":
        return LoopKind.STANDARD
    sequential = (el.get("isSequential") or "").strip() in ("true", "1")
    return LoopKind.MI_SEQUENTIAL if sequential else LoopKind.MI_PARALLEL
