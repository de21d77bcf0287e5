"""Reading the directory: the public list with its search and filters, an organisation's
entry, and keeping each listed organisation's search words up to date. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, delete, exists, func, insert, select
from sqlalchemy.orm import selectinload

from engage.core.db import db, utcnow
from engage.core.pagination import Page, paginate
from engage.directory import search, stages
from engage.directory.models import (
    Organisation,
    OrganisationTerm,
    SearchText,
    Service,
    organisation_area,
)
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, KINDS, LED_BY
from engage.reference.api import LocalAuthority

PER_PAGE = 20
RANKED_UP_TO = 300
SEARCH_COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    """What a person searched for and chose; empty strings for "any"."""

    words: str = ""
    area: str = ""  # a local authority's ONS code
    community: str = ""  # taxonomy.COMMUNITIES
    kind: str = ""  # taxonomy.KINDS
    category: str = ""  # taxonomy.CATEGORIES, of any of its services
    led_by: str = ""  # taxonomy.LED_BY

    @property
    def any(self) -> bool:
        return any((self.words.strip(), self.area, self.community, self.kind, self.category,
                    self.led_by))  # fmt: skip


def _with_term(taxonomy: str, code: str) -> Select:
    return select(OrganisationTerm.organisation_id).where(
        OrganisationTerm.taxonomy == taxonomy, OrganisationTerm.code == code
    )


def _filtered(filters: Filters) -> Select:
    """Listed organisations matching every filter but the words, as rows (id, name, kind,
    description, last_confirmed_at), in no order yet."""
    statement = select(
        Organisation.id,
        Organisation.name,
        Organisation.kind,
        Organisation.description,
        Organisation.last_confirmed_at,
    ).where(Organisation.status == stages.LISTED)
    # Each filter is a list of ids from its own index (not a check run on every listed
    # organisation), so the database starts from the narrowest.
    if filters.area:
        statement = statement.where(
            Organisation.id.in_(
                select(organisation_area.c.organisation_id)
                .join(LocalAuthority, LocalAuthority.id == organisation_area.c.local_authority_id)
                .where(LocalAuthority.code == filters.area)
            )
        )
    if filters.community and COMMUNITIES.has(filters.community):
        statement = statement.where(
            Organisation.id.in_(_with_term(COMMUNITIES.key, filters.community))
        )
    if filters.led_by and LED_BY.has(filters.led_by):
        statement = statement.where(Organisation.id.in_(_with_term(LED_BY.key, filters.led_by)))
    if filters.kind and KINDS.has(filters.kind):
        statement = statement.where(Organisation.kind == filters.kind)
    if filters.category and CATEGORIES.has(filters.category):
        statement = statement.where(
            Organisation.id.in_(
                select(Service.organisation_id).where(Service.category == filters.category)
            )
        )
    return statement


@dataclass(frozen=True)
class Results:
    page: Page
    order: str  # BY_NAME, BEST_FIRST or NEWEST_FIRST
    # When words found nothing: the words with typos put right, to search for instead.
    suggestion: str = ""


BY_NAME, BEST_FIRST, NEWEST_FIRST = "by name", "best match first", "newest first"


def facets_of(filters: Filters) -> tuple[str, ...]:
    """The filters chosen, as the search index's tokens (search_facets writes them)."""
    chosen = [("area", filters.area)]
    # A code not in its taxonomy is ignored, as _filtered ignores it.
    chosen += [(t.key, code) for name, t in _FILTER_TAXONOMIES
               if t.has(code := getattr(filters, name))]  # fmt: skip
    return tuple(search.facet_token(kind, code) for kind, code in chosen if code)


_FILTER_TAXONOMIES = (("community", COMMUNITIES), ("led_by", LED_BY), ("kind", KINDS),
                      ("category", CATEGORIES))  # fmt: skip


def directory_page(filters: Filters) -> Results:
    """A page of the organisations matching the filters and words (_directory_page), with
    a suggestion of other words when the words found nothing."""
    results = _directory_page(filters)
    words = search.words_of(filters.words)
    if results.page.total or not words:
        return results
    dialect = db.session.get_bind().dialect.name
    suggestion = " ".join(search.close_words(words, dialect))
    return Results(results.page, results.order, suggestion)


