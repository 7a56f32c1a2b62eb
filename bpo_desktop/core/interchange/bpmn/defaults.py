"""Ids the writer makes up for BPMN elements that are not model elements.

The builder does not keep an id equal to the one the writer would make up, so an export read
back gives the same model (and its verbatim records) again.
"""

from __future__ import annotations


def definitions_id(process_id: str) -> str:
    return f"{process_id}_definitions"


def target_namespace(process_id: str) -> str:
    return f"https://bpo-desktop.org/bpmn/{process_id}"


def diagram_id(process_id: str) -> str:
    return f"{process_id}_diagram"


def plane_id(process_id: str) -> str:
    return f"{process_id}_plane"


def shape_id(element_id: str) -> str:
    return f"{element_id}_di"


def lane_set_id(owner_id: str) -> str:
    return f"{owner_id}_lanes"


def pool_process_id(pool_id: str) -> str:
    return f"{pool_id}_process"


def data_twin_id(reference_id: str) -> str:
    return f"{reference_id}_data"


def event_definition_id(node_id: str) -> str:
    return f"{node_id}_definition"


def placeholder_id(flow_id: str) -> str:
    """The `property` a data input association points at when the model names no input."""
    return f"{flow_id}_target"


def category_id(group_id: str) -> str:
    return f"Category_{group_id}"


def category_value_id(group_id: str) -> str:
    return f"CategoryValue_{group_id}"
