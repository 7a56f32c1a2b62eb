"""Canonical text for XML kept verbatim, so the same content always gives the same string.

Exclusive C14N, plus: the standard prefixes for BPMN, DI and DC (names and `xsi:type` values),
declarations for prefixes that attribute values use, and no indentation between elements. An
export read back therefore gives back exactly the strings the import kept.
"""

from __future__ import annotations

import re

from lxml import etree

from bpo_desktop.core.interchange.bpmn.namespaces import OWN, PREFIXES, bpmndi, split
from bpo_desktop.core.interchange.bpmn.repair import XSI_TYPE

_QNAME_TOKEN = re.compile(r"^([^\W\d][\w.\-]*):[^\W\d]")


def canonical(el: etree._Element) -> str:
    """Exclusive canonical XML of an element, declaring the prefixes its values use too.

    BPMN, DI and DC elements get their standard prefixes, so the text does not depend on the
    prefixes of the document it came from (and an export read back gives the same text).
    """
    if _standard_type_names(el) or _needs_standard_prefixes(el):
        el = _with_standard_prefixes(el)
    _strip_layout_whitespace(el)
    used = sorted(_value_prefixes(el))
    try:
        data: bytes = etree.tostring(
            el, method="c14n", exclusive=True, with_comments=True, inclusive_ns_prefixes=used
        )
    except etree.C14NError:  # e.g. a relative namespace URI somewhere in scope
        return _portable(el, used)
    return data.decode("utf-8")


def _portable(el: etree._Element, used: list[str]) -> str:
    """Like exclusive C14N: only the namespaces it uses, declared in a fixed order."""
    copy = copy_element(el)
    etree.cleanup_namespaces(copy, keep_ns_prefixes=used)
    nsmap = dict(sorted(copy.nsmap.items(), key=lambda item: item[0] or ""))
    fresh = etree.Element(copy.tag, attrib=dict(copy.attrib), nsmap=nsmap)
    fresh.text = copy.text
    fresh.extend(list(copy))
    text: str = etree.tostring(fresh, encoding="unicode", with_tail=False)
    return text


def copy_element(el: etree._Element) -> etree._Element:
    copied: etree._Element = etree.fromstring(etree.tostring(el, with_tail=False))
    return copied


def _strip_layout_whitespace(el: etree._Element) -> None:
    """Drop whitespace between elements (indentation), which pretty-printing changes anyway."""
    for node in el.iter():
        if not isinstance(node.tag, str) or len(node) == 0:
            continue
        texts = [node.text, *(child.tail for child in node)]
        if all(text is None or not text.strip() for text in texts):
            node.text = None
            for child in node:
                child.tail = None


def prune_shapes(xml: str, keep: frozenset[str] | set[str]) -> str:
    """A kept diagram without the shapes and edges of elements that are gone."""
    diagram = etree.fromstring(xml)
    for shape in [*diagram.iter(bpmndi("BPMNShape")), *diagram.iter(bpmndi("BPMNEdge"))]:
        if _local_ref(shape.get("bpmnElement") or "") not in keep:
            parent = shape.getparent()
            if parent is not None:
                parent.remove(shape)
    return canonical(diagram)


_STANDARD = {uri: prefix for prefix, uri in PREFIXES.items() if uri in OWN}


def _standard_type_names(el: etree._Element) -> bool:
    """Rewrite `xsi:type` values of BPMN/DI/DC types with the standard prefix; True if any."""
    changed = False
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get(XSI_TYPE)
        if value is None:
            continue
        prefix, _, local = value.strip().rpartition(":")
        standard = _STANDARD.get(node.nsmap.get(prefix or None) or "")
        if standard is not None and value != f"{standard}:{local}":
            node.set(XSI_TYPE, f"{standard}:{local}")
            changed = True
    return changed


def _needs_standard_prefixes(el: etree._Element) -> bool:
    for node in el.iter():
        if isinstance(node.tag, str):
            namespace = split(node.tag)[0]
            if namespace in _STANDARD and node.prefix != _STANDARD[namespace]:
                return True
    return False


def _with_standard_prefixes(el: etree._Element) -> etree._Element:
    values = _value_prefixes(el)
    nsmap: dict[str | None, str] = {prefix: uri for uri, prefix in _STANDARD.items()}
    for prefix, uri in el.nsmap.items():
        if prefix not in nsmap and (uri not in _STANDARD or prefix in values):
            nsmap[prefix] = uri
    copy = etree.Element(el.tag, nsmap=nsmap)
    _copy_into(el, copy)
    return copy


def _copy_into(source: etree._Element, target: etree._Element) -> None:
    for name, value in source.attrib.items():
        target.set(name, value)
    target.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            extra = {
                p: u
                for p, u in child.nsmap.items()
                if target.nsmap.get(p) != u and (u not in _STANDARD or p in _value_prefixes(child))
            }
            new = etree.SubElement(target, child.tag, nsmap=extra or None)
            _copy_into(child, new)
        else:
            new = _copy_special(child)
            target.append(new)
        new.tail = child.tail


def _copy_special(node: etree._Element) -> etree._Element:
    """Comments and processing instructions."""
    if isinstance(node, etree._Comment):
        return etree.Comment(node.text)
    return etree.ProcessingInstruction(node.target, node.text)  # type: ignore[attr-defined]


def _value_prefixes(el: etree._Element) -> set[str]:
    found: set[str] = set()
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        values = list(node.attrib.values())
        if len(node) == 0 and node.text:
            values.append(node.text)
        for value in values:
            for token in value.split()[:8]:
                match = _QNAME_TOKEN.match(token)
                if match and match.group(1) in node.nsmap:
                    found.add(match.group(1))
    return found


def _local_ref(value: str) -> str:
    return value.strip().rpartition(":")[2]
