"""Checking Open Referral UK responses offline, as the ORUK validator does: against the schema
the standard's openapi.json names for each endpoint's 200 response (JSON Schema draft 2020-12,
its ``format``s asserted), with every ``$ref`` read from the copy in oruk_standard/ (see its
PROVENANCE.md), never from the internet.

Upstream's validator has three mock feeds (oruk-validator's MockController serves them):
Default passes; Warn "passes with warnings", as only endpoints the openapi.json tags optional
have problems; Fail has problems in required endpoints. ``verdict`` judges a feed the same way,
so the tests can prove this helper tells the three apart."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

STANDARD = Path(__file__).with_name("oruk_standard")
SPECIFICATIONS = STANDARD / "specifications"
MOCKS = STANDARD / "oruk-validator-mocks"
PREFIX = "https://openreferraluk.org/specifications/"
OPENAPI: dict[str, Any] = json.loads((SPECIFICATIONS / "3.0" / "openapi.json").read_text())

# Which endpoint each of upstream's mock files answers for (its MockController's routes).
MOCK_ENDPOINTS = {
    "api_details.json": "/",
    "service_list.json": "/services",
    "service_full.json": "/services/{id}",
    "taxonomy_list.json": "/taxonomies",
    "taxonomy.json": "/taxonomies/{id}",
    "taxonomy_term_list.json": "/taxonomy_terms",
    "taxonomy_term.json": "/taxonomy_terms/{id}",
    "organization_list.json": "/organizations",
    "organization.json": "/organizations/{id}",
    "organization_full.json": "/organizations/{id}",
    "service_at_location_list.json": "/service_at_locations",
    "service_at_location_full.json": "/service_at_locations/{id}",
}


def _retrieve(uri: str) -> Resource:
    if not uri.startswith(PREFIX):
        raise LookupError(f"{uri} is not in the offline copy of the standard")
    contents = json.loads((SPECIFICATIONS / uri.removeprefix(PREFIX)).read_text())
    return Resource.from_contents(contents, default_specification=DRAFT202012)


REGISTRY: Registry = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
FORMATS = Draft202012Validator.FORMAT_CHECKER
# Without these two packages jsonschema quietly skips the formats: fail loudly instead.
assert {"uri", "date-time", "uuid", "email"} <= set(FORMATS.checkers), "format checkers missing"


def response_schema(path: str) -> str:
    """The $ref of the schema of ``path``'s 200 response, as the openapi.json names it."""
    response = OPENAPI["paths"][path]["get"]["responses"]["200"]
    return response["content"]["application/json"]["schema"]["$ref"]


@cache
def _validator(path: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": response_schema(path)}, registry=REGISTRY, format_checker=FORMATS
    )


def schema_errors(document: Any, path: str) -> list[str]:
    """Every way ``document`` breaks the schema of ``path``'s response ("/services/{id}")."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in _validator(path).iter_errors(document)
    ]


def paging_problems(document: dict[str, Any]) -> list[str]:
    """A list's paging fields that contradict each other or its contents. (Not ``size``:
    upstream's passing mock of /organizations has size 1 beside 10 items, so whether it is
    the page's length or the page size asked for is left open.)"""
    problems = []
    total, pages = document.get("total_items"), document.get("total_pages")
    number = document.get("page_number")
    if document.get("empty") != (not document.get("contents")):
        problems.append("empty does not say whether there are contents")
    if isinstance(total, int) and isinstance(pages, int) and pages > total:
        problems.append(f"{pages} pages for {total} items")
    if isinstance(number, int) and isinstance(pages, int):
        if document.get("first_page") != (number == 1):
            problems.append(f"first_page is wrong on page {number}")
        if document.get("last_page") != (number >= pages):
            problems.append(f"last_page is wrong on page {number} of {pages}")
    return problems


def problems(document: Any, path: str) -> list[str]:
    found = schema_errors(document, path)
    if "{id}" not in path and path != "/" and isinstance(document, dict):
        found += paging_problems(document)
    return found


def is_optional(path: str) -> bool:
    return any(tag.lower() == "optional" for tag in OPENAPI["paths"][path]["get"]["tags"])


def verdict(folder: Path) -> tuple[str, dict[str, list[str]]]:
    """'pass', 'warn' (problems only in optional endpoints) or 'fail', and the problems of
    each mock file in ``folder``."""
    found = {
        mock.name: problems(json.loads(mock.read_text()), MOCK_ENDPOINTS[mock.name])
        for mock in sorted(folder.glob("*.json"))
    }
    broken = {MOCK_ENDPOINTS[name] for name, listed in found.items() if listed}
    if any(not is_optional(path) for path in broken):
        return "fail", found
    return ("warn" if broken else "pass"), found


def expected_distance_order(
    points: list[tuple[float, float]], origin: tuple[float, float]
) -> list[float]:
    """Equirectangular distances in metres from ``origin``, for checking nearest-first order."""
    east = 111_320 * math.cos(math.radians(origin[0]))
    return [
        math.hypot((lon - origin[1]) * east, (lat - origin[0]) * 110_540) for lat, lon in points
    ]
