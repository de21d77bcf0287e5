"""Erasing a person's data: their seats on the panels are kept (engage/rights asks).

- A seat they hold now, or have been appointed to and not yet begun, is kept, and so is
  their account: it is how a member reaches the members' area. They can step down first
  (an officer ends the seat) and ask again.
- A past seat is kept as the term record (which panel, what role, from when to when, under
  which email address and public name), but no longer linked to the account, so that the
  account can be deleted without it (the seat would otherwise go with the account).

One query to plan."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, or_, select, update

from engage.core.data_subject import DataSubject
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, keep
from engage.panels.models import PanelMembership

FEATURE = "Equality Panels"
TERM_RECORD_REASON = (
    "The term record of a panel member: the authority keeps who served on each panel, in "
    "what role and for which term, as the record of the panels' membership (and of "
    "expenses paid). It is no longer linked to the account."
)
SERVING_REASON = (
    "The person holds this seat now (or has been appointed to it): the seat and the account "
    "that reaches the members' area stay while they serve. An officer can end the seat if "
    "they step down; they can then ask again."
)


def _whose(subject: DataSubject) -> Any:
    # Seats belong to an account or to the address an appointed applicant gave; someone
    # known only by an application's reference holds none.
    if subject.by_reference:
        return false()
    conditions = []
    if subject.user_id is not None:
        conditions.append(PanelMembership.user_id == subject.user_id)
    if subject.email:
        conditions.append(
            PanelMembership.user_id.is_(None)
            & (func.lower(PanelMembership.email) == subject.email.strip().lower())
        )
    return or_(*conditions) if conditions else false()


def _serving(membership: PanelMembership) -> bool:
    return membership.ended_at is None and membership.term_end >= uk_today()


def _term(membership: PanelMembership) -> str:
    return (
        f"{membership.role_label} of the {membership.panel.name}, "
        f"{membership.term_start:%d %B %Y} to {membership.term_end:%d %B %Y}"
    )


def _plan(memberships: list[PanelMembership]) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    for membership in memberships:
        if _serving(membership):
            plan.items.append(keep(f"A seat: {_term(membership)}", SERVING_REASON))
            plan.account_needed = SERVING_REASON
        else:
            plan.items.append(keep(f"A past seat: {_term(membership)}", TERM_RECORD_REASON))
    return plan


def _memberships(subject: DataSubject) -> list[PanelMembership]:
    return list(
        db.session.scalars(
            select(PanelMembership)
            .where(_whose(subject))
            .order_by(PanelMembership.term_start, PanelMembership.id)
        )
    )


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    return _plan(_memberships(subject))


def erase(subject: DataSubject) -> ErasureResult:
    """Unlink past seats from the account when the account is to go (no seat held now).
    Does not commit."""
    memberships = _memberships(subject)
    plan = _plan(memberships)
    past = [m.id for m in memberships if not _serving(m) and m.user_id is not None]
    if past and not plan.account_needed:
        db.session.execute(
            update(PanelMembership)
            .where(PanelMembership.id.in_(past))
            .values(user_id=None)
            .execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
