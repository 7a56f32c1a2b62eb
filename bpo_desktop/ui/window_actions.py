"""Every action of the main window (ids, texts, shortcuts, enabled predicates), the menus
and the docks that show them. Standard Qt key sequences where one exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from bpo_desktop.ui import clipboard
from bpo_desktop.ui.canvas.palette import PalettePanel
from bpo_desktop.ui.dialogs.find import FindDialog
from bpo_desktop.ui.dialogs.keyboard import KeyboardDialog
from bpo_desktop.ui.panels.analysis import install_analysis_docks
from bpo_desktop.ui.panels.processes import ProcessesDock
from bpo_desktop.ui.simulation.install import build_menu, install_simulation
from bpo_desktop.ui.window_process import ProcessActions
from bpo_desktop.ui.workshop.install import build_workshop_menu, install_workshop
from bpo_desktop.ui.workshop.presentation import PresentationMode

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

Std = QKeySequence.StandardKey
_ALIGN = (
    ("left", "Align &Left"),
    ("center", "Align &Centre"),
    ("right", "Align &Right"),
    ("top", "Align &Top"),
    ("middle", "Align &Middle"),
    ("bottom", "Align &Bottom"),
)


def build_actions(w: MainWindow) -> None:
    reg, canvas, edits = w.registry, w.canvas, w.canvas.edits

    def guarded(fn: Callable[[], object]) -> Callable[[], object]:
        """Commands wait for no gesture: one in progress is cancelled first."""

        def run() -> object:
            canvas.label_editor.commit()
            if canvas.busy:
                canvas.cancel_interaction()
            return fn()

        return run

    def has_doc() -> bool:
        return w.document is not None

    def has_process() -> bool:
        return canvas.process() is not None

    def selected(n: int = 1) -> Callable[[], bool]:
        return lambda: len(canvas.selected_ids()) >= n

    def stack_text(prefix: str, label: str | None) -> str:
        return f"{prefix} {label}" if label else prefix

    # -- File ---------------------------------------------------------------------------
    f = w.files
    reg.add("file.new", "&New", f.new_file, shortcut=Std.New)
    reg.add("file.new_window", "New &Window", f.new_window, shortcut="Ctrl+Shift+N")
    reg.add("file.open", "&Open…", f.open_dialog, shortcut=Std.Open)
    reg.add("file.save", "&Save", f.save, shortcut=Std.Save, enabled=has_doc)
    reg.add("file.save_as", "Save &As…", f.save_as, shortcut=Std.SaveAs, enabled=has_doc)
    quit_action = reg.add("file.quit", "&Quit", w.close, shortcut=Std.Quit)
    quit_action.setMenuRole(quit_action.MenuRole.QuitRole)

    # -- Edit ---------------------------------------------------------------------------
    def undo() -> None:
        if w.document is not None:
            w.document.stack.undo()

    def redo() -> None:
        if w.document is not None:
            w.document.stack.redo()

    def can_undo() -> bool:
        return bool(w.document and w.document.stack.can_undo)

    def can_redo() -> bool:
        return bool(w.document and w.document.stack.can_redo)

    undo_action = reg.add("edit.undo", "&Undo", guarded(undo), shortcut=Std.Undo, enabled=can_undo)
    redo_action = reg.add("edit.redo", "&Redo", guarded(redo), shortcut=Std.Redo, enabled=can_redo)

    def refresh_undo_texts() -> None:
        stack = w.document.stack if w.document else None
        undo_action.setText(stack_text("&Undo", stack.undo_label if stack else None))
        redo_action.setText(stack_text("&Redo", stack.redo_label if stack else None))

    w.document_changed.connect(refresh_undo_texts)
    reg.add("edit.cut", "Cu&t", guarded(edits.cut), shortcut=Std.Cut, enabled=selected())
    reg.add("edit.copy", "&Copy", guarded(edits.copy), shortcut=Std.Copy, enabled=selected())
    reg.add("edit.paste", "&Paste", guarded(edits.paste), shortcut=Std.Paste,
            enabled=lambda: has_process() and clipboard.has_fragment())  # fmt: skip
    reg.add("edit.duplicate", "D&uplicate", guarded(edits.duplicate), shortcut="Ctrl+D",
            enabled=selected())  # fmt: skip
    reg.add("edit.delete", "&Delete", guarded(lambda: edits.delete()),
            shortcut=[Std.Delete, "Backspace"], enabled=selected(), canvas=True)  # fmt: skip
    reg.add("edit.select_all", "Select &All", guarded(edits.select_all), shortcut=Std.SelectAll,
            enabled=has_process)  # fmt: skip
    reg.add("edit.rename", "Re&name", guarded(lambda: _rename(w)), shortcut="F2",
            enabled=selected(), canvas=True)  # fmt: skip
    find = FindDialog(canvas.process, lambda i: _reveal(w, i), w)
    w.find_dialog = find  # type: ignore[attr-defined]
    reg.add("edit.find", "&Find Element…", guarded(find.open_for_search), shortcut=Std.Find,
            enabled=has_process)  # fmt: skip

    # -- Canvas keys (only while the canvas has focus) ----------------------------------
    def append(type_id: str) -> Callable[[], object]:
        return guarded(lambda: edits.append(type_id))

    add = reg.add
    add("canvas.append_task", "Append &Task", append("task"), shortcut="T", canvas=True,
        enabled=selected())  # fmt: skip
    add("canvas.append_gateway", "Append &Gateway", append("exclusive_gateway"), shortcut="G",
        canvas=True, enabled=selected())  # fmt: skip
    add("canvas.append_end", "Append &End Event", append("end_event"), shortcut="E",
        canvas=True, enabled=selected())  # fmt: skip
    add("canvas.connect", "&Connect", guarded(edits.connect_from_selection), shortcut="C",
        canvas=True, enabled=has_process)  # fmt: skip
    add("canvas.annotate", "Add Text &Annotation", guarded(lambda: edits.annotate()),
        shortcut="N", canvas=True, enabled=selected())  # fmt: skip
    add("canvas.change_type", "C&hange Type…", guarded(lambda: edits.show_replace_menu()),
        shortcut="R", canvas=True, enabled=selected())  # fmt: skip
    add("canvas.next", "Select &Next Step", guarded(lambda: edits.select_next(1)),
        shortcut="Tab", canvas=True)  # fmt: skip
    add("canvas.previous", "Select &Previous Step", guarded(lambda: edits.select_next(-1)),
        shortcut="Shift+Tab", canvas=True)  # fmt: skip
    for key, (dx, dy) in {
        "Left": (-10, 0),
        "Right": (10, 0),
        "Up": (0, -10),
        "Down": (0, 10),
    }.items():
        add(f"canvas.nudge_{key.lower()}", f"Move Selection {key}",
            guarded(partial(edits.nudge, dx, dy)), shortcut=key, canvas=True,
            enabled=selected(), group="canvas")  # fmt: skip
        add(f"canvas.nudge_{key.lower()}_fine", f"Move Selection {key} by 1",
            guarded(partial(edits.nudge, dx / 10, dy / 10)), shortcut=f"Shift+{key}",
            canvas=True, enabled=selected(), group="canvas")  # fmt: skip

    # -- Tools --------------------------------------------------------------------------
    tools = []
    for name, text, key in (("select", "Select", "S"), ("hand", "Hand", "H"),
                            ("connect", "Connect Tool", "Shift+C")):  # fmt: skip
        tool = add(f"tool.{name}", text, partial(canvas.set_tool, name), shortcut=key,
                   canvas=True, checkable=False)  # fmt: skip
        tools.append(tool)

    # -- View ---------------------------------------------------------------------------
    view = w.view
    add("view.zoom_in", "Zoom &In", lambda: view.zoom_by(1), shortcut=[Std.ZoomIn, "Ctrl+="])
    add("view.zoom_out", "Zoom &Out", lambda: view.zoom_by(-1), shortcut=Std.ZoomOut)
    add("view.fit", "&Fit to Window", view.fit_to_contents, shortcut="Ctrl+0")
    add("view.actual_size", "&Actual Size (100 %)", view.zoom_actual, shortcut="Ctrl+1")
    presenter = PresentationMode(w)
    w.presentation = presenter  # type: ignore[attr-defined]
    add("view.presentation", "&Presentation Mode", presenter.toggle, shortcut="F5",
        enabled=has_process, tip="Full screen for the projector: walk the process")  # fmt: skip

    # -- Arrange, lanes, processes -------------------------------------------------------
    for edge, text in _ALIGN:
        add(f"arrange.align_{edge}", text, guarded(partial(edits.align, edge)),
            enabled=selected(2))  # fmt: skip
    add("arrange.distribute_horizontally", "Distribute &Horizontally",
        guarded(lambda: edits.distribute(horizontal=True)), enabled=selected(3))  # fmt: skip
    add("arrange.distribute_vertically", "Distribute &Vertically",
        guarded(lambda: edits.distribute(horizontal=False)), enabled=selected(3))  # fmt: skip
    add("arrange.auto_layout", "&Auto-Layout Process", guarded(edits.auto_layout),
        shortcut="Ctrl+Shift+L", enabled=has_process)  # fmt: skip
    add("lane.add", "&Add Lane", guarded(lambda: _add_lane(w)), enabled=has_process)
    add("lane.move_up", "Move Lane &Up", guarded(lambda: edits.move_lane(-1)),
        shortcut="Alt+Up", canvas=True, enabled=selected())  # fmt: skip
    add("lane.move_down", "Move Lane &Down", guarded(lambda: edits.move_lane(1)),
        shortcut="Alt+Down", canvas=True, enabled=selected())  # fmt: skip
    processes = ProcessActions(w)
    process_actions = processes.register(guarded)

    # -- Help ---------------------------------------------------------------------------
    add("help.keyboard", "&Keyboard Shortcuts", lambda: _keyboard(w), shortcut="Ctrl+/")
    add(
        "view.documentation",
        "Show &Documentation",
        lambda: w.doc_notes.set_visible(w.registry.action("view.documentation").isChecked()),
        checkable=True,
        tip="Show each step's documentation in a note under it",
    )

    # -- Docks and menus ----------------------------------------------------------------
    w.add_dock("processes", "Processes", ProcessesDock(w.process_panel, process_actions),
               Qt.DockWidgetArea.LeftDockWidgetArea)  # fmt: skip
    w.add_dock("palette", "Palette", PalettePanel(canvas, tools, w),
               Qt.DockWidgetArea.LeftDockWidgetArea)  # fmt: skip
    w.add_dock("inspector", "Properties", w.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
    w.add_dock("minimap", "Minimap", w.minimap, Qt.DockWidgetArea.RightDockWidgetArea)
    w.resizeDocks(
        [w.docks["processes"], w.docks["inspector"]], [260, 300], Qt.Orientation.Horizontal
    )
    install_analysis_docks(w)  # Problems, Analysis, Planning sheet; note keys P/I/Q/K
    install_simulation(w)  # Simulation menu actions and dock, View > Simulation Heat Map
    install_workshop(w)  # Workshop menu actions and dock
    _menus(w)
    if w.document is None:
        refresh_undo_texts()
    w.canvas.edited.connect(refresh_undo_texts)
    w.document_changed.connect(lambda: _watch_stack(w, refresh_undo_texts))


def _watch_stack(w: MainWindow, refresh: Callable[[], None]) -> None:
    if w.document is not None:
        w.document.stack_changed.connect(refresh)
    refresh()


def _menus(w: MainWindow) -> None:
    a = w.registry.action
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a("file.new"), a("file.new_window"), a("file.open")])
    file_menu.addMenu(w.files.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a("file.save"), a("file.save_as")])
    file_menu.addSeparator()
    file_menu.addAction(a("file.quit"))
    w.files.rebuild_recent_menu()
    edit = bar.addMenu("&Edit")
    edit.addActions([a("edit.undo"), a("edit.redo")])
    edit.addSeparator()
    for name in ("cut", "copy", "paste", "duplicate", "delete"):
        edit.addAction(a(f"edit.{name}"))
    edit.addSeparator()
    edit.addActions([a("edit.select_all"), a("edit.rename"), a("edit.find")])
    insert = bar.addMenu("&Model")
    for name in (
        "append_task",
        "append_gateway",
        "append_end",
        "connect",
        "annotate",
        "change_type",
    ):
        insert.addAction(a(f"canvas.{name}"))
    insert.addSeparator()
    insert.addActions([a(f"note.{k}") for k in ("pain_point", "idea", "question", "risk")])
    insert.addSeparator()
    insert.addActions([a("tool.select"), a("tool.hand"), a("tool.connect")])
    arrange = bar.addMenu("&Arrange")
    for edge, _ in _ALIGN:
        arrange.addAction(a(f"arrange.align_{edge}"))
    arrange.addSeparator()
    arrange.addActions([a("arrange.distribute_horizontally"), a("arrange.distribute_vertically")])
    arrange.addSeparator()
    arrange.addAction(a("arrange.auto_layout"))
    arrange.addSeparator()
    arrange.addActions([a("lane.add"), a("lane.move_up"), a("lane.move_down")])
    process = bar.addMenu("&Process")
    for name in ("add", "duplicate", "rename", "delete"):
        process.addAction(a(f"process.{name}"))
    build_menu(w, bar)  # Simulation
    build_workshop_menu(w, bar)  # Workshop
    view = bar.addMenu("&View")
    view.addActions([a("view.zoom_in"), a("view.zoom_out"), a("view.fit"), a("view.actual_size")])
    view.addAction(a("view.presentation"))
    view.addSeparator()
    view.addAction(a("view.only_weaknesses"))
    view.addAction(a("view.documentation"))
    view.addAction(a("view.heat_map"))
    view.addSeparator()
    for name, dock in w.docks.items():
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"view.{name}")
        view.addAction(toggle)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a("help.keyboard"))


def _rename(w: MainWindow) -> None:
    ids = w.canvas.selected_ids()
    if len(ids) == 1:
        w.canvas.edit_label(ids[0])


def _reveal(w: MainWindow, element_id: str) -> None:
    w.canvas.planes.show_plane_of(element_id)  # inside a collapsed sub-process: drill in
    item = w.canvas.item(element_id)
    if item is None:
        return
    w.canvas.select([element_id])
    rect = item.scene_rect() if hasattr(item, "scene_rect") else item.path().boundingRect()  # type: ignore[attr-defined]
    w.view.reveal(rect.adjusted(-60, -60, 60, 60))


def _add_lane(w: MainWindow) -> None:
    process = w.canvas.process()
    if process is None:
        return
    pools = process.pools()
    if not pools:
        w.canvas.create_at("pool", w.view.mapToScene(w.view.viewport().rect().center()))
        return
    w.canvas.edits.add_lane_next_to(pools[0].id, below=True)


def _keyboard(w: MainWindow) -> None:
    dialog = KeyboardDialog(w.registry.shortcut_table(), w)
    w.keyboard_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
