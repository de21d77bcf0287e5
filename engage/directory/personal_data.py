"""What the directory holds about a person, for their data download: the organisations they
edit, their requests to edit one, the changes they proposed, invitations sent to their
address, reports they sent with their address, their choice of opportunity emails, and their
organisations' responses to opportunities that they sent. An organisation's own entry is
public information about the organisation, not about the person, so only its name is shown."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from engage.accounts.api import get_user
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.directory.claims import organisations_of
from engage.directory.models import (
    ChangeRequest,
    ClaimRequest,
    EditorInvitation,
    EntryReport,
    Organisation,
)
from engage.directory.opportunities.models import (
    Opportunity,
    OpportunityEmailOptIn,
    OpportunityResponse,
)


def _changes(before: dict[str, Any], proposed: dict[str, Any]) -> list[str]:
    return [
        f"{key.replace('_', ' ')}: {value}"
        for key, value in proposed.items()
        if before.get(key) != value
    ]


def _by_email(subject: DataSubject) -> list[PersonalSection | None]:
    """Records matched by the confirmed email address (invitations, reports)."""
    if not subject.email:
        return []
    email = subject.email.strip().lower()
    invitations = db.session.execute(
        select(EditorInvitation, Organisation.name)
        .join(Organisation, Organisation.id == EditorInvitation.organisation_id)
        .where(func.lower(EditorInvitation.email) == email)
        .order_by(EditorInvitation.created_at, EditorInvitation.id)
    ).all()
    reports = db.session.execute(
        select(EntryReport, Organisation.name)
        .join(Organisation, Organisation.id == EntryReport.organisation_id)
        .where(func.lower(EntryReport.contact_email) == email)
        .order_by(EntryReport.created_at, EntryReport.id)
    ).all()
    return [
        section(
            "Invitations to edit a directory entry",
            [
                record(
                    f"Invitation to edit {name}",
                    ("Organisation", name),
                    ("Sent to", invitation.email),
                    ("Sent", invitation.sent_at),
                    ("Accepted", invitation.accepted_at),
                    ("Cancelled", invitation.cancelled_at),
                )
                for invitation, name in invitations
            ],
        ),
        section(
            "Reports about directory entries",
            [
                record(
                    f"Report about {name}",
                    ("Organisation", name),
                    ("What is wrong", report.what_is_wrong),
                    ("Email address", report.contact_email),
                    ("Sent", report.created_at),
                    ("Dealt with", report.resolved_at),
                )
                for report, name in reports
            ],
        ),
    ]


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """At most nine queries. Someone known by a reference has nothing here: the directory
    gives no references."""
    if subject.by_reference:
        return []
    if subject.user_id is None:
        return sections(*_by_email(subject))
    user = get_user(subject.user_id)
    edited = organisations_of(user) if user is not None else []
    claims = db.session.execute(
        select(ClaimRequest, Organisation.name)
        .join(Organisation, Organisation.id == ClaimRequest.organisation_id)
        .where(ClaimRequest.user_id == subject.user_id)
        .order_by(ClaimRequest.created_at, ClaimRequest.id)
    ).all()
    changes = db.session.execute(
        select(ChangeRequest, Organisation.name)
        .join(Organisation, Organisation.id == ChangeRequest.organisation_id)
        .where(ChangeRequest.proposed_by_id == subject.user_id)
        .order_by(ChangeRequest.created_at, ChangeRequest.id)
    ).all()
    opt_ins = db.session.execute(
        select(OpportunityEmailOptIn, Organisation.name)
        .join(Organisation, Organisation.id == OpportunityEmailOptIn.organisation_id)
        .where(OpportunityEmailOptIn.user_id == subject.user_id)
        .order_by(Organisation.name)
    ).all()
    responses = db.session.execute(
        select(OpportunityResponse, Opportunity.title, Organisation.name)
        .join(Opportunity, Opportunity.id == OpportunityResponse.opportunity_id)
        .join(Organisation, Organisation.id == OpportunityResponse.organisation_id)
        .where(OpportunityResponse.user_id == subject.user_id)
        .order_by(OpportunityResponse.created_at, OpportunityResponse.id)
    ).all()
    return sections(
        section(
            "Directory entries you edit",
            [record(org.name, ("Organisation", org.name)) for org in edited],
        ),
        section(
            "Requests to edit a directory entry",
            [
                record(
                    f"Request to edit {name}",
                    ("Organisation", name),
                    ("Your role there", claim.role_at_organisation),
                    ("How it was checked", claim.method.replace("_", " ")),
                    ("Code sent to", claim.code_sent_to),
                    ("Status", claim.status.capitalize()),
                    ("Asked", claim.created_at),
                    ("Decided", claim.decided_at),
                    ("Reason", claim.reason),
                )
                for claim, name in claims
            ],
        ),
        section(
            "Changes you proposed to directory entries",
            [
                record(
                    f"Changes to {name}",
                    ("Organisation", name),
                    ("What you proposed", _changes(change.before or {}, change.proposed or {})),
                    ("Your note", change.note),
                    ("Status", change.status.capitalize()),
                    ("Sent", change.created_at),
                    ("Reviewed", change.reviewed_at),
                    ("Reason", change.reason),
                )
                for change, name in changes
            ],
        ),
        section(
            "Opportunity emails you asked for",
            [
                record(name, ("Organisation", name), ("Asked", opt_in.created_at))
                for opt_in, name in opt_ins
            ],
        ),
        section(
            "Responses to opportunities you sent",
            [
                record(
                    f"{response.kind_label}: {title}",
                    ("Opportunity", title),
                    ("Organisation", name),
                    ("Kind", response.kind_label),
                    ("Message", response.message),
                    ("Sent", response.created_at),
                    ("Changed", response.updated_at),
                )
                for response, title, name in responses
            ],
        ),
        *_by_email(subject),
    )
