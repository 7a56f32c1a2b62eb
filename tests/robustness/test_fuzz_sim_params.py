"""Hostile simulation-parameter JSON (Prosimos/Simod format): always ProsimosParamsError or
another ValueError (what `simulate` turns into one line and exit 2), never a crash or a hang."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robustness.fuzzing import TRIED, fuzz_settings, time_bound

from bpo_desktop.core.simulation.prosimos_params import ProsimosParamsError, read_prosimos_params

WEEK = [{"from": "MONDAY", "to": "FRIDAY", "beginTime": "09:00:00", "endTime": "17:00:00"}]

VALID: dict[str, Any] = {
    "resource_profiles": [
        {
            "id": "Team",
            "name": "Team",
            "resource_list": [
                {"id": "r1", "name": "r1", "amount": 3, "cost_per_hour": 40, "calendar": "c1"}
            ],
        }
    ],
    "resource_calendars": [{"id": "c1", "name": "office", "time_periods": WEEK}],
    "arrival_time_distribution": {
        "distribution_name": "expon",
        "distribution_params": [{"value": 600}, {"value": 0}, {"value": 100000}],
    },
    "arrival_time_calendar": WEEK,
    "task_resource_distribution": [
        {
            "task_id": "Task_1",
            "resources": [
                {
                    "resource_id": "r1",
                    "distribution_name": "norm",
                    "distribution_params": [
                        {"value": 300},
                        {"value": 60},
                        {"value": 0},
                        {"value": 900},
                    ],
                }
            ],
        }
    ],
    "gateway_branching_probabilities": [
        {
            "gateway_id": "Gateway_1",
            "probabilities": [{"path_id": "Flow_1", "value": 0.3}, {"path_id": "Flow_2"}],
        }
    ],
    "event_distribution": [
        {"event_id": "Event_1", "distribution_name": "fix", "distribution_params": [{"value": 5}]}
    ],
    "model_type": "CRISP",
}

# JSON values a hostile or broken file may hold anywhere.
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "MONDAY", "25:61:00", "expon", "histogram_sampling", "1e309", "r1"]),
    st.text(max_size=40),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*here, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The valid parameters with a few nodes replaced, removed or given hostile values."""
    data: Any = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "grow"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "grow" and isinstance(parent, list):
            parent.extend([draw(JSON_VALUES)] * draw(st.integers(1, 3)))
        else:
            parent[path[-1]] = draw(JSON_VALUES)
    return data


def _read(source: Any) -> None:
    TRIED["simulation parameters (JSON)"] += 1
    with time_bound():
        try:
            read_prosimos_params(source)
        except ProsimosParamsError as exc:
            assert str(exc) and "\n" not in str(exc)
        except ValueError:
            pass  # the documented contract of the reader's callers (`simulate` catches it)


def test_the_valid_parameters_read() -> None:
    assert read_prosimos_params(json.dumps(VALID)).params.pools


@fuzz_settings()
@given(mutated())
def test_mutated_parameters_are_a_clear_error_or_read(data: Any) -> None:
    _read(data)
    _read(json.dumps(data, allow_nan=True))  # the same through the text path


@fuzz_settings()
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_are_a_clear_error(data: bytes) -> None:
    _read(data)


@fuzz_settings()
@given(
    text=st.sampled_from([json.dumps(VALID), json.dumps(VALID, indent=1)]),
    cut=st.integers(0, 2000),
    insert=st.text(max_size=5),
)
def test_damaged_text_is_a_clear_error(text: str, cut: int, insert: str) -> None:
    cut = cut % len(text)
    _read(text[:cut] + insert + text[cut + len(insert) :])


@pytest.mark.parametrize("depth", [100, 10_000, 100_000])
def test_deeply_nested_json_is_a_clear_error(depth: int) -> None:
    _read("[" * depth + "]" * depth)
    _read('{"resource_profiles": ' + "[" * depth + "]" * depth + "}")


@pytest.mark.slow
@fuzz_settings(long=True)
@given(mutated())
def test_mutated_parameters_long_run(data: Any) -> None:
    _read(data)
