"""SVG export: valid XML, one group per shape with its label as text, fonts named."""

from __future__ import annotations

from export.export_support import HOSTILE, flat, hostile_workspace, step_names
from lxml import etree
from PySide6.QtCore import QByteArray
from PySide6.QtSvg import QSvgRenderer

from bpo_desktop.core.model import Process
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.ui.export.render import DiagramRender
from bpo_desktop.ui.export.svg import render_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def groups(root: etree._Element) -> dict[str, etree._Element]:
    return {g.get("data-element-id"): g for g in root.iter(f"{SVG}g") if g.get("data-element-id")}


def text_of(group: etree._Element) -> str:
    return flat(" ".join("".join(t.itertext()) for t in group.iter(f"{SVG}text")))


def test_one_group_per_shape_with_its_label_as_text(qapp: object, onboarding: Process) -> None:
    root = parse(render_svg(DiagramRender(onboarding)))
    found = groups(root)
    drawn = set(onboarding.layout) & set(onboarding.elements)
    assert set(found) == drawn  # every shape and flow, once
    for element_id, group in found.items():
        element = onboarding.elements[element_id]
        name = getattr(element, "name", "")
        assert group.get("data-name") == name
        if name:  # the label, as searchable text, inside the element's own group
            assert text_of(group) == flat(name), element_id
            assert group.findtext(f"{SVG}title") == name
    step_groups = [g for g in found.values() if g.get("data-kind") == "task"]
    assert sorted(text_of(g) for g in step_groups) == sorted(step_names(onboarding))


def test_text_is_text_in_a_named_font_with_a_generic_fallback(
    qapp: object, onboarding: Process
) -> None:
    root = parse(render_svg(DiagramRender(onboarding)))
    texts = list(root.iter(f"{SVG}text"))
    assert texts, "labels must stay text, not outlines"
    for text in texts:
        family = text.get("font-family") or ""
        assert family.endswith("sans-serif"), family
        assert "'" in family  # a real family is named first, quoted
    assert not list(root.iter(f"{SVG}image"))  # nothing rasterised


def test_svg_renders_to_the_same_size_and_is_not_blank(qapp: object, onboarding: Process) -> None:
    render = DiagramRender(onboarding)
    renderer = QSvgRenderer(QByteArray(render_svg(render)))
    assert renderer.isValid()
    assert abs(renderer.defaultSize().width() - render.rect.width()) <= 1


def test_names_with_markup_stay_text(qapp: object) -> None:
    ws = hostile_workspace()
    process = next(iter(ws.processes.values()))
    root = parse(render_svg(DiagramRender(process)))
    assert root.findtext(f"{SVG}title") == process.name
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
    task = next(g for g in groups(root).values() if g.get("data-kind") == "task")
    assert task.get("data-name") == HOSTILE
    assert text_of(task) == flat(HOSTILE)


def test_every_sample_process_exports(qapp: object) -> None:
    for process in sample_workspace().processes.values():
        root = parse(render_svg(DiagramRender(process)))
        assert len(groups(root)) == len(set(process.layout) & set(process.elements))
