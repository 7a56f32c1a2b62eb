"""The BPMN 2.0 content model: which children (in which order) and attributes each element allows.

It is derived from the OMG schemas (BPMN20.xsd and the files it includes) by `derive()` and kept
as `content_model.json`, so the app needs no schema at run time. The reader uses it to drop
content the schema forbids (so every export validates), the writer to order children.
`tests/core/interchange/test_content_model.py` re-derives it from the schemas and compares.

Regenerate: `uv run python -m bpo_desktop.core.interchange.bpmn.content_model XSD_DIR`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from bpo_desktop.core.interchange.bpmn.namespaces import PREFIXES, clark

_XS = "{http://www.w3.org/2001/XMLSchema}"
_FILES = ("Semantic.xsd", "BPMN20.xsd", "BPMNDI.xsd", "DI.xsd", "DC.xsd")
_JSON = Path(__file__).with_name("content_model.json")
UNBOUNDED = -1


@dataclass(frozen=True, slots=True)
class Slot:
    """One position in a type's child sequence."""

    tags: frozenset[str]  # Clark names; empty for a wildcard
    min: int
    max: int  # UNBOUNDED for no limit
    local_type: str | None  # the type of a locally declared element
    wildcard: str = ""  # "##other", "##any" (lax) or "strict" (only declared elements)
    choice: int = -1  # slots of one xs:choice share a number; only one branch may be used
    branch: int = -1


@dataclass(frozen=True, slots=True)
class TypeInfo:
    name: str
    slots: tuple[Slot, ...]
    attributes: dict[str, tuple[str, bool]]  # name → (simple type, required)
    foreign_attributes: bool  # anyAttribute ##other
    mixed: bool

    def rank(self, tag: str, foreign: bool) -> int | None:
        """The slot index a child with this Clark name belongs to (None: not allowed here)."""
        for index, slot in enumerate(self.slots):
            if tag in slot.tags:
                return index
            if slot.wildcard in ("##any", "##other") and (foreign or slot.wildcard == "##any"):
                return index
        return None


class ContentModel:
    def __init__(self, data: dict[str, Any]) -> None:
        self._elements: dict[str, str] = {_expand(k): v for k, v in data["elements"].items()}
        self._types = {name: _type_info(name, raw) for name, raw in data["types"].items()}
        self.enums: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in data["enums"].items()}

    def element_type(self, tag: str) -> TypeInfo | None:
        """The type of a globally declared element (Clark name)."""
        name = self._elements.get(tag)
        return self._types.get(name) if name else None

    def type_named(self, name: str) -> TypeInfo | None:
        return self._types.get(name)

    def child_type(self, parent: TypeInfo, tag: str) -> TypeInfo | None:
        for slot in parent.slots:
            if tag in slot.tags and slot.local_type:
                return self._types.get(slot.local_type)
        return self.element_type(tag)

    def child_type_of_slot(self, slot: Slot, tag: str) -> TypeInfo | None:
        if slot.local_type:
            return self._types.get(slot.local_type)
        return self.element_type(tag)

    def is_declared(self, tag: str) -> bool:
        return tag in self._elements


@cache
def content_model() -> ContentModel:
    return ContentModel(json.loads(_JSON.read_text(encoding="utf-8")))


def _expand(short: str) -> str:
    prefix, local = short.split(":", 1)
    return clark(PREFIXES[prefix], local)


def _type_info(name: str, raw: dict[str, Any]) -> TypeInfo:
    slots = []
    for tags, low, high, local_type, choice, branch in raw["slots"]:
        if (tags and tags[0].startswith("##")) or tags == ["strict"]:
            slots.append(Slot(frozenset(), low, high, None, tags[0], choice, branch))
        else:
            names = frozenset(_expand(t) for t in tags)
            slots.append(Slot(names, low, high, local_type, "", choice, branch))
    attributes = {k: (v[0], bool(v[1])) for k, v in raw["attrs"].items()}
    return TypeInfo(name, tuple(slots), attributes, bool(raw["other"]), bool(raw["mixed"]))


