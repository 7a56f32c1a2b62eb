"""Where packaged resources live: `_resources` in a wheel, `resources/` in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    for root in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"resource {'/'.join(parts)} is missing from the installation")


def sample_path() -> Path:
    """The packaged sample workspace. Never opened for writing: users get a copy."""
    return resource_path("samples", "sample.bpo")
