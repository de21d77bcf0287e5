"""Two fictional opportunities for the demo (``flask seed-demo``): an engagement commission
that is open, with interest registered by an organisation the demo resident edits (they
asked for opportunity emails, so publishing it emails them), and a grant awarded to an
organisation led by the community it serves. Made through the services, as an officer
would, after the demo organisations."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from engage.accounts.api import find_user_by_email, grant_role
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.directory import stages
from engage.directory.models import Organisation, OrganisationTerm, organisation_area
from engage.directory.opportunities import rules, services
from engage.directory.opportunities.models import Opportunity, OpportunityResponse
from engage.directory.taxonomy import COMMUNITIES, LED_BY
from engage.reference.api import LocalAuthority
from engage.strategy.api import current_priority_ids

LIVERPOOL, KNOWSLEY = "E08000012", "E08000011"


def _first_listed(*conditions) -> Organisation | None:  # noqa: ANN002 - SQL conditions
    return db.session.scalars(
        select(Organisation)
        .where(Organisation.status == stages.LISTED, *conditions)
        .order_by(Organisation.id)
    ).first()


def create_demo_opportunities() -> int:
    """The two opportunities (none when there are some already, or no demo officer or
    organisations). Does not commit."""
    officer = find_user_by_email("officer@example.org")
    if officer is None or db.session.scalar(select(func.count(Opportunity.id))):
        return 0
    in_liverpool = Organisation.id.in_(
        select(organisation_area.c.organisation_id)
        .join(LocalAuthority, LocalAuthority.id == organisation_area.c.local_authority_id)
        .where(LocalAuthority.code == LIVERPOOL)
    )
    serving = select(OrganisationTerm.organisation_id).where(
        OrganisationTerm.taxonomy == COMMUNITIES.key
    )
    carers_group = _first_listed(in_liverpool, Organisation.id.in_(serving))
    led = _first_listed(
        Organisation.id.in_(
            select(OrganisationTerm.organisation_id).where(OrganisationTerm.taxonomy == LED_BY.key)
        )
    )
    if carers_group is None or led is None:
        return 0
    today = uk_today()
    resident = find_user_by_email("resident@example.org")
    if resident is not None:
        grant_role(resident, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE,
                   scope_id=carers_group.id)  # fmt: skip
        db.session.flush()
        services.set_opt_ins(resident, [carers_group.id])

    listening = services.create_opportunity(
        services.OpportunityDetails(
            title="Listening events with unpaid carers and older people",
            kind=rules.OpportunityKind.ENGAGEMENT,
            what_is_wanted="Six listening events in community venues across Liverpool and "
            "Knowsley, run by people the communities trust, to hear how unpaid carers and "
            "older people get to appointments and services.\nA short report of what people "
            "said, in their words, to shape the Combined Authority's transport plans.",
            how_to_apply="Register interest or apply here by the closing date. Tell us who "
            "you work with, where you would hold the events and how you would make them "
            "accessible. An officer will call you to talk it through.",
            value_pence=15_000_00,
            closes_on=today + timedelta(days=30),
            communities=sorted({"carers", "older", *carers_group.codes(COMMUNITIES.key)[:1]}),
            area_codes=[LIVERPOOL, KNOWSLEY],
            category="",
            priority_ids=current_priority_ids(["EO2.1"]),
        ),
        officer,
    )
    services.publish(listening, today)
    if resident is not None:
        services.respond(listening, carers_group.id, resident, rules.ResponseKind.INTEREST,
                         "We run a weekly carers' café and would like to host two events.",
                         today)  # fmt: skip

    grants = services.create_opportunity(
        services.OpportunityDetails(
            title="Community grants for groups led by the people they serve",
            kind=rules.OpportunityKind.GRANT,
            what_is_wanted="Grants of up to £20,000 for groups led by the communities they "
            "serve, to run activities that reduce isolation.",
            how_to_apply="Apply here with a short description of the activity, who it is for "
            "and what it would cost.",
            value_pence=40_000_00,
            closes_on=today + timedelta(days=1),
            communities=[],
            area_codes=[area.code for area in led.areas] or [LIVERPOOL],
            category="",
            priority_ids=current_priority_ids(["EO2.3"]),
        ),
        officer,
    )
    services.publish(grants, today)
    db.session.add(OpportunityResponse(
        opportunity_id=grants.id, organisation_id=led.id, kind=rules.ResponseKind.APPLICATION,
        message="A weekly lunch club and outings for isolated members.",
    ))  # fmt: skip
    # It ran last quarter: published, closed and awarded in the past.
    grants.published_at = utcnow() - timedelta(days=100)
    grants.closes_on = today - timedelta(days=60)
    services.close(grants)
    services.record_award(grants, led.id, 20_000_00, today - timedelta(days=30), officer)
    return 2
