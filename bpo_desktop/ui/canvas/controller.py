"""CanvasController: binds a document's process to the scene and routes input to the tools.

It reconciles the scene from `elements_changed` (the same path for execute, undo and redo),
keeps the selection chrome (handles, context pad) next to the selected element, and runs edits
through `Modeling`, turning refused edits (ValueError) into a status message.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter

from bpo_desktop.core.editing import ChangeSet, Modeling
from bpo_desktop.core.editing.containment import lane_at
from bpo_desktop.core.model import Lane, Node, Point, Pool, Process, TextAnnotation
from bpo_desktop.core.model.element_types import element_type
from bpo_desktop.ui.canvas.context_pad import ContextPad
from bpo_desktop.ui.canvas.drilldown import MARKER_BAND, PlaneNavigation
from bpo_desktop.ui.canvas.edit_ops import CanvasEdits
from bpo_desktop.ui.canvas.items import ElementItem, FlowItem, ShapeItem
from bpo_desktop.ui.canvas.label_editor import LabelEditor
from bpo_desktop.ui.canvas.overlays import Handle, Overlays
from bpo_desktop.ui.canvas.scene import DiagramScene
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer, Tool
from bpo_desktop.ui.canvas.tools.connect import ConnectTool
from bpo_desktop.ui.canvas.tools.create import CreateTool
from bpo_desktop.ui.canvas.tools.hand import HandTool
from bpo_desktop.ui.canvas.tools.select import SelectTool
from bpo_desktop.ui.canvas.view import DiagramView
from bpo_desktop.ui.document import Document

LOCKED_MESSAGE = "The diagram is locked while presenting: notes only (P, I, Q, K)"


class CanvasController(QObject):
    selection_changed = Signal()
    tool_changed = Signal(str)
    message = Signal(str, int)  # text, timeout in ms (0: until replaced)
    edited = Signal()  # an edit was committed from the canvas

    def __init__(self, scene: DiagramScene, view: DiagramView, parent: QObject | None = None):
        super().__init__(parent)
        self.scene = scene
        self.view = view
        self.document: Document | None = None
        self.process_id: str | None = None
        self.overlays = Overlays()
        self.context_pad = ContextPad(self)
        self.label_editor = LabelEditor(self)
        self.edits = CanvasEdits(self)
        self._tool: Tool = SelectTool(self)
        self._gesture: Gesture | None = None
        # Presentation mode: no edit from the canvas (run, pointer, drop); clicks only select.
        self.locked = False
        self.planes = PlaneNavigation(self)  # drill-down: breadcrumbs, one plane at a time
        view.input = self
        view.overlay_painter = self._paint_overlays
        scene.selectionChanged.connect(self._on_scene_selection_changed)
        view.viewport_moved.connect(self.update_overlays)

    # -- binding --------------------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.elements_changed.disconnect(self._on_elements_changed)
        self.document = document
        self.process_id = None
        if document is not None:
            document.elements_changed.connect(self._on_elements_changed)

    def show_process(self, process_id: str | None) -> None:
        self.cancel_interaction()
        self.process_id = process_id
        self.planes.forget()
        self.scene.show_process(self.process())  # its main plane
        self.refresh_chrome()

    def process(self) -> Process | None:
        if self.document is None or self.process_id is None:
            return None
        return self.document.workspace.processes.get(self.process_id)

    @property
    def modeling(self) -> Modeling | None:
        return self.document.modeling if self.document is not None else None

    def _on_elements_changed(self, change: ChangeSet) -> None:
        process = self.process()
        if process is None:
            return
        self.scene.reconcile(process, change.ids)
        self.planes.refresh()  # a name on the path may have changed
        self.refresh_chrome()

    # -- running edits --------------------------------------------------------------------
    def run(self, edit: Callable[[Modeling], object]) -> object:
        """Run an edit; a refused one (ValueError) becomes a status message, not an error."""
        modeling = self.modeling
        if modeling is None:
            return None
        if self.locked:
            self.status(LOCKED_MESSAGE)
            return None
        try:
            result = edit(modeling)
        except ValueError as exc:
            self.status(f"Not done: {exc}")
            return None
        self.edited.emit()
        return result

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        self.message.emit(text, timeout_ms)

    def set_locked(self, locked: bool) -> None:
        """Lock the diagram (presentation mode): a gesture under way is cancelled."""
        self.cancel_interaction()
        self.locked = locked
        self.refresh_chrome()

    # -- selection (UI state) -------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids()

    def item(self, element_id: str) -> ElementItem | None:
        return self.scene.item_for(element_id)

    def select(self, ids: Iterable[str], *, add: bool = False) -> None:
        self.scene.select_ids(ids, add=add)

    def toggle(self, element_id: str) -> None:
        item = self.scene.item_for(element_id)
        if isinstance(item, ShapeItem | FlowItem):
            item.setSelected(not item.isSelected())

    def _on_scene_selection_changed(self) -> None:
        if not shiboken6.isValid(self.scene):  # the scene is being destroyed with the window
            return
        self.refresh_chrome()
        self.selection_changed.emit()

    # -- tools ----------------------------------------------------------------------------
    @property
    def tool_name(self) -> str:
        if isinstance(self._tool, CreateTool):
            return f"create:{self._tool.type_id}"
        return self._tool.name

    def set_tool(self, name: str) -> None:
        """ "select", "hand", "connect" or "create:<element type id>"."""
        self.cancel_interaction()
        self._tool.deactivate()
        if name.startswith("create:"):
            self._tool = CreateTool(self, name.split(":", 1)[1])
        else:
            self._tool = {"hand": HandTool, "connect": ConnectTool}.get(name, SelectTool)(self)
        self.view.viewport().setCursor(self._tool.cursor)
        self.tool_changed.emit(self.tool_name)
        self.refresh_chrome()

    def begin(self, gesture: Gesture) -> None:
        self._gesture = gesture
        self.scene.show_buttons(False)
        self.context_pad.hide()
        self.update_overlays()

    def end_gesture(self, gesture: Gesture) -> None:
        if self._gesture is gesture:
            self._gesture = None
        self.refresh_chrome()

    @property
    def busy(self) -> bool:
        """A gesture is under way (the window keeps edits away until it ends)."""
        return self._gesture is not None

    def cancel_interaction(self) -> None:
        if self._gesture is not None:
            self._gesture.cancel()
        self._gesture = None
        self.scene.show_buttons(True)
        self.label_editor.cancel()

    def _active(self) -> Tool:
        return self._gesture or self._tool

    def _pointer(self, event: QMouseEvent, scene_pos: QPointF) -> Pointer:
        return Pointer(
            scene_pos,
            event.position().toPoint(),
            event.button(),
            event.buttons(),
            event.modifiers(),
        )

    # -- CanvasInput (called by the view) ---------------------------------------------------
    def mouse_press(self, event: QMouseEvent, scene_pos: QPointF) -> None:
        if self.process() is None:
            return
        self.label_editor.commit()
        container = self.scene.drilldown_at(scene_pos)
        if container is not None and event.button() == Qt.MouseButton.LeftButton:
            self.planes.show(container)  # navigation, not an edit: allowed while presenting
            return
        if self.locked:  # select what was clicked; never start a move, connect or resize
            item = self.scene.element_at(scene_pos)
            self.select([item.element_id] if isinstance(item, ShapeItem | FlowItem) else [])
            return
        self._active().press(self._pointer(event, scene_pos))

    def mouse_move(self, event: QMouseEvent, scene_pos: QPointF) -> None:
        if self.process() is not None and not self.locked:
            self._active().move(self._pointer(event, scene_pos))

    def mouse_release(self, event: QMouseEvent, scene_pos: QPointF) -> None:
        if self.process() is not None and not self.locked:
            self._active().release(self._pointer(event, scene_pos))

    def mouse_double_click(self, event: QMouseEvent, scene_pos: QPointF) -> None:
        item = self.scene.element_at(scene_pos)
        if (
            isinstance(item, ShapeItem)
            and self.scene.drilldown_button(item.element_id) is not None
            and scene_pos.y() >= item.scene_rect().bottom() - MARKER_BAND
        ):  # on the [+] marker row of a collapsed container: open it
            self.planes.show(item.element_id)
            return
        if self.process() is not None and self._gesture is None and not self.locked:
            self._tool.double_click(self._pointer(event, scene_pos))

    def key_back(self) -> bool:
        """Backspace or Alt+Up that no action took (nothing selected): up one plane."""
        return self._gesture is None and self.planes.up()

    def key_escape(self) -> None:
        if self._gesture is not None:
            self._gesture.cancel()
            self._gesture = None
            self.refresh_chrome()
        else:
            self._tool.cancel()

    def drag_over(self, type_id: str, scene_pos: QPointF) -> bool:
        if self.process() is None or self.locked:
            return False
        width, height = element_type(type_id).size
        self.overlays.ghost = _centred(scene_pos, width, height)
        self.show_drop_target(type_id, scene_pos)
        self.update_overlays()
        return True

    def drag_left(self) -> None:
        self.overlays.clear_feedback()
        self.update_overlays()

    def drop(self, type_id: str, scene_pos: QPointF) -> None:
        self.drag_left()
        self.create_at(type_id, scene_pos)

    def palette_drag(self, type_id: str, global_pos: QPoint) -> None:
        """A palette button is being dragged: preview where the element would land."""
        pos = self.view.viewport().mapFromGlobal(global_pos)
        if self.view.viewport().rect().contains(pos):
            self.drag_over(type_id, self.view.mapToScene(pos))
        else:
            self.drag_left()

    def palette_drop(self, type_id: str, global_pos: QPoint) -> None:
        pos = self.view.viewport().mapFromGlobal(global_pos)
        self.drag_left()
        if self.view.viewport().rect().contains(pos):
            self.drop(type_id, self.view.mapToScene(pos))

    # -- creating -------------------------------------------------------------------------
    def show_drop_target(self, type_id: str, scene_pos: QPointF) -> None:
        """Highlight the lane a new step would join."""
        process = self.process()
        self.overlays.target = None
        if process is None or not element_type(type_id).is_node:
            return
        lane = lane_at(process, Point(scene_pos.x(), scene_pos.y()))
        item = self.scene.item_for(lane) if lane else None
        if isinstance(item, ShapeItem):
            self.overlays.target = (item.scene_rect(), True)

    def create_at(self, type_id: str, scene_pos: QPointF) -> str | None:
        process_id = self.process_id
        if process_id is None:
            return None
        centre = Point(scene_pos.x(), scene_pos.y())
        inside = self.scene.plane  # on a plane: inside its container
        new_id = self.run(lambda m: m.create_typed(process_id, type_id, centre, parent_id=inside))
        if isinstance(new_id, str):
            self.select([new_id])
            self.view.setFocus()
            return new_id
        return None

    def edit_label(self, element_id: str) -> None:
        if self.locked:
            self.status(LOCKED_MESSAGE)
            return
        self.label_editor.start(element_id)

    # -- chrome ---------------------------------------------------------------------------
    def to_view(self, scene_pos: QPointF) -> QPointF:
        return QPointF(self.view.mapFromScene(scene_pos))

    def update_overlays(self) -> None:
        self.view.viewport().update()

    def _paint_overlays(self, painter: QPainter) -> None:
        self.overlays.paint(painter, self.to_view)

    def refresh_chrome(self) -> None:
        """Handles and the context pad follow the (single) selected element."""
        self.scene.show_buttons(self._gesture is None)
        self.overlays.handles = [] if self._gesture or self.locked else self._handles()
        if self._gesture is None and isinstance(self._tool, SelectTool) and not self.locked:
            self.context_pad.update_for(self.selected_ids())
        else:
            self.context_pad.hide()
        self.update_overlays()

    def _handles(self) -> list[Handle]:
        ids = self.selected_ids()
        process = self.process()
        if len(ids) != 1 or process is None:
            return []
        element_id = ids[0]
        item = self.scene.item_for(element_id)
        if isinstance(item, FlowItem) and len(item.points) >= 2:
            pts = item.points
            handles = [Handle("flow_start", element_id, 0, pts[0])]
            for i, (a, b) in enumerate(itertools.pairwise(pts)):
                handles.append(Handle("segment", element_id, i, (a + b) / 2))
            handles.append(Handle("flow_end", element_id, len(pts) - 1, pts[-1]))
            return handles
        if not isinstance(item, ShapeItem):
            return []
        rect = item.scene_rect()
        element = item.element
        if isinstance(element, Lane):
            bottom = QPointF(rect.center().x(), rect.bottom())
            return [Handle("lane_height", element_id, 0, bottom)]
        if isinstance(element, Pool):
            return [Handle("pool_width", element_id, 0, QPointF(rect.right(), rect.center().y()))]
        if _resizable(element):
            corners = (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
            return [Handle("resize", element_id, i, c) for i, c in enumerate(corners)]
        return []


def _centred(p: QPointF, width: float, height: float) -> QRectF:
    return QRectF(p.x() - width / 2, p.y() - height / 2, width, height)


def _resizable(element: object) -> bool:
    """Activities and text annotations resize; events and gateways keep the BPMN size."""
    return isinstance(element, TextAnnotation) or (
        isinstance(element, Node) and element.kind.is_activity
    )
