"""A panel membership's life: appointed for a term, current during it, renewed as a new term
(a new row pointing at the one it follows), or ended early. Every rule about whether a seat is
current, or may be renewed or ended, is here; services and access rules ask it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from engage.core.errors import Refused
from engage.panels.models import MEMBERSHIP_ROLES, PanelMembership


class MembershipState(StrEnum):
    """In words, as officers see them."""

    STARTS_LATER = "Starts later"
    CURRENT = "Current"
    TERM_FINISHED = "Term finished"
    ENDED = "Ended"


class MembershipRefused(Refused):
    """A change the rules do not allow; the message says why, for the officer."""


def membership_state(membership: PanelMembership, today: date) -> MembershipState:
    if membership.ended_at is not None:
        return MembershipState.ENDED
    if today < membership.term_start:
        return MembershipState.STARTS_LATER
    if today > membership.term_end:
        return MembershipState.TERM_FINISHED
    return MembershipState.CURRENT


def current_on(today: date | Any) -> tuple[Any, ...]:
    """``PanelMembership.is_current`` as SQL conditions, for queries over memberships.
    ``today``: a date, or a bindparam() for a query built once."""
    return (
        PanelMembership.ended_at.is_(None),
        PanelMembership.term_start <= today,
        PanelMembership.term_end >= today,
    )


def check_term(role: str, term_start: date, term_end: date, *, renewal: bool = False) -> None:
    if role not in MEMBERSHIP_ROLES:
        raise MembershipRefused("Choose the member's role")
    if term_end <= term_start:
        new = "new " if renewal else ""
        raise MembershipRefused(f"The end of the {new}term must be after its start")


def check_can_renew(
    membership: PanelMembership, *, already_renewed: bool, term_start: date
) -> None:
    if membership.ended_at is not None:
        raise MembershipRefused("This membership was ended, so it cannot be renewed")
    if already_renewed:
        raise MembershipRefused("This membership has already been renewed")
    if term_start <= membership.term_end:
        raise MembershipRefused(
            f"The new term must start after the current one ends on "
            f"{membership.term_end.day} {membership.term_end:%B %Y}"
        )


def check_can_end(membership: PanelMembership) -> None:
    if membership.ended_at is not None:
        raise MembershipRefused("This membership has already ended")
