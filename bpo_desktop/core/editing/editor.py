"""The composition root of editing: the only place handlers and behaviours are registered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bpo_desktop.core.editing import commands as cmd
from bpo_desktop.core.editing.behaviors.assign_lane_on_move import AssignLaneOnMoveBehavior
from bpo_desktop.core.editing.behaviors.clear_deleted_system import ClearDeletedSystemBehavior
from bpo_desktop.core.editing.behaviors.flows_follow_shapes import FlowsFollowShapesBehavior
from bpo_desktop.core.editing.behaviors.prune_annotation_targets import (
    PruneAnnotationTargetsBehavior,
)
from bpo_desktop.core.editing.behaviors.prune_scenario_refs import PruneScenarioRefsBehavior
from bpo_desktop.core.editing.behaviors.unassign_deleted_lanes import UnassignDeletedLanesBehavior
from bpo_desktop.core.editing.command_stack import CommandStack, EventBus
from bpo_desktop.core.editing.handlers import (
    annotation,
    batch,
    connection,
    elements,
    process,
    properties,
    record,
    scenario,
    shape,
    system,
    workspace,
)
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.modeling import Modeling
from bpo_desktop.core.model import Workspace

_HANDLERS: dict[str, type[Handler[Any]]] = {
    cmd.WORKSPACE_UPDATE: workspace.UpdateWorkspaceHandler,
    cmd.PROCESS_CREATE: process.CreateProcessHandler,
    cmd.PROCESS_DELETE: process.DeleteProcessHandler,
    cmd.PROCESS_UPDATE: process.UpdateProcessHandler,
    cmd.SHAPE_CREATE: shape.CreateShapeHandler,
    cmd.SHAPE_RESIZE: shape.ResizeShapeHandler,
    cmd.ELEMENTS_MOVE: elements.MoveElementsHandler,
    cmd.ELEMENTS_DELETE: elements.DeleteElementsHandler,
    cmd.ELEMENTS_CREATE: batch.CreateElementsHandler,
    cmd.LAYOUT_UPDATE: batch.UpdateLayoutHandler,
    cmd.ELEMENT_UPDATE_PROPERTIES: properties.UpdatePropertiesHandler,
    cmd.CONNECTION_CREATE: connection.CreateConnectionHandler,
    cmd.CONNECTION_RECONNECT: connection.ReconnectHandler,
    cmd.CONNECTION_UPDATE_WAYPOINTS: connection.UpdateWaypointsHandler,
    cmd.ANNOTATION_CREATE: annotation.CreateAnnotationHandler,
    cmd.ANNOTATION_UPDATE: annotation.UpdateAnnotationHandler,
    cmd.ANNOTATION_DELETE: annotation.DeleteAnnotationHandler,
    cmd.SCENARIO_CREATE: scenario.CreateScenarioHandler,
    cmd.SCENARIO_UPDATE: scenario.UpdateScenarioHandler,
    cmd.SCENARIO_DELETE: scenario.DeleteScenarioHandler,
    cmd.SYSTEM_CREATE: system.CreateSystemHandler,
    cmd.SYSTEM_UPDATE: system.UpdateSystemHandler,
    cmd.SYSTEM_DELETE: system.DeleteSystemHandler,
    cmd.RECORD_PUT: record.PutRecordHandler,
    cmd.RECORD_DELETE: record.DeleteRecordHandler,
}

# Order matters where two listen to the same event: routes follow before lanes are reassigned.
_BEHAVIORS: tuple[Callable[[Workspace, EventBus, CommandStack], object], ...] = (
    PruneAnnotationTargetsBehavior,
    UnassignDeletedLanesBehavior,
    PruneScenarioRefsBehavior,
    ClearDeletedSystemBehavior,
    FlowsFollowShapesBehavior,
    AssignLaneOnMoveBehavior,
)


@dataclass(frozen=True, slots=True)
class Editor:
    """Everything that edits one workspace. Loading another workspace means a new Editor."""

    workspace: Workspace
    bus: EventBus
    stack: CommandStack
    modeling: Modeling


def create_editor(workspace: Workspace) -> Editor:
    bus = EventBus()
    stack = CommandStack(bus)
    for command, handler_type in _HANDLERS.items():
        stack.register(command, handler_type(workspace, stack))
    for behavior_type in _BEHAVIORS:
        behavior_type(workspace, bus, stack)  # each subscribes itself to the bus
    return Editor(workspace, bus, stack, Modeling(workspace, stack))
