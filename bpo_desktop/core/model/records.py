"""Workspace records: typed feature data (simulation setups and runs, workshop sessions, votes,
actions …) kept as JSON documents beside the process model.

Each feature owns a `kind` and the shape of its body (with a codec in its own package), so a
new feature needs no new table; the record id is stable across copies of a file, which is
what a breakout merge matches on. Bodies are deep-frozen so a record stays a value.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

JsonValue = Any  # None | bool | int | float | str | list | dict, validated by `freeze_json`


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    process_id: str | None = None  # the process it belongs to; None: the whole workspace
    body: Mapping[str, JsonValue] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not self.kind:
            raise ValueError(f"record {self.id}: a record needs a kind")
        frozen = freeze_json(self.body, f"record {self.id}")
        if not isinstance(frozen, Mapping):
            raise ValueError(f"record {self.id}: the body must be a JSON object")
        object.__setattr__(self, "body", frozen)

    def body_json(self) -> str:
        """The body as canonical JSON (sorted keys), as stored."""
        return json.dumps(thaw_json(self.body), sort_keys=True, ensure_ascii=False)


def freeze_json(value: JsonValue, where: str = "value") -> JsonValue:
    """An immutable copy of a JSON-compatible value; anything else is a ValueError."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} is not a finite number")
        return value
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise ValueError(f"{where}: object keys must be text")
        return MappingProxyType({k: freeze_json(v, f"{where}.{k}") for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze_json(v, f"{where}[]") for v in value)
    raise ValueError(f"{where}: {type(value).__name__} is not JSON data")


def thaw_json(value: JsonValue) -> JsonValue:
    """Plain dicts and lists again (for `json.dumps` and for editing a copy)."""
    if isinstance(value, Mapping):
        return {k: thaw_json(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw_json(v) for v in value]
    return value
