"""XML namespaces of BPMN 2.0 interchange and of our own extension."""

from __future__ import annotations

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
#: Our extension: step, lane and flow attributes, annotations, scenarios and the systems catalogue.
BPO = "https://bpo-desktop.org/schema/bpmn/1.0"

#: The prefixes our files use, and the ones the content model is written with.
PREFIXES: dict[str, str] = {
    "bpmn": BPMN,
    "bpmndi": BPMNDI,
    "dc": DC,
    "di": DI,
    "xsi": XSI,
    "xsd": XSD,
    "bpo": BPO,
}

#: Diagram colours: bpmn.io's (`bioc:fill`, `bioc:stroke`) and the OMG's non-normative ones
#: (`color:background-color`, `color:border-color`). bpmn.io writes both; so does our writer.
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
COLOURS = {"bioc": BIOC, "color": COLOR}  # declared by the writer when a diagram uses them
FILL_KEYS = (f"{{{BIOC}}}fill", f"{{{COLOR}}}background-color")
STROKE_KEYS = (f"{{{BIOC}}}stroke", f"{{{COLOR}}}border-color")
#: A label's own text colour: bpmn.io writes `color:color` on the BPMNLabel.
LABEL_COLOUR_KEYS = (f"{{{COLOR}}}color",)

#: Namespaces whose elements the model understands (everything else is foreign).
OWN = frozenset({BPMN, BPMNDI, DC, DI})


def clark(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


def split(name: str) -> tuple[str | None, str]:
    """`{ns}local` → (ns, local); a plain name → (None, name)."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return None, name


def bpmn(local: str) -> str:
    return clark(BPMN, local)


def bpmndi(local: str) -> str:
    return clark(BPMNDI, local)


def bpo(local: str) -> str:
    return clark(BPO, local)
