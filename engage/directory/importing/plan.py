"""What importing a file (read by importing.parse_feed) would do to the directory, and doing
it. The plan compares each organisation with the entry of the same UUID: new, changed
(field by field, old and new in words, as officers review editors' changes) or unchanged,
or refused with the reason. Importing works the plan out again and goes ahead only if it is
what the officer saw (its fingerprint): an entry changed since the preview is not
overwritten unseen (apply.py). A fixed number of queries, whatever the size of the
file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from engage.core.dates import UK
from engage.core.db import as_utc, db
from engage.core.templating import format_date
from engage.directory import stages
from engage.directory.editing import (
    FIELD_LABELS,
    LIST_FIELDS,
    Difference,
    entry_values,
    in_words,
    pending_by_organisation,
)
from engage.directory.importing.mapping import DEFAULT_CATEGORY
from engage.directory.models import Location, Organisation, Service, ServiceAtLocation
from engage.directory.taxonomy import CATEGORIES
from engage.reference.api import LocalAuthority

SERVICE_FIELDS = {
    "name": "Name",
    "description": "Description",
    "category": "Category",
    "schedule": "When it runs",
    "cost": "Cost",
    "status": "Status",
}
LOCATION_FIELDS = {
    "name": "Name",
    "address": "Address",
    "town": "Town",
    "postcode": "Postcode",
    "accessibility": "Access",
    "latitude": "Latitude",
    "longitude": "Longitude",
}
NEW_SERVICE = {"category": DEFAULT_CATEGORY, "description": "", "schedule": "", "cost": "",
               "status": "active"}  # fmt: skip
NOT_LISTED = (
    "Its entry is not listed in the directory (removed, or a suggestion): an import does not "
    "list it again"
)
TAKEN = "Its {what} ‘{name}’ has the id of a {what} of another organisation"
STALE = (
    "The directory has changed since you saw this preview, so nothing was imported. Check "
    "what the import would do now, then import"
)


class ImportStale(Exception):
    """The plan is no longer the one the officer saw."""


@dataclass(frozen=True)
class Planned:
    uuid: str
    name: str
    organisation_id: int | None = None
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    has_pending_change: bool = False
    services: int = 0
    locations: int = 0
    confirmed_on: date | None = None  # new entries: the file's assured date


@dataclass
class Plan:
    created: list[Planned] = field(default_factory=list)
    changed: list[Planned] = field(default_factory=list)
    unchanged: list[Planned] = field(default_factory=list)
    refused: list[dict[str, str]] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """Everything the preview shows that the import would do, as a short hash."""
        shown = [
            [
                [
                    p.uuid,
                    p.name,
                    p.has_pending_change,
                    [[d.label, d.old, d.new] for d in p.differences],
                ]
                for p in section
            ]
            for section in (self.created, self.changed, self.unchanged)
        ] + [self.refused]
        return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()[:32]

    @property
    def importable(self) -> int:
        return len(self.created) + len(self.changed)


@dataclass
class Known:
    """What the directory holds about the file's organisations, loaded in a few queries."""

    organisations: dict[str, Organisation]
    service_owner: dict[str, int]
    location_owner: dict[str, int]
    links: set[tuple[int, int]]
    pending: set[int]
    area_names: dict[str, str]


def load_known(entries: list[dict[str, Any]]) -> Known:
    uuids = [entry["uuid"] for entry in entries]
    service_uuids = [s["uuid"] for entry in entries for s in entry["services"]]
    location_uuids = [p["uuid"] for entry in entries for p in entry["locations"]]
    organisations = (
        {
            o.uuid: o
            for o in db.session.scalars(
                select(Organisation)
                .where(Organisation.uuid.in_(uuids))
                .options(
                    selectinload(Organisation.areas),
                    selectinload(Organisation.services),
                    selectinload(Organisation.locations),
                )
            )
        }
        if uuids
        else {}
    )
    ids = [o.id for o in organisations.values()]
    return Known(
        organisations=organisations,
        service_owner=_owners(Service, service_uuids),
        location_owner=_owners(Location, location_uuids),
        links=set(
            db.session.execute(
                select(ServiceAtLocation.service_id, ServiceAtLocation.location_id)
                .join(Service, Service.id == ServiceAtLocation.service_id)
                .where(Service.organisation_id.in_(ids))
            ).all()
        )
        if ids
        else set(),
        pending=set(pending_by_organisation(ids)),
        area_names=dict(db.session.execute(select(LocalAuthority.code, LocalAuthority.name)).all()),
    )


def _owners(model: Any, uuids: list[str]) -> dict[str, int]:
    if not uuids:
        return {}
    return dict(
        db.session.execute(
            select(model.uuid, model.organisation_id).where(model.uuid.in_(uuids))
        ).all()
    )


# Planning ---------------------------------------------------------------------------------------


