"""Step documentation shown on the diagram on demand (camunda-modeler#379): a note under
each step that has documentation. UI state only: nothing here is stored or undoable."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from bpo_desktop.core.model import Node
from bpo_desktop.ui.canvas.items import Z_LABEL, ShapeItem

NOTE_WIDTH = 180.0
NOTE_GAP = 6.0
_FILL = QColor(255, 248, 196)
_BORDER = QColor(196, 170, 60)


class DocNoteItem(QGraphicsItem):
    """A pale yellow note with wrapped text; its size follows the text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self._font = QFont()
        self._font.setPixelSize(11)
        self.setZValue(Z_LABEL + 0.5)
        self._rect = self._measure()

    def _measure(self) -> QRectF:
        metrics = QFontMetricsF(self._font)
        flags = int(Qt.TextFlag.TextWordWrap)
        box = metrics.boundingRect(QRectF(0, 0, NOTE_WIDTH - 8, 10_000), flags, self.text)
        return QRectF(0, 0, NOTE_WIDTH, min(box.height(), 160.0) + 8)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(_BORDER, 1.0))
        painter.setBrush(_FILL)
        painter.drawRect(self._rect)
        painter.setPen(QColor(40, 40, 40))
        painter.setFont(self._font)
        inner = self._rect.adjusted(4, 4, -4, -4)
        painter.drawText(inner, int(Qt.TextFlag.TextWordWrap), self.text)


class DocumentationOverlay:
    """Adds a DocNoteItem under every documented step while switched on."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._notes: dict[str, DocNoteItem] = {}
        self.visible = False
        # Refresh after the event that changed the model has been handled everywhere, so the
        # scene has reconciled its items first.
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

    def schedule(self) -> None:
        if self.visible or self._notes:
            self._timer.start()

    def set_visible(self, on: bool) -> None:
        self.visible = on
        self.refresh()

    def notes(self) -> dict[str, DocNoteItem]:
        return dict(self._notes)

    def refresh(self) -> None:
        """Rebuild from the scene's items (cheap: only documented steps get a note)."""
        for note in self._notes.values():
            if note.scene() is self._scene:
                self._scene.removeItem(note)
        self._notes.clear()
        if not self.visible:
            return
        for item in self._scene.items():
            if not isinstance(item, ShapeItem) or not isinstance(item.element, Node):
                continue
            text = item.element.documentation.strip()
            if not text:
                continue
            note = DocNoteItem(text)
            rect = item.scene_rect()
            below = item.label.sceneBoundingRect().bottom() if _has_label(item) else rect.bottom()
            note.setPos(rect.center().x() - NOTE_WIDTH / 2, below + NOTE_GAP)
            self._scene.addItem(note)
            self._notes[item.element_id] = note


def _has_label(item: ShapeItem) -> bool:
    return item.label is not None and item.label.isVisible() and bool(item.label.text)
