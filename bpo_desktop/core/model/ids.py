"""Stable, XML-NCName-safe element ids (BPMN ids are xsd:ID, so they must be NCNames)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Container

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def is_ncname(value: str) -> bool:
    return bool(_NCNAME.match(value))


def new_id(prefix: str, taken: Container[str] = (), token: Callable[[], str] | None = None) -> str:
    """Return `<Prefix>_<hex>` not in `taken`. Random, so ids stay unique across merged copies."""
    if not is_ncname(prefix):
        raise ValueError(f"id prefix {prefix!r} is not an XML NCName")
    make = token or (lambda: secrets.token_hex(4))
    while True:
        candidate = f"{prefix}_{make()}"
        if candidate not in taken:
            return candidate
