"""The rules of commissioning opportunities: their statuses, when each action is allowed,
and what a refusal says. Kept in one place, like the directory's stages.py."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any


class OpportunityStatus(StrEnum):
    DRAFT = "draft"  # officers only
    PUBLISHED = "published"  # public; takes responses until its closing date
    CLOSED = "closed"  # public, shown as closed; no more responses
    AWARDED = "awarded"  # public, shown as awarded; no more responses


DRAFT, PUBLISHED, CLOSED, AWARDED = (
    OpportunityStatus.DRAFT,
    OpportunityStatus.PUBLISHED,
    OpportunityStatus.CLOSED,
    OpportunityStatus.AWARDED,
)


class OpportunityKind(StrEnum):
    ENGAGEMENT = "engagement"
    GRANT = "grant"
    CONTRACT = "contract"


KIND_LABELS = {
    OpportunityKind.ENGAGEMENT: "Engagement commission",
    OpportunityKind.GRANT: "Grant",
    OpportunityKind.CONTRACT: "Contract",
}


class ResponseKind(StrEnum):
    INTEREST = "interest"
    APPLICATION = "application"


RESPONSE_LABELS = {
    ResponseKind.INTEREST: "Registered interest",
    ResponseKind.APPLICATION: "Applied",
}


class OpportunityRefused(Exception):
    """An action these rules do not allow; the message says why."""


NOT_YOUR_ORGANISATION = "You can only respond for an organisation whose entry you edit"
CLOSED_TO_RESPONSES = "This opportunity has closed: it no longer takes interest or applications"
ALREADY_APPLIED = "{name} has already applied for this opportunity"
ALREADY_INTERESTED = "{name} has already registered interest. You can still apply"
NOT_A_DRAFT = "This opportunity has already been published"
CLOSING_DATE_PASSED = "The closing date has passed: change it before publishing"
NOT_PUBLISHED = "Only a published opportunity can be closed"
CANNOT_EDIT = "A closed or awarded opportunity cannot be changed"
CANNOT_AWARD = "Publish the opportunity before recording an award"
ALREADY_AWARDED = "An award to {name} is already recorded for this opportunity"
NO_RESPONSE = "Choose an organisation that registered interest or applied"


def is_public(opportunity: Any) -> bool:
    return opportunity.status != DRAFT


def takes_responses(opportunity: Any, today: date) -> bool:
    """Open: published and its closing date (the whole UK day) not yet passed."""
    return opportunity.status == PUBLISHED and opportunity.closes_on >= today


def public_status(opportunity: Any, today: date) -> str:
    """What the public pages call it: Open, Closed or Awarded."""
    if opportunity.status == AWARDED:
        return "Awarded"
    return "Open" if takes_responses(opportunity, today) else "Closed"


def can_edit(opportunity: Any) -> bool:
    return opportunity.status in (DRAFT, PUBLISHED)


def can_publish(opportunity: Any) -> bool:
    return opportunity.status == DRAFT


def can_close(opportunity: Any) -> bool:
    return opportunity.status == PUBLISHED


def can_award(opportunity: Any) -> bool:
    return opportunity.status in (PUBLISHED, CLOSED, AWARDED)


def can_respond(existing: Any, kind: str) -> str | None:
    """None when an organisation may send a response of ``kind`` given its ``existing`` one
    (None: it has none); otherwise why not. One per organisation: interest may become an
    application, never the other way round."""
    if existing is None:
        return None
    if existing.kind == ResponseKind.APPLICATION:
        return ALREADY_APPLIED
    if kind == ResponseKind.INTEREST:
        return ALREADY_INTERESTED
    return None


def financial_year_label(start_year: int) -> str:
    """The financial year starting 1 April ``start_year``: "April 2025 to March 2026"."""
    return f"April {start_year} to March {start_year + 1}"


def pounds(pence: int | None) -> str:
    """£12,500 (or £12,500.50 when there are pence)."""
    if pence is None:
        return ""
    whole, part = divmod(int(pence), 100)
    return f"£{whole:,}" + (f".{part:02d}" if part else "")
