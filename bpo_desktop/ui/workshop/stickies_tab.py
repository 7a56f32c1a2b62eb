"""Every pain point, idea, question, risk and weakness of the session's process, grouped by
step, with author and the number of actions linked to it; filter by kind, author or text;
"this session only" hides the notes from before."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.items import KIND_TITLES, stickies_by_step
from bpo_desktop.core.workshop.model import STICKY_KINDS, WorkshopSession

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

_ALL = "All authors"
NOTE_KINDS = (*STICKY_KINDS, "weakness")  # weaknesses too: actions mitigate them (W10)


class StickiesTab(QWidget):
    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.kind = QComboBox()
        self.kind.setObjectName("workshop.stickies.kind")
        self.kind.addItem("All kinds", "")
        for kind in NOTE_KINDS:
            self.kind.addItem(KIND_TITLES[kind], kind)
        self.author = QComboBox()
        self.author.setObjectName("workshop.stickies.author")
        self.author.addItem(_ALL, "")
        self.text = QLineEdit()
        self.text.setObjectName("workshop.stickies.text")
        self.text.setPlaceholderText("Filter text")
        self.text.setClearButtonEnabled(True)
        self.session_only = QCheckBox("Session only")
        self.session_only.setToolTip("Only the notes added during this session")
        self.session_only.setObjectName("workshop.stickies.session_only")
        self.tree = QTreeWidget()
        self.tree.setObjectName("workshop.stickies")
        self.tree.setHeaderLabels(["Note", "Kind", "Author", "Actions"])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemDoubleClicked.connect(self._reveal)
        for combo in (self.kind, self.author):
            combo.setMinimumContentsLength(4)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.text.setMinimumWidth(60)
        filters = QHBoxLayout()
        for widget in (self.kind, self.author, self.text, self.session_only):
            filters.addWidget(widget)
        filters.setStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        # The filters redraw this tab only.
        self.kind.currentIndexChanged.connect(lambda _i: self.workshop.refresh_tab(self))
        self.author.currentIndexChanged.connect(lambda _i: self.workshop.refresh_tab(self))
        self.text.textChanged.connect(lambda _t: self.workshop.refresh_tab(self))
        self.session_only.toggled.connect(lambda _on: self.workshop.refresh_tab(self))

    def refresh(self, workspace: Workspace | None, session: WorkshopSession | None) -> None:
        self.tree.clear()
        process = (
            workspace.processes.get(session.process_id or "") if workspace and session else None
        )
        if process is None or session is None or workspace is None:
            return
        groups = stickies_by_step(process, NOTE_KINDS)
        linked = Counter(a.link for a in store.actions(workspace) if a.link)
        self._fill_authors(sorted({i.author for _, items in groups for i in items if i.author}))
        kind, author = self.kind.currentData(), self.author.currentData()
        needle = self.text.text().strip().casefold()
        baseline = set(session.baseline_ids) if self.session_only.isChecked() else set()
        shown = 0
        for step, items in groups:
            kept = [
                i
                for i in items
                if (not kind or i.kind == kind)
                and (not author or i.author == author)
                and (not needle or needle in i.text.casefold())
                and i.id not in baseline
            ]
            if not kept:
                continue
            parent = QTreeWidgetItem([f"{step} ({len(kept)})"])
            parent.setFirstColumnSpanned(True)
            parent.setData(
                0, Qt.ItemDataRole.UserRole, kept[0].step_ids[0] if kept[0].step_ids else ""
            )
            self.tree.addTopLevelItem(parent)
            for item in kept:
                count = linked.get(item.id, 0)
                actions = f"{count} action{'s' if count != 1 else ''}" if count else ""
                child = QTreeWidgetItem([item.text, item.kind_title, item.author, actions])
                child.setToolTip(0, item.text)
                child.setData(
                    0, Qt.ItemDataRole.UserRole, item.step_ids[0] if item.step_ids else ""
                )
                child.setData(1, Qt.ItemDataRole.UserRole, item.id)
                parent.addChild(child)
            shown += len(kept)
        self.tree.expandAll()

    def _fill_authors(self, authors: list[str]) -> None:
        current = self.author.currentData()
        if [self.author.itemData(n) for n in range(1, self.author.count())] == authors:
            return
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItem(_ALL, "")
        for name in authors:
            self.author.addItem(name, name)
        self.author.setCurrentIndex(max(0, self.author.findData(current)))
        self.author.blockSignals(False)

    def shown_ids(self) -> list[str]:
        ids = []
        for n in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(n)
            if parent is None:
                continue
            children = [parent.child(c) for c in range(parent.childCount())]
            ids += [c.data(1, Qt.ItemDataRole.UserRole) for c in children if c is not None]
        return ids

    def _reveal(self, item: QTreeWidgetItem, _column: int) -> None:
        step = item.data(0, Qt.ItemDataRole.UserRole)
        if step:
            self.workshop.reveal_step(step)
