"""Erasing a person's part in the directory (engage/rights asks).

Organisations' entries, the changes proposed to them and their responses to commissioning
opportunities belong to the organisations, not to the person who typed them: they stay,
no longer linked to the person. What is the person's own goes: their role as an editor,
their requests to become one, invitations sent to their address, their choice to be emailed
about opportunities, and the address they left when reporting a mistake in an entry.
Three queries to plan (the account's roles come with it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import false, func, select, update

from engage.accounts.api import get_user, revoke_role
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, anonymise, counted, delete, keep
from engage.directory import stages
from engage.directory.models import (
    ChangeRequest,
    ClaimRequest,
    EditorInvitation,
    EntryReport,
    Organisation,
)
from engage.directory.opportunities.models import OpportunityEmailOptIn, OpportunityResponse

FEATURE = "Directory"
ENTRY_REASON = (
    "The entry belongs to the organisation, not to its editor: it stays in the directory."
)
ORGANISATION_RECORD_REASON = (
    "It is part of the organisation's record (what it asked to change, or its response to a "
    "commissioning opportunity): it stays, no longer linked to the person."
)
REPORT_REASON = "The report of a mistake stays for the entry; only the address to reply to goes."


class _Found:
    def __init__(self) -> None:
        self.edits: list[tuple[int, str]] = []  # organisation id, name
        self.claims = self.opt_ins = self.invitations = self.reports = 0
        self.changes = self.responses = 0


def _email(subject: DataSubject) -> str:
    return "" if subject.by_reference else (subject.email or "").strip().lower()


def _find(subject: DataSubject) -> tuple[_Found, Any]:
    found, user = _Found(), None
    if subject.user_id is not None:
        user = get_user(subject.user_id)
    email = _email(subject)
    organisation_ids = [
        int(grant.scope_id)
        for grant in (user.roles if user else [])
        if grant.role == stages.EDITOR_ROLE and grant.scope_type == stages.EDITOR_SCOPE
    ]
    if organisation_ids:
        found.edits = list(
            db.session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.id.in_(organisation_ids))
                .order_by(Organisation.name)
            )
        )
    user_id = user.id if user else -1

    def how_many(model: Any, condition: Any) -> Any:
        return select(func.count()).select_from(model).where(condition).scalar_subquery()

    def to_address(column: Any) -> Any:
        return func.lower(column) == email if email else false()

    (
        found.claims, found.opt_ins, found.changes, found.responses, found.invitations,
        found.reports,
    ) = db.session.execute(
        select(
            how_many(ClaimRequest, ClaimRequest.user_id == user_id),
            how_many(OpportunityEmailOptIn, OpportunityEmailOptIn.user_id == user_id),
            how_many(ChangeRequest, ChangeRequest.proposed_by_id == user_id),
            how_many(OpportunityResponse, OpportunityResponse.user_id == user_id),
            how_many(EditorInvitation, to_address(EditorInvitation.email)),
            how_many(EntryReport, to_address(EntryReport.contact_email)),
        )
    ).one()  # fmt: skip
    return found, user


def _plan(found: _Found) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    for _id, name in found.edits:
        plan.items.append(delete(f"The role of editor of the entry for \u201c{name}\u201d"))
        plan.items.append(keep(f"The entry for \u201c{name}\u201d", ENTRY_REASON))
    if found.claims:
        plan.items.append(
            delete(counted(found.claims, "request", "requests") + " to become an editor")
        )
    if found.invitations:
        plan.items.append(
            delete(counted(found.invitations, "invitation", "invitations") + " to be an editor")
        )
    if found.opt_ins:
        plan.items.append(delete("The choice to be emailed about commissioning opportunities"))
    if found.reports:
        plan.items.append(
            anonymise(
                counted(found.reports, "report", "reports") + " of a mistake in an entry",
                REPORT_REASON,
            )
        )
    if found.changes:
        plan.items.append(
            anonymise(
                counted(found.changes, "change", "changes") + " proposed to an entry",
                ORGANISATION_RECORD_REASON,
            )
        )
    if found.responses:
        plan.items.append(
            anonymise(
                counted(found.responses, "response", "responses")
                + " to a commissioning opportunity",
                ORGANISATION_RECORD_REASON,
            )
        )
    return plan


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    return _plan(_find(subject)[0])


def erase(subject: DataSubject) -> ErasureResult:
    """Does not commit."""
    found, user = _find(subject)
    plan = _plan(found)
    if user is not None:
        for organisation_id, _name in found.edits:
            revoke_role(
                user, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE, scope_id=organisation_id
            )
        for statement in (
            sql_delete(ClaimRequest).where(ClaimRequest.user_id == user.id),
            sql_delete(OpportunityEmailOptIn).where(OpportunityEmailOptIn.user_id == user.id),
            update(ChangeRequest)
            .where(ChangeRequest.proposed_by_id == user.id)
            .values(proposed_by_id=None),
            update(OpportunityResponse)
            .where(OpportunityResponse.user_id == user.id)
            .values(user_id=None),
        ):
            db.session.execute(statement.execution_options(synchronize_session=False))
    email = _email(subject)
    if email:
        db.session.execute(
            sql_delete(EditorInvitation)
            .where(func.lower(EditorInvitation.email) == email)
            .execution_options(synchronize_session=False)
        )
        db.session.execute(
            update(EntryReport)
            .where(func.lower(EntryReport.contact_email) == email)
            .values(contact_email="")
            .execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