def _directory_page(filters: Filters) -> Results:
    """A page of the organisations matching the filters and words. Without words, by name.
    With words, the best matches first when there are up to RANKED_UP_TO of them; beyond
    that the newest first, as putting thousands in order (of relevance or name) reads every
    match, which costs more than a page should, and a person adds words or filters anyway."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "sqlite":
        return _sqlite_page(filters)
    statement = _filtered(filters)
    words = search.words_of(filters.words)
    if not words:
        return Results(paginate(statement.order_by(*_BY_NAME), per_page=PER_PAGE), BY_NAME)
    matched = statement.where(Organisation.id.in_(search.matching_ids(words, dialect)))
    if _few(matched.with_only_columns(Organisation.id)):
        ranked = search.best_first(statement, Organisation.id, words, dialect)
        return Results(paginate(ranked.order_by(*_BY_NAME), per_page=PER_PAGE), BEST_FIRST)
    newest = matched.order_by(Organisation.id.desc())
    page = paginate(newest, per_page=PER_PAGE, count_up_to=SEARCH_COUNT_LIMIT)
    return Results(page, NEWEST_FIRST)


_BY_NAME = (Organisation.name, Organisation.id)


def _few(ids: Select) -> bool:
    counted = select(func.count()).select_from(ids.limit(RANKED_UP_TO + 1).subquery())
    return (db.session.scalar(counted) or 0) <= RANKED_UP_TO


def _sqlite_page(filters: Filters) -> Results:
    """SQLite: words and filters are one look-up in the full-text index (each filter is a
    token there), read in the index's own order, so neither a common word nor a broad filter
    makes a list of thousands of ids."""
    listed = _filtered(Filters())
    words, facets = search.words_of(filters.words), facets_of(filters)
    if not words and not facets:
        return Results(paginate(listed.order_by(*_BY_NAME), per_page=PER_PAGE), BY_NAME)
    matched = search.matching_ids(words, "sqlite", facets)
    if not words:
        by_name = listed.where(Organisation.id.in_(matched)).order_by(*_BY_NAME)
        return Results(paginate(by_name, per_page=PER_PAGE, count_statement=matched), BY_NAME)
    # Counted once, as far as the list counts, which also says whether to rank them.
    counted = select(func.count()).select_from(matched.limit(SEARCH_COUNT_LIMIT + 1).subquery())
    total = db.session.scalar(counted) or 0
    if total <= RANKED_UP_TO:
        ranked = search.best_first(listed, Organisation.id, words, "sqlite", facets)
        page = paginate(ranked.order_by(*_BY_NAME), per_page=PER_PAGE, total=total)
        return Results(page, BEST_FIRST)
    newest = search.newest_first(listed, Organisation.id, words, facets)
    page = paginate(newest, per_page=PER_PAGE, count_up_to=SEARCH_COUNT_LIMIT, total=total)
    return Results(page, NEWEST_FIRST)


def areas_of(organisation_ids: list[int]) -> dict[int, list[str]]:
    """The names of the areas each organisation works in, for a page of the list."""
    if not organisation_ids:
        return {}
    found: dict[int, list[str]] = {}
    for organisation_id, name in db.session.execute(
        select(organisation_area.c.organisation_id, LocalAuthority.name)
        .join(LocalAuthority, LocalAuthority.id == organisation_area.c.local_authority_id)
        .where(organisation_area.c.organisation_id.in_(organisation_ids))
        .order_by(LocalAuthority.name)
    ):
        found.setdefault(organisation_id, []).append(name)
    return found


def listed_organisation(organisation_id: int) -> Organisation | None:
    """A listed organisation with everything its public page shows."""
    return db.session.scalars(
        select(Organisation)
        .where(Organisation.id == organisation_id, Organisation.status == stages.LISTED)
        .options(
            selectinload(Organisation.areas),
            selectinload(Organisation.services).selectinload(Service.locations),
            selectinload(Organisation.locations),
        )
    ).first()


# Keeping search up to date ---------------------------------------------------------------


def search_words(
    description: str,
    kind: str,
    terms: dict[str, list[str]],
    areas: list[str],
    languages: list[str],
    services: list[tuple[str, str, str]],
    places: list[tuple[str, str, str]],
) -> str:
    """Everything an organisation can be found by, besides its name: ``terms`` by taxonomy,
    area names, ``services`` as (name, description, category) and ``places`` as (name, town,
    postcode)."""
    parts = [description, KINDS.label(kind), *areas, *languages]
    parts += [COMMUNITIES.label(c) for c in terms.get(COMMUNITIES.key, [])]
    parts += [LED_BY.label(c) for c in terms.get(LED_BY.key, [])]
    for name, about, category in services:
        parts += [name, about, CATEGORIES.label(category)]
    parts += [" ".join(place) for place in places]
    return search.fold("\n".join(part for part in parts if part))


def search_facets(
    area_codes: list[str], kind: str, terms: dict[str, list[str]], categories: list[str]
) -> str:
    """The filters an organisation is found by, as search tokens: its areas (ONS codes),
    kind, ``terms`` by taxonomy (communities, led by) and its services' categories."""
    tokens = [search.facet_token("area", code) for code in area_codes]
    tokens.append(search.facet_token(KINDS.key, kind))
    for taxonomy in (COMMUNITIES.key, LED_BY.key):
        tokens += [search.facet_token(taxonomy, code) for code in terms.get(taxonomy, [])]
    tokens += [search.facet_token(CATEGORIES.key, code) for code in sorted(set(categories))]
    return " ".join(tokens)


