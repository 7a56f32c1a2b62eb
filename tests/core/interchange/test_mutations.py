"""Corpus files broken at random (seeded): no crash, no hang, and every export validates.

Elements are removed or moved, attributes dropped or set to junk (empty, two words, a stray
prefix, another element's id), text put where none belongs. The import must refuse cleanly or
import with warnings; whatever it imports must export to schema-valid BPMN that reads back.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from bpo_desktop.core.interchange.bpmn import BpmnImportError, export_bpmn, import_bpmn
from bpo_desktop.core.model import new_workspace

ROUNDS = 200
JUNK = ("", "x y", "1", "zz:qq", "true", "-3.5")


def mutate(root: etree._Element, rng: random.Random) -> None:
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    for _ in range(rng.randint(1, 6)):
        el = rng.choice(elements)
        roll = rng.random()
        parent = el.getparent()
        if roll < 0.3 and parent is not None:
            parent.remove(el)
        elif roll < 0.6 and el.attrib:
            name = rng.choice(list(el.attrib))
            if rng.random() < 0.5:
                del el.attrib[name]
            else:
                el.set(name, rng.choice([*JUNK, rng.choice(elements).get("id") or "nope"]))
        elif roll < 0.8:
            other = rng.choice(elements)
            if (
                other is not el
                and el not in other.iterancestors()
                and other not in (el.iterancestors())
            ):
                el.append(other)
        else:
            el.text = rng.choice(["text", "  ", "x:y"])


def test_broken_files_never_crash_and_exports_validate(
    corpus: Path,
    manifest: dict[str, dict[str, str]],
    outcomes: Any,
    schema_errors: Callable[[bytes], list[str]],
) -> None:
    importable = [
        path for path, row in sorted(manifest.items())
        if row["kind"] == "bpmn" and outcomes[path].result is not None
    ]  # fmt: skip
    rng = random.Random(20260731)
    imported = 0
    for _ in range(ROUNDS):
        path = rng.choice(importable)
        root = etree.fromstring((corpus / path).read_bytes())
        mutate(root, rng)
        try:
            result = import_bpmn(etree.tostring(root), source=f"mutated {path}")
        except BpmnImportError:
            continue
        imported += 1
        exported = export_bpmn(result.processes[0], new_workspace())
        assert schema_errors(exported) == [], path
        import_bpmn(exported, source=f"export of mutated {path}")
    assert imported > ROUNDS // 2
