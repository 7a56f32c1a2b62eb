"""The Workspace: everything one `.bpo` file holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from bpo_desktop.core.model.ids import new_id
from bpo_desktop.core.model.process import Process
from bpo_desktop.core.model.records import Record
from bpo_desktop.core.model.systems import System, default_systems


@dataclass(eq=True)
class Workspace:
    id: str
    name: str
    processes: dict[str, Process] = field(default_factory=dict)
    systems: dict[str, System] = field(default_factory=default_systems)
    #: Feature data by record id (simulation runs, workshop sessions …), see `records.py`.
    records: dict[str, Record] = field(default_factory=dict)

    def has_id(self, element_id: str) -> bool:
        return (
            element_id == self.id
            or element_id in self.processes
            or element_id in self.systems
            or element_id in self.records
            or any(p.has_id(element_id) for p in self.processes.values())
        )

    def new_id(self, prefix: str) -> str:
        """A fresh id unique in the whole workspace."""
        return new_id(prefix, taken=_Taken(self))

    def process_by_name(self, name: str) -> Process:
        for process in self.processes.values():
            if process.name == name:
                return process
        names = ", ".join(repr(p.name) for p in self.processes.values()) or "none"
        raise KeyError(f"no process named {name!r} (processes: {names})")

    def process_of(self, element_id: str) -> Process | None:
        """The process that holds an element, annotation or scenario with this id."""
        for process in self.processes.values():
            if process.has_id(element_id):
                return process
        return None

    def records_of(self, kind: str, process_id: str | None = None) -> list[Record]:
        """Records of one kind (of one process when given), in insertion order."""
        return [
            r
            for r in self.records.values()
            if r.kind == kind and (process_id is None or r.process_id == process_id)
        ]

    def system_by_name(self, name: str) -> System | None:
        return next((s for s in self.systems.values() if s.name == name), None)

    def copy(self) -> Workspace:
        return Workspace(
            id=self.id,
            name=self.name,
            processes={pid: p.copy() for pid, p in self.processes.items()},
            systems=dict(self.systems),
            records=dict(self.records),
        )


class _Taken:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and self._workspace.has_id(item)


def new_workspace(name: str = "Untitled workspace") -> Workspace:
    return Workspace(id=new_id("Workspace"), name=name)