def index_organisation(organisation: Organisation) -> None:
    """Write the organisation's search words (or take it out of search when not listed)."""
    db.session.execute(delete(SearchText).where(SearchText.organisation_id == organisation.id))
    if organisation.status == stages.LISTED:
        db.session.execute(
            insert(SearchText).values(
                organisation_id=organisation.id,
                name=search.fold(organisation.name),
                body=search_words(
                    organisation.description,
                    organisation.kind,
                    {t: organisation.codes(t) for t in (COMMUNITIES.key, LED_BY.key)},
                    [area.name for area in organisation.areas],
                    organisation.languages or [],
                    [(s.name, s.description, s.category) for s in organisation.services],
                    [(p.name, p.town, p.postcode) for p in organisation.locations],
                ),
                facets=search_facets(
                    [area.code for area in organisation.areas],
                    organisation.kind,
                    {t: organisation.codes(t) for t in (COMMUNITIES.key, LED_BY.key)},
                    [service.category for service in organisation.services],
                ),
            )
        )


def set_terms(organisation: Organisation, taxonomy: str, codes: list[str]) -> None:
    keep = [t for t in organisation.terms if t.taxonomy != taxonomy]
    before = {(t.taxonomy, t.code) for t in organisation.terms}
    organisation.terms = keep + [OrganisationTerm(taxonomy=taxonomy, code=c) for c in codes]
    if {(t.taxonomy, t.code) for t in organisation.terms} != before:
        # Its terms are part of the entry: the counts kept by community see the change.
        organisation.updated_at = utcnow()


def stale_statement(now: datetime) -> Select:
    """Listed entries not confirmed for over a year (or never), the longest first (rows)."""
    return (
        select(Organisation.id, Organisation.name, Organisation.last_confirmed_at)
        .where(
            Organisation.status == stages.LISTED,
            (Organisation.last_confirmed_at < now - stages.CONFIRM_EVERY)
            | Organisation.last_confirmed_at.is_(None),
        )
        .order_by(
            Organisation.last_confirmed_at.is_not(None),
            Organisation.last_confirmed_at,
            Organisation.id,
        )
    )


def confirmed_share(now: datetime) -> tuple[int, int]:
    """(confirmed in the last year, listed): for the officers' dashboard."""
    recent = Organisation.last_confirmed_at >= now - stages.CONFIRM_EVERY
    total, confirmed = db.session.execute(
        select(func.count(Organisation.id), func.count(case((recent, 1)))).where(
            Organisation.status == stages.LISTED
        )
    ).one()
    return confirmed, total


# For other features -------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSummary:
    id: int
    name: str
    communities: list[str]  # the codes asked about that it serves


def organisations_serving(
    communities: list[str], area_codes: list[str] | None = None, limit: int = 20
) -> list[OrganisationSummary]:
    """Listed organisations serving any of ``communities`` (taxonomy.COMMUNITIES codes) in any
    of these areas (ONS codes; None for anywhere), those serving the most of them first, then
    by name. Two queries."""
    if not communities:
        return []
    served = func.count(OrganisationTerm.code).label("served")
    statement = (
        select(Organisation.id, Organisation.name, served)
        .join(OrganisationTerm, OrganisationTerm.organisation_id == Organisation.id)
        .where(
            Organisation.status == stages.LISTED,
            OrganisationTerm.taxonomy == COMMUNITIES.key,
            OrganisationTerm.code.in_(communities),
        )
        .group_by(Organisation.id, Organisation.name)
        .order_by(served.desc(), Organisation.name, Organisation.id)
        .limit(limit)
    )
    if area_codes:
        statement = statement.where(
            exists()
            .where(organisation_area.c.organisation_id == Organisation.id)
            .where(organisation_area.c.local_authority_id == LocalAuthority.id)
            .where(LocalAuthority.code.in_(area_codes))
        )
    rows = db.session.execute(statement).all()
    codes: dict[int, list[str]] = {}
    if rows:
        for organisation_id, code in db.session.execute(
            select(OrganisationTerm.organisation_id, OrganisationTerm.code)
            .where(
                OrganisationTerm.organisation_id.in_([row.id for row in rows]),
                OrganisationTerm.taxonomy == COMMUNITIES.key,
                OrganisationTerm.code.in_(communities),
            )
            .order_by(OrganisationTerm.code)
        ):
            codes.setdefault(organisation_id, []).append(code)
    return [OrganisationSummary(row.id, row.name, codes.get(row.id, [])) for row in rows]
