"""The impact/effort matrix (W8): a 2x2 board of the session's ideas and weaknesses.

Effort runs left to right, impact bottom to top, 1-5 each; the quadrant lines sit at the
session's thresholds. Drag a chip (from the tray beside the board, or within it) to score it;
or pick an item and type its scores. Quick wins are listed beside the board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store, voting
from bpo_desktop.core.workshop.items import ItemRef, rankable_items
from bpo_desktop.core.workshop.matrix import QUADRANT_TITLES, board, clamp, impact_from_votes
from bpo_desktop.core.workshop.model import MatrixScore, WorkshopSession

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

MATRIX_KINDS = ("idea", "weakness", "pain_point")
CELL_W, CELL_H = 150.0, 52.0
BOARD = QRectF(0, 0, CELL_W * 5, CELL_H * 5)
CHIP_W, CHIP_H = 140.0, 24.0
TRAY_LEFT = BOARD.right() + 24  # unscored chips in columns right of the board
TRAY_ROWS = 7
QUADRANT_FILLS = {
    "quick_win": "#e3f4e1",
    "big_bet": "#e2ecf8",
    "fill_in": "#f4f4f4",
    "time_sink": "#fbe7e4",
}


def cell_centre(impact: int, effort: int) -> QPointF:
    return QPointF((effort - 0.5) * CELL_W, (5 - impact + 0.5) * CELL_H)


def scores_at(point: QPointF) -> tuple[int, int] | None:
    """(impact, effort) of a board position, None outside the board."""
    if not BOARD.contains(point):
        return None
    effort = clamp(int(point.x() // CELL_W) + 1)
    impact = clamp(5 - int(point.y() // CELL_H))
    return impact, effort


class Chip(QGraphicsRectItem):
    def __init__(self, tab: MatrixTab, item: ItemRef) -> None:
        super().__init__(0, 0, CHIP_W, CHIP_H)
        self.tab, self.item_id = tab, item.id
        self.setBrush(QBrush(QColor("#fff59d" if item.kind != "weakness" else "#ffcc80")))
        self.setPen(QPen(QColor("#8d6e63")))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(f"{item.kind_title}: {item.label}")
        label = QGraphicsSimpleTextItem(self)
        font = QFont()
        font.setPointSizeF(8.5)
        label.setFont(font)
        metrics_text = item.text or item.label
        label.setText(_elide(metrics_text, 24))
        label.setPos(5, 4)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        centre = self.sceneBoundingRect().center()
        # After this event returns: storing the score redraws the board, deleting this chip.
        tab, item_id = self.tab, self.item_id
        QTimer.singleShot(0, tab, lambda: tab.dropped(item_id, centre))  # dropped with the tab


def _elide(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class MatrixView(QGraphicsView):
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class MatrixTab(QWidget):
    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.scene = QGraphicsScene(self)
        self.view = MatrixView(self.scene)
        self.view.setObjectName("workshop.matrix.view")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chips: dict[str, Chip] = {}
        self.impact_threshold = self._spin("workshop.matrix.impact_threshold")
        self.effort_threshold = self._spin("workshop.matrix.effort_threshold")
        self.impact_threshold.valueChanged.connect(lambda _v: self._store_thresholds())
        self.effort_threshold.valueChanged.connect(lambda _v: self._store_thresholds())
        self.item = QComboBox()
        self.item.setObjectName("workshop.matrix.item")
        self.item.setMinimumContentsLength(8)
        self.item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.impact = self._spin("workshop.matrix.impact")
        self.effort = self._spin("workshop.matrix.effort")
        self.score_button = QPushButton("Score")
        self.score_button.setObjectName("workshop.matrix.score")
        self.score_button.clicked.connect(self._score_from_form)
        self.from_votes = QPushButton("Impact from Votes")
        self.from_votes.setObjectName("workshop.matrix.from_votes")
        self.from_votes.setToolTip("Score impact 1-5 from the latest revealed vote round")
        self.from_votes.clicked.connect(self.impact_from_votes)
        self.quick_wins = QLabel()
        self.quick_wins.setObjectName("workshop.matrix.quick_wins")
        self.quick_wins.setWordWrap(True)
        self.quick_wins.setAlignment(Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.addRow("High impact ≥", self.impact_threshold)
        form.addRow("High effort ≥", self.effort_threshold)
        form.addRow("Item:", self.item)
        form.addRow("Impact:", self.impact)
        form.addRow("Effort:", self.effort)
        form.addRow("", self.score_button)
        form.addRow("", self.from_votes)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.quick_wins, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(300)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(side_widget)

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(1, 5)
        spin.setValue(3)
        return spin

    # -- showing --------------------------------------------------------------------------
    def refresh(self, workspace: Workspace | None, session: WorkshopSession | None) -> None:
        self.scene.clear()
        self.chips.clear()
        if workspace is None or session is None:
            self.quick_wins.setText("")
            return
        for spin, value in (
            (self.impact_threshold, session.impact_threshold),
            (self.effort_threshold, session.effort_threshold),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        items = rankable_items(workspace, session.process_id, MATRIX_KINDS)
        scores = store.matrix_scores(workspace, session.id)
        self._draw_board(session)
        by_id = {i.id: i for i in items}
        placed: dict[tuple[int, int], int] = {}
        tray = 0
        for item in items:
            chip = Chip(self, item)
            self.scene.addItem(chip)
            self.chips[item.id] = chip
            score = scores.get(item.id)
            if score is not None:
                stack = placed.get((score.impact, score.effort), 0)
                placed[(score.impact, score.effort)] = stack + 1
                centre = cell_centre(score.impact, score.effort)
                chip.setPos(centre.x() - CHIP_W / 2, centre.y() - CHIP_H / 2 + 2 + stack * 10)
                chip.setZValue(1 + stack)
            else:
                column, row = tray // TRAY_ROWS, tray % TRAY_ROWS
                chip.setPos(TRAY_LEFT + column * (CHIP_W + 8), 36 + row * (CHIP_H + 6))
                tray += 1
        self.scene.setSceneRect(
            QRectF(
                -40,
                -10,
                TRAY_LEFT + max(1, -(-tray // TRAY_ROWS)) * (CHIP_W + 8) + 50,
                BOARD.height() + 50,
            )
        )
        self.view.fitInView(self.view.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        current = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        for item in items:
            self.item.addItem(item.label, item.id)
        self.item.setCurrentIndex(max(0, self.item.findData(current)))
        self.item.blockSignals(False)
        binned = board(scores.values(), session.impact_threshold, session.effort_threshold)
        wins = [by_id[s.item_id].label for s in binned["quick_win"] if s.item_id in by_id]
        lines = "".join(f"<li>{_escape(w)}</li>" for w in wins) or "<li>none yet</li>"
        self.quick_wins.setText(f"<b>Quick wins</b><ul>{lines}</ul>")

    def _draw_board(self, session: WorkshopSession) -> None:
        split_x = (session.effort_threshold - 1) * CELL_W
        split_y = (5 - session.impact_threshold + 1) * CELL_H
        areas = {
            "quick_win": QRectF(0, 0, split_x, split_y),
            "big_bet": QRectF(split_x, 0, BOARD.width() - split_x, split_y),
            "fill_in": QRectF(0, split_y, split_x, BOARD.height() - split_y),
            "time_sink": QRectF(
                split_x, split_y, BOARD.width() - split_x, BOARD.height() - split_y
            ),
        }
        title_font = QFont()
        title_font.setBold(True)
        title_font.setPointSizeF(8.5)
        for quadrant, area in areas.items():
            if area.width() <= 0 or area.height() <= 0:
                continue
            rect = self.scene.addRect(
                area, QPen(Qt.PenStyle.NoPen), QBrush(QColor(QUADRANT_FILLS[quadrant]))
            )
            rect.setZValue(-2)
            title = self.scene.addSimpleText(QUADRANT_TITLES[quadrant], title_font)  # type: ignore[index]
            title.setBrush(QBrush(QColor("#555")))
            title.setPos(area.left() + 6, area.top() + 4)
            title.setZValue(-1)
        grid = QPen(QColor("#cfcfcf"))
        for n in range(6):
            self.scene.addLine(n * CELL_W, 0, n * CELL_W, BOARD.height(), grid).setZValue(-1.5)
            self.scene.addLine(0, n * CELL_H, BOARD.width(), n * CELL_H, grid).setZValue(-1.5)
        strong = QPen(QColor("#444"), 2)
        self.scene.addLine(split_x, 0, split_x, BOARD.height(), strong).setZValue(-1)
        self.scene.addLine(0, split_y, BOARD.width(), split_y, strong).setZValue(-1)
        for n in range(1, 6):
            effort = self.scene.addSimpleText(str(n))
            effort.setPos((n - 0.5) * CELL_W - 4, BOARD.bottom() + 2)
            impact = self.scene.addSimpleText(str(n))
            impact.setPos(-16, (5 - n + 0.5) * CELL_H - 8)
        axis = self.scene.addSimpleText("Effort →", title_font)
        axis.setPos(BOARD.width() / 2 - 30, BOARD.bottom() + 18)
        impact_axis = self.scene.addSimpleText("Impact ↑", title_font)
        impact_axis.setRotation(-90)
        impact_axis.setPos(-36, BOARD.height() / 2 + 30)
        tray = self.scene.addSimpleText("Not scored yet:\ndrag onto the board", QFont())
        tray.setBrush(QBrush(QColor("#777")))
        tray.setPos(TRAY_LEFT, 0)

    # -- commands -------------------------------------------------------------------------
    def dropped(self, item_id: str, where: QPointF) -> None:
        scored = scores_at(where)
        if scored is None:
            self.workshop.refresh()  # back to where it was
            return
        self.score(item_id, *scored)

    def score(self, item_id: str, impact: int, effort: int) -> None:
        session, workspace = self.workshop.session(), self.workshop.workspace()
        edits = self.workshop.edits
        if session is None or workspace is None or edits is None or self.workshop.is_closed():
            self.workshop.refresh()
            return
        existing = store.matrix_scores(workspace, session.id).get(item_id)
        score_id = existing.id if existing else edits.new_id("Score")
        value = MatrixScore(score_id, session.id, item_id, clamp(impact), clamp(effort))
        if existing == value:
            self.workshop.refresh()
            return
        self.workshop.put(value, "Score on impact/effort matrix")

    def impact_from_votes(self) -> int:
        """W8: impact from the latest revealed round (most votes = 5); effort kept, else 3."""
        session, workspace, edits = (
            self.workshop.session(),
            self.workshop.workspace(),
            self.workshop.edits,
        )
        if session is None or workspace is None or edits is None or session.closed:
            return 0
        rounds = [
            r for r in store.vote_rounds(workspace, session.id) if r.revealed or r.mode == "tally"
        ]
        if not rounds:
            self.workshop.message("No revealed vote round to score from")
            return 0
        counted = voting.counts(rounds[-1], store.votes(workspace, rounds[-1].id))
        most = max(counted.values(), default=0)
        scores = store.matrix_scores(workspace, session.id)
        wanted = {i.id for i in rankable_items(workspace, session.process_id, MATRIX_KINDS)}
        values = []
        for item_id, votes in counted.items():
            if item_id not in wanted:
                continue
            old = scores.get(item_id)
            values.append(
                MatrixScore(
                    old.id if old else edits.new_id("Score"),
                    session.id,
                    item_id,
                    impact_from_votes(votes, most),
                    old.effort if old else 3,
                )
            )
        if values:
            edits.put_all(values, "Impact from votes")
            self.workshop.refresh()
        return len(values)

    def _score_from_form(self) -> None:
        item_id = self.item.currentData()
        if item_id:
            self.score(item_id, self.impact.value(), self.effort.value())

    def _store_thresholds(self) -> None:
        from dataclasses import replace

        session = self.workshop.session()
        if session is None:
            return
        changed = replace(
            session,
            impact_threshold=self.impact_threshold.value(),
            effort_threshold=self.effort_threshold.value(),
        )
        if changed != session:
            self.workshop.put(changed, "Matrix thresholds")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
