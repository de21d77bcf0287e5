"""An organisation's services and venues in an editor's proposal (engage/directory/editing.py):
each as a plain record keyed by its UUID (a new UUID for one the editor adds), kept in the
proposal's ``before`` and ``proposed`` as ``services`` and ``venues`` lists. A service's
``venues`` are the keys of the venues it runs at. The officer sees each added, changed or
removed record in words; approving makes the directory's rows say what was proposed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from engage.core.db import db
from engage.directory import stages
from engage.directory.models import (
    ChangeRequest,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
)
from engage.directory.postcodes import centre
from engage.directory.taxonomy import CATEGORIES

SERVICE_FIELDS = ("name", "description", "category", "schedule", "cost")
VENUE_FIELDS = ("name", "address", "town", "postcode", "accessibility")
RECORD_KINDS = ("services", "venues")
ONLINE = "online or by phone (no venue)"


def records_of(organisation: Organisation) -> dict[str, list[dict[str, Any]]]:
    """The organisation's services and venues as records, by name (three queries at most,
    whatever their number)."""
    links: dict[str, list[str]] = {}
    for service_uuid, venue_uuid in db.session.execute(
        select(Service.uuid, Location.uuid)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(Service.organisation_id == organisation.id)
    ):
        links.setdefault(service_uuid, []).append(venue_uuid)
    services = [
        {"key": s.uuid, **{f: getattr(s, f) or "" for f in SERVICE_FIELDS},
         "venues": sorted(links.get(s.uuid, []))}
        for s in organisation.services
    ]  # fmt: skip
    venues = [
        {"key": p.uuid, **{f: getattr(p, f) or "" for f in VENUE_FIELDS}}
        for p in organisation.locations
    ]
    return {"services": services, "venues": venues}


def find(records: dict[str, Any], kind: str, key: str) -> dict[str, Any] | None:
    """The record of this kind with this key, or None (never another organisation's: the
    records are only ever this organisation's)."""
    return next((r for r in records.get(kind) or [] if r["key"] == key), None)


def by_name(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: (r["name"].casefold(), r["key"]))


def _merged(
    current: list[dict[str, Any]], before: list[dict[str, Any]], proposed: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The records once the editor's changes (``before`` to ``proposed``) are made to what the
    entry has now: records they did not touch stay as they are now, so approving one editor's
    change never undoes another's approved since."""
    was = {r["key"]: r for r in before}
    wanted = {r["key"]: r for r in proposed}
    result = []
    for record in current:
        key = record["key"]
        if key in was and key not in wanted:
            continue  # the editor removed it
        changed = key in wanted and wanted[key] != was.get(key)
        result.append(wanted[key] if changed else record)
    now = {r["key"] for r in current}
    result += [r for r in proposed if r["key"] not in was and r["key"] not in now]
    return result


def merged_records(
    current: dict[str, Any], before: dict[str, Any], proposed: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Services and venues as they would be if the proposal were approved now (``current``'s
    when the proposal says nothing about them). A service keeps only links to venues that
    would still exist."""
    if any(kind not in proposed for kind in RECORD_KINDS):
        return {kind: list(current.get(kind) or []) for kind in RECORD_KINDS}
    venues = _merged(current["venues"], before.get("venues") or [], proposed["venues"])
    kept = {v["key"] for v in venues}
    services = [
        {**s, "venues": [k for k in s.get("venues") or [] if k in kept]}
        for s in _merged(current["services"], before.get("services") or [], proposed["services"])
    ]
    return {"services": services, "venues": venues}


def with_record(records: dict[str, Any], kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """``records`` with this record added, or replacing the one with its key."""
    others = [r for r in records[kind] if r["key"] != record["key"]]
    return {**records, kind: [*others, record]}


def without_service(records: dict[str, Any], key: str) -> dict[str, Any]:
    return {**records, "services": [s for s in records["services"] if s["key"] != key]}


def without_venue(records: dict[str, Any], key: str) -> dict[str, Any]:
    """``records`` without the venue, and without the links of services run there."""
    return {
        "venues": [v for v in records["venues"] if v["key"] != key],
        "services": [
            {**s, "venues": [k for k in s.get("venues") or [] if k != key]}
            for s in records["services"]
        ],
    }


def services_at(records: dict[str, Any], venue_key: str) -> list[dict[str, Any]]:
    return by_name([s for s in records["services"] if venue_key in (s.get("venues") or [])])


@dataclass(frozen=True)
class Waiting:
    """What of the services and venues an editor sees is still waiting for review."""

    added: set[str]  # keys
    changed: set[str]  # keys
    removed: dict[str, list[dict[str, Any]]]  # records, by kind


def waiting_for_review(now: dict[str, Any], shown: dict[str, Any]) -> Waiting:
    """Compare the entry ``now`` with what the editor sees (``shown``: after their waiting
    changes)."""
    added: set[str] = set()
    changed: set[str] = set()
    removed: dict[str, list[dict[str, Any]]] = {}
    for kind in RECORD_KINDS:
        was = {r["key"]: r for r in now[kind]}
        keys = {r["key"] for r in shown[kind]}
        added |= keys - was.keys()
        changed |= {r["key"] for r in shown[kind] if r["key"] in was and r != was[r["key"]]}
        removed[kind] = by_name([r for r in now[kind] if r["key"] not in keys])
    return Waiting(added, changed, removed)


def withdraw(change: ChangeRequest) -> None:
    """The editor's waiting proposal is no longer needed: their latest edit made the entry's
    services and venues what they are now, and nothing else was waiting."""
    change.status = stages.ChangeStatus.SUPERSEDED


# In words, for the officer ---------------------------------------------------------------------


def service_words(record: dict[str, Any], venue_names: dict[str, str], named: bool) -> str:
    """In words, like "Advice and advocacy; Tuesdays 10am to noon; Free; at Bootle Centre"
    (``named``: starting with its name, when the name is what changed)."""
    where = [venue_names[k] for k in record.get("venues") or [] if k in venue_names]
    parts = [
        record["name"] if named else "",
        CATEGORIES.label(record["category"]),
        record["description"],
        record["schedule"],
        record["cost"],
        f"at {', '.join(sorted(where))}" if where else ONLINE,
    ]
    return "; ".join(part for part in parts if part)


def venue_words(record: dict[str, Any], named: bool) -> str:
    place = ", ".join(p for p in (record["address"], record["town"], record["postcode"]) if p)
    parts = [
        record["name"] if named else "",
        place or "No address given",
        f"Access: {record['accessibility']}" if record["accessibility"] else "",
    ]
    return "; ".join(part for part in parts if part)


def record_differences(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, now, proposed) for each service then venue added, changed or removed, by name.
    Empty unless both say what their services and venues are."""
    if any(kind not in before or kind not in after for kind in RECORD_KINDS):
        return []
    old_names = {v["key"]: v["name"] for v in before["venues"]}
    new_names = {v["key"]: v["name"] for v in after["venues"]}
    rows: list[tuple[str, str, str]] = []
    for kind, label, missing in (("services", "Service", "Not offered"),
                                 ("venues", "Venue", "Not listed")):  # fmt: skip
        was = {r["key"]: r for r in before[kind]}
        now = {r["key"]: r for r in after[kind]}
        for record in by_name(list({**was, **now}.values())):
            old, new = was.get(record["key"]), now.get(record["key"])
            if old == new:
                continue
            named = bool(old and new and old["name"] != new["name"])
            old_words = _words(kind, old, old_names, named) if old else missing
            new_words = _words(kind, new, new_names, named) if new else "Removed"
            if old_words != new_words:
                rows.append((f"{label}: {(new or old)['name']}", old_words, new_words))
    return rows


def _words(kind: str, record: dict[str, Any], venue_names: dict[str, str], named: bool) -> str:
    if kind == "services":
        return service_words(record, venue_names, named)
    return venue_words(record, named)


# Approving ------------------------------------------------------------------------------------


def apply_records(organisation: Organisation, records: dict[str, list[dict[str, Any]]]) -> None:
    """Make the organisation's service, venue and service-at-venue rows say ``records``:
    update by UUID, create the new, delete the removed. Links that stay keep their UUIDs (the
    Open Referral UK API names them)."""
    places = {p.uuid: p for p in organisation.locations}
    services = {s.uuid: s for s in organisation.services}
    wanted_places = {r["key"]: r for r in records["venues"]}
    wanted_services = {r["key"]: r for r in records["services"]}
    gone_places = [p for key, p in places.items() if key not in wanted_places]
    gone_services = [s for key, s in services.items() if key not in wanted_services]
    if gone_places or gone_services:
        db.session.execute(
            delete(ServiceAtLocation).where(
                ServiceAtLocation.location_id.in_([p.id for p in gone_places])
                | ServiceAtLocation.service_id.in_([s.id for s in gone_services])
            )
        )
    for row in gone_places + gone_services:
        db.session.delete(row)
    places = {key: p for key, p in places.items() if key in wanted_places}
    services = {key: s for key, s in services.items() if key in wanted_services}
    for key, record in wanted_places.items():
        place = places.get(key)
        if place is None:
            place = Location(uuid=key, organisation_id=organisation.id)
            db.session.add(place)
        if place.id is None or place.postcode != record["postcode"]:
            # The district's centre: roughly where it is, for the API's distance search.
            place.latitude, place.longitude = centre(record["postcode"]) or (None, None)
        for field in VENUE_FIELDS:
            setattr(place, field, record[field])
        places[key] = place
    for key, record in wanted_services.items():
        service = services.get(key)
        if service is None:
            service = Service(uuid=key, organisation_id=organisation.id)
            db.session.add(service)
        for field in SERVICE_FIELDS:
            setattr(service, field, record[field])
        services[key] = service
    db.session.flush()
    _relink(organisation, services, places, wanted_services)
    db.session.expire(organisation, ["services", "locations"])


def _relink(
    organisation: Organisation,
    services: dict[str, Service],
    places: dict[str, Location],
    wanted_services: dict[str, dict[str, Any]],
) -> None:
    wanted = {
        (services[key].id, places[venue].id)
        for key, record in wanted_services.items()
        for venue in record.get("venues") or []
        if venue in places
    }
    existing = {
        (link.service_id, link.location_id): link
        for link in db.session.scalars(
            select(ServiceAtLocation)
            .join(Service, Service.id == ServiceAtLocation.service_id)
            .where(Service.organisation_id == organisation.id)
        )
    }
    for pair, link in existing.items():
        if pair not in wanted:
            db.session.delete(link)
    for service_id, location_id in wanted - existing.keys():
        db.session.add(ServiceAtLocation(service_id=service_id, location_id=location_id))
    db.session.flush()
