"""An Open Referral UK service, and the locations it runs at, in our fields
(mapping.py reads the organisation they belong to). Fields the file
does not have are left out of the dicts: an existing service or venue keeps its own, a new one
gets the default."""

from __future__ import annotations

from typing import Any

from engage.directory.forms import MAX_DESCRIPTION
from engage.directory.importing.read import (
    KEEPS_UP_TO,
    Reader,
    Refused,
    address_lines,
    postcode_of,
    terms_in,
)
from engage.directory.taxonomy import CATEGORIES

DEFAULT_CATEGORY = "community"
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")


def read_service(read: Reader, raw: dict) -> dict[str, Any]:
    """A service in our fields; those the file does not have are left out of the dict (an
    existing service keeps its own, a new one gets the default)."""
    name = read.text(raw, "name", "A service’s name", 200, one_line=True)
    if not name:
        raise Refused("One of its services has no name")
    label = f"Service ‘{name}’"
    service: dict[str, Any] = {"uuid": read.uuid(raw, label), "name": name}
    categories = terms_in(read, [raw]).get(CATEGORIES.key, [])
    if categories:
        service["category"] = categories[0]
    else:
        default = CATEGORIES.label(DEFAULT_CATEGORY)
        read.note(f"{label}: no service category of ours, so a new service is under "
                  f"‘{default}’ and an existing one keeps its own")  # fmt: skip
    if "description" in raw:
        service["description"] = read.text(
            raw, "description", f"{label}’s description", MAX_DESCRIPTION
        )
    if "schedules" in raw:
        service["schedule"] = "\n".join(
            text
            for schedule in read.objects(raw, "schedules", f"{label}’s schedules")
            if (text := read.text(schedule, "description", f"{label}’s schedule", 2000))
        )
    if {"cost_options", "fees", "fees_description"} & raw.keys():
        service["cost"] = _cost(read, raw, label)
    if raw.get("status") in SERVICE_STATUSES:
        service["status"] = raw["status"]
    return service


def _cost(read: Reader, raw: dict, label: str) -> str:
    parts = []
    for option in read.objects(raw, "cost_options", f"{label}’s costs"):
        words = read.text(option, "option", f"{label}’s cost", 200, one_line=True)
        amount = read.number(option, "amount", 0, 1e9)
        if amount == 0 and not words:
            words = "Free"
        elif amount:  # "Free" with an amount of 0 says it already
            each = read.text(option, "amount_description", f"{label}’s cost", 200, one_line=True)
            price = " ".join(p for p in (f"£{amount:,.2f}".replace(".00", ""), each) if p)
            words = f"{words}: {price}" if words else price
        if words:
            parts.append(words)
    cost = "; ".join(parts) or read.text(raw, "fees_description", f"{label}’s fees", 200)
    cost = cost or read.text(raw, "fees", f"{label}’s fees", 200)
    if len(cost) > 200:
        raise Refused(
            f"{label}’s costs are {len(cost):,} characters long: {KEEPS_UP_TO.format(200)}"
        )
    return cost


def add_location(read: Reader, raw: dict, found: dict[str, dict[str, Any]]) -> bool:
    """Add a physical or postal location (a venue); False for a virtual one, left out."""
    if raw.get("location_type") == "virtual":
        read.note("Online-only locations are not venues, so they were left out")
        return False
    identity = read.uuid(raw, "A location")
    if identity in found:
        return True
    addresses = read.objects(raw, "addresses", "A location’s addresses")
    address = next(
        (a for a in addresses if a.get("address_type") == "physical"),
        addresses[0] if addresses else {},
    )
    name = read.text(raw, "name", "A location’s name", 200, one_line=True)
    place: dict[str, Any] = {"uuid": identity}
    if addresses:
        place["address"] = address_lines(read, address)
        place["town"] = read.text(address, "city", "A town", 100, one_line=True)
        place["postcode"] = postcode_of(read, address)
    place["name"] = name or place.get("address") or "Venue"
    if "latitude" in raw or "longitude" in raw:
        latitude = read.number(raw, "latitude", -90, 90)
        longitude = read.number(raw, "longitude", -180, 180)
        if latitude is None or longitude is None:
            read.note("A location’s latitude and longitude: not a place on Earth, so left out")
        else:
            place["latitude"], place["longitude"] = latitude, longitude
    if "accessibility" in raw:
        place["accessibility"] = "\n".join(
            text
            for item in read.objects(raw, "accessibility", "A location’s accessibility")
            if (text := read.text(item, "description", "A location’s accessibility", 2000))
        )
    found[identity] = place
    return True
