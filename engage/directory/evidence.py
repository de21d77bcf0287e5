"""What the strategy tracker shows of the directory. Commissioning opportunities are tagged to
priorities: each one's status, the responses organisations made and the awards. Organisations
themselves are not tagged to priorities, so the tracker shows how many listed organisations
serve each community instead (``organisations_by_community``), and says so. A fixed number
of queries whatever the number of opportunities or organisations."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, func, select

from engage.core.count_snapshots import counted_rows
from engage.core.db import db
from engage.core.evidence import PRIORITY_IDS, Evidence, priority_ids_given
from engage.core.urls import url_maker
from engage.directory import stages
from engage.directory.models import Organisation, OrganisationTerm
from engage.directory.opportunities import rules
from engage.directory.opportunities.models import (
    Opportunity,
    OpportunityAward,
    OpportunityResponse,
)
from engage.directory.taxonomy import COMMUNITIES

FEATURE = "Directory: commissioning opportunities"


def evidence_for_priorities(
    priority_ids: list[int], *, detail: bool = True
) -> dict[int, list[Evidence]]:
    """For each priority id, the commissioning opportunities tagged to it, oldest first. Two
    queries; one with ``detail=False`` (a page of counts: no award names)."""
    found: dict[int, list[Evidence]] = {priority_id: [] for priority_id in priority_ids}
    if not priority_ids:
        return found
    rows = db.session.execute(_opportunities_statement(), priority_ids_given(priority_ids)).all()
    awarded: dict[int, list[str]] = {}
    award_rows = (
        db.session.execute(_awards_statement(), priority_ids_given(priority_ids)) if detail else []
    )
    for opportunity_id, name in award_rows:
        awarded.setdefault(opportunity_id, []).append(name)
    # Each address built once, not per record (url_for costs about 25 µs a call).
    admin_show = url_maker("directory.opportunities_admin.show", "opportunity_id")
    public_show = url_maker("directory.opportunities.show", "opportunity_id")
    for priority_id, opportunity_id, title, kind, status, response_count in rows:
        names = awarded.get(opportunity_id, [])
        kind_label = rules.KIND_LABELS.get(kind, kind)
        status_label = str(status).capitalize()
        award_words = (
            f"awarded to {', '.join(names)}" if names else "no award recorded" if detail else ""
        )
        found[priority_id].append(
            Evidence(
                feature=FEATURE,
                title=title,
                summary="; ".join(
                    part
                    for part in (
                        kind_label,
                        status_label,
                        f"{response_count:,} "
                        f"{'response' if response_count == 1 else 'responses'} from organisations",
                        award_words,
                    )
                    if part
                ),
                url=admin_show(opportunity_id),
                public=status != rules.DRAFT,
                public_url=public_show(opportunity_id),
                # Organisations, not people: awards are public commissioning information.
                public_text="; ".join(
                    part for part in (kind_label, status_label, award_words) if part
                ),
            )
        )
    return found


COUNT_UP_TO = 1_000  # beyond this a community's count says "more than 1,000"
SNAPSHOT_OWNER = ("directory communities", 0)


@cache
def _community_counts() -> Select:
    """Built once: constructing a statement of a subquery per community took longer than
    running it."""
    counts = [
        select(func.count())
        .select_from(
            select(OrganisationTerm.organisation_id)
            .join(Organisation, Organisation.id == OrganisationTerm.organisation_id)
            .where(
                OrganisationTerm.taxonomy == COMMUNITIES.key,
                OrganisationTerm.code == term.code,
                Organisation.status == stages.LISTED,
            )
            .limit(COUNT_UP_TO + 1)
            .subquery()
        )
        .scalar_subquery()
        for term in COMMUNITIES.terms
    ]
    return select(*counts)


def _communities_fingerprint() -> str:
    """What the counts depend on, each part an index end or a table's count: organisations
    (how many, the newest, the latest change: a change of status, or of the communities
    served, which services.set_terms marks) and how many terms there are."""
    parts = [
        select(func.count()).select_from(Organisation),
        select(func.max(Organisation.id)),
        select(func.max(Organisation.updated_at)),
        select(func.count()).select_from(OrganisationTerm),
    ]
    values = db.session.execute(select(*(part.scalar_subquery() for part in parts))).one()
    return ":".join(str(value) for value in values)


def organisations_by_community() -> list[tuple[str, str]]:
    """How many listed organisations serve each community, in the taxonomy's order (every
    community, "0" where none) as text, each counted up to COUNT_UP_TO + 1 so that no count
    reads the whole directory ("more than 1,000" beyond): one query of a bounded index look-up
    per community, kept between views (engage/core/count_snapshots.py) until the directory
    changes. Adds or changes the kept counts without committing."""
    found = counted_rows(
        SNAPSHOT_OWNER,
        "",
        _communities_fingerprint(),
        lambda: [list(db.session.execute(_community_counts()).one())],
    )[0]
    return [
        (term.label, f"more than {COUNT_UP_TO:,}" if count > COUNT_UP_TO else f"{count:,}")
        for term, count in zip(COMMUNITIES.terms, found, strict=True)
    ]


@cache
def _opportunities_statement() -> Select:
    """Each tagged opportunity and how many organisations responded."""
    tags = db.metadata.tables["directory_opportunity_priority"]
    responses = (
        select(func.count(OpportunityResponse.id))
        .where(OpportunityResponse.opportunity_id == Opportunity.id)
        .correlate(Opportunity)
        .scalar_subquery()
    )
    return (
        select(
            tags.c.priority_id,
            Opportunity.id,
            Opportunity.title,
            Opportunity.kind,
            Opportunity.status,
            responses,
        )
        .join(Opportunity, Opportunity.id == tags.c.record_id)
        .where(tags.c.priority_id.in_(PRIORITY_IDS))
        .order_by(tags.c.priority_id, Opportunity.id)
    )


@cache
def _awards_statement() -> Select:
    """The organisations each tagged opportunity was awarded to, by name."""
    tags = db.metadata.tables["directory_opportunity_priority"]
    return (
        select(OpportunityAward.opportunity_id, Organisation.name)
        .join(Organisation, Organisation.id == OpportunityAward.organisation_id)
        .where(
            OpportunityAward.opportunity_id.in_(
                select(tags.c.record_id).where(tags.c.priority_id.in_(PRIORITY_IDS))
            )
        )
        .order_by(OpportunityAward.opportunity_id, Organisation.name)
    )
