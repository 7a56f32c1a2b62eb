"""The one error BPMN import raises for a file it cannot understand."""

from __future__ import annotations

from bpo_desktop.core.errors import InputError


class BpmnImportError(InputError):
    """A BPMN file cannot be read. `str()` is one line: the source, the line number, the reason."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        reason = " ".join(reason.split())
        where = f"{source}: line {line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.reason = reason
        self.line = line
