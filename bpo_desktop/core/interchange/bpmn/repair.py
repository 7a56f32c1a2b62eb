"""Keep imported XML only where the BPMN schema allows it, so what we re-export validates.

Files in the wild carry content that breaks the schema (an empty `calledElement`, an
`ioSpecification` without its sets, a vendor element inside `di:extension`). Content the model
maps is rebuilt from the model anyway; content kept verbatim passes through `Checker` first,
which drops (or, where the schema only lacks an empty element, completes) what is invalid and
says so in a warning with the line number.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

from lxml import etree

from bpo_desktop.core.interchange.bpmn.content_model import (
    UNBOUNDED,
    ContentModel,
    Slot,
    TypeInfo,
)
from bpo_desktop.core.interchange.bpmn.namespaces import OWN, PREFIXES, XSI, clark, split

_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
_QNAME = re.compile(r"^(?:[^\W\d][\w.\-]*:)?[^\W\d][\w.\-]*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_BOOLEAN = frozenset({"true", "false", "1", "0"})
XSI_TYPE = clark(XSI, "type")
_SHORT = {uri: prefix for prefix, uri in PREFIXES.items() if uri in OWN}


def display(tag: str) -> str:
    """`{ns}local` → `local`, for messages."""
    return split(tag)[1]


class Checker:
    """Validates elements against the content model; fixes or drops what does not fit."""

    def __init__(
        self, model: ContentModel, ids: set[str], warn: Callable[[int | None, str], None]
    ) -> None:
        self.model = model
        self.ids = ids
        self.warn = warn

    # -- attributes ---------------------------------------------------------------------------
    def attributes(self, el: etree._Element, info: TypeInfo, *, strict: bool) -> bool:
        """Drop invalid attributes. With `strict`, a missing required one rejects the element."""
        info = self._xsi_type(el, info)
        for name in list(el.attrib):
            value = el.attrib[name]
            namespace, local = split(name)
            if namespace is not None:
                if not info.foreign_attributes and namespace != XSI:
                    self._drop_attribute(el, name, "not allowed here")
                continue
            declared = info.attributes.get(local)
            if declared is None:
                self._drop_attribute(el, name, "not a BPMN attribute here")
            elif not self.valid(value, declared[0], el):
                self._drop_attribute(el, name, f"{value!r} is not a valid {declared[0]}")
        if not strict:
            return True
        for name, (type_name, required) in info.attributes.items():
            if required and name not in el.attrib:
                if type_name != "xsd:string":
                    self.warn(el.sourceline, f"<{display(el.tag)}> lacks {name}; dropped")
                    return False
                el.set(name, "")
                self.warn(el.sourceline, f"<{display(el.tag)}> lacks {name}; set to empty")
        return True

    def _xsi_type(self, el: etree._Element, info: TypeInfo) -> TypeInfo:
        value = el.get(XSI_TYPE)
        if value is None:
            return info
        prefix, _, local = value.strip().rpartition(":")
        namespace = el.nsmap.get(prefix or None)
        short = _SHORT.get(namespace or "")
        if short is not None:
            named = self.model.type_named(f"{short}:{local}")
            if named is not None:
                return named
        self._drop_attribute(el, XSI_TYPE, "unknown type")
        return info

    def _drop_attribute(self, el: etree._Element, name: str, why: str) -> None:
        del el.attrib[name]
        self.warn(el.sourceline, f"<{display(el.tag)}> attribute {display(name)} dropped ({why})")

    def valid(self, value: str, type_name: str, el: etree._Element) -> bool:
        text = value.strip()
        if type_name == "xsd:boolean":
            return text in _BOOLEAN
        if type_name in ("xsd:integer", "xsd:int"):
            return bool(_INTEGER.match(text))
        if type_name in ("xsd:double", "xsd:float", "xsd:decimal"):
            return _is_float(text)
        if type_name == "xsd:QName":
            prefix = text.partition(":")[0] if ":" in text else None
            return bool(_QNAME.match(text)) and (prefix is None or prefix in el.nsmap)
        if type_name in ("xsd:ID", "xsd:NCName"):
            return bool(_NCNAME.match(text))
        if type_name == "xsd:IDREF":
            return bool(_NCNAME.match(text)) and text in self.ids
        enum = self.model.enums.get(type_name)
        return enum is None or text in enum

    # -- whole elements -----------------------------------------------------------------------
    def element(self, el: etree._Element, info: TypeInfo) -> bool:
        """Check an element and its subtree; False when the element itself has to go."""
        if not self.attributes(el, info, strict=True):
            return False
        info = self._xsi_type(el, info)
        if not info.mixed:
            self._strip_text(el, info)
        ranked: list[tuple[int, etree._Element]] = []
        for child in list(el):
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions stay where they are
            rank = self._child(el, info, child)
            if rank is not None:
                ranked.append((rank, child))
        return self._cardinality(el, info, ranked)

    def _child(self, parent: etree._Element, info: TypeInfo, child: etree._Element) -> int | None:
        namespace = split(child.tag)[0]
        rank = info.rank(child.tag, foreign=namespace is not None and namespace not in OWN)
        if rank is None:
            self._remove(parent, child, f"not allowed in <{display(parent.tag)}>")
            return None
        slot = info.slots[rank]
        if slot.wildcard:
            if slot.wildcard == "strict" and not self.model.is_declared(child.tag):
                self._remove(parent, child, "undeclared content")
                return None
            return rank if self.lax(parent, child) else None
        child_info = self.model.child_type(info, child.tag)
        if child_info is not None:
            ok = self.element(child, child_info)
        else:  # simple content: text only
            simple = len(child) == 0 and not child.attrib
            ok = simple and self.valid(child.text or "", slot.local_type or "xsd:string", child)
        if not ok:
            self._remove(parent, child, "invalid")
            return None
        return rank

    def lax(self, parent: etree._Element, el: etree._Element) -> bool:
        """Lax content (extensions, documentation): BPMN/DI elements in it must still be valid."""
        info = self.model.element_type(el.tag) if split(el.tag)[0] in OWN else None
        if info is not None:
            if self.element(el, info):
                return True
            self._remove(parent, el, "invalid")
            return False
        for child in list(el):
            if isinstance(child.tag, str):
                self.lax(el, child)
        return True

    def _remove(self, parent: etree._Element, child: etree._Element, why: str) -> None:
        self.warn(child.sourceline, f"<{display(child.tag)}> dropped ({why})")
        _detach(parent, child)

    def _cardinality(
        self, el: etree._Element, info: TypeInfo, ranked: list[tuple[int, etree._Element]]
    ) -> bool:
        branch_of: dict[int, int] = {}  # xs:choice number → the branch in use
        for rank, child in ranked:
            slot = info.slots[rank]
            if slot.choice < 0:
                continue
            if branch_of.setdefault(slot.choice, slot.branch) != slot.branch:
                self._remove(el, child, "excluded by an earlier alternative")
        ranked = [(r, c) for r, c in ranked if c.getparent() is el]
        counts = Counter(rank for rank, _ in ranked)
        for rank, child in reversed(ranked):
            top = info.slots[rank].max
            if top != UNBOUNDED and counts[rank] > top:
                counts[rank] -= 1
                self._remove(el, child, "one too many")
        ranked = [(r, c) for r, c in ranked if c.getparent() is el]
        for rank, slot in enumerate(info.slots):
            missing = slot.min - counts[rank]
            if missing <= 0 or branch_of.get(slot.choice, slot.branch) != slot.branch:
                continue
            filler = self._empty(slot)
            if filler is None:
                self.warn(el.sourceline, f"<{display(el.tag)}> is incomplete; dropped")
                return False
            for _ in range(missing):
                ranked.append((rank, etree.SubElement(el, filler)))
            self.warn(el.sourceline, f"<{display(el.tag)}>: added an empty <{display(filler)}>")
        if any(a[0] > b[0] for a, b in itertools.pairwise(ranked)):
            for _, child in sorted(ranked, key=lambda item: item[0]):
                el.append(child)  # re-appending moves it: stable sort into schema order
        return True

    def _empty(self, slot: Slot) -> str | None:
        """A tag of the slot whose element is valid with no content, if there is one."""
        for tag in sorted(slot.tags):
            info = self.model.child_type_of_slot(slot, tag)
            if info is None:
                continue
            if all(s.min == 0 for s in info.slots) and not any(
                required for _, required in info.attributes.values()
            ):
                return tag
        return None

    def _strip_text(self, el: etree._Element, info: TypeInfo) -> None:
        if el.text and not el.text.strip() and not info.slots:
            el.text = None  # an empty content type allows no text at all, not even spaces
        if el.text and el.text.strip():
            self.warn(el.sourceline, f"<{display(el.tag)}>: text dropped (not allowed here)")
            el.text = None
        for child in el:
            if child.tail and child.tail.strip():
                child.tail = None


def _detach(parent: etree._Element, child: etree._Element) -> None:
    tail = child.tail
    previous = child.getprevious()
    parent.remove(child)
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _is_float(text: str) -> bool:
    if text in ("INF", "-INF", "NaN"):
        return True
    try:
        float(text)
    except ValueError:
        return False
    return text.lower() not in ("inf", "-inf", "nan", "infinity", "-infinity")
