"""The minimap dock: the whole process in miniature with the visible area outlined; click or
drag in it to move the view. The overview is rendered to a pixmap after edits (debounced), so
drawing the minimap never repaints thousands of items."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.view import DiagramView
from bpo_desktop.ui.panels.on_screen import on_screen

RENDER_DELAY_MS = 250


class MinimapPanel(QWidget):
    def __init__(self, view: DiagramView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minimap")
        self.view = view
        self.setMinimumSize(160, 100)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pixmap: QPixmap | None = None
        self._source = QRectF()  # the scene area the pixmap shows
        self._target = QRectF()  # where it sits in the widget
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self.render_now)
        self._due = False  # a render was put off while the dock could not be seen
        view.viewport_moved.connect(self.update)

    def clear(self) -> None:
        """Another process is shown: drop the old picture until the new one is rendered."""
        self._pixmap = None
        self.update()
        self.schedule()

    def schedule(self) -> None:
        """The diagram changed: render again soon (many edits in a row render once)."""
        self._timer.start()

    def render_now(self) -> None:
        """Render the overview now; while the dock cannot be seen, at its next paint."""
        self._timer.stop()
        if not on_screen(self):
            self._due = True
            return
        self._due = False
        scene = self.view.diagram_scene()
        content = scene.content_rect()
        if content.isNull() or self.width() < 4 or self.height() < 4:
            self._pixmap = None
            self.update()
            return
        content = content.adjusted(-20, -20, 20, 20)
        scale = min(self.width() / content.width(), self.height() / content.height())
        size = content.size() * scale
        size.setWidth(max(size.width(), 1.0))  # a very long, thin process is still a strip
        size.setHeight(max(size.height(), 1.0))
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap((size * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(theme.BACKGROUND)
        with QPainter(pixmap) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scene.render(painter, QRectF(QPointF(), size), content)
        self._pixmap, self._source = pixmap, content
        self._target = QRectF(
            (self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
            size.width(), size.height(),
        )  # fmt: skip
        self.update()

    def _to_widget(self, p: QPointF) -> QPointF:
        s, t = self._source, self._target
        return QPointF(
            t.left() + (p.x() - s.left()) * t.width() / s.width(),
            t.top() + (p.y() - s.top()) * t.height() / s.height(),
        )

    def _to_scene(self, p: QPointF) -> QPointF:
        s, t = self._source, self._target
        return QPointF(
            s.left() + (p.x() - t.left()) * s.width() / t.width(),
            s.top() + (p.y() - t.top()) * s.height() / t.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._due:  # shown again after edits while hidden: catch up right after this
            self._due = False
            QTimer.singleShot(0, self, self.render_now)
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), theme.BACKGROUND)
            if self._pixmap is None or self._source.isEmpty():
                return
            painter.drawPixmap(self._target.topLeft(), self._pixmap)
            visible = self.view.visible_scene_rect()
            box = QRectF(self._to_widget(visible.topLeft()), self._to_widget(visible.bottomRight()))
            fill = QColor(theme.SELECTION)
            fill.setAlpha(35)
            painter.setBrush(fill)
            painter.setPen(theme.cosmetic(theme.SELECTION, 1.5))
            painter.drawRect(box.intersected(QRectF(self.rect())))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._centre_at(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event)

    def _centre_at(self, event: QMouseEvent) -> None:
        if self._pixmap is not None and not self._source.isEmpty():
            self.view.centerOn(self._to_scene(event.position()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.schedule()
