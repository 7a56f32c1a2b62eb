"""take / put_back: removed entries return to their old position."""

from __future__ import annotations

import pytest

from bpo_desktop.core.editing.slots import put_back, take


def test_put_back_restores_insertion_order() -> None:
    data = {"a": 1, "b": 2, "c": 3, "d": 4}
    same_object = data
    slots = [take(data, "b"), take(data, "d"), take(data, "a")]
    assert data == {"c": 3}
    for slot in reversed(slots):
        put_back(data, slot)
    assert list(data.items()) == [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
    assert data is same_object


def test_take_of_a_missing_key_raises() -> None:
    with pytest.raises(KeyError):
        take({"a": 1}, "b")
