"""Reading an Open Referral UK (HSDS-UK 3.0) file into the directory's own fields, the
inverse of the obvious export: an organization's id is our Organisation.uuid (so importing the
same file again finds the same entries), its services our Services, the places they run our
Locations. Nothing here touches the database: plan.py compares what was read with
the directory. The file may be a page of organizations or services (with ``contents``), a
single organization or service (a service brings its ``organization``), or a JSON array of
organizations.

Each organisation is read on its own: one with a wrong type, a missing name or a field too
long for the directory is refused with the reason, and the others can still be imported.
What could not be used is kept as notes, for the preview to say."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from engage.core.dates import uk_today
from engage.core.forms import remove_unshowable_characters
from engage.directory.forms import MAX_DESCRIPTION
from engage.directory.importing.places import area_of
from engage.directory.importing.read import (
    Reader,
    Refused,
    address_lines,
    postcode_of,
    terms_in,
    type_words,
)
from engage.directory.importing.services import (
    DEFAULT_CATEGORY,
    add_location,
    read_service,
)
from engage.directory.taxonomy import COMMUNITIES, KINDS, LED_BY

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ORGANISATIONS = 1000
DEFAULT_KIND = "community_group"
__all__ = ["DEFAULT_CATEGORY", "DEFAULT_KIND", "FeedRefused", "parse_feed"]

NOT_JSON = "The selected file is not valid JSON{where}. Check it is the file the feed gave you"
NOT_UTF8 = "The selected file is not JSON text (it must be UTF-8)"
NOT_ORUK = (
    "The selected file is not an Open Referral UK list or record of organisations or "
    "services. It needs a page with ‘contents’, one organization or service, or a list of "
    "organizations"
)
TWICE = "It is in the file twice (the same id): only the first is used"
NOTHING_IN_IT = "The selected file lists no organisations"
TOO_MANY = (
    "The selected file lists {count:,} organisations: one import takes up to {most:,}. "
    "Split the file into smaller ones"
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FeedRefused(Exception):
    """The whole file cannot be read; the message says why, for the officer."""


# The file as a whole ----------------------------------------------------------------------------


def parse_feed(content: bytes) -> dict[str, Any]:
    """{"entries": [...], "refused": [{"name", "reason"}]} from the file's bytes, or
    FeedRefused. Each entry is an organisation in our fields (see ``_organisation``)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FeedRefused(NOT_UTF8) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise FeedRefused(NOT_JSON.format(where=f" (line {error.lineno})")) from None
    except (ValueError, RecursionError):
        raise FeedRefused(NOT_JSON.format(where="")) from None
    raw_organisations, refused = _organisations_in(data)
    if len(raw_organisations) + len(refused) > MAX_ORGANISATIONS:
        count = len(raw_organisations) + len(refused)
        raise FeedRefused(TOO_MANY.format(count=count, most=MAX_ORGANISATIONS))
    if not raw_organisations and not refused:
        raise FeedRefused(NOTHING_IN_IT)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_organisations, start=1):
        try:
            entry = _organisation(raw)
        except Refused as refusal:
            refused.append({"name": _name_for_people(raw, position), "reason": str(refusal)})
            continue
        if entry["uuid"] in seen:
            refused.append({"name": entry["values"]["name"], "reason": TWICE})
            continue
        seen.add(entry["uuid"])
        entries.append(entry)
    return {"entries": entries, "refused": refused}


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _name_for_people(raw: Any, position: int) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    if isinstance(name, str) and name.strip():
        shown = " ".join(remove_unshowable_characters(name).split())
        return shown if len(shown) <= 100 else shown[:100] + "…"
    return f"Organisation {position:,} in the file (no name)"


def _organisations_in(data: Any) -> tuple[list[Any], list[dict[str, str]]]:
    """The file's organisations (a service's organisation gathers its services) and the
    services that name no organisation (refused)."""
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        raise FeedRefused(NOT_ORUK)
    if "contents" in data:
        items = data["contents"]
        if not isinstance(items, list):
            raise FeedRefused(NOT_ORUK)
        if any(
            isinstance(item, dict)
            and {"vocabulary", "version", "term", "taxonomy_id", "service", "location"}
            & item.keys()
            for item in items
        ):
            raise FeedRefused(NOT_ORUK)
        if any(isinstance(item, dict) and "organization" in item for item in items):
            return _by_organisation(items)
        return items, []
    if isinstance(data.get("organization"), dict):
        return _by_organisation([data])
    if "name" in data or "id" in data:
        return [data], []
    raise FeedRefused(NOT_ORUK)


def _by_organisation(services: list[Any]) -> tuple[list[Any], list[dict[str, str]]]:
    organisations: dict[Any, dict[str, Any]] = {}
    refused = []
    for position, service in enumerate(services, start=1):
        owner = service.get("organization") if isinstance(service, dict) else None
        if not isinstance(owner, dict):
            name = _name_for_people(service, position).replace("Organisation", "Service")
            refused.append({"name": name, "reason": "This service names no organisation"})
            continue
        key = owner.get("id") if isinstance(owner.get("id"), str) else f"#{position}"
        found = organisations.setdefault(key, {**owner, "services": []})
        found["services"].append({k: v for k, v in service.items() if k != "organization"})
    return list(organisations.values()), refused


