"""The diagram canvas: painters (pure drawing), items (geometry from the model), scene, view."""

from bpo_desktop.ui.canvas.scene import DiagramScene
from bpo_desktop.ui.canvas.view import DiagramView

__all__ = ["DiagramScene", "DiagramView"]
