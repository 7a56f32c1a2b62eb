"""What an imported BPMN element carried beyond the model, kept as found so it can be re-exported.

The model does not interpret it: names and values are opaque strings (attribute names in Clark
notation, `{namespace}local`; elements as serialized XML). Only `core.interchange` reads and
writes it (ARCHITECTURE §7.3 rule 12: unknown extension content survives a round trip).
"""

from __future__ import annotations

from dataclasses import dataclass

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Verbatim:
    """Foreign or unmodelled content of one BPMN element (or of a container such as a process).

    `process.verbatim` maps an element id (or a container key) to its record. A record whose
    element was deleted is ignored; editing never needs to touch these.
    """

    tag: str = ""  # the BPMN element name the content belongs to
    attributes: Pairs = ()  # attributes the model does not represent
    children: tuple[str, ...] = ()  # child elements the model does not represent, as XML
    extensions: tuple[str, ...] = ()  # other tools' extensionElements children, as XML
    shape: Pairs = ()  # attributes of its BPMNShape or BPMNEdge (ids, colours, flags)
    label: Pairs = ()  # attributes of its BPMNLabel
    parent: str = ""  # the BPMN container it sits in, when the model cannot tell
