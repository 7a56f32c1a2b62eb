"""Diagram export (PNG, SVG, PDF), the process report as PDF, and the export dialog.

Everything draws through `render.DiagramRender`: the canvas's own scene, items and painters.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

_created_app: list[QApplication] = []  # keeps an application we created alive


def ensure_application() -> None:
    """Exports from the command line need Qt but never a display."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _created_app.append(QApplication(sys.argv[:1]))
