"""Commissioning opportunities: officers create, publish (emailing the editors of matching
organisations who asked), close and award them; editors respond for their organisations and
choose which of them hear about new ones. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import selectinload

from engage.accounts.api import User, holders_of_scoped_role
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.directory import claims, stages
from engage.directory.models import Organisation, OrganisationTerm, Service, organisation_area
from engage.directory.opportunities import rules
from engage.directory.opportunities.models import (
    Opportunity,
    OpportunityAward,
    OpportunityCommunity,
    OpportunityEmailOptIn,
    OpportunityResponse,
)
from engage.directory.taxonomy import COMMUNITIES
from engage.reference.api import LocalAuthority
from engage.strategy.api import set_tags

EMAIL_KIND = "directory-opportunity-published"


@dataclass(frozen=True)
class OpportunityDetails:
    title: str
    kind: str
    what_is_wanted: str
    how_to_apply: str
    value_pence: int
    closes_on: date
    communities: list[str]
    area_codes: list[str]
    category: str
    priority_ids: list[int]


def get_opportunity(opportunity_id: int) -> Opportunity | None:
    return db.session.get(Opportunity, opportunity_id)


def public_opportunity(opportunity_id: int) -> Opportunity | None:
    """A published, closed or awarded opportunity with what its page shows (never a draft)."""
    return db.session.scalars(
        select(Opportunity)
        .where(Opportunity.id == opportunity_id, Opportunity.status != rules.DRAFT)
        .options(selectinload(Opportunity.local_authorities), selectinload(Opportunity.priorities))
    ).first()


def _apply(opportunity: Opportunity, details: OpportunityDetails) -> None:
    for field in ("title", "kind", "what_is_wanted", "how_to_apply", "value_pence", "closes_on",
                  "category"):  # fmt: skip
        setattr(opportunity, field, getattr(details, field))
    known = [code for code in details.communities if COMMUNITIES.has(code)]
    opportunity.communities = [OpportunityCommunity(code=code) for code in dict.fromkeys(known)]
    area_ids = list(
        db.session.scalars(
            select(LocalAuthority.id).where(LocalAuthority.code.in_(details.area_codes))
        )
    )
    set_tags(opportunity, details.priority_ids, area_ids)


def create_opportunity(details: OpportunityDetails, officer: User) -> Opportunity:
    opportunity = Opportunity(created_by_id=officer.id, status=rules.DRAFT)
    _apply(opportunity, details)
    db.session.add(opportunity)
    db.session.flush()
    record_event("directory_opportunity_created", object_type="opportunity",
                 object_id=opportunity.id)  # fmt: skip
    return opportunity


def update_opportunity(opportunity: Opportunity, details: OpportunityDetails) -> None:
    if not rules.can_edit(opportunity):
        raise rules.OpportunityRefused(rules.CANNOT_EDIT)
    _apply(opportunity, details)
    record_event("directory_opportunity_changed", object_type="opportunity",
                 object_id=opportunity.id)  # fmt: skip


# Publishing and who hears of it ------------------------------------------------------------


def matching_organisations(opportunity: Opportunity) -> Select:
    """The ids of listed organisations in any of its areas, serving any of its communities
    (any community when it names none) and, when it has a category, running a service in it."""
    area_ids = [area.id for area in opportunity.local_authorities]
    statement = select(Organisation.id).where(
        Organisation.status == stages.LISTED,
        Organisation.id.in_(
            select(organisation_area.c.organisation_id).where(
                organisation_area.c.local_authority_id.in_(area_ids)
            )
        ),
    )
    if opportunity.community_codes:
        statement = statement.where(
            Organisation.id.in_(
                select(OrganisationTerm.organisation_id).where(
                    OrganisationTerm.taxonomy == COMMUNITIES.key,
                    OrganisationTerm.code.in_(opportunity.community_codes),
                )
            )
        )
    if opportunity.category:
        statement = statement.where(
            Organisation.id.in_(
                select(Service.organisation_id).where(Service.category == opportunity.category)
            )
        )
    return statement


def editors_to_tell(matched: Select) -> dict[int, tuple[User, list[int]]]:
    """Each editor who opted in for a matching organisation they still edit, once, with the
    ids of those organisations."""
    opted = db.session.execute(
        select(OpportunityEmailOptIn.user_id, OpportunityEmailOptIn.organisation_id).where(
            OpportunityEmailOptIn.organisation_id.in_(matched)
        )
    ).all()
    if not opted:
        return {}
    holders = holders_of_scoped_role(
        stages.EDITOR_ROLE, stages.EDITOR_SCOPE, sorted({org for _, org in opted})
    )
    found: dict[int, tuple[User, list[int]]] = {}
    for user_id, organisation_id in opted:
        editor = next((u for u in holders.get(str(organisation_id), []) if u.id == user_id), None)
        if editor is not None:
            found.setdefault(user_id, (editor, []))[1].append(organisation_id)
    return found


def publish(opportunity: Opportunity, today: date) -> int:
    """Publish a draft and email the matching organisations' editors who asked, each once.
    Claimed by one conditional update, so publishing twice (or on two instances at once)
    never emails anyone twice. Returns how many editors were emailed."""
    if not rules.can_publish(opportunity):
        raise rules.OpportunityRefused(rules.NOT_A_DRAFT)
    if opportunity.closes_on < today:
        raise rules.OpportunityRefused(rules.CLOSING_DATE_PASSED)
    claimed = db.session.execute(
        update(Opportunity)
        .where(Opportunity.id == opportunity.id, Opportunity.status == rules.DRAFT)
        .values(status=rules.PUBLISHED, published_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise rules.OpportunityRefused(rules.NOT_A_DRAFT)
    db.session.refresh(opportunity)
    matched = matching_organisations(opportunity)
    opportunity.matched_organisations = (
        db.session.scalar(select(func.count()).select_from(matched.subquery())) or 0
    )
    editors = editors_to_tell(matched)
    names = dict(
        db.session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.id.in_({o for _, ids in editors.values() for o in ids})
            )
        ).all()
    ) if editors else {}  # fmt: skip
    url = external_url("directory.opportunities.show", opportunity_id=opportunity.id)
    for editor, organisation_ids in editors.values():
        queue_email(
            editor.email,
            EMAIL_KIND,
            f"A new opportunity for your organisation: {opportunity.title}",
            user=editor,
            opportunity=opportunity,
            organisations=sorted(names[o] for o in organisation_ids),
            opportunity_url=url,
            manage_url=external_url("directory.edit.index"),
        )
    opportunity.editors_emailed = len(editors)
    record_event("directory_opportunity_published", object_type="opportunity",
                 object_id=opportunity.id, matched=opportunity.matched_organisations,
                 emailed=len(editors))  # fmt: skip
    return len(editors)


def close(opportunity: Opportunity) -> None:
    if not rules.can_close(opportunity):
        raise rules.OpportunityRefused(rules.NOT_PUBLISHED)
    opportunity.status, opportunity.closed_at = rules.CLOSED, utcnow()
    record_event("directory_opportunity_closed", object_type="opportunity",
                 object_id=opportunity.id)  # fmt: skip


# Responses ------------------------------------------------------------------------------------


def response_of(opportunity_id: int, organisation_id: int) -> OpportunityResponse | None:
    return db.session.scalars(
        select(OpportunityResponse).where(
            OpportunityResponse.opportunity_id == opportunity_id,
            OpportunityResponse.organisation_id == organisation_id,
        )
    ).first()


def responses_by_organisation(opportunity_id: int, organisation_ids: list[int]) -> dict[int, str]:
    """The kind of response each of these organisations has sent (for an editor's page)."""
    if not organisation_ids:
        return {}
    return dict(
        db.session.execute(
            select(OpportunityResponse.organisation_id, OpportunityResponse.kind).where(
                OpportunityResponse.opportunity_id == opportunity_id,
                OpportunityResponse.organisation_id.in_(organisation_ids),
            )
        ).all()
    )


def respond(
    opportunity: Opportunity, organisation_id: int, editor: User, kind: str, message: str,
    today: date,
) -> OpportunityResponse:  # fmt: skip
    """Register interest or apply for an organisation the editor edits (checked here, not
    only by the form's choices)."""
    if not claims.is_editor(editor, organisation_id):
        raise rules.OpportunityRefused(rules.NOT_YOUR_ORGANISATION)
    if not rules.takes_responses(opportunity, today):
        raise rules.OpportunityRefused(rules.CLOSED_TO_RESPONSES)
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.status != stages.LISTED:
        raise rules.OpportunityRefused(rules.NOT_YOUR_ORGANISATION)
    existing = response_of(opportunity.id, organisation_id)
    refused = rules.can_respond(existing, kind)
    if refused:
        raise rules.OpportunityRefused(refused.format(name=organisation.name))
    response = existing or OpportunityResponse(
        opportunity_id=opportunity.id, organisation_id=organisation_id
    )
    response.kind, response.message, response.user_id = kind, message, editor.id
    db.session.add(response)
    db.session.flush()
    record_event("directory_opportunity_response", object_type="opportunity",
                 object_id=opportunity.id, organisation=organisation.name,
                 response=rules.RESPONSE_LABELS[rules.ResponseKind(kind)])  # fmt: skip
    return response


def responses_statement(opportunity_id: int) -> Select:
    """The responses to an opportunity, applications first, then the oldest first."""
    return (
        select(OpportunityResponse)
        .where(OpportunityResponse.opportunity_id == opportunity_id)
        .options(
            selectinload(OpportunityResponse.organisation),
            selectinload(OpportunityResponse.user),
        )
        .order_by(
            (OpportunityResponse.kind == rules.ResponseKind.APPLICATION).desc(),
            OpportunityResponse.created_at,
            OpportunityResponse.id,
        )
    )


def responding_organisations(opportunity_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisations that responded, by name: who an award can go to."""
    return [
        (row.id, row.name)
        for row in db.session.execute(
            select(Organisation.id, Organisation.name)
            .join(OpportunityResponse, OpportunityResponse.organisation_id == Organisation.id)
            .where(OpportunityResponse.opportunity_id == opportunity_id)
            .order_by(Organisation.name, Organisation.id)
        )
    ]


# Awards ---------------------------------------------------------------------------------------


def record_award(
    opportunity: Opportunity, organisation_id: int, value_pence: int, awarded_on: date,
    officer: User,
) -> OpportunityAward:  # fmt: skip
    if not rules.can_award(opportunity):
        raise rules.OpportunityRefused(rules.CANNOT_AWARD)
    if response_of(opportunity.id, organisation_id) is None:
        raise rules.OpportunityRefused(rules.NO_RESPONSE)
    organisation = db.session.get(Organisation, organisation_id)
    exists = db.session.scalar(
        select(OpportunityAward.id).where(
            OpportunityAward.opportunity_id == opportunity.id,
            OpportunityAward.organisation_id == organisation_id,
        )
    )
    if exists:
        raise rules.OpportunityRefused(rules.ALREADY_AWARDED.format(name=organisation.name))
    award = OpportunityAward(
        opportunity_id=opportunity.id, organisation_id=organisation_id, value_pence=value_pence,
        awarded_on=awarded_on, recorded_by_id=officer.id,
    )  # fmt: skip
    db.session.add(award)
    opportunity.status = rules.AWARDED
    opportunity.closed_at = opportunity.closed_at or utcnow()
    db.session.flush()
    record_event("directory_opportunity_awarded", object_type="opportunity",
                 object_id=opportunity.id, organisation=organisation.name,
                 value=rules.pounds(value_pence))  # fmt: skip
    return award


def awards_of(opportunity_id: int) -> list[OpportunityAward]:
    return list(
        db.session.scalars(
            select(OpportunityAward)
            .where(OpportunityAward.opportunity_id == opportunity_id)
            .options(selectinload(OpportunityAward.organisation))
            .order_by(OpportunityAward.awarded_on, OpportunityAward.id)
        )
    )


# Editors choosing which organisations hear of opportunities -----------------------------------


def opted_in(user: User) -> set[int]:
    """The organisations this person asked to hear about opportunities for."""
    return set(
        db.session.scalars(
            select(OpportunityEmailOptIn.organisation_id).where(
                OpportunityEmailOptIn.user_id == user.id
            )
        )
    )


def set_opt_ins(user: User, organisation_ids: list[int]) -> None:
    """Opt in for exactly these organisations (each one the person edits: checked here)."""
    if any(not claims.is_editor(user, o) for o in organisation_ids):
        raise rules.OpportunityRefused(rules.NOT_YOUR_ORGANISATION)
    db.session.execute(
        delete(OpportunityEmailOptIn).where(OpportunityEmailOptIn.user_id == user.id)
    )
    for organisation_id in dict.fromkeys(organisation_ids):
        db.session.add(OpportunityEmailOptIn(user_id=user.id, organisation_id=organisation_id))
    record_event("directory_opportunity_emails_chosen", object_type="user", object_id=user.id,
                 count=len(set(organisation_ids)))  # fmt: skip
