"""Simulation setups and runs stored as workspace records: codec round trip, merge with the
model and scenarios, latest run lookups, saving in a real .bpo, and reproducing a stored run."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.model import Record, new_workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.simulation import (
    ArrivalParams,
    DistKind,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    WeeklyCalendar,
    params_from_process,
)
from bpo_desktop.core.simulation.codec import CodecError, params_from_json, params_to_json
from bpo_desktop.core.simulation.store import (
    RUN_KIND,
    SimSetup,
    effective_setup,
    execute,
    latest_run,
    replay,
    run_record,
    runs_of,
    setup_record,
    stored_setup,
)
from bpo_desktop.core.storage import read_workspace, save_workspace_as

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0, max_value=1e9, allow_nan=False)
ids = st.text("abcdefghij_0123456789", min_size=1, max_size=8)


@st.composite
def distributions(draw: st.DrawFn) -> Distribution:
    kind = draw(st.sampled_from(list(DistKind)))
    values = tuple(draw(st.lists(positive, max_size=4)))
    return Distribution(
        kind,
        tuple(draw(st.lists(finite, max_size=3))),
        values,
        tuple(draw(st.lists(positive, min_size=len(values), max_size=len(values)))),
        draw(st.one_of(finite, st.just(-math.inf))),
        draw(st.one_of(finite, st.just(math.inf))),
    )


@st.composite
def calendars(draw: st.DrawFn) -> WeeklyCalendar:
    cuts = sorted(set(draw(st.lists(st.floats(0, 7 * 86400), min_size=2, max_size=8))))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    if not pairs:
        pairs = [(0.0, 3600.0)]
    return WeeklyCalendar(tuple(pairs), draw(st.text(max_size=5)))


@st.composite
def sim_params(draw: st.DrawFn) -> SimParams:
    return SimParams(
        arrival=ArrivalParams(draw(distributions()), draw(st.none() | calendars())),
        tasks=MappingProxyType(
            draw(
                st.dictionaries(
                    ids,
                    st.builds(
                        TaskParams,
                        distributions(),
                        st.none() | ids,
                        st.none() | distributions(),
                        finite,
                    ),
                    max_size=4,
                )
            )
        ),
        pools=MappingProxyType(
            draw(
                st.dictionaries(
                    ids,
                    st.builds(
                        PoolParams,
                        st.text(max_size=6),
                        st.none() | st.integers(0, 1000),
                        positive,
                        st.none() | calendars(),
                        positive,
                    ),
                    max_size=3,
                )
            )
        ),
        branches=MappingProxyType(draw(st.dictionaries(ids, st.floats(0, 1), max_size=4))),
        event_delays=MappingProxyType(draw(st.dictionaries(ids, distributions(), max_size=2))),
        warmup_s=draw(positive),
        horizon_s=draw(st.none() | positive),
        max_events=draw(st.none() | st.integers(1, 10**12)),
    )


@settings(max_examples=150, deadline=None)
@given(sim_params())
def test_codec_round_trip_is_exact_through_json_and_a_record(params: SimParams) -> None:
    data = params_to_json(params)
    assert params_from_json(json.loads(json.dumps(data))) == params
    record = Record("SimSetup_1", "sim_setup", "P", {"params": data})  # frozen: tuples, proxies
    assert params_from_json(record.body["params"]) == params


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["arrival"].update(interarrival={"kind": "weibull"}), "arrival.interarrival"),
        (lambda d: d["tasks"][0]["duration"].update(params=["x"]), "tasks.T.duration.params"),
        (lambda d: d["pools"][0].update(staff=1.5), "pools.L.staff"),
        (lambda d: d["pools"][0].update(calendar={"periods": [[5, 1]]}), "pools.L.calendar"),
        (lambda d: d.update(branches=[{"id": "F", "probability": "half"}]), "branches.F"),
        (lambda d: d.update(tasks=[{"id": "T"}, {"id": "T"}]), r"tasks\[1\].id"),
        (lambda d: d.update(arrival=[]), "arrival"),
    ],
)
def test_damaged_parameters_name_the_field(mutate, where: str) -> None:  # type: ignore[no-untyped-def]
    params = SimParams(
        ArrivalParams(Distribution(DistKind.FIXED, (60.0,))),
        tasks=MappingProxyType({"T": TaskParams(Distribution(DistKind.FIXED, (1.0,)), "L")}),
        pools=MappingProxyType({"L": PoolParams("L")}),
    )
    data = json.loads(json.dumps(params_to_json(params)))
    mutate(data)
    with pytest.raises(CodecError, match=where):
        params_from_json(data)


def _onboarding():  # type: ignore[no-untyped-def]
    ws = sample_workspace()
    process = next(p for p in ws.processes.values() if p.scenarios)
    return ws, process


def test_setup_is_one_undoable_record_and_merges_with_the_model() -> None:
    ws, process = _onboarding()
    editor = create_editor(ws)
    params = params_from_process(process)
    lane = process.lanes()[0]
    task_id = next(iter(params.tasks))
    mine = params.with_pool(lane.id, staff=7).with_task(
        task_id, duration=Distribution(DistKind.UNIFORM, (10.0, 20.0))
    )
    editor.modeling.put_record(setup_record(ws, process.id, SimSetup(mine, 500, 3, 9)), "Setup")
    assert len(ws.records_of("sim_setup", process.id)) == 1
    again = setup_record(ws, process.id, SimSetup(mine, 600, 3, 9))  # replaces, same id
    editor.modeling.put_record(again, "Setup")
    assert len(ws.records_of("sim_setup", process.id)) == 1
    setup = stored_setup(ws, process.id)
    assert setup is not None and setup.cases == 600
    assert set(setup.params.tasks) == {task_id} and set(setup.params.pools) == {lane.id}
    merged = effective_setup(ws, process)
    assert merged.params == mine  # the stored overrides on top of the model
    other = next(t for t in params.tasks if t != task_id)
    node = process.node(other)
    editor.modeling.update_properties(other, touch_min=node.touch_min + 5)
    followed = effective_setup(ws, process).params.tasks[other].duration.mean
    assert followed == (node.touch_min + 5) * 60  # an untuned step follows the model
    editor.stack.undo()
    editor.stack.undo()
    editor.stack.undo()
    assert stored_setup(ws, process.id) is None


def test_a_scenario_change_wins_over_the_setup_for_the_fields_it_changes() -> None:
    ws, process = _onboarding()
    scenario = next(iter(process.scenarios.values()))
    params = params_from_process(process)
    custom = params
    for task_id in params.tasks:
        custom = custom.with_task(task_id, fixed_cost=123.0)
    editor = create_editor(ws)
    editor.modeling.put_record(setup_record(ws, process.id, SimSetup(custom)), "Setup")
    merged = effective_setup(ws, process, scenario.name)
    for element_id, changes in scenario.overrides.items():
        if element_id in merged.params.tasks and "touch_min" in changes:
            assert merged.params.tasks[element_id].duration.mean == changes["touch_min"] * 60
    untouched = [t for t in params.tasks if t not in scenario.touched_ids()]
    assert untouched and all(merged.params.tasks[t].fixed_cost == 123.0 for t in untouched)


def test_runs_are_found_latest_first_per_scenario_and_survive_a_save(tmp_path: Path) -> None:
    ws, process = _onboarding()
    editor = create_editor(ws)
    scenario = next(iter(process.scenarios.values()))
    setup = replace(effective_setup(ws, process), cases=200, replications=2)
    outcome = execute(process, setup)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    first = run_record(ws, process.id, None, setup, outcome, created_at=t0)
    editor.modeling.put_record(first, "Record simulation run")
    second = run_record(ws, process.id, None, setup, outcome, created_at=t0 + timedelta(1))
    editor.modeling.put_record(second, "Record simulation run")
    to_be = run_record(ws, process.id, scenario.id, setup, outcome, created_at=t0)
    editor.modeling.put_record(to_be, "Record simulation run")
    assert [r.id for r in runs_of(ws, process.id)] == [first.id, to_be.id, second.id]
    latest = latest_run(ws, process.id)
    assert latest is not None and latest.id == second.id
    scenario_run = latest_run(ws, process.id, scenario.id)
    assert scenario_run is not None and scenario_run.scenario_name == scenario.name
    assert latest_run(ws, "Process_none") is None
    path = tmp_path / "runs.bpo"
    save_workspace_as(ws, path)
    reopened = read_workspace(path)
    stored = latest_run(reopened, process.id)
    assert stored is not None
    assert stored.kpis["cycle_time"]["mean"] == outcome.result.cycle_time.mean
    assert stored.params == setup.params and stored.seed == setup.seed
    assert sum(stored.charts["cycle_histogram"]["counts"]) == 2 * 200
    assert {s["id"] for s in stored.charts["waiting_by_step"]} == set(setup.params.tasks)


def test_a_stored_run_replays_to_identical_kpis(tmp_path: Path) -> None:
    ws, process = _onboarding()
    scenario = next(iter(process.scenarios.values()))
    editor = create_editor(ws)
    target = process.copy()
    for scenario_id in (None, scenario.id):
        name = None if scenario_id is None else scenario.name
        setup = replace(effective_setup(ws, process, name), cases=300, replications=3, seed=42)
        from bpo_desktop.core.model import effective_process

        outcome = execute(effective_process(target, name), setup)
        editor.modeling.put_record(
            run_record(ws, process.id, scenario_id, setup, outcome), "Record simulation run"
        )
    path = tmp_path / "replay.bpo"
    save_workspace_as(ws, path)
    reopened = read_workspace(path)
    for scenario_id in (None, scenario.id):
        stored = latest_run(reopened, process.id, scenario_id)
        assert stored is not None
        again = replay(reopened, stored).to_json()
        kept = dict(stored.kpis)
        for volatile in ("wall_s",):
            again.pop(volatile)
            kept.pop(volatile)
        assert json.loads(json.dumps(again)) == json.loads(json.dumps(_thaw(kept)))


def test_damaged_run_records_are_left_out() -> None:
    ws = new_workspace("w")
    ws.records["SimRun_x"] = Record("SimRun_x", RUN_KIND, "P", {"kpis": "nope"})
    assert runs_of(ws, "P") == []


def _thaw(value):  # type: ignore[no-untyped-def]
    from bpo_desktop.core.model.records import thaw_json

    return thaw_json(value)


def test_latest_run_skips_a_damaged_newest_record_and_breaks_ties_by_insertion() -> None:
    ws, process = _onboarding()
    setup = replace(effective_setup(ws, process), cases=50, replications=1)
    outcome = execute(process, setup)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    a = run_record(ws, process.id, None, setup, outcome, created_at=t0)
    b = run_record(ws, process.id, None, setup, outcome, created_at=t0)
    ws.records[a.id], ws.records[b.id] = a, b
    latest = latest_run(ws, process.id)
    assert latest is not None and latest.id == b.id == runs_of(ws, process.id)[-1].id
    body = {**_thaw(b.body), "created_at": "2027-01-01T00:00:00.000+00:00", "params": []}
    ws.records["SimRun_bad"] = Record("SimRun_bad", RUN_KIND, process.id, body)
    latest = latest_run(ws, process.id)
    assert latest is not None and latest.id == b.id
