"""The single write path: every model edit is a command on the CommandStack (ARCHITECTURE §7).

Callers use `create_editor(workspace)` and then `editor.modeling` to edit, `editor.stack` to
undo/redo, and `editor.bus` to hear about changes (`elements.changed`, `command_stack.changed`).
"""

from bpo_desktop.core.editing.command_stack import (
    ELEMENTS_CHANGED,
    STACK_CHANGED,
    ChangeKind,
    ChangeSet,
    CommandEvent,
    CommandHandler,
    CommandStack,
    EventBus,
    IllegalInvocationError,
    UnknownCommandError,
)
from bpo_desktop.core.editing.editor import Editor, create_editor
from bpo_desktop.core.editing.modeling import Modeling

__all__ = [
    "ELEMENTS_CHANGED",
    "STACK_CHANGED",
    "ChangeKind",
    "ChangeSet",
    "CommandEvent",
    "CommandHandler",
    "CommandStack",
    "Editor",
    "EventBus",
    "IllegalInvocationError",
    "Modeling",
    "UnknownCommandError",
    "create_editor",
]
