"""A copy of a whole process with fresh ids (Duplicate process); references follow the copy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from bpo_desktop.core.model import (
    Annotation,
    Element,
    Layout,
    Process,
    Scenario,
    Workspace,
    id_prefix,
)

_REFERENCE_FIELDS = ("lane_id", "parent_id", "attached_to", "source", "target")


def clone_process(process: Process, workspace: Workspace, name: str) -> Process:
    ids: dict[str, str] = {}

    def fresh(old: str, prefix: str) -> str:
        new = workspace.new_id(prefix)
        while new in ids.values():
            new = workspace.new_id(prefix)
        ids[old] = new
        return new

    fresh(process.id, "Process")
    for element in process.elements.values():
        fresh(element.id, id_prefix(element))
    for scenario in process.scenarios.values():
        fresh(scenario.id, "Scenario")
        for added in scenario.added:
            fresh(added.id, id_prefix(added))
    for annotation_id in process.annotations:
        fresh(annotation_id, "Annotation")
    return Process(
        id=ids[process.id],
        name=name,
        documentation=process.documentation,
        owner=process.owner,
        elements={ids[i]: _element(e, ids) for i, e in process.elements.items()},
        layout={ids[i]: lay for i, lay in process.layout.items() if i in ids},
        annotations={ids[i]: _annotation(a, ids) for i, a in process.annotations.items()},
        scenarios={ids[i]: _scenario(s, ids) for i, s in process.scenarios.items()},
    )


def _element(element: Element, ids: Mapping[str, str]) -> Element:
    changes: dict[str, Any] = {"id": ids.get(element.id, element.id)}
    names = {f.name for f in fields(element)}
    for name in _REFERENCE_FIELDS:
        value = getattr(element, name, None) if name in names else None
        if isinstance(value, str):
            changes[name] = ids.get(value, value)
    return replace(element, **changes)


def _annotation(annotation: Annotation, ids: Mapping[str, str]) -> Annotation:
    return replace(
        annotation,
        id=ids[annotation.id],
        targets=tuple(ids.get(t, t) for t in annotation.targets),
    )


def _scenario(scenario: Scenario, ids: Mapping[str, str]) -> Scenario:
    overrides = {
        ids.get(element_id, element_id): {
            k: ids.get(v, v) if k in _REFERENCE_FIELDS and isinstance(v, str) else v
            for k, v in changes.items()
        }
        for element_id, changes in scenario.overrides.items()
    }
    layouts: dict[str, Layout] = {ids.get(i, i): lay for i, lay in scenario.added_layout.items()}
    return replace(
        scenario,
        id=ids[scenario.id],
        overrides=overrides,
        added=tuple(_element(e, ids) for e in scenario.added),
        added_layout=layouts,
        removed=frozenset(ids.get(i, i) for i in scenario.removed),
    )
