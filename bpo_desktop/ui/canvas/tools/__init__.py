"""Interaction tools: each previews on items while the mouse moves and commits one
`Modeling` call on release; Esc restores the preview (ARCHITECTURE §7.3 rule 9)."""

from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer, Tool

__all__ = ["Gesture", "Pointer", "Tool"]
