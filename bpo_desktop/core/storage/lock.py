"""One writer per `.bpo`: an OS lock on a sidecar file that dies with the process holding it.

Why a sidecar and not SQLite's own locks: SQLite holds its locks only for the length of a
transaction, and keeping a transaction open for a whole editing session would block our own
saves from a second connection and every reader. An advisory OS lock (`flock` on POSIX,
`msvcrt.locking` on Windows) on `.NAME.bpo.lock` beside the file is released by the kernel when
the process ends however it ends, so a crash or a kill never leaves a lock that blocks the next
start; the file's text (pid, host, user) only tells the next opener who holds it. `flock` locks
belong to an open file description, so a second window in the same process conflicts too.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from bpo_desktop.core.storage.errors import BpoFileError

_WINDOWS_LOCK_OFFSET = 1 << 20  # Windows locks are mandatory: lock a byte past the holder text


class FileInUseError(BpoFileError):
    """Another window or program has the file open for writing."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path, f"the file is open in {holder}")
        self.holder = holder


@dataclass
class WriterLock:
    """A held lock; `release()` (or process exit) frees it. `fd` is None when the folder does not
    allow a lock file (read-only folder, some network drives): nothing can write there anyway."""

    path: Path
    lock_path: Path
    fd: int | None

    @property
    def held(self) -> bool:
        return self.fd is not None

    def __del__(self) -> None:  # a document dropped without close() must not keep the file
        with contextlib.suppress(Exception):
            self.release()

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        with contextlib.suppress(OSError):  # unlink while still locked: openers re-check the inode
            os.unlink(self.lock_path)
        _unlock(fd)
        os.close(fd)


def lock_path_for(path: Path) -> Path:
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def acquire_writer_lock(path: Path) -> WriterLock:
    """Take the writer lock of `path` or raise FileInUseError naming the holder."""
    path = Path(path)
    lock_path = lock_path_for(path)
    for _attempt in range(5):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return WriterLock(path, lock_path, None)
        if not _try_lock(fd):
            holder = _describe(fd)
            os.close(fd)
            raise FileInUseError(path, holder)
        if _same_file(fd, lock_path):
            _write_holder(fd)
            return WriterLock(path, lock_path, fd)
        # The holder released and unlinked it between our open and our lock: take the new one.
        _unlock(fd)
        os.close(fd)
    raise FileInUseError(path, "another program (its lock keeps changing hands)")


def holder_of(path: Path) -> str | None:
    """Who holds the writer lock of `path`, or None when nobody does (a stale file is nobody)."""
    lock_path = lock_path_for(Path(path))
    try:
        fd = os.open(lock_path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _describe(fd)
    finally:
        os.close(fd)


def _write_holder(fd: int) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user()}
    data = json.dumps(info).encode()
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
    except OSError:
        pass  # the text is informative only; the lock itself is what counts


def _describe(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
        pid, host, user = int(info["pid"]), str(info["host"]), str(info["user"])
    except (OSError, ValueError, KeyError, TypeError):
        return "another window or program"
    if pid == os.getpid() and host == socket.gethostname():
        return "another window of this BPO Desktop"
    return f"another BPO Desktop (process {pid}, user {user} on {host})"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, named = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:
            return True  # a file system without flock: do not block the user on it
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
