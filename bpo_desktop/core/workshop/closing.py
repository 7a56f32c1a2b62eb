"""Ending a session (W9, W10, W14): what still needs an owner or a disposition, owners who did
not attend, and the planning-sheet opener that parks whatever the room did not agree (W4)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bpo_desktop.core.model import Annotation, Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.items import KIND_TITLES
from bpo_desktop.core.workshop.model import ActionItem, ParkingItem, WorkshopSession

DISPOSITION_TITLES = {
    "assigned": "assigned",
    "action": "converted to an action",
    "obe": "no longer relevant (OBE)",
    "": "no disposition",
}


def disposition(item: ParkingItem) -> str:
    """The item's disposition; an owner without an explicit one counts as "assigned"."""
    if item.disposition:
        return item.disposition
    return "assigned" if item.who.strip() else ""


def parking_resolved(item: ParkingItem) -> bool:
    settled = disposition(item)
    if settled in ("action", "obe"):
        return True
    return settled == "assigned" and bool(item.who.strip())


def owner_warning(session: WorkshopSession, owner: str) -> str | None:
    """A warning when the owner is not among the attendees ("" owner: no warning)."""
    if not owner.strip() or owner.strip().casefold() in session.attendee_names():
        return None
    return f"{owner.strip()} is not an attendee of {session.title!r}"


@dataclass(frozen=True)
class CloseReport:
    """What stands between the facilitator and "End Session"."""

    unowned_actions: list[ActionItem] = field(default_factory=list)
    unresolved_parking: list[ParkingItem] = field(default_factory=list)
    absent_owners: list[str] = field(default_factory=list)  # warnings only

    @property
    def blocked(self) -> bool:
        return bool(self.unowned_actions or self.unresolved_parking)

    def lines(self) -> list[str]:
        lines = [f"Action without an owner: {a.what}" for a in self.unowned_actions]
        lines += [
            f"Parking-lot item without an owner or disposition: {p.what}"
            for p in self.unresolved_parking
        ]
        return lines + self.absent_owners


def close_report(workspace: Workspace, session: WorkshopSession) -> CloseReport:
    actions = store.actions(workspace, session.id)
    parking = store.parking_items(workspace, session.id)
    absent: list[str] = []
    for owner, what in [(a.owner, a.what) for a in actions] + [(p.who, p.what) for p in parking]:
        warning = owner_warning(session, owner)
        if warning:
            absent.append(f"{warning} (owner of {what!r})")
    return CloseReport(
        unowned_actions=[a for a in actions if not a.owner.strip() and a.status != "dropped"],
        unresolved_parking=[p for p in parking if not parking_resolved(p)],
        absent_owners=absent,
    )


def review_item(
    annotation: Annotation, session_id: str, item_id: str, created_at: str
) -> ParkingItem:
    """The parking-lot item for a planning-sheet entry the room did not agree on (W4)."""
    kind = KIND_TITLES.get(str(annotation.kind), str(annotation.kind)).lower()
    label = annotation.ref or annotation.text
    return ParkingItem(
        item_id, session_id, f"Review {kind} {label}", link=annotation.id, created_at=created_at
    )
