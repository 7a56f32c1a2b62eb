"""The recovery area: autosaved snapshots of unsaved documents, never the user's own files.

Layout of the area (a folder, by default the per-user data dir's `recovery/`):

- `SESSION.session`: one per running app, OS-locked for the app's life (see `lock.py`), so a
  session whose file is no longer locked ended without cleaning up: it crashed or was killed.
- `SESSION-KEY.bpo` + `SESSION-KEY.json`: the snapshot of one document (KEY) of that session,
  written with `save_workspace_as` (atomic) and then the JSON sidecar (atomic too): a snapshot
  counts only once its sidecar exists, so a kill between the two leaves nothing half-listed.

A clean save or close removes the document's snapshot; a clean exit removes the session file.
Nothing here deletes a snapshot unless asked to (`discard`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage.errors import BpoFileError
from bpo_desktop.core.storage.lock import (
    WriterLock,
    acquire_writer_lock,
    holder_of,
    lock_path_for,
)
from bpo_desktop.core.storage.reading import read_workspace
from bpo_desktop.core.storage.repository import save_workspace_as

_NAME = re.compile(r"^(?P<session>[0-9a-f]{16})-(?P<key>[0-9a-f]{16})\.json$")


@dataclass(frozen=True)
class Snapshot:
    """One autosaved document, as its sidecar describes it."""

    bpo_path: Path
    sidecar: Path
    session: str
    key: str
    original: Path | None  # the user's file, None for a document never saved
    name: str
    saved_at: datetime
    processes: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)  # process name -> elements

    @property
    def title(self) -> str:
        return self.original.name if self.original is not None else self.name

    def describe(self) -> str:
        """One line for the recovery dialog: file, time and what it holds."""
        where = str(self.original) if self.original is not None else f"{self.name} (never saved)"
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        total = sum(self.counts.values())
        return f"{where} — autosaved {when}: {len(self.processes)} process(es), {total} elements"


def new_key() -> str:
    return secrets.token_hex(8)


class RecoveryArea:
    """Snapshots of this app session, and the orphans of sessions that did not end cleanly."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.session = new_key()
        self._session_lock: WriterLock | None = None

    # -- this session ---------------------------------------------------------------------
    def start_session(self) -> None:
        """Mark this session alive; call once at startup (before `orphans`)."""
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self._session_file(self.session)
        marker.write_text(json.dumps({"pid": os.getpid(), "started": _now().isoformat()}))
        self._session_lock = acquire_writer_lock(marker)

    def end_session(self) -> None:
        """A clean exit: forget the session (its remaining snapshots, if any, stay listed)."""
        if self._session_lock is not None:
            self._session_lock.release()
            self._session_lock = None
        if not any(self.root.glob(f"{self.session}-*.json")):
            self._session_file(self.session).unlink(missing_ok=True)

    def write(self, key: str, workspace: Workspace, original: Path | None) -> Snapshot:
        """Snapshot `workspace` as document `key`; raises BpoFileError when the area is unusable."""
        self.root.mkdir(parents=True, exist_ok=True)
        bpo_path = self.root / f"{self.session}-{key}.bpo"
        sidecar = bpo_path.with_suffix(".json")
        save_workspace_as(workspace, bpo_path)
        info = {
            "original": str(original) if original is not None else None,
            "name": workspace.name,
            "saved_at": _now().isoformat(timespec="seconds"),
            "processes": [p.name for p in workspace.processes.values()],
            "counts": {p.name: len(p.elements) for p in workspace.processes.values()},
            "pid": os.getpid(),
        }
        tmp = sidecar.with_name(f".{sidecar.name}.tmp")
        try:
            tmp.write_text(json.dumps(info, indent=1), encoding="utf-8")
            os.replace(tmp, sidecar)
        except OSError as exc:
            raise BpoFileError(sidecar, f"could not write ({exc.strerror or exc})") from None
        return _snapshot(sidecar, info, self.session, key)

    def remove(self, key: str) -> None:
        """The document was saved or closed cleanly: its snapshot is not needed any more."""
        for suffix in (".json", ".bpo"):  # sidecar first: a half-removed snapshot is not listed
            with contextlib.suppress(OSError):  # an unusable area must not stop a close
                (self.root / f"{self.session}-{key}{suffix}").unlink(missing_ok=True)

    # -- other sessions -------------------------------------------------------------------
    def orphans(self) -> list[Snapshot]:
        """Snapshots of sessions that are not running any more, newest first."""
        found: list[Snapshot] = []
        if not self.root.is_dir():
            return found
        for sidecar in self.root.glob("*.json"):
            match = _NAME.match(sidecar.name)
            if match is None or match["session"] == self.session:
                continue
            if holder_of(self._session_file(match["session"])) is not None:
                continue  # another instance is running and owns it
            snapshot = _read_sidecar(sidecar, match["session"], match["key"])
            if snapshot is not None:
                found.append(snapshot)
        return sorted(found, key=lambda s: s.saved_at, reverse=True)

    def recover(self, snapshot: Snapshot, key: str) -> Workspace:
        """Load the snapshot and move it into this session as document `key` (so a second crash
        before the next save still finds it). Raises BpoFileError for a damaged snapshot."""
        workspace = read_workspace(snapshot.bpo_path)
        target = self.root / f"{self.session}-{key}.bpo"
        os.replace(snapshot.bpo_path, target)
        os.replace(snapshot.sidecar, target.with_suffix(".json"))
        self._forget_session_if_empty(snapshot.session)
        return workspace

    def discard(self, snapshot: Snapshot) -> None:
        """Delete a snapshot the user chose to throw away."""
        snapshot.sidecar.unlink(missing_ok=True)
        snapshot.bpo_path.unlink(missing_ok=True)
        self._forget_session_if_empty(snapshot.session)

    # -- internals ------------------------------------------------------------------------
    def _session_file(self, session: str) -> Path:
        return self.root / f"{session}.session"

    def _forget_session_if_empty(self, session: str) -> None:
        if session != self.session and not any(self.root.glob(f"{session}-*.json")):
            self._session_file(session).unlink(missing_ok=True)
            lock_path_for(self._session_file(session)).unlink(missing_ok=True)  # stale: it died
            for leftover in self.root.glob(f"{session}-*.bpo"):  # a snapshot without sidecar
                leftover.unlink(missing_ok=True)


def _read_sidecar(sidecar: Path, session: str, key: str) -> Snapshot | None:
    try:
        info = json.loads(sidecar.read_text(encoding="utf-8"))
        return _snapshot(sidecar, info, session, key)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # not ours or unreadable: leave it alone, never delete what we cannot read


def _snapshot(sidecar: Path, info: dict[str, Any], session: str, key: str) -> Snapshot:
    bpo_path = sidecar.with_suffix(".bpo")
    if not bpo_path.is_file():
        raise ValueError("snapshot without its .bpo")
    original = info.get("original")
    saved_at = datetime.fromisoformat(str(info["saved_at"]))
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    return Snapshot(
        bpo_path=bpo_path,
        sidecar=sidecar,
        session=session,
        key=key,
        original=Path(original) if isinstance(original, str) else None,
        name=str(info.get("name", "")),
        saved_at=saved_at,
        processes=tuple(str(p) for p in info.get("processes", [])),
        counts={str(k): int(v) for k, v in dict(info.get("counts", {})).items()},
    )


def _now() -> datetime:
    return datetime.fromtimestamp(time.time(), UTC)
