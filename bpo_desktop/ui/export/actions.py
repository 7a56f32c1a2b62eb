"""Menu entries: File > Export… (Ctrl+E) and Edit > Copy Diagram as Image (Ctrl+Shift+C)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QMessageBox

from bpo_desktop.core.errors import InputError
from bpo_desktop.ui.export.raster import RasterOptions, render_image
from bpo_desktop.ui.export.render import DiagramRender

if TYPE_CHECKING:
    from bpo_desktop.ui.export.dialog import ExportDialog
    from bpo_desktop.ui.main_window import MainWindow

CLIPBOARD_SCALE = 2.0  # crisp when pasted into a document or a slide


def install_export_actions(w: MainWindow) -> None:
    has_process = lambda: w.current_process() is not None  # noqa: E731
    exporting = w.registry.add(
        "file.export", "E&xport…", lambda: open_export_dialog(w), shortcut="Ctrl+E",
        enabled=has_process,
        tip="Export the diagram (PNG, SVG, PDF) or a process report (HTML, PDF)",
    )  # fmt: skip
    copying = w.registry.add(
        "edit.copy_image", "Copy Diagram as &Image", lambda: copy_diagram_image(w),
        shortcut="Ctrl+Shift+C", enabled=has_process,
        tip="Copy the selection (or the whole diagram) to the clipboard as a picture",
    )  # fmt: skip
    _insert_after(w, w.registry.action("file.export_bpmn"), exporting)
    _insert_after(w, w.registry.action("edit.copy"), copying)


def _insert_after(w: MainWindow, anchor: QAction, action: QAction) -> None:
    for entry in w.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and anchor in menu.actions():
            actions = menu.actions()
            following = actions[actions.index(anchor) + 1 :]
            if following:
                menu.insertAction(following[0], action)
            else:
                menu.addAction(action)
            return


def open_export_dialog(w: MainWindow) -> ExportDialog | None:
    from bpo_desktop.ui.export.dialog import ExportDialog

    if w.current_process() is None:
        return None
    w.canvas.label_editor.commit()
    dialog = ExportDialog(w)
    w.export_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()  # window-modal, without a nested event loop
    return dialog


def copy_diagram_image(w: MainWindow) -> bool:
    process = w.current_process()
    if process is None:
        return False
    selected = w.canvas.selected_ids()
    try:
        render = DiagramRender(process, selected or None)
        image = render_image(render, RasterOptions(scale=CLIPBOARD_SCALE))
    except InputError as exc:
        QMessageBox.critical(w, "Cannot copy the diagram", str(exc))
        return False
    QGuiApplication.clipboard().setImage(image)
    what = f"{len(selected)} selected element(s)" if selected else f"{process.name!r}"
    size = f"{image.width()} x {image.height()} px"
    w.statusBar().showMessage(f"Copied {what} as an image ({size})", 5000)
    return True
