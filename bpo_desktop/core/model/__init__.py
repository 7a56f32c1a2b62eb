"""The Qt-free domain model: the floor every other layer stands on."""

from bpo_desktop.core.model.annotations import Annotation, annotation_problems
from bpo_desktop.core.model.elements import (
    DataObject,
    Element,
    Flow,
    Group,
    Lane,
    Node,
    Pool,
    TextAnnotation,
    id_prefix,
)
from bpo_desktop.core.model.enums import (
    AnnotationKind,
    ConstraintCategory,
    DataIO,
    EventTrigger,
    FlowKind,
    LaneKind,
    LoopKind,
    NodeKind,
    ScenarioKind,
    Strategy,
    SystemKind,
    TaskType,
    VAClass,
)
from bpo_desktop.core.model.layout import Bounds, EdgeLayout, Layout, Point, ShapeLayout
from bpo_desktop.core.model.process import Process
from bpo_desktop.core.model.records import Record, freeze_json, thaw_json
from bpo_desktop.core.model.scenario import Scenario
from bpo_desktop.core.model.scenario_apply import ScenarioError, apply_scenario, effective_process
from bpo_desktop.core.model.systems import System, default_systems
from bpo_desktop.core.model.verbatim import Verbatim
from bpo_desktop.core.model.workspace import Workspace, new_workspace

__all__ = [
    "Annotation",
    "AnnotationKind",
    "Bounds",
    "ConstraintCategory",
    "DataIO",
    "DataObject",
    "EdgeLayout",
    "Element",
    "EventTrigger",
    "Flow",
    "FlowKind",
    "Group",
    "Lane",
    "LaneKind",
    "Layout",
    "LoopKind",
    "Node",
    "NodeKind",
    "Point",
    "Pool",
    "Process",
    "Record",
    "Scenario",
    "ScenarioError",
    "ScenarioKind",
    "ShapeLayout",
    "Strategy",
    "System",
    "SystemKind",
    "TaskType",
    "TextAnnotation",
    "VAClass",
    "Verbatim",
    "Workspace",
    "annotation_problems",
    "apply_scenario",
    "default_systems",
    "effective_process",
    "freeze_json",
    "id_prefix",
    "new_workspace",
    "thaw_json",
]
