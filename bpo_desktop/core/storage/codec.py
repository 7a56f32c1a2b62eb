"""Field-level conversion between frozen domain dataclasses and flat row dicts.

Decoders are built once per class from its type hints, so loading 10,000 rows stays cheap, and
every value read from a file is checked: a tampered row gives a clear error, never a wrong type.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

Decoder = Callable[[Any], Any]


class RowError(ValueError):
    """A stored value does not fit its field."""


def encode_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def encode(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The dataclass's fields as storable scalars (enums by value, bools as 0/1)."""
    return {
        name: encode_value(getattr(obj, name))
        for name in _field_names(type(obj))
        if name not in skip
    }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@cache
def field_decoders(cls: type) -> tuple[tuple[str, Decoder], ...]:
    hints = get_type_hints(cls)
    return tuple((f.name, _decoder_for(hints[f.name])) for f in fields(cls))


def decode(cls: type, row: dict[str, Any], **extra: Any) -> Any:
    """Build `cls` from a row dict; columns the class has no field for are ignored."""
    values: dict[str, Any] = dict(extra)
    for name, decoder in field_decoders(cls):
        if name in values or name not in row:
            continue
        raw = row[name]
        if raw is None:
            continue  # the dataclass default stands in for NULL
        try:
            values[name] = decoder(raw)
        except (TypeError, ValueError) as exc:
            raise RowError(f"{cls.__name__} {row.get('id', '?')}: {name}: {exc}") from None
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is NULL
        raise RowError(f"{cls.__name__} {row.get('id', '?')}: {exc}") from None


def _decoder_for(annotation: Any) -> Decoder:
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _decoder_for(inner[0]) if len(inner) == 1 else _identity
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    return _SCALARS.get(annotation, _identity)


def _identity(value: Any) -> Any:
    return value


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _as_bool(value: Any) -> bool:
    if value not in (0, 1):
        raise ValueError(f"expected 0 or 1, got {value!r}")
    return bool(value)


_SCALARS: dict[Any, Decoder] = {str: _as_str, float: _as_float, int: _as_int, bool: _as_bool}
