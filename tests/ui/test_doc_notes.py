"""View > Show Documentation puts each documented step's text on the diagram, on demand."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bpo_desktop.core.samples import ONBOARDING
from bpo_desktop.ui.canvas.doc_notes import DocNoteItem
from bpo_desktop.ui.main_window import MainWindow


def _notes(window: MainWindow) -> list[DocNoteItem]:
    return [i for i in window.scene.items() if isinstance(i, DocNoteItem)]


def test_documentation_shows_on_demand_and_follows_edits(qtbot: QtBot, editing: MainWindow) -> None:
    window = editing
    process = window.current_process()
    assert process is not None and process.name == ONBOARDING
    s4 = process.node_by_name("Collect payment")
    assert window.document is not None
    window.document.modeling.update_properties(s4.id, documentation="Finance batches on Fridays")
    toggle = window.registry.action("view.documentation")
    assert _notes(window) == []  # off by default: the diagram stays clean
    toggle.trigger()
    notes = _notes(window)
    assert [n.text for n in notes] == ["Finance batches on Fridays"]
    shape = window.scene.item_for(s4.id)
    assert shape is not None
    assert notes[0].sceneBoundingRect().top() >= shape.sceneBoundingRect().bottom() - 1
    window.document.stack.undo()  # the note follows the model
    qtbot.waitUntil(lambda: _notes(window) == [])
    window.document.stack.redo()
    qtbot.waitUntil(lambda: len(_notes(window)) == 1)
    toggle.trigger()
    assert _notes(window) == []
