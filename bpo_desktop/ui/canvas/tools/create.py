"""Click-to-place: a palette type follows the pointer as a ghost; a click creates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt

from bpo_desktop.core.model.element_types import element_type
from bpo_desktop.ui.canvas.tools.base import Pointer, Tool

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


class CreateTool(Tool):
    name = "create"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: CanvasController, type_id: str) -> None:
        super().__init__(canvas)
        self.type_id = type_id

    def move(self, p: Pointer) -> None:
        width, height = element_type(self.type_id).size
        self.canvas.overlays.ghost = QRectF(
            p.scene.x() - width / 2, p.scene.y() - height / 2, width, height
        )
        self.canvas.show_drop_target(self.type_id, p.scene)
        self.canvas.update_overlays()

    def press(self, p: Pointer) -> None:
        if p.button != Qt.MouseButton.LeftButton:
            self.canvas.set_tool("select")
            return
        self.canvas.create_at(self.type_id, p.scene)
        self.canvas.set_tool("select")

    def cancel(self) -> None:
        self.canvas.set_tool("select")

    def deactivate(self) -> None:
        self.canvas.overlays.clear_feedback()
        self.canvas.update_overlays()
