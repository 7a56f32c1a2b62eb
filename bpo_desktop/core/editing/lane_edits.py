"""Lane edits as single undo steps: add, remove, reorder and resize (through `Modeling`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bpo_desktop.core.editing import lanes
from bpo_desktop.core.editing.command_stack import CommandStack
from bpo_desktop.core.editing.containment import child_lanes, lane_subtree, shape_bounds
from bpo_desktop.core.editing.lookup import process_in, process_with_element
from bpo_desktop.core.model import Bounds, Lane, Pool, Workspace

if TYPE_CHECKING:
    from bpo_desktop.core.editing.modeling import Modeling


class LaneEdits:
    def __init__(self, workspace: Workspace, stack: CommandStack, modeling: Modeling) -> None:
        self._workspace = workspace
        self._stack = stack
        self._modeling = modeling

    def _apply(self, process_id: str, plan: lanes.LanePlan) -> None:
        for lane_id, position in plan.positions.items():
            self._modeling.update_properties(lane_id, position=position)
        if plan.layouts:
            self._modeling.update_layout(process_id, plan.layouts)

    def move_lane(self, lane_id: str, index: int) -> None:
        process = process_with_element(self._workspace, lane_id)
        plan = lanes.reorder(process, lane_id, index)
        if plan.positions or plan.layouts:
            with self._stack.transaction("Move lane"):
                self._apply(process.id, plan)

    def resize_lane(self, lane_id: str, height: float) -> None:
        process = process_with_element(self._workspace, lane_id)
        plan = lanes.resize(process, lane_id, height)
        if plan.layouts:
            with self._stack.transaction("Resize lane"):
                self._apply(process.id, plan)

    def resize_pool(self, pool_id: str, right: float) -> None:
        process = process_with_element(self._workspace, pool_id)
        layouts = lanes.resize_pool_width(process, pool_id, right)
        if layouts:
            self._modeling.update_layout(process.id, layouts, label="Resize pool")

    def insert_lane(
        self,
        process_id: str,
        parent_id: str | None,
        index: int,
        name: str = "",
        **attrs: Any,
    ) -> str:
        """A new lane at `index` among the parent's lanes; the lanes below move down and the
        pool grows. The first lane of a pool covers the pool and takes the steps inside it."""
        process = process_in(self._workspace, process_id)
        parent = shape_bounds(process, parent_id) if parent_id else None
        with self._stack.transaction("Add lane"):
            if parent is not None and not child_lanes(process, parent_id):
                box = Bounds(
                    parent.x + lanes.BAND, parent.y, parent.width - lanes.BAND, parent.height
                )
                lane_id = self._modeling.add_lane(
                    process_id, name, box, parent_id=parent_id, **attrs
                )
                for node in list(process.nodes()):
                    centre = shape_bounds(process, node.id)
                    if node.lane_id is None and centre is not None and box.contains(centre.center):
                        self._modeling.update_properties(node.id, lane_id=lane_id)
                return lane_id
            plan = lanes.insert(process, parent_id, index)
            self._apply(process_id, plan)
            assert plan.new_lane is not None
            attrs["position"] = index
            return self._modeling.add_lane(
                process_id, name, plan.new_lane, parent_id=parent_id, **attrs
            )

    def add_pool(self, process_id: str, name: str, bounds: Bounds) -> str:
        """A pool with one lane filling it (the lane is what steps are assigned to)."""
        with self._stack.transaction("Create pool"):
            pool_id = self._modeling.create_shape(process_id, Pool("", name), bounds)
            self.insert_lane(process_id, pool_id, 0, "")
        return pool_id

    def remove_lane(self, lane_id: str) -> None:
        """The neighbouring lane grows over the space and takes the lane's steps."""
        process = process_with_element(self._workspace, lane_id)
        plan, heir = lanes.remove(process, lane_id)
        gone = lane_subtree(process, lane_id)
        with self._stack.transaction("Remove lane"):
            if heir is not None:
                for node in list(process.nodes()):
                    if node.lane_id in gone:
                        self._modeling.update_properties(node.id, lane_id=heir)
            self._apply(process.id, plan)
            self._modeling.delete_elements([lane_id])

    def lane_index(self, lane_id: str) -> int:
        process = process_with_element(self._workspace, lane_id)
        lane = process.elements[lane_id]
        assert isinstance(lane, Lane)
        siblings = [other.id for other in child_lanes(process, lane.parent_id)]
        return siblings.index(lane_id)
