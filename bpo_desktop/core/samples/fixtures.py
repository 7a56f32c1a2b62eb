"""The product brief's fixtures (PRODUCT.md §4) built as real processes.

They are the sample workspace users open first and the ground truth of the acceptance tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    ConstraintCategory,
    Lane,
    LaneKind,
    NodeKind,
    Process,
    Scenario,
    ScenarioKind,
    ShapeLayout,
    Strategy,
    SystemKind,
    TaskType,
    VAClass,
    Workspace,
)
from bpo_desktop.core.samples.builder import LANE_HEIGHT, ProcessBuilder, counter_ids

ONBOARDING = "Customer onboarding (as-is)"
ONBOARDING_REWORK = "Customer onboarding with rework"
CONTRACTS = "Manage client contracts"

H = 60.0  # minutes per hour


def _onboarding_steps(b: ProcessBuilder, *, rework: bool = False) -> dict[str, str]:
    """FX-ONB up to the AND split: lanes, S1..S5, start and the AND split/join ids by key."""
    ids: dict[str, str] = {}
    ids["sales"] = b.lane("Sales", hourly_rate=60)
    ids["cs"] = b.lane("Customer Service", hourly_rate=40)
    ids["finance"] = b.lane("Finance", hourly_rate=50)
    ids["marketing"] = b.lane("Marketing", hourly_rate=45)
    b.system("Email", SystemKind.EMAIL)
    b.system("Paper", SystemKind.PAPER)
    ids["start"] = b.node(NodeKind.START_EVENT, "Contract signed", lane=ids["sales"], col=0)
    ids["S1"] = b.task(
        "Enter customer + contract in CRM",
        lane=ids["sales"], col=1, touch_min=20, wait_min=0, system="CRM",
        va_class=VAClass.NNVA, task_type=TaskType.USER,
    )  # fmt: skip
    ids["S2"] = b.task(
        "Email CS, Finance, Marketing",
        lane=ids["sales"], col=2, touch_min=10, wait_min=8 * H, system="Email",
        va_class=VAClass.NVA, task_type=TaskType.SEND,
    )  # fmt: skip
    ids["split"] = b.node(NodeKind.PARALLEL_GATEWAY, "", lane=ids["sales"], col=3)
    ids["S3"] = b.task(
        "Assign account rep",
        lane=ids["cs"], col=4, touch_min=15, wait_min=16 * H, system="CRM",
        va_class=VAClass.VA, task_type=TaskType.USER,
    )  # fmt: skip
    ids["S4"] = b.task(
        "Collect payment",
        lane=ids["finance"], col=5 if rework else 4, touch_min=45, wait_min=24 * H, system="ERP",
        va_class=VAClass.NNVA, task_type=TaskType.USER,
    )  # fmt: skip
    ids["S5"] = b.task(
        "Send welcome kit",
        lane=ids["marketing"], col=4, touch_min=20, wait_min=32 * H, system="Paper",
        va_class=VAClass.VA, task_type=TaskType.MANUAL,
    )  # fmt: skip
    b.flow(ids["start"], ids["S1"])
    b.flow(ids["S1"], ids["S2"])
    b.flow(ids["S2"], ids["split"])
    for step in ("S3", "S5") if rework else ("S3", "S4", "S5"):
        b.flow(ids["split"], ids[step])
    return ids


def add_onboarding(ws: Workspace, ids: Callable[[str], str] | None = None) -> Process:
    """FX-ONB, with the "Automate S2" to-be scenario and the source's pain point and idea."""
    b = ProcessBuilder(ws, ONBOARDING, pool="Customer onboarding", ids=ids)
    k = _onboarding_steps(b)
    join = b.node(NodeKind.PARALLEL_GATEWAY, "", lane=k["sales"], col=6)
    end = b.node(NodeKind.END_EVENT, "Customer onboarded", lane=k["sales"], col=7)
    for step in ("S3", "S4", "S5"):
        b.flow(k[step], join)
    b.flow(join, end)
    process = b.build()
    new = ids or ws.new_id
    _add(process, Annotation(
        id=new("Annotation"), kind=AnnotationKind.PAIN_POINT, ref="P1",
        text="Relies entirely on the salesperson to remember to contact all the relevant groups",
        severity=3, targets=(k["S2"],),
    ))  # fmt: skip
    _add(process, Annotation(
        id=new("Annotation"), kind=AnnotationKind.IDEA, ref="I1",
        text="Automatically trigger a workflow at customer signup that notifies each group",
        targets=(k["S2"],),
    ))  # fmt: skip
    _add_automate_s2(ws, process, k, new)
    return process


def _add_automate_s2(
    ws: Workspace, process: Process, k: dict[str, str], new: Callable[[str], str]
) -> None:
    workflow_system = ProcessBuilder.system_in(ws, "Workflow", new)
    pool_id, pool_layout = next((p.id, process.layout[p.id]) for p in process.pools())
    assert isinstance(pool_layout, ShapeLayout)
    pool = pool_layout.bounds
    lane = Lane(
        id=new("Lane"), name="Workflow", parent_id=pool_id, kind=LaneKind.SYSTEM, position=4
    )
    lane_bounds = Bounds(pool.x + 30, pool.y + pool.height, pool.width - 30, LANE_HEIGHT)
    s2 = process.layout[k["S2"]]
    assert isinstance(s2, ShapeLayout)
    s2_moved = s2.moved(0, lane_bounds.center.y - s2.bounds.center.y)
    scenario = Scenario(
        id=new("Scenario"),
        name="Automate S2",
        kind=ScenarioKind.TO_BE,
        description="A system trigger replaces the salesperson's email (source example C24).",
        overrides={
            k["S2"]: {
                "name": "Notify CS, Finance, Marketing (workflow)",
                "touch_min": 0.0,
                "wait_min": 0.0,
                "lane_id": lane.id,
                "system_id": workflow_system,
                "task_type": TaskType.SERVICE.value,
                "va_class": VAClass.NNVA.value,
            }
        },
        added=(lane,),
        added_layout={
            lane.id: ShapeLayout(lane_bounds),
            pool_id: ShapeLayout(replace(pool, height=pool.height + LANE_HEIGHT)),
            k["S2"]: s2_moved,
        },
    )
    process.scenarios[scenario.id] = scenario


