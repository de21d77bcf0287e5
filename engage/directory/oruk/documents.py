"""Our directory's records as Open Referral UK (HSDS-UK 3.0) objects: plain dicts, ready for
JSON. Nothing here reads the database: the queries (queries.py) hand over the records, and
only what a listed organisation publishes is ever read from them.

How our records map:
- an organisation is an ``organization`` (its published email, website and phone; its kind,
  the communities it serves and who leads it as ``attributes``);
- a service is a ``service`` (its category as an attribute; its schedule and cost, free text
  in our records, as a schedule's ``description`` and a cost option's ``option``; the
  organisation's languages as its ``languages``; the date the organisation last confirmed its
  entry as ``assured_date``);
- a venue is a ``location`` of type physical (its address, position and accessibility, in
  words), and a service run there a ``service_at_location``.

Records of ours without an id of their own in the standard's sense (an attribute, a
schedule, an address...) get a UUID made from their parent's, the same on every request."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from engage.core.dates import UK
from engage.core.db import as_utc
from engage.directory import postcodes
from engage.directory.taxonomy import (
    CATEGORIES,
    COMMUNITIES,
    KINDS,
    LED_BY,
    NAMESPACE,
    Taxonomy,
    Term,
    term_uuid,
)

TAXONOMIES: tuple[Taxonomy, ...] = (CATEGORIES, KINDS, COMMUNITIES, LED_BY)
TAXONOMY_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}
TERM_BY_ID: dict[str, tuple[Taxonomy, Term]] = {
    term_uuid(taxonomy.key, term.code): (taxonomy, term)
    for taxonomy in TAXONOMIES
    for term in taxonomy.terms
}
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
# An absolute web address of characters a URI may hold (the standard checks the format).
_WEB_ADDRESS = re.compile(
    r"https?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]*)?"
)


def derived_id(kind: str, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(["oruk", kind, *parts])))


def _web_address(value: str) -> str | None:
    value = (value or "").strip()
    return value if _WEB_ADDRESS.fullmatch(value) else None


def _email(value: str) -> str | None:
    value = (value or "").strip()
    return value if "@" in value else None


def _timestamp(*moments: datetime | None) -> str | None:
    known = [as_utc(moment) for moment in moments if moment is not None]
    if not known:
        return None
    return max(known).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _without_empty(document: dict[str, Any]) -> dict[str, Any]:
    """Optional fields we have no value for are left out, not sent as null or "" (a null is
    not a string, and an empty address is not a URI)."""
    return {key: value for key, value in document.items() if value not in (None, "")}


# Taxonomies ----------------------------------------------------------------------------------


def taxonomy_term(taxonomy: Taxonomy, term: Term) -> dict[str, Any]:
    return {
        "id": term_uuid(taxonomy.key, term.code),
        "name": term.label,
        "description": f"{taxonomy.name}: {term.label}",
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "term": term.label,
        "code": term.code,
    }


def taxonomy(taxonomy: Taxonomy, with_terms: bool) -> dict[str, Any]:
    document = {"id": taxonomy.id, "name": taxonomy.name, "description": taxonomy.description}
    if with_terms:
        document["taxonomy_terms"] = [taxonomy_term(taxonomy, term) for term in taxonomy.terms]
    return document


def _attribute(link_id: str, link_type: str, taxonomy: Taxonomy, code: str) -> dict | None:
    term = next((term for term in taxonomy.terms if term.code == code), None)
    if term is None:
        return None
    term_id = term_uuid(taxonomy.key, code)
    return {
        "id": derived_id("attribute", link_id, term_id),
        "link_id": link_id,
        "link_type": link_type,
        "taxonomy_term_id": term_id,
        "taxonomy_term": taxonomy_term(taxonomy, term),
    }


# Organisations -------------------------------------------------------------------------------


def organization(organisation: Any) -> dict[str, Any]:
    """The one-to-one fields, as in lists and nested in a service."""
    return {
        "id": organisation.uuid,
        "name": organisation.name,
        "description": organisation.description or "",
        **_without_empty(
            {"email": _email(organisation.email), "website": _web_address(organisation.website)}
        ),
    }


def organization_attributes(organisation: Any) -> list[dict[str, Any]]:
    """Its kind, the communities it serves and who leads it."""
    found = [_attribute(organisation.uuid, "kind", KINDS, organisation.kind)]
    for taxonomy_ in (COMMUNITIES, LED_BY):
        found += [
            _attribute(organisation.uuid, taxonomy_.key, taxonomy_, code)
            for code in organisation.codes(taxonomy_.key)
        ]
    return [attribute for attribute in found if attribute]


def _phones(organisation: Any) -> list[dict[str, Any]]:
    number = (organisation.phone or "").strip()
    if not number:
        return []
    return [{"id": derived_id("phone", organisation.uuid), "number": number}]


def organization_full(
    organisation: Any, services: list[Any], locations: list[Any]
) -> dict[str, Any]:
    return {
        **organization(organisation),
        "attributes": organization_attributes(organisation),
        "phones": _phones(organisation),
        "services": [service(item, organisation, nested=False) for item in services],
        "locations": [location(place) for place in locations],
    }


# Services ------------------------------------------------------------------------------------


def service(record: Any, organisation: Any, nested: bool = True) -> dict[str, Any]:
    """The one-to-one fields, with the organisation (``nested``) as in the list."""
    confirmed = organisation.last_confirmed_at
    document = _without_empty(
        {
            "id": record.uuid,
            "organization_id": organisation.uuid,
            "name": record.name,
            "description": record.description,
            "url": _web_address(organisation.website),
            "email": _email(organisation.email),
            "status": record.status if record.status in STATUSES else "active",
            "assured_date": as_utc(confirmed).astimezone(UK).date().isoformat()
            if confirmed
            else None,
            "last_modified": _timestamp(record.updated_at, organisation.updated_at),
        }
    )
    if nested:
        document["organization"] = organization(organisation)
    return document


def service_full(record: Any, organisation: Any, places: list[tuple[Any, Any]]) -> dict[str, Any]:
    """Everything about a service; ``places`` are (service_at_location, location) pairs."""
    document = service(record, organisation)
    document["organization"]["attributes"] = organization_attributes(organisation)
    document["organization"]["phones"] = _phones(organisation)
    category = _attribute(record.uuid, CATEGORIES.key, CATEGORIES, record.category)
    document["attributes"] = [category] if category else []
    document["schedules"] = (
        [{"id": derived_id("schedule", record.uuid), "service_id": record.uuid,
          "description": record.schedule.strip()}]
        if (record.schedule or "").strip() else []
    )  # fmt: skip
    document["cost_options"] = [_cost(record)] if (record.cost or "").strip() else []
    document["languages"] = [
        {"id": derived_id("language", record.uuid, name), "service_id": record.uuid, "name": name}
        for name in organisation.languages or []
        if name
    ]
    document["service_at_locations"] = [
        service_at_location(link, record, place, nested_service=False) for link, place in places
    ]
    return document


def _cost(record: Any) -> dict[str, Any]:
    cost = record.cost.strip()
    option = {"id": derived_id("cost", record.uuid), "service_id": record.uuid, "option": cost}
    if cost.casefold() == "free":
        option["amount"] = 0
    return option


# Places --------------------------------------------------------------------------------------


def location(place: Any, full: bool = True) -> dict[str, Any]:
    """A venue: always a physical place. ``full`` adds its address and accessibility."""
    document = _without_empty(
        {
            "id": place.uuid,
            "location_type": "physical",
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    )
    if not full:
        return document
    lines = [line.strip() for line in (place.address or "").splitlines() if line.strip()]
    document["addresses"] = (
        [
            {
                "id": derived_id("address", place.uuid),
                "location_id": place.uuid,
                "address_1": lines[0] if lines else place.name,
                **({"address_2": ", ".join(lines[1:])} if len(lines) > 1 else {}),
                "city": place.town or "",
                "state_province": postcodes.county(place.postcode or ""),
                "postal_code": place.postcode or "",
                "country": "GB",
                "address_type": "physical",
            }
        ]
        if lines or place.postcode or place.town
        else []
    )
    access = (place.accessibility or "").strip()
    document["accessibility"] = (
        [{"id": derived_id("accessibility", place.uuid), "location_id": place.uuid,
          "description": access}]
        if access else []
    )  # fmt: skip
    return document


def service_at_location(
    link: Any,
    record: Any,
    place: Any,
    organisation: Any = None,
    nested_service: bool = True,
    full: bool = True,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": link.uuid,
        "service_id": record.uuid,
        "location_id": place.uuid,
        "location": location(place, full=full),
    }
    if nested_service:
        document["service"] = service(record, organisation)
    return document
