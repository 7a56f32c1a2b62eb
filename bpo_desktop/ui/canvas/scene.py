"""DiagramScene: draws one process; follows the model by element id, never mutates it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from bpo_desktop.core.model import Flow, Node, Process
from bpo_desktop.core.model.planes import (
    Plane,
    is_collapsed_container,
    plane_map,
    planes_with_content,
)
from bpo_desktop.ui.canvas.drilldown import DrilldownButton, openable
from bpo_desktop.ui.canvas.items import (
    FLOW_LOD,
    TEXT_LOD,
    ElementItem,
    FlowItem,
    LabelItem,
    ShapeItem,
    expanded_z,
    is_expanded,
    item_class_for,
)

SCENE_MARGIN = 400.0  # room to scroll past the diagram's edges


class DiagramScene(QGraphicsScene):
    """Keeps `element id → item`; `reconcile` is the one path that creates, updates and removes.

    The same call serves loading, switching processes and execute/undo/redo (ARCHITECTURE §7.3
    rule 7), so it is idempotent. It also keeps which flows touch which element, so a drag
    finds the flows to preview without scanning the model.

    One plane is drawn at a time (`core.model.planes`): the main plane, or the inside of a
    collapsed sub-process or call activity. Elements of other planes get no item.
    """

    plane_changed = Signal()  # another plane is drawn (also when its container went away)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, ElementItem] = {}
        self._plane: Plane = None
        self._planes: dict[str, Plane] = {}
        self._buttons: dict[str, DrilldownButton] = {}
        self._with_content: set[str] = set()  # containers whose plane holds something
        self._process: Process | None = None
        self._flow_ends: dict[str, tuple[str, str]] = {}
        self._flows_at: dict[str, set[str]] = {}
        self._labels_shown = True  # level of detail, set from the view's zoom
        self._flows_shown = True

    # -- queries -------------------------------------------------------------------------
    @property
    def process(self) -> Process | None:
        return self._process

    @property
    def plane(self) -> Plane:
        """The collapsed container whose inside is drawn; None for the main plane."""
        return self._plane

    def plane_of(self, element_id: str) -> Plane:
        return self._planes.get(element_id)

    def drilldown_at(self, pos: QPointF) -> str | None:
        """The container whose drill-down button is under a scene point."""
        for button in self._buttons.values():
            if button.scene_rect().contains(pos):
                return button.container_id
        return None

    def drilldown_button(self, container_id: str) -> DrilldownButton | None:
        return self._buttons.get(container_id)

    def show_buttons(self, shown: bool) -> None:
        """Hidden while a drag is under way: they would stay behind the shapes it moves."""
        for button in self._buttons.values():
            button.setVisible(shown)

    def item_for(self, element_id: str) -> ElementItem | None:
        return self._items.get(element_id)

    def element_ids(self) -> frozenset[str]:
        return frozenset(self._items)

    def has_elements(self) -> bool:
        return bool(self._items)

    def element_items(self) -> list[ElementItem]:
        return list(self._items.values())

    def flows_of(self, element_ids: Iterable[str]) -> set[str]:
        """Ids of the drawn flows with an end at one of the elements."""
        found: set[str] = set()
        for element_id in element_ids:
            found |= self._flows_at.get(element_id, set())
        return found

    def flow_ends(self, flow_id: str) -> tuple[str, str] | None:
        return self._flow_ends.get(flow_id)

    def content_rect(self) -> QRectF:
        """The drawn diagram, labels included, without the scroll margin."""
        if not self._items:
            return QRectF()
        return self.itemsBoundingRect()

    def selected_ids(self) -> list[str]:
        """The selected elements' ids, in model order (UI state, never undoable)."""
        chosen = {i.element_id for i in self.selectedItems() if isinstance(i, ElementItem)}
        if len(chosen) < 2:  # no order to keep: skip the walk over every item (menu refreshes)
            return [i for i in chosen if i in self._items]
        return [i for i in self._items if i in chosen]

    def select_ids(self, ids: Iterable[str], *, add: bool = False) -> None:
        wanted = set(ids)
        if not add:
            for item in self.selectedItems():
                if not (isinstance(item, ElementItem) and item.element_id in wanted):
                    item.setSelected(False)
        for element_id in wanted:
            chosen = self._items.get(element_id)
            if isinstance(chosen, QGraphicsItem):
                chosen.setSelected(True)

    def element_at(self, pos: QPointF, ignore: Iterable[str] = ()) -> ElementItem | None:
        """The topmost element under a scene point (a label counts as its element)."""
        skip = set(ignore)
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape):
            if isinstance(item, LabelItem) and item.has_text:
                owner = self._items.get(item.owner_id)
                if owner is not None and item.owner_id not in skip:
                    return owner
            elif isinstance(item, ElementItem) and item.element_id not in skip:
                if isinstance(item, ShapeItem) and not item.scene_rect().contains(pos):
                    continue  # inside the paint margin only
                return item
        return None

    # -- updates -------------------------------------------------------------------------
    def show_process(self, process: Process | None, plane: Plane = None) -> None:
        """Draw one plane of `process` (or nothing): reconcile every id it has and every id
        drawn now."""
        other = self._process is not None and process is not self._process
        if process is None or other or plane != self._plane:
            for element_id in list(self._items):
                self._remove(element_id)
        changed = plane != self._plane
        self._plane = plane
        if process is None:
            self._process = None
            self._sync_buttons()
            self._update_scene_rect()
        else:
            self.reconcile(process, list(process.elements))
        if changed:
            self.plane_changed.emit()

    def reconcile(self, process: Process, dirty_ids: Iterable[str]) -> None:
        """Create, update or remove the item of each dirty id so it matches `process`."""
        self._process = process
        dirty = list(dirty_ids)
        planes, old = plane_map(process), self._planes
        # Opening, closing or re-parenting a container moves contents that are not dirty.
        moved = [] if planes == old else [i for i, p in planes.items() if i in old and old[i] != p]
        # Buttons depend on what each plane holds: look at all of them only when a container
        # or a plane's content was touched, else just at the dirty ids (a plain edit).
        all_buttons = bool(moved) or any(
            old.get(i) or planes.get(i) or i in self._buttons
            or is_collapsed_container(process.elements.get(i))
            for i in dirty
        )  # fmt: skip
        dirty += moved
        self._planes = planes
        if self._plane is not None and not is_collapsed_container(
            process.elements.get(self._plane)
        ):  # the plane's container went (deleted, undone, expanded): show where it was
            self.show_process(process, planes.get(self._plane))
            return
        touched = [i for i in dirty if self._reconcile_one(process, i)]
        self._sync_buttons(None if all_buttons else touched)
        if touched:
            # The scene rect first: the spatial index the label placement asks is built for it.
            self._update_scene_rect()
            self._place_flow_labels(self.flows_of(touched) | set(touched))

    def _reconcile_one(self, process: Process, element_id: str) -> bool:
        element = process.elements.get(element_id)
        item = self._items.get(element_id)
        if element is None:
            if item is None:
                return False  # not ours: another process, an annotation, a scenario…
            self._remove(element_id)
            return True
        layout = process.layout.get(element_id)
        cls = item_class_for(element)
        # Elements without a matching layout are not drawn (they have no place on the canvas),
        # nor are those of another plane.
        if not isinstance(layout, cls.LAYOUT_TYPE) or self._planes.get(element_id) != self._plane:
            if item is not None:
                self._remove(element_id)
            return True
        if item is not None and type(item) is not cls:
            self._remove(element_id)
            item = None
        if item is None:
            item = self._items[element_id] = cls(element_id)
            assert isinstance(item, QGraphicsItem)
            self.addItem(item)
        item.sync_from(element, layout)
        if is_expanded(element):
            assert isinstance(item, QGraphicsItem)
            item.setZValue(expanded_z(_depth(process, element_id)))
        if isinstance(item, FlowItem):
            assert isinstance(element, Flow)
            source = process.elements.get(element.source)
            item.set_from_activity(isinstance(source, Node) and source.kind.is_activity)
            self._index_flow(element)
            item.setVisible(self._flows_shown)
        for companion in item.companions():
            if isinstance(companion, LabelItem) and companion.lod_shown != self._labels_shown:
                companion.set_lod_shown(self._labels_shown)
            if companion.scene() is not self:
                self.addItem(companion)
        return True

    def _index_flow(self, flow: Flow) -> None:
        old = self._flow_ends.get(flow.id)
        if old == (flow.source, flow.target):
            return
        self._unindex_flow(flow.id)
        self._flow_ends[flow.id] = (flow.source, flow.target)
        for end in (flow.source, flow.target):
            self._flows_at.setdefault(end, set()).add(flow.id)

    def _unindex_flow(self, flow_id: str) -> None:
        for end in self._flow_ends.pop(flow_id, ()):
            self._flows_at.get(end, set()).discard(flow_id)

    def _place_flow_labels(self, ids: Iterable[str]) -> None:
        """Give each flow label without stored bounds the first candidate place that covers
        no shape and no other label (looked up in the scene's spatial index). Sorted by id,
        so the result does not depend on the order of the dirty ids."""
        for element_id in sorted(ids):
            flow = self._items.get(element_id)
            if not isinstance(flow, FlowItem) or not flow.label_candidates:
                continue
            assert flow.label is not None
            free = (c for c in flow.label_candidates if not self._blocked(c, flow.label))
            rect = next(free, flow.label_candidates[0])
            flow.label.set_label(rect, flow.label.text)

    def _blocked(self, rect: QRectF, own: LabelItem) -> bool:
        for item in self.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if item is own:
                continue
            area: QRectF | None
            if isinstance(item, LabelItem):
                if not item.has_text:
                    continue
                area = item.rect().translated(item.pos())
            elif isinstance(item, ShapeItem):
                area = item.obstacle()
            else:
                continue
            if area is not None and area.intersects(rect):
                return True
        return False

    def _sync_buttons(self, only: list[str] | None = None) -> None:
        """A drill-down button on each drawn collapsed container that can be opened (`only`:
        just these ids, when no plane's content can have changed)."""
        process = self._process
        if only is None:
            self._with_content = (
                set(planes_with_content(process, self._planes)) if process is not None else set()
            )
        full = self._with_content
        candidates = self._items if only is None else {i: self._items.get(i) for i in only}
        wanted = {
            element_id: item
            for element_id, item in candidates.items()
            if isinstance(item, ShapeItem)
            and process is not None
            and openable(process, element_id, full)
        }
        for container_id in list(self._buttons if only is None else candidates):
            if container_id not in wanted and container_id in self._buttons:
                self.removeItem(self._buttons.pop(container_id))
        for container_id, item in wanted.items():
            button = self._buttons.get(container_id)
            if button is None:
                button = self._buttons[container_id] = DrilldownButton(container_id)
                self.addItem(button)
            button.place(item.scene_rect(), empty=container_id not in full)

    def _remove(self, element_id: str) -> None:
        item = self._items.pop(element_id)
        self._unindex_flow(element_id)
        for companion in item.companions():
            if companion.scene() is self:
                self.removeItem(companion)
        assert isinstance(item, QGraphicsItem)
        self.removeItem(item)

    def _update_scene_rect(self) -> None:
        """Content plus a margin. Kept when still about right: a new rect rebuilds the index."""
        content = self.content_rect()
        if content.isNull():
            content = QRectF(0, 0, 800, 600)
        m = SCENE_MARGIN
        wanted = content.adjusted(-m, -m, m, m)
        current = self.sceneRect()
        loose = wanted.adjusted(-m, -m, m, m)
        if not (current.contains(content.adjusted(-m / 2, -m / 2, m / 2, m / 2))
                and loose.contains(current)):  # fmt: skip
            self.setSceneRect(wanted)

    def set_detail(self, zoom: float) -> None:
        """Level of detail for a zoom: labels go when unreadable, flows when sub-pixel. Items
        change only when a threshold is crossed (hidden items cost nothing to draw)."""
        labels, flows = zoom >= TEXT_LOD, zoom >= FLOW_LOD
        if labels != self._labels_shown:
            self._labels_shown = labels
            for item in self._items.values():
                if item.label is not None:
                    item.label.set_lod_shown(labels)
        if flows != self._flows_shown:
            self._flows_shown = flows
            for item in self._items.values():
                if isinstance(item, FlowItem):
                    item.setVisible(flows)

    def refresh_all(self) -> None:
        """Repaint every item (the colour scheme changed: cached pixmaps are stale)."""
        for item in self.items():
            item.update()


def _depth(process: Process, element_id: str) -> int:
    """How many containers (sub-processes, call activities) a node sits in."""
    depth, seen = 0, {element_id}
    node = process.elements.get(element_id)
    while isinstance(node, Node) and node.parent_id is not None and node.parent_id not in seen:
        seen.add(node.parent_id)
        depth += 1
        node = process.elements.get(node.parent_id)
    return depth
