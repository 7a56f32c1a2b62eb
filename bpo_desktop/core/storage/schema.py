"""The `.bpo` tables as typed SQLAlchemy ORM classes (version: `migrations.SCHEMA_VERSION`).

Rows are not domain objects: `mapping.py` converts between the two. Element rows are one wide
table so flows, lanes and layout can reference any element with real foreign keys.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _ref(target: str, *, cascade: bool = False) -> ForeignKey:
    # Deferred, so one save may write rows in any order and still be checked at commit.
    return ForeignKey(
        target,
        ondelete="CASCADE" if cascade else None,
        deferrable=True,
        initially="DEFERRED",
    )


class MetaRow(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WorkspaceRow(Base):
    __tablename__ = "workspace"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class SystemRow(Base):
    __tablename__ = "system"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    is_system_of_record: Mapped[int] = mapped_column(Integer)


class ProcessRow(Base):
    __tablename__ = "process"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    documentation: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)


class ElementRow(Base):
    """Every semantic element; `etype` says which columns apply."""

    __tablename__ = "element"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    process_id: Mapped[str] = mapped_column(_ref("process.id", cascade=True))
    etype: Mapped[str] = mapped_column(String)
    kind: Mapped[str | None] = mapped_column(String)
    name: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    documentation: Mapped[str | None] = mapped_column(Text)
    lane_id: Mapped[str | None] = mapped_column(_ref("element.id"))
    parent_id: Mapped[str | None] = mapped_column(_ref("element.id"))
    attached_to: Mapped[str | None] = mapped_column(_ref("element.id"))
    source: Mapped[str | None] = mapped_column(_ref("element.id"))
    target: Mapped[str | None] = mapped_column(_ref("element.id"))
    system_id: Mapped[str | None] = mapped_column(_ref("system.id"))
    task_type: Mapped[str | None] = mapped_column(String)
    trigger: Mapped[str | None] = mapped_column(String)
    expanded: Mapped[int | None] = mapped_column(Integer)
    owner_role: Mapped[str | None] = mapped_column(Text)
    va_class: Mapped[str | None] = mapped_column(String)
    touch_min: Mapped[float | None]
    wait_min: Mapped[float | None]
    cost_per_use: Mapped[float | None]
    manual_trigger: Mapped[int | None] = mapped_column(Integer)
    condition: Mapped[str | None] = mapped_column(Text)
    probability: Mapped[float | None]
    is_default: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int | None] = mapped_column(Integer)
    staff: Mapped[float | None]
    hourly_rate: Mapped[float | None]
    fee_per_case: Mapped[float | None]
    is_store: Mapped[int | None] = mapped_column(Integer)
    loop: Mapped[str | None] = mapped_column(String)
    interrupting: Mapped[int | None] = mapped_column(Integer)
    triggered_by_event: Mapped[int | None] = mapped_column(Integer)
    compensation: Mapped[int | None] = mapped_column(Integer)
    ad_hoc: Mapped[int | None] = mapped_column(Integer)
    conditional: Mapped[int | None] = mapped_column(Integer)
    io: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_element_process", "process_id"),)


class LayoutRow(Base):
    """Diagram interchange for one element: shape bounds or edge waypoints, plus label bounds."""

    __tablename__ = "layout"
    element_id: Mapped[str] = mapped_column(_ref("element.id", cascade=True), primary_key=True)
    x: Mapped[float | None]
    y: Mapped[float | None]
    width: Mapped[float | None]
    height: Mapped[float | None]
    waypoints: Mapped[str | None] = mapped_column(Text)  # JSON [[x, y], ...] for edges
    label_x: Mapped[float | None]
    label_y: Mapped[float | None]
    label_width: Mapped[float | None]
    label_height: Mapped[float | None]
    fill: Mapped[str | None] = mapped_column(Text)
    stroke: Mapped[str | None] = mapped_column(Text)
    label_colour: Mapped[str | None] = mapped_column(Text)
    marker_visible: Mapped[int | None] = mapped_column(Integer)  # NULL = shown
    message_visible: Mapped[str | None] = mapped_column(String)


class AnnotationRow(Base):
    __tablename__ = "annotation"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    process_id: Mapped[str] = mapped_column(_ref("process.id", cascade=True))
    kind: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    ref: Mapped[str] = mapped_column(Text)
    strategy: Mapped[str | None] = mapped_column(String)
    strategy_text: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String)
    kpi: Mapped[str] = mapped_column(Text)
    target_value: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    severity: Mapped[int | None] = mapped_column(Integer)
    violated: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(Text)
    targets: Mapped[str] = mapped_column(Text)  # JSON list of element ids


class ScenarioRow(Base):
    __tablename__ = "scenario"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    process_id: Mapped[str] = mapped_column(_ref("process.id", cascade=True))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)  # JSON: overrides, added elements and layout, removed


class VerbatimRow(Base):
    """BPMN content an import kept beyond the model (`Process.verbatim`), one row per key.

    `id` is the JSON array `[process_id, key]`, unique even when two processes use the same key.
    """

    __tablename__ = "verbatim"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    process_id: Mapped[str] = mapped_column(_ref("process.id", cascade=True))
    key: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)  # JSON object: the Verbatim record's fields

    __table_args__ = (Index("ix_verbatim_process", "process_id"),)


class RecordRow(Base):
    """One workspace record (`core.model.records`): a feature's JSON document."""

    __tablename__ = "record"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    process_id: Mapped[str | None] = mapped_column(_ref("process.id", cascade=True))
    body: Mapped[str] = mapped_column(Text)  # JSON object

    __table_args__ = (Index("ix_record_kind", "kind"),)


#: Tables holding one row per domain id, in the order a full save writes them.
ID_TABLES = (
    WorkspaceRow,
    SystemRow,
    ProcessRow,
    ElementRow,
    LayoutRow,
    AnnotationRow,
    ScenarioRow,
    VerbatimRow,
    RecordRow,
)