def plan_import(parsed: dict[str, Any]) -> Plan:
    """What importing would do now (nothing, once imported: ``parsed`` is then empty)."""
    return plan_with(parsed, load_known(parsed.get("entries", [])))


def plan_with(parsed: dict[str, Any], known: Known) -> Plan:
    plan = Plan(refused=list(parsed.get("refused", [])))
    claimed: dict[str, str] = {}  # service and location UUIDs used by an earlier entry
    for entry in parsed.get("entries", []):
        name = entry["values"]["name"]
        existing = known.organisations.get(entry["uuid"])
        problem = _clash(entry, existing, known, claimed)
        if problem is None and existing is not None and existing.status != stages.LISTED:
            problem = NOT_LISTED
        if problem:
            plan.refused.append({"name": name, "reason": problem})
            continue
        if existing is None:
            assured = assured_of(entry)
            plan.created.append(
                Planned(
                    entry["uuid"],
                    name,
                    notes=entry["notes"],
                    services=len(entry["services"]),
                    locations=len(entry["locations"]),
                    confirmed_on=assured.date() if assured else None,
                )
            )
            continue
        differences = _differences(entry, existing, known)
        planned = Planned(
            entry["uuid"],
            name,
            existing.id,
            differences,
            entry["notes"],
            existing.id in known.pending,
        )
        (plan.changed if differences else plan.unchanged).append(planned)
    return plan


def _clash(entry: dict, existing: Organisation | None, known: Known, claimed: dict) -> str | None:
    own = existing.id if existing is not None else None
    for what, items, owners in (
        ("service", entry["services"], known.service_owner),
        ("venue", entry["locations"], known.location_owner),
    ):
        for item in items:
            owner = owners.get(item["uuid"])
            if (owner is not None and owner != own) or claimed.get(
                item["uuid"], entry["uuid"]
            ) != entry["uuid"]:
                return TAKEN.format(what=what, name=item["name"])
    for item in entry["services"] + entry["locations"]:
        claimed[item["uuid"]] = entry["uuid"]
    return None


def _after(entry: dict, before: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields once imported: the file's, where it has them."""
    return {**before, **{k: v for k, v in entry["values"].items() if v is not None}}


def _differences(entry: dict, existing: Organisation, known: Known) -> list[Difference]:
    before = entry_values(existing)
    after = _after(entry, before)

    def normal(field: str, value: Any) -> Any:
        return sorted(value or []) if field in LIST_FIELDS else (value or "")

    found = [
        Difference(
            label,
            in_words(key, before.get(key), known.area_names),
            in_words(key, after.get(key), known.area_names),
        )
        for key, label in FIELD_LABELS.items()
        if normal(key, before.get(key)) != normal(key, after.get(key))
    ]
    services = {s.uuid: s for s in existing.services}
    for incoming in entry["services"]:
        found += _record_differences(
            "Service", incoming, services.get(incoming["uuid"]), SERVICE_FIELDS
        )
    places = {p.uuid: p for p in existing.locations}
    for incoming in entry["locations"]:
        found += _record_differences(
            "Venue", incoming, places.get(incoming["uuid"]), LOCATION_FIELDS
        )
    names = {item["uuid"]: item["name"] for item in entry["services"] + entry["locations"]}
    for service_uuid, location_uuid in entry["links"]:
        service, place = services.get(service_uuid), places.get(location_uuid)
        if service is None or place is None or (service.id, place.id) not in known.links:
            found.append(
                Difference(
                    f"Where ‘{names[service_uuid]}’ runs", "Not listed there", names[location_uuid]
                )
            )
    assured = assured_of(entry)
    if assured is not None and is_newer(assured, existing.last_confirmed_at):
        old = format_date(existing.last_confirmed_at) if existing.last_confirmed_at else "Never"
        found.append(
            Difference("Last confirmed", old, f"{format_date(assured)} (the file’s assured date)")
        )
    return found


def _record_differences(what: str, incoming: dict, existing: Any, fields: dict) -> list[Difference]:
    if existing is None:
        return [Difference(f"{what} added", "None", incoming["name"])]
    found = []
    for key, label in fields.items():
        if key not in incoming:
            continue
        old, new = getattr(existing, key), incoming[key]
        if (old or "") != (new or ""):
            if key == "category":
                old, new = CATEGORIES.label(old), CATEGORIES.label(new)
            found.append(Difference(f"{what} ‘{existing.name}’: {label}", _words(old), _words(new)))
    return found


def _words(value: Any) -> str:
    return "Left empty" if value is None or value == "" else str(value)


def assured_of(entry: dict) -> datetime | None:
    if not entry.get("assured"):
        return None
    day = date.fromisoformat(entry["assured"])
    return datetime.combine(day, time(), tzinfo=UK).astimezone(UTC)


def is_newer(assured: datetime, confirmed: datetime | None) -> bool:
    if confirmed is None:
        return True
    return assured.astimezone(UK).date() > as_utc(confirmed).astimezone(UK).date()
