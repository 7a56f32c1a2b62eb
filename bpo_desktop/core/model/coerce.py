"""Turn loosely typed values (from JSON, forms, the CLI) into the declared field types."""

from __future__ import annotations

import enum
import types
import typing
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints


@cache
def field_types(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def coerce_value(annotation: Any, value: Any) -> Any:
    """Coerce `value` to `annotation`; raise ValueError with a readable reason when it cannot."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = get_args(annotation)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return coerce_value(option, value)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError("; ".join(errors))
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ValueError(f"expected a list, got {value!r}")
        (item_type, *_rest) = get_args(annotation)
        return tuple(coerce_value(item_type, v) for v in value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        try:
            return annotation(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in annotation)
            raise ValueError(f"{value!r} is not one of {choices}") from None
    return _coerce_scalar(annotation, value)


def _coerce_scalar(annotation: Any, value: Any) -> Any:
    if annotation is bool:
        if isinstance(value, bool):
            return value
        if value in (0, 1, "0", "1", "true", "false", "True", "False"):
            return value in (1, "1", "true", "True")
        raise ValueError(f"expected true or false, got {value!r}")
    if annotation in (int, float):
        if isinstance(value, bool) or value is None:
            raise ValueError(f"expected a number, got {value!r}")
        try:
            number = annotation(value)
        except (TypeError, ValueError):
            raise ValueError(f"expected a number, got {value!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number, got {value!r}")
        return number
    if annotation is str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value
    if annotation is typing.Any:
        return value
    if isinstance(annotation, type) and isinstance(value, annotation):
        return value
    raise ValueError(f"cannot store {value!r} as {annotation}")


def coerce_fields(cls: type, changes: dict[str, Any]) -> dict[str, Any]:
    """Coerce each change to `cls`'s field type; unknown fields are an error."""
    types_ = field_types(cls)
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in types_ or name == "id":
            raise ValueError(f"{cls.__name__} has no editable property {name!r}")
        try:
            out[name] = coerce_value(types_[name], value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    return out
