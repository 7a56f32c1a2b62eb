"""Small helpers for building BPMN XML with lxml (shared by the writer's parts)."""

from __future__ import annotations

from lxml import etree

from bpo_desktop.core.interchange.bpmn.content_model import content_model
from bpo_desktop.core.interchange.bpmn.dto import BpoItem
from bpo_desktop.core.interchange.bpmn.namespaces import BPMN, BPO, bpo, split


def order_children(el: etree._Element) -> None:
    """Stable-sort an element's children into the order its schema type requires."""
    info = content_model().element_type(el.tag)
    if info is None or len(el) < 2:
        return
    ranks = []
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        rank = info.rank(tag, foreign=split(tag)[0] != BPMN) if tag else None
        ranks.append(len(info.slots) if rank is None else rank)
    if ranks != sorted(ranks):
        for _, child in sorted(zip(ranks, list(el), strict=True), key=lambda item: item[0]):
            el.append(child)


def fragment(xml: str) -> etree._Element:
    parsed: etree._Element = etree.fromstring(xml)
    return parsed


def bpo_element(item: BpoItem) -> etree._Element:
    el = etree.Element(bpo(item.name), nsmap={"bpo": BPO})
    for key, value in item.attributes.items():
        el.set(key, value)
    if item.text:
        el.text = item.text
    for child in item.children:
        el.append(bpo_element(child))
    return el


def expression_text(el: etree._Element) -> str:
    """An expression's text as the model holds it (none when it has child elements)."""
    return "" if len(el) else (el.text or "")
