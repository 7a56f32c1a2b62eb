"""Make every id of a parsed document a unique NCName the target workspace does not use yet.

BPMN ids are `xsd:ID`, and the model requires NCNames unique in the workspace. An id that is
invalid or already taken is renamed everywhere it is referenced; a duplicate is renamed where
it is declared only, so references keep meaning the first element (as in bpmn-moddle).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from lxml import etree

from bpo_desktop.core.interchange.bpmn.namespaces import BPO, OWN, split
from bpo_desktop.core.model.ids import is_ncname

#: Attributes and simple elements whose value is one id or a space-separated list of ids.
REFERENCE_NAMES = frozenset(
    {
        "default",
        "bpmnElement",
        "sourceElement",
        "targetElement",
        "labelStyle",
        "calledElement",
        "incoming",
        "outgoing",
        "choreographyActivityShape",
        # our extension
        "element",
        "targets",
        "lane_id",
        "parent_id",
        "attached_to",
        "source",
        "target",
        "system_id",
    }
)
_ID_NAMESPACES = OWN | {BPO}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")

Warn = Callable[[int | None, str], None]


def is_reference(name: str) -> bool:
    local = split(name)[1]
    return local in REFERENCE_NAMES or local.endswith(("Ref", "Refs"))


def normalize_ids(root: etree._Element, taken: Container[str], warn: Warn) -> dict[str, str]:
    """Rename ids in place; returns the renames applied throughout the document."""
    seen: set[str] = set()
    throughout: dict[str, str] = {}
    clashes: list[tuple[str, str]] = []  # ids the workspace already uses: one warning for all
    elements = [el for el in root.iter(etree.Element) if el.get("id") is not None and _has_id(el)]
    declared = {str(el.get("id")) for el in elements}
    for el in elements:
        old = str(el.get("id"))
        if old in seen:
            new = _fresh(old, seen, declared, taken)
            warn(el.sourceline, f"duplicate id {old!r} renamed {new!r}")
        elif not is_ncname(old) or old in taken:
            new = throughout.get(old) or _fresh(old, seen, declared, taken)
            throughout[old] = new
            if is_ncname(old):
                clashes.append((old, new))
            else:
                warn(el.sourceline, f"id {old!r} is not a valid id; renamed {new!r}")
        else:
            new = old
        seen.add(new)
        if new != old:
            el.set("id", new)
    if throughout:
        _apply(root, throughout)
    if clashes:
        old, new = clashes[0]
        warn(
            None,
            f"{len(clashes)} id(s) already used in the workspace were renamed "
            f"(e.g. {old!r} → {new!r})",
        )
    return throughout


def _has_id(el: etree._Element) -> bool:
    return (
        isinstance(el.tag, str) and el.get("id") is not None and split(el.tag)[0] in _ID_NAMESPACES
    )


def _fresh(old: str, seen: set[str], declared: set[str], taken: Container[str]) -> str:
    base = _UNSAFE.sub("_", old.strip()) or "id"
    if not is_ncname(base):
        base = f"_{base}"
    candidate, n = base, 1
    while candidate in seen or candidate in declared or candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    declared.add(candidate)
    return candidate


def _apply(root: etree._Element, renames: dict[str, str]) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if is_reference(name):
                el.set(name, rename_tokens(value, renames))
        if len(el) == 0 and el.text and is_reference(el.tag):
            el.text = rename_tokens(el.text, renames)


def rename_tokens(value: str, renames: dict[str, str]) -> str:
    """Rename the id (or each whitespace-separated id, optionally `prefix:id`) in `renames`."""
    if value.strip() in renames:  # an invalid id may itself contain spaces
        return renames[value.strip()]
    out = []
    changed = False
    for token in value.split():
        prefix, colon, local = token.rpartition(":")
        target = renames.get(token) or renames.get(local)
        if target is not None:
            token = f"{prefix}{colon}{target}" if token not in renames else target
            changed = True
        out.append(token)
    return " ".join(out) if changed else value
