"""Guards the PySide6 pin: 6.12.0 on Python 3.11 drops None's refcount on every void call."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem


def test_void_calls_do_not_leak_none_references(qapp) -> None:  # type: ignore[no-untyped-def]
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for i in range(10_000):
        item.setPos(i, i)  # returns None: the broken build decrements None's refcount here
    after = sys.getrefcount(None)
    assert after >= before, f"None lost {before - after} references in 10,000 void calls"
    assert item.pos().x() == 9_999
