"""The file's catalogue of systems a step can be done in, including off-system media."""

from __future__ import annotations

from dataclasses import dataclass

from bpo_desktop.core.model.enums import SystemKind


@dataclass(frozen=True, slots=True)
class System:
    id: str
    name: str
    kind: SystemKind = SystemKind.IT
    is_system_of_record: bool = False

    @property
    def is_off_system(self) -> bool:
        return self.kind.is_off_system


def default_systems() -> dict[str, System]:
    """The off-system media every new workspace starts with (PRODUCT.md M6)."""
    presets = [
        System("System_email", "Email", SystemKind.EMAIL),
        System("System_paper", "Paper", SystemKind.PAPER),
        System("System_phone", "Phone", SystemKind.PHONE),
        System("System_spreadsheet", "Spreadsheet", SystemKind.SPREADSHEET),
        System("System_manual", "Manual", SystemKind.MANUAL),
    ]
    return {s.id: s for s in presets}
