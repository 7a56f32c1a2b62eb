"""Typed field updates for records `coerce_fields` cannot fully handle (scenario mappings)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bpo_desktop.core.model import EdgeLayout, Layout, Scenario, ShapeLayout
from bpo_desktop.core.model.coerce import coerce_fields

_MAPPING_FIELDS = ("overrides", "added_layout", "removed")


def coerce_scenario_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Like `coerce_fields(Scenario, …)`, plus the mapping and set fields it cannot type-check."""
    plain = {k: v for k, v in changes.items() if k not in _MAPPING_FIELDS}
    out = coerce_fields(Scenario, plain)
    if "overrides" in changes:
        out["overrides"] = _overrides(changes["overrides"])
    if "added_layout" in changes:
        out["added_layout"] = _layouts(changes["added_layout"])
    if "removed" in changes:
        out["removed"] = _id_set(changes["removed"])
    return out


def _overrides(value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, Mapping):
        raise ValueError(f"overrides: expected a mapping of element id to changes, got {value!r}")
    result: dict[str, dict[str, Any]] = {}
    for element_id, changes in value.items():
        if not isinstance(element_id, str) or not isinstance(changes, Mapping):
            raise ValueError(f"overrides: {element_id!r} must map to a mapping of field values")
        if not all(isinstance(name, str) for name in changes):
            raise ValueError(f"overrides: field names of {element_id!r} must be text")
        result[element_id] = dict(changes)
    return result


def _layouts(value: Any) -> dict[str, Layout]:
    valid = isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, ShapeLayout | EdgeLayout) for k, v in value.items()
    )
    if not valid:
        raise ValueError(f"added_layout: expected a mapping of element id to layout, got {value!r}")
    return dict(value)


def _id_set(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise ValueError(f"removed: expected a collection of element ids, got {value!r}")
    if not all(isinstance(item, str) for item in value):
        raise ValueError(f"removed: element ids must be text, got {value!r}")
    return frozenset(value)
