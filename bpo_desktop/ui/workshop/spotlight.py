"""The screen of presentation mode.

`ProjectorScreen` puts the window in projector shape (full screen; docks, toolbars, menu and
status bars hidden; a high-contrast light canvas without grid) and saves everything it changes,
so leaving puts exactly that back. `Spotlight` draws over the diagram in viewport pixels: a light
veil over everything but the current step(s) and a ring round each; it is not a scene item, like
the editor's overlays (`ui/canvas/overlays.py`). `running_timer` reads the agenda countdown the
caption panel shows in the top-right corner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop.store import current_session
from bpo_desktop.core.workshop.timebox import Timebox, elapsed_s, format_clock
from bpo_desktop.ui.canvas import theme

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

ToView = Callable[[QPointF], QPointF]  # scene point → viewport point
Painter = Callable[[QPainter], None]

#: A high-contrast light canvas for projectors: black ink on white, no grid.
PROJECTOR_COLOURS = {
    "STROKE": "#000000",
    "FILL": "#ffffff",
    "TEXT": "#000000",
    "MUTED": "#374151",
    "BAND_SYSTEM": "#dce6f7",
    "BAND_EXTERNAL": "#f4e7cf",
    "BACKGROUND": "#ffffff",
    "GRID_MINOR": "#ffffff",
    "GRID_MAJOR": "#ffffff",
    "SELECTION": "#0b57d0",
}

VEIL = QColor(255, 255, 255, 165)  # light, so a projected room stays bright and text legible
RING = QColor("#0b57d0")
RING_PX = 5.0
HOLE_PAD_PX = 14.0
TIMER_COLOURS = {  # border, fill
    "normal": ("#111827", "#ffffff"),
    "amber": ("#b45309", "#fff4d6"),
    "red": ("#b91c1c", "#ffe1e1"),
}


@dataclass(frozen=True, slots=True)
class TimerReading:
    """What the countdown shows: the agenda item, the clock text and the timebox state."""

    title: str
    clock: str
    state: str  # "normal" | "amber" | "red"


def running_timer(workspace: Workspace, now: datetime) -> TimerReading | None:
    """The countdown of the current session's running agenda item (None: nothing runs)."""
    session = current_session(workspace)
    item = next((i for i in session.agenda if i.started_at), None) if session else None
    if item is None:
        return None
    try:
        spent = elapsed_s(item, now)
    except TypeError:  # a stamp without a time zone: compare like with like
        spent = elapsed_s(item, now.replace(tzinfo=None))
    except ValueError:  # an unreadable stamp: no countdown rather than a wrong one
        return None
    box = Timebox.of(item)
    return TimerReading(item.title, format_clock(box.remaining_s(spent)), box.state(spent))


class Spotlight:
    """The current step(s) in scene rectangles; empty means no veil at all."""

    def __init__(self) -> None:
        self.rects: list[QRectF] = []

    def paint(self, painter: QPainter, to_view: ToView, viewport: QRect) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.rects:
            self._paint_veil(painter, to_view, viewport)
        painter.restore()

    def _paint_veil(self, painter: QPainter, to_view: ToView, viewport: QRect) -> None:
        holes = QPainterPath()
        holes.setFillRule(Qt.FillRule.WindingFill)
        views = [_to_view_rect(r, to_view) for r in self.rects]
        for rect in views:
            holes.addRoundedRect(rect, 12, 12)
        veil = QPainterPath()
        veil.addRect(QRectF(viewport).adjusted(-2, -2, 2, 2))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(VEIL))
        painter.drawPath(veil.subtracted(holes))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(RING, RING_PX))
        for rect in views:
            painter.drawRoundedRect(rect, 12, 12)


def _to_view_rect(scene_rect: QRectF, to_view: ToView) -> QRectF:
    rect = QRectF(to_view(scene_rect.topLeft()), to_view(scene_rect.bottomRight())).normalized()
    return rect.adjusted(-HOLE_PAD_PX, -HOLE_PAD_PX, HOLE_PAD_PX, HOLE_PAD_PX)


