"""Scenarios: named variants of a process stored as overrides of the base (as-is, to-be)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bpo_desktop.core.model.elements import Element
from bpo_desktop.core.model.enums import ScenarioKind
from bpo_desktop.core.model.layout import Layout

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Scenario:
    """A variant: property overrides per element id, added elements and removed element ids.

    Overrides are plain field values, coerced to the field's type when the scenario is applied.
    """

    id: str
    name: str
    kind: ScenarioKind = ScenarioKind.TO_BE
    description: str = ""
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    added: tuple[Element, ...] = ()
    added_layout: Mapping[str, Layout] = field(default_factory=dict)
    removed: frozenset[str] = frozenset()

    def touched_ids(self) -> set[str]:
        return set(self.overrides) | {e.id for e in self.added} | set(self.removed)
