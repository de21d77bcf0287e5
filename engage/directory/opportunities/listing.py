"""The lists of opportunities: the public one (open, or closed and awarded, filtered by area
and community) and the officers' one. A page's areas are read in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from engage.core.db import db
from engage.directory.opportunities import rules
from engage.directory.opportunities.models import Opportunity, OpportunityCommunity
from engage.directory.taxonomy import COMMUNITIES
from engage.reference.api import LocalAuthority
from engage.strategy.api import filter_by_tags

OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class PublicFilters:
    area: str = ""  # a local authority's ONS code
    community: str = ""  # taxonomy.COMMUNITIES
    show: str = OPEN  # OPEN, or CLOSED for closed and awarded ones

    @property
    def any(self) -> bool:
        return bool(self.area or self.community or self.show != OPEN)


_COLUMNS = (
    Opportunity.id,
    Opportunity.title,
    Opportunity.kind,
    Opportunity.status,
    Opportunity.value_pence,
    Opportunity.closes_on,
)


def public_statement(filters: PublicFilters, today: date) -> Select:
    """Open ones closing soonest first; closed and awarded ones the latest closing first."""
    statement = select(*_COLUMNS)
    if filters.show == CLOSED:
        statement = statement.where(
            Opportunity.status.in_([rules.CLOSED, rules.AWARDED])
            | ((Opportunity.status == rules.PUBLISHED) & (Opportunity.closes_on < today))
        ).order_by(Opportunity.closes_on.desc(), Opportunity.id.desc())
    else:
        statement = statement.where(
            Opportunity.status == rules.PUBLISHED, Opportunity.closes_on >= today
        ).order_by(Opportunity.closes_on, Opportunity.id)
    if filters.area:
        statement = filter_by_tags(statement, Opportunity, local_authority=filters.area)
    if filters.community and COMMUNITIES.has(filters.community):
        statement = statement.where(
            Opportunity.id.in_(
                select(OpportunityCommunity.opportunity_id).where(
                    OpportunityCommunity.code == filters.community
                )
            )
        )
    return statement


def officer_statement(status: str = "") -> Select:
    """Every opportunity (or those with ``status``), the newest first."""
    statement = select(
        *_COLUMNS, Opportunity.matched_organisations, Opportunity.editors_emailed
    ).order_by(Opportunity.created_at.desc(), Opportunity.id.desc())
    if status in set(rules.OpportunityStatus):
        statement = statement.where(Opportunity.status == status)
    return statement


def areas_of(opportunity_ids: list[int]) -> dict[int, list[str]]:
    """The names of each opportunity's areas, for a page of a list (one query)."""
    if not opportunity_ids:
        return {}
    table = db.metadata.tables[f"{Opportunity.__tablename__}_local_authority"]
    found: dict[int, list[str]] = {}
    for record_id, name in db.session.execute(
        select(table.c.record_id, LocalAuthority.name)
        .join(LocalAuthority, LocalAuthority.id == table.c.local_authority_id)
        .where(table.c.record_id.in_(opportunity_ids))
        .order_by(LocalAuthority.name)
    ):
        found.setdefault(record_id, []).append(name)
    return found
