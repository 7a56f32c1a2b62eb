"""BPMN 2.0 XML bytes → plain records (`dto.DocumentDTO`), with a hardened parser.

No DTDs, no entity expansion, no network, no huge trees: a file that is not well-formed, has a
DOCTYPE or is not a BPMN `definitions` document raises `BpmnImportError` naming the line.
"""

from __future__ import annotations

import io
from collections.abc import Container

from lxml import etree

from bpo_desktop.core.interchange.bpmn.content_model import content_model
from bpo_desktop.core.interchange.bpmn.dto import DocumentDTO
from bpo_desktop.core.interchange.bpmn.errors import BpmnImportError
from bpo_desktop.core.interchange.bpmn.ids import normalize_ids
from bpo_desktop.core.interchange.bpmn.namespaces import BPMN, OWN, bpmn, split
from bpo_desktop.core.interchange.bpmn.repair import Checker
from bpo_desktop.core.interchange.bpmn.tree import TreeReader

_MAX_BYTES = 200 * 1024 * 1024


def read_document(data: bytes, source: str, taken: Container[str] = ()) -> DocumentDTO:
    """Parse and structure a BPMN document. `taken` ids (the workspace's) get renamed."""
    root, namespaces = _parse(data, source)
    warnings: list[str] = []

    def warn(line: int | None, message: str) -> None:
        warnings.append(f"line {line}: {message}" if line else message)

    renamed = normalize_ids(root, taken, warn)
    ids = _declared_ids(root)
    checker = Checker(content_model(), ids, warn)
    reader = TreeReader(checker, warn)
    definitions = reader.definitions(root)
    diagrams = reader.diagrams(root)
    remaining = frozenset(_declared_ids(root))
    dropped = frozenset(ids - remaining)
    categories = {
        str(value.get("id")): value.get("value") or ""
        for value in root.iter(bpmn("categoryValue"))
        if value.get("id")
    }
    return DocumentDTO(
        definitions, namespaces, diagrams, warnings, renamed, remaining, dropped, categories
    )


def _parse(data: bytes, source: str) -> tuple[etree._Element, tuple[tuple[str, str], ...]]:
    if len(data) > _MAX_BYTES:
        raise BpmnImportError(source, f"the file is larger than {_MAX_BYTES // 2**20} MB")
    if not data.strip():
        raise BpmnImportError(source, "the file is empty")
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start-ns",),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=False,
    )
    namespaces: dict[str, str] = {}
    try:
        for _event, (prefix, uri) in events:
            namespaces.setdefault(prefix or "", uri)
        root = events.root
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise BpmnImportError(source, f"not well-formed XML ({_reason(exc)})", line) from None
    if root is None:
        raise BpmnImportError(source, "no XML root element")
    if root.getroottree().docinfo.doctype:
        raise BpmnImportError(source, "DOCTYPE declarations are not allowed", _doctype_line(data))
    if root.tag != bpmn("definitions"):
        namespace, local = split(str(root.tag))
        found = f"<{local}> in namespace {namespace}" if namespace else f"<{local}>"
        raise BpmnImportError(
            source,
            f"not a BPMN 2.0 file: the root element is {found}, not <definitions> of {BPMN}",
            root.sourceline,
        )
    return root, tuple(namespaces.items())


def _reason(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or exc)
    return message.split(", line ")[0]


def _doctype_line(data: bytes) -> int | None:
    index = data.find(b"<!DOCTYPE")
    return data.count(b"\n", 0, index) + 1 if index >= 0 else None


def _declared_ids(root: etree._Element) -> set[str]:
    """Ids of BPMN, DI and DC elements (the ones the schema types as xsd:ID)."""
    found = set()
    for el in root.iter(etree.Element):
        value = el.get("id")
        if value is not None and split(el.tag)[0] in OWN:
            found.add(value)
    return found
