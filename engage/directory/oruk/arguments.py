"""The Open Referral UK API's query parameters, read and checked: a bad one is a
BadParameter, whose message says which and why (a 400)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from engage.directory import postcodes, search
from engage.directory.oruk.documents import TAXONOMY_BY_ID, TERM_BY_ID

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
METRES_PER_DEGREE_NORTH = 110_540
METRES_PER_DEGREE_EAST_AT_EQUATOR = 111_320


class BadParameter(Exception):
    """A query parameter we cannot use; the message says which and why (a 400)."""


@dataclass(frozen=True)
class ListArgs:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    words: list[str] = field(default_factory=list)
    term: tuple[str, str] | None = None  # (taxonomy key, code)
    taxonomy: str | None = None  # a taxonomy's key
    organisation_uuid: str | None = None
    modified_after: datetime | None = None
    near: tuple[float, float] | None = None  # (latitude, longitude)
    within: float | None = None  # metres
    # A filter named an id that is not ours: nothing can match.
    nothing: bool = False


def parse_uuid(value: str, name: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise BadParameter(f"{name} must be a UUID, such as {uuid.UUID(int=0)}") from None


def _positive_int(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise BadParameter(f"{name} must be a whole number, 1 or more")
    return int(raw)


def _when(raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BadParameter(
            "modified_after must be an ISO 8601 date or date and time, such as 2025-01-31T09:00:00Z"
        ) from None
    # UTC, as the database keeps times (SQLite keeps no offset).
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_list_args(args: Mapping[str, str], allowed: frozenset[str]) -> ListArgs:
    """The parameters the endpoint takes (``allowed``); others are ignored."""
    given = {name: args.get(name, "") for name in allowed if args.get(name, "").strip()}
    if given.get("format", "json").strip().lower() != "json":
        raise BadParameter("format: only json is offered")
    found: dict[str, Any] = {
        "page": _positive_int(args, "page", 1),
        "per_page": min(_positive_int(args, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE),
        "words": search.words_of(given.get("search", "")),
    }
    nothing = False
    if "taxonomy_term_id" in given:
        term = TERM_BY_ID.get(parse_uuid(given["taxonomy_term_id"], "taxonomy_term_id"))
        nothing |= term is None
        found["term"] = (term[0].key, term[1].code) if term else None
    if "taxonomy_id" in given:
        taxonomy = TAXONOMY_BY_ID.get(parse_uuid(given["taxonomy_id"], "taxonomy_id"))
        nothing |= taxonomy is None
        found["taxonomy"] = taxonomy.key if taxonomy else None
    if "organization_id" in given:
        found["organisation_uuid"] = parse_uuid(given["organization_id"], "organization_id")
    if "modified_after" in given:
        found["modified_after"] = _when(given["modified_after"])
    if "parent_id" in given:  # our taxonomies are flat: no term has a parent
        parse_uuid(given["parent_id"], "parent_id")
        nothing = True
    found.update(_place(given))
    return ListArgs(**found, nothing=nothing)


def _place(given: dict[str, str]) -> dict[str, Any]:
    if "proximity" in given and "postcode" not in given:
        raise BadParameter("proximity needs a postcode to measure from")
    if "postcode" not in given:
        return {}
    near = postcodes.centre(given["postcode"])
    if near is None:
        raise BadParameter(
            "postcode: we can place only postcodes in the Liverpool City Region's districts "
            "(such as L8 1AB, or L8)"
        )
    within = None
    if "proximity" in given:
        try:
            within = float(given["proximity"])
        except ValueError:
            within = -1.0
        if not math.isfinite(within) or within <= 0:
            raise BadParameter("proximity must be a distance in metres, more than 0")
    return {"near": near, "within": within}
