"""The system clipboard bridge: fragments travel as JSON under their own MIME type (so copy
and paste work between two open files and two running copies), plus plain text for others."""

from __future__ import annotations

import atexit
from functools import cache

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from bpo_desktop.core.editing.clipboard import MIME_TYPE, Fragment, from_json, to_json
from bpo_desktop.core.model import Flow


def put(fragment: Fragment) -> None:
    _release_at_exit()
    mime = QMimeData()
    mime.setData(MIME_TYPE, to_json(fragment).encode())
    names = [getattr(e, "name", "") or getattr(e, "text", "") for e in fragment.elements]
    mime.setText("\n".join(n for n, e in zip(names, fragment.elements, strict=True)
                           if n and not isinstance(e, Flow)))  # fmt: skip
    QGuiApplication.clipboard().setMimeData(mime)


def get() -> Fragment | None:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return from_json(bytes(mime.data(MIME_TYPE).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return None


def has_fragment() -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    return mime is not None and mime.hasFormat(MIME_TYPE)


@cache  # register once per process
def _release_at_exit() -> None:
    """PySide6 6.10-6.11 crash at interpreter exit (SIGSEGV) when the clipboard still owns a
    QMimeData set from Python. Before exit, our fragment is swapped for its plain text, which
    other applications keep; only another BPO Desktop could have used the fragment."""

    def release() -> None:
        if QGuiApplication.instance() is None or not has_fragment():
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(clipboard.text())

    atexit.register(release)
