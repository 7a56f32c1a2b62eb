"""Our extension namespace, on its own: what we write under extensionElements reads back."""

from __future__ import annotations

from bpo_desktop.core.interchange.bpmn import BPO_NAMESPACE, import_bpmn
from bpo_desktop.core.interchange.bpmn.bpo import ProcessExtras, process_items
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    ConstraintCategory,
    Scenario,
    ScenarioKind,
    Strategy,
    System,
    SystemKind,
)


def test_namespace_is_ours() -> None:
    assert BPO_NAMESPACE == "https://bpo-desktop.org/schema/bpmn/1.0"


def test_process_items_read_back_exactly() -> None:
    annotation = Annotation(
        "Annotation_1", AnnotationKind.CONSTRAINT, "Keep data in the CRM\n(system of record)",
        ref="K1", category=ConstraintCategory.SYSTEM_OF_RECORD, violated=True, severity=2,
        targets=("A", "B"),
    )  # fmt: skip
    weakness = Annotation("Annotation_2", AnnotationKind.WEAKNESS, "Slow",
                          strategy=Strategy.ELIMINATE, strategy_text="automate")  # fmt: skip
    scenario = Scenario(
        "Scenario_1", "Faster", ScenarioKind.TO_BE, "what if",
        overrides={"A": {"touch_min": 0.0, "name": "Auto", "system_id": None}},
        removed=frozenset({"B"}),
    )  # fmt: skip
    system = System("System_x", "CRM", SystemKind.IT, is_system_of_record=True)
    items = process_items("Ann", [system], [annotation, weakness], [scenario])
    extras = ProcessExtras(lambda line, message: None, {})
    assert extras.read(items) == []
    assert extras.owner == "Ann"
    assert extras.systems == [system]
    assert extras.annotations == [annotation, weakness]
    assert extras.scenarios == [scenario]


def test_unknown_bpo_content_is_a_warning() -> None:
    data = f"""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
        xmlns:bpo="{BPO_NAMESPACE}" targetNamespace="x">
      <bpmn:process id="P1"><bpmn:extensionElements><bpo:mystery/></bpmn:extensionElements>
        <bpmn:task id="T1"><bpmn:extensionElements>
          <bpo:properties touch_min="ten" wait_min="5"/></bpmn:extensionElements></bpmn:task>
      </bpmn:process></bpmn:definitions>""".encode()
    result = import_bpmn(data, source="x")
    assert any("bpo:mystery" in w for w in result.warnings)
    assert any("touch_min" in w for w in result.warnings)
    task = result.processes[0].node("T1")
    assert (task.touch_min, task.wait_min) == (0.0, 5.0)
