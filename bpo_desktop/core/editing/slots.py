"""Remove an entry from a dict and later put it back at the same position.

Undo restores insertion order too, so iteration order (lists, exports) is exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Slot(Generic[K, V]):
    key: K
    index: int
    value: V


def take(mapping: dict[K, V], key: K) -> Slot[K, V]:
    """Remove `key` and return where it was. Raises KeyError when it is missing."""
    if key not in mapping:
        raise KeyError(key)
    index = list(mapping).index(key)
    return Slot(key, index, mapping.pop(key))


def put_back(mapping: dict[K, V], slot: Slot[K, V]) -> None:
    """Re-insert a taken entry at its old position (undo `take`s in reverse order)."""
    if slot.index >= len(mapping):
        mapping[slot.key] = slot.value
        return
    items = list(mapping.items())
    items.insert(slot.index, (slot.key, slot.value))
    mapping.clear()  # rebuild in place: callers may hold a reference to this dict
    mapping.update(items)
