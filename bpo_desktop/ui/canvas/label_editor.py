"""Inline label editing (double-click or F2): a text box over the element; Enter commits one
rename, Shift+Enter starts a new line, Esc cancels, clicking elsewhere commits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit

from bpo_desktop.core.model import Element, Lane, Pool, TextAnnotation
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import ShapeItem, external_label

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


def _field(element: Element) -> str:
    return "text" if isinstance(element, TextAnnotation) else "name"


class _Editor(QPlainTextEdit):
    def __init__(self, owner: LabelEditor) -> None:
        super().__init__(owner.canvas.view.viewport())
        self.owner = owner
        self.setObjectName("canvas.label_editor")
        self.setFrameShape(QFrame.Shape.Box)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.owner.commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.owner.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.owner.commit()


class LabelEditor(QObject):
    def __init__(self, canvas: CanvasController) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.widget: _Editor | None = None
        self.element_id: str | None = None
        self._field = "name"
        self._original = ""

    @property
    def active(self) -> bool:
        return self.widget is not None

    def start(self, element_id: str) -> None:
        self.commit()
        process = self.canvas.process()
        item = self.canvas.item(element_id)
        element = process.elements.get(element_id) if process else None
        if element is None or item is None:
            return
        self.element_id, self._field = element_id, _field(element)
        self._original = str(getattr(element, self._field, ""))
        editor = self.widget = _Editor(self)
        zoom = self.canvas.view.zoom()
        font = theme.font(max(8, round(theme.LABEL_PX * min(max(zoom, 0.6), 3.0))))
        editor.setFont(font)
        editor.setPlainText(self._original)
        editor.selectAll()
        editor.setGeometry(self._view_rect(item).toAlignedRect())
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _view_rect(self, item: object) -> QRectF:
        """Over the shape (activities, annotations, lanes' bands) or its label below."""
        if isinstance(item, ShapeItem):
            rect = item.scene_rect()
            if item.element is not None and external_label(item.element) is not None:
                rect = QRectF(rect.center().x() - 60, rect.bottom() + 4, 120, 40)
            elif isinstance(item.element, Lane | Pool):  # over the start of the name band
                rect = QRectF(rect.left(), rect.top(), 220, 40)
        else:
            path = getattr(item, "path", None)
            box = path().boundingRect() if callable(path) else QRectF()
            rect = QRectF(box.center().x() - 60, box.center().y() - 20, 120, 40)
        view_rect = QRectF(
            self.canvas.to_view(rect.topLeft()), self.canvas.to_view(rect.bottomRight())
        )
        if view_rect.width() < 120:
            view_rect.setLeft(view_rect.center().x() - 60)
            view_rect.setWidth(120)
        if view_rect.height() < 32:
            view_rect.setHeight(32)
        return view_rect

    def commit(self) -> None:
        if self.widget is None or self.element_id is None:
            return
        text = self.widget.toPlainText().strip()
        element_id, field, original = self.element_id, self._field, self._original
        self._close()
        if text != original:
            self.canvas.run(lambda m: m.update_properties(element_id, **{field: text}))

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        widget, self.widget, self.element_id = self.widget, None, None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
            self.canvas.view.setFocus(Qt.FocusReason.OtherFocusReason)
