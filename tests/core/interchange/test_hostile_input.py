"""(e) Hostile and broken input: a clean `BpmnImportError` naming the line, or a warning.

No corpus needed: the documents are written here.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bpo_desktop.core.interchange.bpmn import BpmnImportError, export_bpmn, import_bpmn
from bpo_desktop.core.model import Flow, Node, NodeKind, new_workspace

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:foo="http://example.com/foo" id="Defs" targetNamespace="http://example.com">\n'
)


def document(body: str, head: str = HEAD) -> bytes:
    return (head + body + "\n</bpmn:definitions>\n").encode()


def process(body: str) -> bytes:
    return document(f'<bpmn:process id="P1" isExecutable="false">\n{body}\n</bpmn:process>')


def refused(data: bytes) -> BpmnImportError:
    with pytest.raises(BpmnImportError) as caught:
        import_bpmn(data, source="bad.bpmn")
    message = str(caught.value)
    assert message.startswith("bad.bpmn: ")
    assert "\n" not in message
    return caught.value


def test_external_entity_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        + HEAD.split("\n", 1)[1]
        + '<bpmn:process id="P1" name="&xxe;"/>\n</bpmn:definitions>'
    ).encode()
    error = refused(data)
    assert "TOP-SECRET-CONTENT" not in str(error)
    assert error.line is not None


def test_billion_laughs_is_refused_quickly() -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n'
        + "\n".join(entities)
        + "\n]>\n"
        + HEAD.split("\n", 1)[1]
        + '<bpmn:process id="P1" name="&lol9;"/>\n</bpmn:definitions>'
    ).encode()
    start = time.perf_counter()
    error = refused(data)
    assert time.perf_counter() - start < 2.0
    assert error.line is not None


def test_a_harmless_doctype_is_refused_too() -> None:
    data = b'<?xml version="1.0"?>\n<!DOCTYPE definitions>\n' + document("").split(b"\n", 1)[1]
    error = refused(data)
    assert "DOCTYPE" in str(error)
    assert error.line == 2


def test_malformed_xml_names_the_line() -> None:
    error = refused(process('<bpmn:task id="T1">\n<bpmn:incoming>x</bpmn:task>'))
    assert error.line == 5  # where the parser finds the mismatched end tag
    assert "line 5" in str(error)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'<definitions xmlns="http://not-bpmn"/>', "not a BPMN 2.0 file"),
        (b'<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
         "not a BPMN 2.0 file"),
        (b"\xff\xfe\x00garbage", "not well-formed"),
    ],
)  # fmt: skip
def test_not_bpmn_is_refused(data: bytes, reason: str) -> None:
    assert reason in str(refused(data))


def test_missing_source_ref_is_a_warning() -> None:
    result = import_bpmn(
        process(
            '<bpmn:task id="T1"/><bpmn:task id="T2"/>\n'
            '<bpmn:sequenceFlow id="F1" targetRef="T2"/>\n'
            '<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>'
        ),
        source="x.bpmn",
    )
    flows = [e for e in result.processes[0].elements.values() if isinstance(e, Flow)]
    assert [f.id for f in flows] == ["F2"]
    assert any("F1" in w and "sourceRef" in w and w.startswith("line 5") for w in result.warnings)


def test_duplicate_ids_are_renamed_with_a_warning(
    schema_errors: object,
) -> None:
    result = import_bpmn(
        process(
            '<bpmn:task id="T1" name="first"/><bpmn:task id="T1" name="second"/>\n'
            '<bpmn:sequenceFlow id="F1" sourceRef="T1" targetRef="T1"/>'
        ),
        source="x.bpmn",
    )
    tasks = sorted(n.name for n in result.processes[0].nodes())
    assert tasks == ["first", "second"]
    assert any("duplicate id 'T1'" in w for w in result.warnings)
    flow = result.processes[0].elements["F1"]
    assert isinstance(flow, Flow) and flow.source == "T1"  # references keep the first
    assert schema_errors(export_bpmn(result.processes[0], new_workspace())) == []  # type: ignore[operator]


def test_empty_called_element_is_dropped_with_a_warning(schema_errors: object) -> None:
    result = import_bpmn(process('<bpmn:callActivity id="C1" calledElement=""/>'), source="x")
    node = result.processes[0].node("C1")
    assert node.kind is NodeKind.CALL_ACTIVITY
    assert any("calledElement" in w for w in result.warnings)
    assert schema_errors(export_bpmn(result.processes[0], new_workspace())) == []  # type: ignore[operator]


def test_unknown_and_misplaced_content_are_warnings_not_errors() -> None:
    result = import_bpmn(
        process(
            '<bpmn:unknownThing id="U1"/>\n'
            '<bpmn:task id="T1"><foo:note text="kept"/><bpmn:bogus/></bpmn:task>\n'
            '<bpmn:boundaryEvent id="B1" attachedToRef="Nowhere"/>'
        ),
        source="x",
    )
    p = result.processes[0]
    warnings = " | ".join(result.warnings)
    assert "unknownThing" in warnings and "bogus" in warnings
    assert "moved into extensionElements" in warnings
    assert p.node("B1").kind is NodeKind.INTERMEDIATE_EVENT  # no host: not a boundary event
    assert "B1" in warnings
    exported = export_bpmn(p, new_workspace())
    assert b'text="kept"' in exported and b"unknownThing" not in exported


def test_ids_that_are_not_ncnames_are_renamed_everywhere() -> None:
    result = import_bpmn(
        process(
            '<bpmn:task id="1 task"/><bpmn:task id="T2"/>\n'
            '<bpmn:sequenceFlow id="F1" sourceRef="1 task" targetRef="T2"/>'
        ),
        source="x",
    )
    p = result.processes[0]
    (task,) = [n for n in p.nodes() if n.id != "T2"]
    assert task.id == "_1_task"
    flow = p.elements["F1"]
    assert isinstance(flow, Flow) and flow.source == task.id
    assert any("not a valid id" in w for w in result.warnings)


def test_elements_without_ids_get_fresh_ones() -> None:
    result = import_bpmn(process('<bpmn:task name="anonymous"/>'), source="x")
    (node,) = result.processes[0].nodes()
    assert isinstance(node, Node) and node.id.startswith("Activity_")
    assert any("without an id" in w for w in result.warnings)