def union(rects: Sequence[QRectF]) -> QRectF:
    result = QRectF()
    for rect in rects:
        result = rect if result.isNull() else result.united(rect)
    return result


@dataclass
class _Saved:
    """Everything `ProjectorScreen.apply` changes, to put back on leaving."""

    state: QByteArray
    geometry: QByteArray
    rect: QRect  # restoreGeometry clamps to the screen; the exact rectangle goes back too
    window_state: Qt.WindowState
    was_visible: bool
    shown_bars: list[QWidget]  # docks and toolbars that were visible
    menu_bar: bool
    status_bar: bool
    transform: QTransform
    centre: QPointF
    auto_fit: bool
    scroll_policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    colours: dict[str, QColor]
    selection: list[str]
    overlay_painter: Painter | None


class ProjectorScreen:
    """The window's projector shape, and the way back to exactly what it was."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._saved: _Saved | None = None

    def apply(self, overlay_painter: Painter) -> None:
        w = self.window
        view = w.view
        bars = [b for b in w.findChildren(QDockWidget) + w.findChildren(QToolBar) if b.isVisible()]
        self._saved = _Saved(
            state=w.saveState(),
            geometry=w.saveGeometry(),
            rect=w.geometry(),
            window_state=w.windowState(),
            was_visible=w.isVisible(),
            shown_bars=[b for b in bars if b.parent() is w],
            menu_bar=not w.menuBar().isHidden(),
            status_bar=not w.statusBar().isHidden(),
            transform=view.transform(),
            centre=view.mapToScene(view.viewport().rect().center()),
            auto_fit=bool(getattr(view, "_auto_fit", False)),
            scroll_policies=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            colours={name: QColor(getattr(theme, name)) for name in PROJECTOR_COLOURS},
            selection=w.canvas.selected_ids(),
            overlay_painter=view.overlay_painter,
        )
        for bar in self._saved.shown_bars:
            bar.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        self._colours(PROJECTOR_COLOURS)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.overlay_painter = overlay_painter
        w.showFullScreen()
        QTimer.singleShot(250, w, self._fill_screen)  # dropped if the window goes first

    def restore(self) -> list[str]:
        """Put the window back; returns the selection it had (the caller re-selects it)."""
        saved, w = self._saved, self.window
        if saved is None:
            return []
        self._saved = None
        view = w.view
        view.overlay_painter = saved.overlay_painter
        self._colours({k: c.name(QColor.NameFormat.HexArgb) for k, c in saved.colours.items()})
        w.setWindowState(saved.window_state)
        w.restoreGeometry(saved.geometry)
        if saved.window_state == Qt.WindowState.WindowNoState:
            w.setGeometry(saved.rect)
        w.restoreState(saved.state)
        for bar in saved.shown_bars:
            bar.show()
        w.menuBar().setVisible(saved.menu_bar)
        w.statusBar().setVisible(saved.status_bar)
        if not saved.was_visible:
            w.hide()
        view.setHorizontalScrollBarPolicy(saved.scroll_policies[0])
        view.setVerticalScrollBarPolicy(saved.scroll_policies[1])
        if saved.auto_fit:
            view.fit_to_contents()
        else:
            view.setTransform(saved.transform)
            view.diagram_scene().set_detail(view.zoom())
            view.centerOn(saved.centre)
            view.zoom_changed.emit(view.zoom())
        return saved.selection

    def _fill_screen(self) -> None:
        """Without a window manager (a bare X server, a kiosk) full screen is only a flag."""
        w = self.window
        screen = w.screen()
        if self._saved is None or screen is None or w.size() == screen.geometry().size():
            return
        w.setGeometry(screen.geometry())
        w.setWindowState(w.windowState() | Qt.WindowState.WindowFullScreen)

    def _colours(self, colours: dict[str, str]) -> None:
        for name, value in colours.items():
            setattr(theme, name, QColor(value))
        w = self.window
        w.scene.refresh_all()
        w.view.resetCachedContent()  # the cached grid background
        w.canvas.refresh_chrome()
