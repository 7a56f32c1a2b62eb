"""The committed content model is exactly what the OMG schemas say."""

from __future__ import annotations

import json
from pathlib import Path

from bpo_desktop.core.interchange.bpmn import content_model
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn


def test_committed_json_matches_the_schemas(corpus: Path) -> None:
    derived = content_model.derive(corpus / "xsd")
    committed = json.loads(Path(content_model.__file__).with_name("content_model.json").read_text())
    assert derived == committed


def test_it_knows_the_order_bpmn_requires() -> None:
    model = content_model.content_model()
    process = model.element_type(bpmn("process"))
    assert process is not None
    tags = ("documentation", "extensionElements", "laneSet", "task", "textAnnotation")
    ranks = [process.rank(bpmn(tag), foreign=False) for tag in tags]
    assert ranks == sorted(ranks) and None not in ranks
    assert process.rank(bpmn("BPMNShape"), foreign=False) is None
    timer = model.element_type(bpmn("timerEventDefinition"))
    assert timer is not None
    choices = {slot.choice for slot in timer.slots if slot.choice >= 0}
    assert len(choices) == 1  # timeDate | timeDuration | timeCycle