# One organisation ---------------------------------------------------------------------------


def _organisation(raw: Any) -> dict[str, Any]:
    """An organisation in our fields. Values None are not in the file (the address: no
    physical address): on an existing entry they are left as they are."""
    if not isinstance(raw, dict):
        raise Refused(f"It is {type_words(raw)}, not an organisation object")
    read = Reader()
    name = read.text(raw, "name", "Its name", 200, one_line=True)
    if not name:
        raise Refused("It has no name")
    identity = read.uuid(raw, "The organisation")
    services_raw = read.objects(raw, "services", "Its services")
    services, locations, links = [], {}, []
    for place in read.objects(raw, "locations", "Its locations"):
        add_location(read, place, locations)
    for service_raw in services_raw:
        service = read_service(read, service_raw)
        services.append(service)
        for at in read.objects(service_raw, "service_at_locations", "A service’s locations"):
            place = at.get("location")
            if isinstance(place, dict) and add_location(read, place, locations):
                links.append([service["uuid"], read.uuid(place, "A location")])
    address, postcode = _first_physical_address(read, raw, services_raw)
    terms = terms_in(read, [raw, *services_raw])
    kinds = terms.get(KINDS.key, [])
    if not kinds:
        read.note(
            f"Kind of organisation: not given in our terms, so a new entry is "
            f"‘{KINDS.label(DEFAULT_KIND)}’ and an existing one keeps its own"
        )
    area = area_of(postcode or "")
    values = {
        "name": name,
        "description": _given(
            raw,
            "description",
            lambda: read.text(raw, "description", "Its description", MAX_DESCRIPTION),
        ),
        "kind": kinds[0] if kinds else None,
        "website": _given(raw, "website", lambda: _website(read, raw)),
        "email": _given(raw, "email", lambda: _email(read, raw)),
        "phone": _given(raw, "phones", lambda: _phone(read, raw)),
        "address": address,
        "postcode": postcode,
        "languages": _languages(read, services_raw, raw) or None,
        # Its venues' access, in words: from the first venue that says.
        "accessibility": next(
            (p["accessibility"] for p in locations.values() if p.get("accessibility")), None
        ),
        "communities": terms.get(COMMUNITIES.key),
        "led_by": terms.get(LED_BY.key),
    }
    return {
        "uuid": identity,
        "values": values,
        "areas": [area] if area else [],
        "services": services,
        "locations": list(locations.values()),
        "links": links,
        "assured": _assured(services_raw),
        "notes": read.notes,
    }


def _given(raw: dict, key: str, read: Any) -> Any:
    """None when the file does not have the field (an existing entry keeps its own)."""
    return read() if key in raw else None


def _website(read: Reader, raw: dict) -> str:
    website = read.text(raw, "website", "Its website", 500, one_line=True)
    if website and not website.startswith(("https://", "http://")):
        read.note("Website: not a web address starting https://, so it was left out")
        return ""
    return website


def _email(read: Reader, raw: dict) -> str:
    email = read.text(raw, "email", "Its email address", 320, one_line=True)
    if email and not _EMAIL.match(email):
        read.note("Email address: not an email address, so it was left out")
        return ""
    return email


def _phone(read: Reader, raw: dict) -> str:
    for phone in read.objects(raw, "phones", "Its phones"):
        number = read.text(phone, "number", "Its phone number", 50, one_line=True).strip("\"' ")
        if number:
            return number
    return ""


def _first_physical_address(
    read: Reader, raw: dict, services: list[dict]
) -> tuple[str | None, str | None]:
    places = read.objects(raw, "locations", "Its locations") + [
        at["location"]
        for service in services
        for at in read.objects(service, "service_at_locations", "A service’s locations")
        if isinstance(at.get("location"), dict)
    ]
    for place in places:
        for address in read.objects(place, "addresses", "A location’s addresses"):
            if address.get("address_type") == "physical":
                return address_lines(read, address), postcode_of(read, address)
    return None, None


def _languages(read: Reader, services: list[dict], raw: dict) -> list[str]:
    names: list[str] = []
    holders = [*services, *read.objects(raw, "locations", "Its locations")]
    for holder in holders:
        for language in read.objects(holder, "languages", "Languages"):
            name = read.text(language, "name", "A language", 100, one_line=True)
            if name and name not in names:
                names.append(name)
    return names


def _assured(services: list[dict]) -> str | None:
    """The latest date a service's details were checked (assured_date), if the file says."""
    dates = []
    for service in services:
        value = service.get("assured_date")
        try:
            day = date.fromisoformat(value[:10]) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is not None and day <= uk_today():
            dates.append(day)
    return max(dates).isoformat() if dates else None
