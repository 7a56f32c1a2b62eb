"""DiagramScene: draws one process; follows the model by element id, never mutates it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QRectF
from PySide6.QtWidgets import QGraphicsScene

from bpo_desktop.core.model import Process
from bpo_desktop.ui.canvas.items import ElementItem, FlowItem, ShapeItem, item_class_for

SCENE_MARGIN = 40.0


class DiagramScene(QGraphicsScene):
    """Keeps `element id → item`; `reconcile` is the one path that creates, updates and removes.

    The same call serves loading, switching processes and (later) execute/undo/redo
    (ARCHITECTURE §7.3 rule 7), so it must be idempotent.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, ElementItem] = {}
        self._process: Process | None = None

    # -- queries -------------------------------------------------------------------------
    @property
    def process(self) -> Process | None:
        return self._process

    def item_for(self, element_id: str) -> ElementItem | None:
        return self._items.get(element_id)

    def element_ids(self) -> frozenset[str]:
        return frozenset(self._items)

    def element_items(self) -> list[ElementItem]:
        return list(self._items.values())

    def content_rect(self) -> QRectF:
        """The drawn diagram, labels included, without the scroll margin."""
        rect = QRectF()
        for item in self.items():
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- updates -------------------------------------------------------------------------
    def show_process(self, process: Process | None) -> None:
        """Draw `process` (or nothing): reconcile every id it has and every id drawn now."""
        if process is None:
            for element_id in list(self._items):
                self._remove(element_id)
            self._process = None
            self._update_scene_rect()
            return
        self.reconcile(process, set(process.elements) | set(self._items))

    def reconcile(self, process: Process, dirty_ids: Iterable[str]) -> None:
        """Create, update or remove the item of each dirty id so it matches `process`."""
        self._process = process
        for element_id in dirty_ids:
            self._reconcile_one(process, element_id)
        self._place_flow_labels()
        self._update_scene_rect()

    def _reconcile_one(self, process: Process, element_id: str) -> None:
        element = process.elements.get(element_id)
        layout = process.layout.get(element_id)
        item = self._items.get(element_id)
        cls = item_class_for(element) if element is not None else None
        # Elements without a matching layout are not drawn (they have no place on the canvas).
        if element is None or cls is None or not isinstance(layout, cls.LAYOUT_TYPE):
            if item is not None:
                self._remove(element_id)
            return
        if item is not None and type(item) is not cls:
            self._remove(element_id)
            item = None
        if item is None:
            item = self._items[element_id] = cls(element_id)
            self.addItem(item)
        item.sync_from(element, layout)
        for companion in item.companions():
            if companion.scene() is not self:
                self.addItem(companion)

    def _place_flow_labels(self) -> None:
        """Give each flow label without stored bounds the first candidate place that covers
        no shape and no other label. Sorted by id, so the result is the same however the
        scene got here (reconcile must be idempotent)."""
        taken: list[QRectF] = []
        flows: list[FlowItem] = []
        for element_id in sorted(self._items):
            item = self._items[element_id]
            if isinstance(item, FlowItem):
                if item.label_candidates:
                    flows.append(item)
                elif item.label is not None and item.label.isVisible():
                    taken.append(item.label.sceneBoundingRect())
                continue
            if isinstance(item, ShapeItem) and (area := item.obstacle()) is not None:
                taken.append(area)
            if item.label is not None and item.label.isVisible():
                taken.append(item.label.sceneBoundingRect())
        for flow in flows:
            assert flow.label is not None
            free = (c for c in flow.label_candidates if not any(c.intersects(t) for t in taken))
            rect = next(free, flow.label_candidates[0])
            flow.label.set_label(rect, flow.label.text)
            taken.append(rect)

    def _remove(self, element_id: str) -> None:
        item = self._items.pop(element_id)
        for companion in item.companions():
            if companion.scene() is self:
                self.removeItem(companion)
        self.removeItem(item)

    def _update_scene_rect(self) -> None:
        # QGraphicsScene's automatic rect only ever grows; keep it tight to the content.
        content = self.content_rect()
        if content.isNull():
            content = QRectF(0, 0, 800, 600)
        m = SCENE_MARGIN
        self.setSceneRect(content.adjusted(-m, -m, m, m))
