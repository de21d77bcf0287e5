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
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, false, func, or_, select
from sqlalchemy.orm import lazyload

from engage.core.db import db, unindexed
from engage.directory import search, stages
from engage.directory.models import (
    Location,
    Organisation,
    OrganisationTerm,
    Service,
    ServiceAtLocation,
)
from engage.directory.oruk.arguments import (
    METRES_PER_DEGREE_EAST_AT_EQUATOR,
    METRES_PER_DEGREE_NORTH,
    BadParameter,
    ListArgs,
    parse_list_args,
    parse_uuid,
)
from engage.directory.taxonomy import CATEGORIES, KINDS

# The routes read parameters through this module.
__all__ = ["BadParameter", "ListArgs", "parse_list_args", "parse_uuid"]

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


def _paged(statement: Select, args: ListArgs, counted: Select | int | None = None) -> Paged:
    """Two queries: how many (``counted``: the total, or what to count, if not the list),
    then the page (none beyond the last page). The organisations' classifications are not
    loaded with them (a list does not show them)."""
    if isinstance(counted, int):
        total = counted
    else:
        counting = (statement if counted is None else counted).order_by(None)
        count = counting.with_only_columns(func.count(), maintain_column_froms=True)
        total = db.session.scalar(count) or 0
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
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    statement = (
        select(*entities)
        .select_from(Service)
        .join(Organisation, Organisation.id == Service.organisation_id)
        # Nearly every organisation is listed: SQLite walks the services in the order asked
        # for (stopping at a page) rather than sorting every listed organisation's.
        .where(unindexed(Organisation.status) == stages.LISTED)
    )
    if args.nothing:
        return statement.where(false())
    if args.words and sqlite:
        statement = search.join_matches(statement, Service.organisation_id, args.words)
    elif args.words:
        statement = statement.where(
            Service.organisation_id.in_(search.matching_ids(args.words, "postgresql"))
        )
    return _service_filters(statement, args)


def _service_filters(statement: Select, args: ListArgs) -> Select:
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


def _all_listed_services() -> int:
    """All services less those of the few organisations not listed: a whole table is
    counted from its smallest index, without reading each service's organisation."""
    unlisted = [status for status in stages.EntryStatus if status != stages.LISTED]
    hidden = (
        select(func.count())
        .select_from(Service)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(Organisation.status.in_(unlisted))
    )
    everything = select(func.count()).select_from(Service)
    return db.session.scalar(select(everything.scalar_subquery() - hidden.scalar_subquery()))


def _services_counted(args: ListArgs) -> Select | int | None:
    """What to count for a list of services (None: the list itself). Without filters, a
    total; on SQLite, searching with no filter needing the organisations, the search index
    alone (it holds only listed organisations): a third of the time."""
    if args.nothing:
        return None
    if not (args.words or args.term or args.taxonomy or args.organisation_uuid
            or args.modified_after):  # fmt: skip
        return _all_listed_services()
    if db.session.get_bind().dialect.name != "sqlite":
        return None
    needs_organisation = (
        args.organisation_uuid
        or args.modified_after
        or KINDS.key in (args.taxonomy, args.term[0] if args.term else None)
    )
    if args.words and not needs_organisation:
        counted = search.join_matches(select(Service.id), Service.organisation_id, args.words)
        return _service_filters(counted, args)
    counted = (
        select(Service.id)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(Organisation.status == stages.LISTED)
    )
    if args.words:
        counted = search.join_matches(counted, Service.organisation_id, args.words)
    return _service_filters(counted, args)


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
    """Rows of (Service, Organisation), by organisation in the order they were added."""
    statement = _listed_services(args, Service, Organisation)
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    if args.words and sqlite:
        # The search index's order is the organisations' (their services in the order they
        # were added, as the index on organisation_id keeps them).
        statement = statement.order_by(search.index_order())
    elif sqlite:
        # The same order, named by the organisation's id: SQLite then reads the organisations
        # in order and each one's services from the index, stopping at a page. By the
        # service's organisation_id it first read every organisation into a Bloom filter
        # (8 ms at 32,000 organisations, against 0.02 ms).
        statement = statement.order_by(Organisation.id, Service.id)
    else:
        statement = statement.order_by(Service.organisation_id, Service.id)
    return _paged(statement, args, _services_counted(args))


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
