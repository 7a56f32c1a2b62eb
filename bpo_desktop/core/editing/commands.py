"""The command ids (`noun.verb`, as diagram-js), in one place so a typo is an import error."""

from __future__ import annotations

WORKSPACE_UPDATE = "workspace.update"
PROCESS_CREATE = "process.create"
PROCESS_DELETE = "process.delete"
PROCESS_UPDATE = "process.update"
SHAPE_CREATE = "shape.create"
SHAPE_RESIZE = "shape.resize"
ELEMENTS_MOVE = "elements.move"
ELEMENTS_DELETE = "elements.delete"
ELEMENTS_CREATE = "elements.create"
LAYOUT_UPDATE = "layout.update"
ELEMENT_UPDATE_PROPERTIES = "element.update_properties"
CONNECTION_CREATE = "connection.create"
CONNECTION_RECONNECT = "connection.reconnect"
CONNECTION_UPDATE_WAYPOINTS = "connection.update_waypoints"
ANNOTATION_CREATE = "annotation.create"
ANNOTATION_UPDATE = "annotation.update"
ANNOTATION_DELETE = "annotation.delete"
SCENARIO_CREATE = "scenario.create"
SCENARIO_UPDATE = "scenario.update"
SCENARIO_DELETE = "scenario.delete"
SYSTEM_CREATE = "system.create"
SYSTEM_UPDATE = "system.update"
SYSTEM_DELETE = "system.delete"
RECORD_PUT = "record.put"
RECORD_DELETE = "record.delete"


def pre_execute(command: str) -> str:
    """The bus event behaviours subscribe to before `command` executes."""
    return f"{command}.pre_execute"


def post_execute(command: str) -> str:
    """The bus event behaviours subscribe to after `command` executed."""
    return f"{command}.post_execute"
