"""Connect and reconnect: a dashed route follows the pointer; the element under it lights up
green when BPMN allows the flow and red (with the reason) when it does not. One command on
release; a click on the source (the pad's connect entry) arms a click-to-target mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt

from bpo_desktop.core.editing.routing import route
from bpo_desktop.core.editing.rules import Verdict, can_connect, connection_kind
from bpo_desktop.core.model import Bounds, Flow, FlowKind, Lane, Pool
from bpo_desktop.ui.canvas.items import ElementItem, FlowItem, ShapeItem
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer, Tool

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


def _bounds(rect: QRectF) -> Bounds:
    return Bounds(rect.x(), rect.y(), rect.width(), rect.height())


def _box_of(item: ElementItem | None) -> Bounds | None:
    return _bounds(item.scene_rect()) if isinstance(item, ShapeItem) else None


class _Linking(Gesture):
    """Shared hover feedback: which element is the target and is the flow allowed."""

    def __init__(self, canvas: CanvasController, start: Pointer) -> None:
        super().__init__(canvas, start)
        self.target: str | None = None
        self.verdict = Verdict(False, "")

    def target_at(self, p: Pointer) -> ElementItem | None:
        item = self.canvas.scene.element_at(p.scene)
        if isinstance(item, ShapeItem) and isinstance(item.element, Lane | Pool):
            return None  # lanes and pools are where things live, not what flows connect
        return item

    def judge(self, source: str, target: str) -> tuple[Verdict, FlowKind]:
        raise NotImplementedError

    def fixed_box(self) -> Bounds | None:
        raise NotImplementedError

    def show(self, p: Pointer) -> None:
        item = self.target_at(p)
        overlays = self.canvas.overlays
        fixed = self.fixed_box()
        self.target = item.element_id if item is not None else None
        if item is None or self.target is None:
            self.verdict = Verdict(False, "")
            overlays.target, overlays.message = None, None
            start = QPointF(fixed.center.x, fixed.center.y) if fixed else self.start.scene
            overlays.line = [start, p.scene]
        else:
            self.verdict, _kind = self.judge(*self.ends(self.target))
            target_box = _box_of(item)
            rect = item.scene_rect() if isinstance(item, ShapeItem) else item.path().boundingRect()  # type: ignore[attr-defined]
            overlays.target = (rect, bool(self.verdict))
            overlays.message = None if self.verdict else (self.verdict.reason, False)
            if fixed is not None and target_box is not None:
                a, b = self.ordered(fixed, target_box)
                overlays.line = [QPointF(pt.x, pt.y) for pt in route(a, b)]
            else:
                overlays.line = [self.start.scene, p.scene]
        self.canvas.update_overlays()

    def ends(self, target: str) -> tuple[str, str]:
        raise NotImplementedError

    def ordered(self, fixed: Bounds, other: Bounds) -> tuple[Bounds, Bounds]:
        return fixed, other

    def clear(self) -> None:
        self.canvas.overlays.clear_feedback()
        self.canvas.update_overlays()

    def cancel(self) -> None:
        self.clear()
        self.finish()


class ConnectGesture(_Linking):
    def __init__(
        self, canvas: CanvasController, start: Pointer, source: str, *, click_mode: bool = True
    ) -> None:
        super().__init__(canvas, start)
        self.source = source
        self.click_mode = click_mode
        self.armed = False  # waiting for a click on the target

    def fixed_box(self) -> Bounds | None:
        return _box_of(self.canvas.scene.item_for(self.source))

    def ends(self, target: str) -> tuple[str, str]:
        return self.source, target

    def judge(self, source: str, target: str) -> tuple[Verdict, FlowKind]:
        process = self.canvas.process()
        assert process is not None
        kind = connection_kind(process, source, target)
        return can_connect(process, source, target, kind), kind

    def move(self, p: Pointer) -> None:
        if self.armed or self.past_threshold(p):
            self.show(p)

    def press(self, p: Pointer) -> None:
        if self.armed:  # the second click of click-to-connect
            if p.button == Qt.MouseButton.LeftButton:
                self.show(p)
                self._commit()
            else:
                self.cancel()

    def release(self, p: Pointer) -> None:
        if self.armed:
            return
        if not self.moved and self.click_mode:
            self.armed = True
            self.canvas.status("Click the element to connect to (Esc cancels)", timeout_ms=4000)
            return
        self.show(p)
        self._commit()

    def _commit(self) -> None:
        target, verdict, source = self.target, self.verdict, self.source
        self.clear()
        self.finish()
        if target is None:
            return
        if not verdict:
            self.canvas.status(f"Cannot connect: {verdict.reason}")
            return
        _verdict, kind = self.judge(source, target)
        process_id = self.canvas.process_id
        assert process_id is not None
        self.canvas.run(lambda m: m.connect(process_id, source, target, kind=kind))


class ReconnectGesture(_Linking):
    """Drag one end of a flow onto another element."""

    def __init__(self, canvas: CanvasController, start: Pointer, flow_id: str, end: str) -> None:
        super().__init__(canvas, start)
        self.flow_id = flow_id
        self.end = end  # "source" or "target": the end being moved
        process = canvas.process()
        flow = process.elements.get(flow_id) if process else None
        assert isinstance(flow, Flow)
        self.flow = flow
        self.item = canvas.scene.item_for(flow_id)

    def fixed_box(self) -> Bounds | None:
        kept = self.flow.target if self.end == "source" else self.flow.source
        return _box_of(self.canvas.scene.item_for(kept))

    def ends(self, target: str) -> tuple[str, str]:
        if self.end == "source":
            return target, self.flow.target
        return self.flow.source, target

    def ordered(self, fixed: Bounds, other: Bounds) -> tuple[Bounds, Bounds]:
        return (other, fixed) if self.end == "source" else (fixed, other)

    def judge(self, source: str, target: str) -> tuple[Verdict, FlowKind]:
        process = self.canvas.process()
        assert process is not None
        return can_connect(process, source, target, self.flow.kind), self.flow.kind

    def move(self, p: Pointer) -> None:
        if self.past_threshold(p):
            if isinstance(self.item, FlowItem):
                self.item.setOpacity(0.3)
            self.show(p)

    def release(self, p: Pointer) -> None:
        if isinstance(self.item, FlowItem):
            self.item.setOpacity(1.0)
        if not self.moved:
            self.cancel()
            return
        self.show(p)
        target, verdict = self.target, self.verdict
        self.clear()
        self.finish()
        if target is None:
            return
        if not verdict:
            self.canvas.status(f"Cannot reconnect: {verdict.reason}")
            return
        flow_id, end = self.flow_id, self.end
        if end == "source":
            self.canvas.run(lambda m: m.reconnect(flow_id, source=target))
        else:
            self.canvas.run(lambda m: m.reconnect(flow_id, target=target))

    def cancel(self) -> None:
        if isinstance(self.item, FlowItem):
            self.item.setOpacity(1.0)
        super().cancel()


class ConnectTool(Tool):
    """The global connect tool (C): press on a source, release (or click) on a target."""

    name = "connect"
    cursor = Qt.CursorShape.CrossCursor

    def press(self, p: Pointer) -> None:
        if p.button != Qt.MouseButton.LeftButton:
            self.canvas.set_tool("select")
            return
        item = self.canvas.scene.element_at(p.scene)
        if isinstance(item, ShapeItem) and not isinstance(item.element, Lane | Pool):
            self.canvas.begin(ConnectGesture(self.canvas, p, item.element_id))

    def cancel(self) -> None:
        self.canvas.set_tool("select")
