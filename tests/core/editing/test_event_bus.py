"""EventBus: subscription order, unsubscribing, and errors that reach the caller."""

from __future__ import annotations

from typing import Any

import pytest

from bpo_desktop.core.editing import EventBus


def test_listeners_get_the_payload_in_subscription_order() -> None:
    bus = EventBus()
    calls: list[tuple[str, Any]] = []
    bus.on("x", lambda p: calls.append(("first", p)))
    bus.on("x", lambda p: calls.append(("second", p)))
    bus.on("y", lambda p: calls.append(("other", p)))
    bus.fire("x", 42)
    assert calls == [("first", 42), ("second", 42)]


def test_off_unsubscribes_and_ignores_unknown_listeners() -> None:
    bus = EventBus()
    calls: list[Any] = []
    bus.on("x", calls.append)
    bus.off("x", calls.append)
    bus.off("never", calls.append)
    bus.fire("x", 1)
    assert calls == []


def test_a_listener_may_unsubscribe_itself_while_called() -> None:
    bus = EventBus()
    calls: list[str] = []

    def once(_payload: Any) -> None:
        calls.append("once")
        bus.off("x", once)

    bus.on("x", once)
    bus.on("x", lambda _p: calls.append("always"))
    bus.fire("x")
    bus.fire("x")
    assert calls == ["once", "always", "always"]


def test_listener_errors_propagate_to_fire() -> None:
    bus = EventBus()

    def broken(_payload: Any) -> None:
        raise RuntimeError("listener failed")

    bus.on("x", broken)
    with pytest.raises(RuntimeError, match="listener failed"):
        bus.fire("x")