def add_onboarding_rework(ws: Workspace, ids: Callable[[str], str] | None = None) -> Process:
    """FX-RW: FX-ONB with "Payment received?" after S4 (yes 80 %, no 20 % back to S4)."""
    b = ProcessBuilder(ws, ONBOARDING_REWORK, pool="Customer onboarding", ids=ids)
    k = _onboarding_steps(b, rework=True)
    # A merge gateway lets the loop re-enter S4 without an implicit join on the task.
    merge = b.node(NodeKind.EXCLUSIVE_GATEWAY, "", lane=k["finance"], col=4)
    check = b.node(NodeKind.EXCLUSIVE_GATEWAY, "Payment received?", lane=k["finance"], col=6)
    join = b.node(NodeKind.PARALLEL_GATEWAY, "", lane=k["sales"], col=7)
    end = b.node(NodeKind.END_EVENT, "Customer onboarded", lane=k["sales"], col=8)
    b.flow(k["split"], merge)
    b.flow(merge, k["S4"])
    b.flow(k["S4"], check)
    b.flow(check, join, name="yes", probability=0.8)
    b.flow(check, merge, name="no", probability=0.2)
    b.flow(k["S3"], join)
    b.flow(k["S5"], join)
    b.flow(join, end)
    return b.build()


def add_contracts(ws: Workspace, ids: Callable[[str], str] | None = None) -> Process:
    """FX-CON: the source article's planning sheet on a small contract process."""
    b = ProcessBuilder(ws, CONTRACTS, ids=ids)
    sales = b.lane("Sales", hourly_rate=60)
    admin = b.lane("Contract administration", hourly_rate=45)
    finance = b.lane("Finance", hourly_rate=50)
    b.system("Spreadsheet", SystemKind.SPREADSHEET)
    start = b.node(NodeKind.START_EVENT, "Contract received", lane=sales, col=0)
    enter = b.task("Enter contract in CRM", lane=sales, col=1, touch_min=15, system="CRM")
    validate = b.task("Validate contract data", lane=admin, col=2, touch_min=10, system="CRM")
    report = b.task("Generate discount report", lane=finance, col=3, touch_min=20, system="CRM")
    consolidate = b.task(
        "Consolidate contracts in spreadsheet", lane=finance, col=4, touch_min=60,
        system="Spreadsheet", va_class=VAClass.NVA,
    )  # fmt: skip
    end = b.node(NodeKind.END_EVENT, "Contract on file", lane=finance, col=5)
    for source, target in [
        (start, enter), (enter, validate), (validate, report), (report, consolidate),
        (consolidate, end),
    ]:  # fmt: skip
        b.flow(source, target)
    b.data_object("Contract", near=consolidate, written_by=consolidate)
    process = b.build()
    new = ids or ws.new_id
    for item in _planning_sheet(validate, report, consolidate):
        _add(process, replace(item, id=new("Annotation")))
    return process


def _planning_sheet(validate: str, report: str, consolidate: str) -> list[Annotation]:
    g, k, s, w = (
        AnnotationKind.GOAL,
        AnnotationKind.CONSTRAINT,
        AnnotationKind.STRENGTH,
        AnnotationKind.WEAKNESS,
    )
    return [
        Annotation("", g, ref="G1", text="Contract data current, correct and complete"),
        Annotation("", g, ref="G2", text="Up-to-date contract info accessible to field sales reps"),
        Annotation(
            "",
            k,
            ref="K1",
            text="Contract data maintained in the system of record (CRM)",
            category=ConstraintCategory.SYSTEM_OF_RECORD,
        ),
        Annotation(
            "",
            k,
            ref="K2",
            text="Contract data secure from breaches",
            category=ConstraintCategory.SECURITY,
        ),
        Annotation(
            "",
            s,
            ref="St1",
            text="Discount analysis with current reports",
            strategy=Strategy.PRESERVE,
            strategy_text="maintain current report structure",
            targets=(report,),
        ),
        Annotation(
            "",
            s,
            ref="St2",
            text="Few client-visible errors at signature",
            strategy=Strategy.PRESERVE,
            strategy_text="maintain tight data validation",
            targets=(validate,),
        ),
        Annotation(
            "",
            w,
            ref="W1",
            text="Audit findings on revenue recognition (last two audits)",
            strategy=Strategy.MITIGATE,
            strategy_text="standard %-complete tracking by PMs",
            evidence="Our auditors have issued findings on our revenue recognition "
            "in the last two audits",
        ),
        Annotation(
            "",
            w,
            ref="W2",
            text="No total customer value across territories",
            strategy=Strategy.ELIMINATE,
            strategy_text="MDM + automate spreadsheet consolidation",
            targets=(consolidate,),
        ),
    ]


def _add(process: Process, annotation: Annotation) -> None:
    process.annotations[annotation.id] = annotation


def sample_workspace() -> Workspace:
    """The workspace `bpo-desktop new --sample` writes and the GUI opens the first time."""
    ws = Workspace(id="Workspace_sample", name="BPO Desktop sample")
    add_onboarding(ws, counter_ids("onb"))
    add_onboarding_rework(ws, counter_ids("rw"))
    add_contracts(ws, counter_ids("con"))
    return ws
