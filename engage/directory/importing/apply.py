"""Importing a file the officer has seen the preview of (plan.py): new entries are
listed at once; changed ones get the file's fields (those it has), their services and venues
are added or updated (those it does not name are kept), each is written to the audit log and
its search words updated. An import is the authority's data, not the organisation saying its
entry is right: a new entry counts as confirmed only on the date the file says its services
were checked (``assured_date``), and otherwise needs confirming. Routes commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.core.audit import record_event
from engage.core.db import db
from engage.directory import stages
from engage.directory.importing.mapping import DEFAULT_KIND
from engage.directory.importing.plan import (
    LOCATION_FIELDS,
    NEW_SERVICE,
    SERVICE_FIELDS,
    STALE,
    ImportStale,
    Known,
    Plan,
    assured_of,
    is_newer,
    load_known,
    plan_with,
)
from engage.directory.models import Location, Organisation, Service, ServiceAtLocation
from engage.directory.services import index_organisation, set_terms
from engage.directory.taxonomy import COMMUNITIES, LED_BY
from engage.reference.api import LocalAuthority


def apply_import(parsed: dict[str, Any], fingerprint: str, import_id: int) -> Plan:
    """Make the directory say what the file says, if the plan is still ``fingerprint``
    (else ImportStale). Returns the plan carried out."""
    known = load_known(parsed["entries"])
    plan = plan_with(parsed, known)
    if plan.fingerprint != fingerprint:
        raise ImportStale(STALE)
    entries = {entry["uuid"]: entry for entry in parsed["entries"]}
    areas = {a.code: a for a in db.session.scalars(select(LocalAuthority))}
    for planned in plan.created:
        organisation = _create(entries[planned.uuid], areas)
        record_event(
            "directory_entry_imported",
            object_type="organisation",
            object_id=organisation.id,
            directory_import=import_id,
        )
    for planned in plan.changed:
        organisation = known.organisations[planned.uuid]
        _update(organisation, entries[planned.uuid], known)
        record_event(
            "directory_entry_updated_by_import",
            object_type="organisation",
            object_id=organisation.id,
            directory_import=import_id,
            fields=sorted({d.label for d in planned.differences}),
        )
    return plan


# The entry's fields the file gives as text (the others are lists or codes).
TEXT_FIELDS = ("name", "description", "website", "email", "phone", "address", "postcode",
               "accessibility")  # fmt: skip


def _create(entry: dict, areas: dict[str, Any]) -> Organisation:
    values = entry["values"]
    organisation = Organisation(
        uuid=entry["uuid"],
        status=stages.LISTED,
        kind=values["kind"] or DEFAULT_KIND,
        last_confirmed_at=assured_of(entry),
        languages=values["languages"] or [],
        areas=[areas[code] for code in entry["areas"] if code in areas],
        **{key: values.get(key) or "" for key in TEXT_FIELDS},
    )
    set_terms(organisation, COMMUNITIES.key, values["communities"] or [])
    set_terms(organisation, LED_BY.key, values["led_by"] or [])
    db.session.add(organisation)
    _services_and_places(organisation, entry, set())
    return organisation


def _update(organisation: Organisation, entry: dict, known: Known) -> None:
    values = entry["values"]
    for key in ("kind", *TEXT_FIELDS):
        if values.get(key) is not None:
            setattr(organisation, key, values[key])
    if values["languages"] is not None:
        organisation.languages = list(values["languages"])
    for taxonomy, key in ((COMMUNITIES.key, "communities"), (LED_BY.key, "led_by")):
        if values[key] is not None:
            set_terms(organisation, taxonomy, values[key])
    assured = assured_of(entry)
    if assured is not None and is_newer(assured, organisation.last_confirmed_at):
        organisation.last_confirmed_at, organisation.reminders_sent = assured, 0
    _services_and_places(organisation, entry, known.links)


def _services_and_places(organisation: Organisation, entry: dict, links: set) -> None:
    """Add or update the entry's services and venues and where each runs; those the file
    does not name are kept. Then the organisation's search words."""
    services = {s.uuid: s for s in organisation.services}
    for incoming in entry["services"]:
        service = services.get(incoming["uuid"])
        if service is None:
            service = services[incoming["uuid"]] = Service(uuid=incoming["uuid"], **NEW_SERVICE)
            organisation.services.append(service)
        for key in SERVICE_FIELDS.keys() & incoming.keys():
            setattr(service, key, incoming[key])
    places = {p.uuid: p for p in organisation.locations}
    for incoming in entry["locations"]:
        place = places.get(incoming["uuid"])
        if place is None:
            place = places[incoming["uuid"]] = Location(uuid=incoming["uuid"])
            organisation.locations.append(place)
        for key in LOCATION_FIELDS.keys() & incoming.keys():
            setattr(place, key, incoming[key])
    db.session.flush()
    for service_uuid, location_uuid in entry["links"]:
        pair = (services[service_uuid].id, places[location_uuid].id)
        if pair not in links:
            db.session.add(ServiceAtLocation(service_id=pair[0], location_id=pair[1]))
            links.add(pair)
    db.session.flush()
    index_organisation(organisation)