# -- derivation from the schemas (development and tests) ------------------------------------
class _Schemas:
    def __init__(self, xsd_dir: Path) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        roots = [etree.parse(str(xsd_dir / name), parser).getroot() for name in _FILES]
        self.types: dict[str, etree._Element] = {}
        self.simple: dict[str, etree._Element] = {}
        self.elements: dict[str, tuple[str | None, bool]] = {}
        self.groups: dict[str, list[str]] = {}
        for root in roots:
            ns = root.get("targetNamespace")
            for node in root.findall(f"{_XS}complexType"):
                self.types[_short(ns, node.get("name"))] = node
            for node in root.findall(f"{_XS}simpleType"):
                self.simple[_short(ns, node.get("name"))] = node
            for node in root.findall(f"{_XS}element"):
                name = _short(ns, node.get("name"))
                type_name = _ref(node, node.get("type")) if node.get("type") else None
                self.elements[name] = (type_name, node.get("abstract") == "true")
                if node.get("substitutionGroup"):
                    head = _ref(node, node.get("substitutionGroup"))
                    self.groups.setdefault(head, []).append(name)

    def members(self, head: str) -> list[str]:
        type_name, abstract = self.elements[head]
        own = [] if abstract or self._abstract_type(type_name) else [head]
        return own + [m for child in self.groups.get(head, []) for m in self.members(child)]

    def _abstract_type(self, type_name: str | None) -> bool:
        node = self.types.get(type_name or "")
        return node is not None and node.get("abstract") == "true"

    def flatten(self, type_name: str) -> dict[str, Any]:
        node = self.types[type_name]
        out: dict[str, Any] = {"slots": [], "attrs": {}, "other": False, "mixed": False}
        body = node
        extension = node.find(f"{_XS}complexContent/{_XS}extension")
        if extension is not None:
            base = self.flatten(_ref(extension, extension.get("base")))
            out = {**base, "slots": list(base["slots"]), "attrs": dict(base["attrs"])}
            body = extension
        out["mixed"] = out["mixed"] or node.get("mixed") == "true"
        self._walk(body, out, None)
        return out

    def _walk(
        self, node: etree._Element, out: dict[str, Any], choice: tuple[int, int] | None
    ) -> None:
        for child in node:
            self._walk_one(child, out, choice)

    def _walk_one(
        self, child: etree._Element, out: dict[str, Any], choice: tuple[int, int] | None
    ) -> None:
        if child.tag == f"{_XS}sequence":
            self._walk(child, out, choice)
        elif child.tag == f"{_XS}choice":
            number = out["choices"] = out.get("choices", 0) + 1
            for branch, alternative in enumerate(c for c in child if isinstance(c.tag, str)):
                self._walk_one(alternative, out, (number, branch))
        elif child.tag == f"{_XS}element":
            low = 0 if choice else int(child.get("minOccurs", "1"))
            high = child.get("maxOccurs", "1")
            top = UNBOUNDED if high == "unbounded" else int(high)
            if child.get("ref"):
                tags, local_type = self.members(_ref(child, child.get("ref"))), None
            else:
                ns = child.getroottree().getroot().get("targetNamespace")
                tags = [_short(ns, child.get("name"))]
                local_type = self._local_type(child, tags[0])
            out["slots"].append([tags, low, top, local_type, *(choice or (-1, -1))])
        elif child.tag == f"{_XS}any":
            lax = child.get("processContents", "strict") != "strict"
            wildcard = child.get("namespace", "##any") if lax else "strict"
            top = UNBOUNDED if child.get("maxOccurs") == "unbounded" else 1
            low = int(child.get("minOccurs", "1"))
            out["slots"].append([[wildcard], low, top, None, *(choice or (-1, -1))])
        elif child.tag == f"{_XS}attribute":
            out["attrs"][child.get("name")] = [
                _ref(child, child.get("type")),
                int(child.get("use") == "required"),
            ]
        elif child.tag == f"{_XS}anyAttribute":
            out["other"] = True

    def _local_type(self, node: etree._Element, name: str) -> str:
        inline = node.find(f"{_XS}complexType")
        if inline is None:
            return _ref(node, node.get("type"))
        anonymous = f"{name}.anonymous"  # an inline type, named after its element
        self.types[anonymous] = inline
        return anonymous

    def enums(self) -> dict[str, list[str]]:
        found = {}
        for name, node in self.simple.items():
            values = [e.get("value") for e in node.iter(f"{_XS}enumeration")]
            if values and node.find(f"{_XS}union") is None:
                found[name] = values
        return found


def derive(xsd_dir: Path) -> dict[str, Any]:
    """The content model of the schemas in `xsd_dir`, in the JSON shape this module loads."""
    schemas = _Schemas(xsd_dir)
    elements, types = {}, {}
    for name, (type_name, abstract) in sorted(schemas.elements.items()):
        if abstract or type_name is None or type_name not in schemas.types:
            continue
        elements[name] = type_name
    pending = sorted(schemas.types)
    while pending:  # flattening can discover inline (anonymous) types
        for type_name in pending:
            types[type_name] = schemas.flatten(type_name)
            types[type_name].pop("choices", None)
        pending = sorted(set(schemas.types) - set(types))
    return {"elements": elements, "types": types, "enums": schemas.enums()}


def _short(ns: str | None, local: str | None) -> str:
    prefix = next(p for p, uri in PREFIXES.items() if uri == ns)
    return f"{prefix}:{local}"


def _ref(node: etree._Element, value: str | None) -> str:
    if value is None:
        raise ValueError(f"line {node.sourceline}: missing type reference")
    prefix, _, local = value.rpartition(":")
    uri = node.nsmap.get(prefix or None)
    if uri == _XS[1:-1]:
        return f"xsd:{local}"
    return _short(uri, local)


def main(argv: list[str]) -> int:
    data = derive(Path(argv[0]))
    _JSON.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"wrote {_JSON} ({len(data['elements'])} elements, {len(data['types'])} types)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
