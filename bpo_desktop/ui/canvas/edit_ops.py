"""Canvas commands behind the menu actions and the context pad: each is one Modeling call
(one undo step) on the selection; the selection itself is UI state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu

from bpo_desktop.core.editing import Modeling
from bpo_desktop.core.editing.clipboard import Fragment, copy_fragment
from bpo_desktop.core.editing.rules import can_change_kind
from bpo_desktop.core.editing.snapping import snap
from bpo_desktop.core.model import Lane, Node, Pool, ShapeLayout
from bpo_desktop.core.model.element_types import replacements
from bpo_desktop.ui import clipboard
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.icons import element_icon
from bpo_desktop.ui.canvas.items import FlowItem, ShapeItem
from bpo_desktop.ui.canvas.tools.base import Pointer
from bpo_desktop.ui.canvas.tools.connect import ConnectGesture

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

PASTE_STEP = 30.0


class CanvasEdits:
    def __init__(self, canvas: CanvasController) -> None:
        self.canvas = canvas
        self.replace_menu: QMenu | None = None
        self._paste_count = 0

    def _one(self, element_id: str | None) -> str | None:
        if element_id is not None:
            return element_id
        ids = self.canvas.selected_ids()
        return ids[0] if len(ids) == 1 else None

    # -- selection ------------------------------------------------------------------------
    def select_all(self) -> None:
        self.canvas.select(self.canvas.scene.element_ids())

    def select_next(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous step, in the order they were made."""
        process = self.canvas.process()
        if process is None:
            return
        nodes = [n.id for n in process.nodes() if self.canvas.item(n.id) is not None]
        if not nodes:
            return
        ids = self.canvas.selected_ids()
        current = nodes.index(ids[0]) if len(ids) == 1 and ids[0] in nodes else -step
        chosen = nodes[(current + step) % len(nodes)]
        self.canvas.select([chosen])
        item = self.canvas.item(chosen)
        if isinstance(item, ShapeItem):
            self.canvas.view.ensureVisible(item.scene_rect(), 60, 60)

    # -- deleting and moving --------------------------------------------------------------
    def delete(self, ids: list[str] | None = None) -> None:
        """Delete the selection; a lane hands its space and steps to its neighbour."""
        chosen = list(ids) if ids is not None else self.canvas.selected_ids()
        process, document = self.canvas.process(), self.canvas.document
        if not chosen or process is None or document is None:
            return
        lanes = [i for i in chosen if isinstance(process.elements.get(i), Lane)]
        others = [i for i in chosen if i not in lanes]
        count = len(chosen)
        label = f"Delete {count} element{'s' if count != 1 else ''}"

        def edit(m: Modeling) -> None:
            with document.stack.transaction(label):
                for lane_id in lanes:
                    if lane_id in process.elements:
                        m.lanes.remove_lane(lane_id)
                remaining = [i for i in others if i in process.elements]
                if remaining:
                    m.delete_elements(remaining)

        self.canvas.run(edit)

    def nudge(self, dx: float, dy: float) -> None:
        ids = [
            i for i in self.canvas.selected_ids() if not isinstance(self.canvas.item(i), FlowItem)
        ]
        if ids:
            self.canvas.run(lambda m: m.move_elements(ids, dx, dy))

    # -- creating next to the selection ---------------------------------------------------
    def append(self, type_id: str, source: str | None = None) -> str | None:
        """A new element right of the (selected) source, connected; its label opens for
        typing, so a process can be mapped from the keyboard."""
        source = self._one(source)
        if source is None:
            self.canvas.status("Select one step to append to")
            return None
        new_id = self.canvas.run(lambda m: m.append(source, type_id))
        if not isinstance(new_id, str):
            return None
        self.canvas.select([new_id])
        item = self.canvas.item(new_id)
        if isinstance(item, ShapeItem):
            self.canvas.view.ensureVisible(item.scene_rect(), 80, 80)
        self.canvas.edit_label(new_id)
        return new_id

    def annotate(self, element_id: str | None = None) -> None:
        target = self._one(element_id)
        if target is None:
            return
        note = self.canvas.run(lambda m: m.annotate(target, ""))
        if isinstance(note, str):
            self.canvas.select([note])
            self.canvas.edit_label(note)

    def connect_from_selection(self) -> None:
        """C: with one element selected, connect from it (click the target); otherwise the
        connect tool."""
        source = self._one(None)
        item = self.canvas.item(source) if source else None
        if (
            source is None
            or not isinstance(item, ShapeItem)
            or isinstance(item.element, Lane | Pool)
        ):
            self.canvas.set_tool("connect")
            return
        centre = item.scene_rect().center()
        view = self.canvas.view.mapFromScene(centre)
        start = Pointer(
            centre, view, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        gesture = ConnectGesture(self.canvas, start, source)
        gesture.armed = True
        self.canvas.begin(gesture)
        self.canvas.status("Click the element to connect to (Esc cancels)", 4000)

    # -- changing type --------------------------------------------------------------------
    def show_replace_menu(
        self, element_id: str | None = None, at: QPoint | None = None
    ) -> QMenu | None:
        """A menu of the types the element may become (BPMN rules filter the list)."""
        target = self._one(element_id)
        process = self.canvas.process()
        node = process.elements.get(target) if process and target else None
        if not isinstance(node, Node) or process is None or target is None:
            return None
        menu = QMenu(self.canvas.view)
        menu.setObjectName("canvas.replace_menu")
        for kind in replacements(node):
            assert kind.kind is not None
            action = menu.addAction(element_icon(kind.id, theme.DARK), kind.label)
            action.setObjectName(f"replace.{kind.id}")
            verdict = can_change_kind(process, target, kind.kind)
            action.setEnabled(bool(verdict))
            if not verdict:
                action.setToolTip(verdict.reason)
            action.triggered.connect(lambda _=False, t=kind.id: self.change_type(target, t))
        self.replace_menu = menu
        if at is None:  # beside the element (R from the keyboard), else at the pointer
            item = self.canvas.item(target)
            anchor = item.scene_rect().topRight() if isinstance(item, ShapeItem) else None
            view = self.canvas.view
            at = view.viewport().mapToGlobal(view.mapFromScene(anchor)) if anchor else QCursor.pos()
        menu.popup(at)
        return menu

    def change_type(self, element_id: str, type_id: str) -> None:
        self.canvas.run(lambda m: m.change_type(element_id, type_id))

    # -- lanes ----------------------------------------------------------------------------
    def add_lane_next_to(self, element_id: str, *, below: bool) -> None:
        process = self.canvas.process()
        element = process.elements.get(element_id) if process else None
        if process is None:
            return
        parent: str | None
        if isinstance(element, Pool):
            parent, index = (
                element.id,
                len([x for x in process.lanes() if x.parent_id == element.id]),
            )
        elif isinstance(element, Lane):
            siblings = [x.id for x in process.lanes() if x.parent_id == element.parent_id]
            parent, index = element.parent_id, siblings.index(element_id) + (1 if below else 0)
        else:
            return
        process_id = process.id
        lane = self.canvas.run(lambda m: m.lanes.insert_lane(process_id, parent, index, "Lane"))
        if isinstance(lane, str):
            self.canvas.select([lane])
            self.canvas.edit_label(lane)

    def move_lane(self, step: int) -> None:
        process = self.canvas.process()
        lane_id = self._one(None)
        lane = process.elements.get(lane_id) if process and lane_id else None
        if not isinstance(lane, Lane) or process is None or lane_id is None:
            self.canvas.status("Select a lane to move")
            return
        siblings = [x.id for x in process.lanes() if x.parent_id == lane.parent_id]
        index = siblings.index(lane_id) + step
        if 0 <= index < len(siblings):
            self.canvas.run(lambda m: m.lanes.move_lane(lane_id, index))
            self.canvas.select([lane_id])

    # -- clipboard ------------------------------------------------------------------------
    def copy(self) -> Fragment | None:
        process = self.canvas.process()
        fragment = copy_fragment(process, self.canvas.selected_ids()) if process else None
        if fragment is not None:
            clipboard.put(fragment)
            self._paste_count = 0
        return fragment

    def cut(self) -> None:
        fragment = self.copy()
        if fragment is not None:
            self.delete([e.id for e in fragment.elements if self.canvas.item(e.id) is not None])

    def paste(self) -> None:
        fragment = clipboard.get()
        if fragment is None:
            self.canvas.status("Nothing to paste")
            return
        self._paste(fragment, self._paste_offset(fragment))

    def duplicate(self) -> None:
        process = self.canvas.process()
        fragment = copy_fragment(process, self.canvas.selected_ids()) if process else None
        if fragment is not None:
            self._paste(fragment, (PASTE_STEP, PASTE_STEP))

    def _paste(self, fragment: Fragment, offset: tuple[float, float]) -> None:
        process_id = self.canvas.process_id
        if process_id is None:
            return
        dx, dy = offset
        inside = self.canvas.scene.plane  # on a plane: inside its container
        ids = self.canvas.run(lambda m: m.paste(process_id, fragment, dx, dy, parent_id=inside))
        if isinstance(ids, tuple):
            self.canvas.select(ids)

    def _paste_offset(self, fragment: Fragment) -> tuple[float, float]:
        """At the pointer when it is over the canvas; else next to the copied elements."""
        box = fragment.box()
        view = self.canvas.view
        pointer = view.viewport().mapFromGlobal(QCursor.pos())
        if box is None:
            return (0.0, 0.0)
        if view.viewport().rect().contains(pointer) and view.underMouse():
            at = view.mapToScene(pointer)
            return (snap(at.x() - box.center.x), snap(at.y() - box.center.y))
        process = self.canvas.process()
        here = process is not None and any(
            isinstance(process.layout.get(e.id), ShapeLayout) for e in fragment.elements
        )
        if not here:
            return (0.0, 0.0)
        self._paste_count += 1
        step = PASTE_STEP * self._paste_count
        return (step, step)

    # -- arranging ------------------------------------------------------------------------
    def align(self, edge: str) -> None:
        ids = self.canvas.selected_ids()
        if len(ids) >= 2:
            self.canvas.run(lambda m: m.align(ids, edge))

    def distribute(self, *, horizontal: bool) -> None:
        ids = self.canvas.selected_ids()
        if len(ids) >= 3:
            self.canvas.run(lambda m: m.distribute(ids, horizontal=horizontal))

    def auto_layout(self) -> None:
        process_id = self.canvas.process_id
        if process_id is not None:
            self.canvas.run(lambda m: m.auto_layout(process_id))
