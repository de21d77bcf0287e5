"""The Open Referral UK API's questions to the database: its query parameters read and checked,
and each list as one count and one page (the related records of a page, when a list needs
them, in one more query each, by the page's ids), so a list costs the same few queries for
any page size or directory size. Only listed organisations, and their services and venues,
are ever selected.

Filters, as the ORUK openapi.json lists them for each endpoint:
- ``search``: the directory's own full-text search of organisations (names, descriptions,
  services, venues, classifications); a service or service at a location matches when its
  organisation does.
- ``taxonomy_term_id``: a service matches its own category, and its organisation's kind,
  communities served and led-by terms (the terms shown in its and its organisation's
  ``attributes``); ``taxonomy_id``: any term of that taxonomy.
- ``organization_id``, ``modified_after`` (the service or its organisation changed then or
  since), ``page``, ``per_page`` (at most MAX_PER_PAGE).
- ``postcode`` (service at locations): nearest first from the centre of the postcode's
  district (postcodes.py); with ``proximity``, only venues within that many metres of it."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, case, false, func, or_, select
from sqlalchemy.orm import lazyload

from engage.core.db import db
from engage.directory import search, stages
from engage.directory.models import (
    Location,
    Organisation,
    OrganisationTerm,
    Service,
    ServiceAtLocation,
)
from engage.directory.oruk import postcodes
from engage.directory.oruk.documents import TAXONOMY_BY_ID, TERM_BY_ID
from engage.directory.taxonomy import CATEGORIES, KINDS

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


# Paging ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paged:
    items: list[Any]
    total: int
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_document(paged: Paged, contents: list[dict[str, Any]]) -> dict[str, Any]:
    """The paging fields of the standard around a page's ``contents``. A page beyond the last
    is empty, not the last page again."""
    pages = -(-paged.total // paged.per_page)
    return {
        "total_items": paged.total,
        "total_pages": pages,
        "page_number": paged.page,
        "size": len(contents),
        "first_page": paged.page == 1,
        "last_page": paged.page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _paged(statement: Select, args: ListArgs) -> Paged:
    """Two queries: how many, then the page (none beyond the last page). The organisations'
    classifications are not loaded with them (a list does not show them)."""
    counted = statement.order_by(None).with_only_columns(func.count(), maintain_column_froms=True)
    total = db.session.scalar(counted) or 0
    offset = (args.page - 1) * args.per_page
    items: list[Any] = []
    if offset < total:
        cut = statement.limit(args.per_page).offset(offset).options(lazyload(Organisation.terms))
        items = list(db.session.execute(cut))
    return Paged(items, total, args.page, args.per_page)


def page_of_list(items: list[Any], args: ListArgs) -> Paged:
    """Paging for a list already in memory (the taxonomies)."""
    offset = (args.page - 1) * args.per_page
    return Paged(items[offset : offset + args.per_page], len(items), args.page, args.per_page)


# Filters -------------------------------------------------------------------------------------


def _listed_services(args: ListArgs, *entities: Any) -> Select:
    """``entities`` of listed organisations' services matching the filters, joined to the
    organisation (and whatever the caller joins next)."""
    statement = (
        select(*entities)
        .select_from(Service)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(Organisation.status == stages.LISTED)
    )
    if args.nothing:
        return statement.where(false())
    if args.words:
        dialect = db.session.get_bind().dialect.name
        statement = statement.where(
            Service.organisation_id.in_(search.matching_ids(args.words, dialect))
        )
    if args.term:
        statement = statement.where(_has_term(*args.term))
    if args.taxonomy:
        statement = statement.where(_has_taxonomy(args.taxonomy))
    if args.organisation_uuid:
        statement = statement.where(Organisation.uuid == args.organisation_uuid)
    if args.modified_after:
        statement = statement.where(
            or_(
                Service.updated_at >= args.modified_after,
                Organisation.updated_at >= args.modified_after,
            )
        )
    return statement


def _has_term(taxonomy: str, code: str) -> Any:
    if taxonomy == CATEGORIES.key:
        return Service.category == code
    if taxonomy == KINDS.key:
        return Organisation.kind == code
    return Service.organisation_id.in_(
        select(OrganisationTerm.organisation_id).where(
            OrganisationTerm.taxonomy == taxonomy, OrganisationTerm.code == code
        )
    )


def _has_taxonomy(taxonomy: str) -> Any:
    if taxonomy == CATEGORIES.key:
        return Service.category.in_([term.code for term in CATEGORIES.terms])
    if taxonomy == KINDS.key:
        return Organisation.kind.in_([term.code for term in KINDS.terms])
    return Service.organisation_id.in_(
        select(OrganisationTerm.organisation_id).where(OrganisationTerm.taxonomy == taxonomy)
    )


# The lists -----------------------------------------------------------------------------------


def services_page(args: ListArgs) -> Paged:
    """Rows of (Service, Organisation), in the order they were added."""
    statement = _listed_services(args, Service, Organisation).order_by(Service.id)
    return _paged(statement, args)


def organisations_page(args: ListArgs) -> Paged:
    """Rows of (Organisation,), in the order they were added."""
    statement = select(Organisation).where(Organisation.status == stages.LISTED)
    if args.nothing:
        statement = statement.where(false())
    if args.words:
        dialect = db.session.get_bind().dialect.name
        statement = statement.where(Organisation.id.in_(search.matching_ids(args.words, dialect)))
    return _paged(statement.order_by(Organisation.id), args)


def service_at_locations_page(args: ListArgs) -> Paged:
    """Rows of (ServiceAtLocation, Service, Organisation, Location): with a postcode, the
    nearest first (venues with no position last), else in the order they were added."""
    statement = _listed_services(args, ServiceAtLocation, Service, Organisation, Location).join(
        ServiceAtLocation, ServiceAtLocation.service_id == Service.id
    )
    statement = statement.join(Location, Location.id == ServiceAtLocation.location_id)
    if args.near is None:
        return _paged(statement.order_by(ServiceAtLocation.id), args)
    latitude, longitude = args.near
    east = METRES_PER_DEGREE_EAST_AT_EQUATOR * math.cos(math.radians(latitude))
    # Equirectangular distance: near enough over a city region, and plain arithmetic, which
    # SQLite and PostgreSQL both do without extensions.
    dx = (Location.longitude - longitude) * east
    dy = (Location.latitude - latitude) * METRES_PER_DEGREE_NORTH
    squared = dx * dx + dy * dy
    if args.within is not None:
        north_span, east_span = args.within / METRES_PER_DEGREE_NORTH, args.within / east
        statement = statement.where(
            Location.latitude.between(latitude - north_span, latitude + north_span),
            Location.longitude.between(longitude - east_span, longitude + east_span),
            squared <= args.within * args.within,
        )
    unplaced = case((Location.latitude.is_(None) | Location.longitude.is_(None), 1), else_=0)
    return _paged(statement.order_by(unplaced, squared, ServiceAtLocation.id), args)


# Single records ------------------------------------------------------------------------------


def listed_service(service_uuid: str) -> tuple[Service, Organisation] | None:
    row = db.session.execute(_listed_services(ListArgs(), Service, Organisation).where(
        Service.uuid == service_uuid
    )).first()  # fmt: skip
    return (row[0], row[1]) if row else None


def places_of(service_id: int) -> list[tuple[ServiceAtLocation, Location]]:
    rows = db.session.execute(
        select(ServiceAtLocation, Location)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.service_id == service_id)
        .order_by(Location.name, Location.id)
    )
    return [(link, place) for link, place in rows]


def listed_organisation(
    organisation_uuid: str,
) -> tuple[Organisation, list[Service], list[Location]] | None:
    organisation = db.session.scalars(
        select(Organisation).where(
            Organisation.uuid == organisation_uuid, Organisation.status == stages.LISTED
        )
    ).first()
    if organisation is None:
        return None
    services = db.session.scalars(
        select(Service).where(Service.organisation_id == organisation.id).order_by(Service.id)
    ).all()
    places = db.session.scalars(
        select(Location)
        .where(Location.organisation_id == organisation.id)
        .order_by(Location.name, Location.id)
    ).all()
    return organisation, list(services), list(places)


def listed_service_at_location(
    link_uuid: str,
) -> tuple[ServiceAtLocation, Service, Organisation, Location] | None:
    statement = (
        _listed_services(ListArgs(), ServiceAtLocation, Service, Organisation, Location)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.uuid == link_uuid)
    )
    row = db.session.execute(statement).first()
    return (row[0], row[1], row[2], row[3]) if row else None
