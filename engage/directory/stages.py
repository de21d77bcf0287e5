"""The rules of the directory: an entry's status, and when it is due to be confirmed again."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from engage.core.dates import UK
from engage.core.db import as_utc


class EntryStatus(StrEnum):
    LISTED = "listed"  # public
    SUGGESTED = "suggested"  # a new organisation someone suggested, waiting for an officer
    REMOVED = "removed"  # taken out of the directory (closed, or at its own request)


LISTED, SUGGESTED, REMOVED = EntryStatus.LISTED, EntryStatus.SUGGESTED, EntryStatus.REMOVED

# Every entry is confirmed by its editors at least this often; they are reminded this many
# days before it is due (0: on the day).
CONFIRM_EVERY = timedelta(days=365)
REMIND_DAYS_BEFORE = (30, 14, 0)


def confirmation_due(last_confirmed_at: datetime | None) -> date | None:
    """The day the entry must be confirmed again by (None: never confirmed, so due now)."""
    if last_confirmed_at is None:
        return None
    return (as_utc(last_confirmed_at).astimezone(UK) + CONFIRM_EVERY).date()


def is_overdue(organisation: Any, today: date) -> bool:
    due = confirmation_due(organisation.last_confirmed_at)
    return due is None or due < today


# Editing: editors hold this role for one organisation (engage/directory/claims.py).
EDITOR_ROLE = "organisation_editor"
EDITOR_SCOPE = "organisation"
BY_EMAIL, BY_OFFICER = "email", "officer"  # how a claim is checked


class ClaimStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"  # replaced by a newer claim by the same person


class ChangeStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"  # the editor sent newer changes before a review


class DirectoryRefused(Exception):
    """An action the directory's rules do not allow; the message says why."""


NO_PUBLISHED_EMAIL = "The entry publishes no email address: ask an officer to check instead"
CLAIM_CLOSED = "This request has already been dealt with"
TOO_MANY_ATTEMPTS = "Too many wrong codes. Ask for a new code, or ask an officer to check"
CODE_EXPIRED = "The code has expired. Ask for a new code"
WRONG_CODE = "That code is not right: check the email and try again ({left} tries left)"
ALREADY_REVIEWED = "These changes have already been reviewed"


def can_review(change: Any) -> bool:
    return change.status == ChangeStatus.PENDING


def reminder_due(organisation: Any, today: date) -> int | None:
    """Which reminder (its number in REMIND_DAYS_BEFORE) the entry's editors should get now,
    or None. When several have come due at once (a run was missed), only the latest goes."""
    due = confirmation_due(organisation.last_confirmed_at)
    if due is None:
        return None
    reached = [n for n, days in enumerate(REMIND_DAYS_BEFORE) if today >= due - timedelta(days)]
    if not reached or reached[-1] < organisation.reminders_sent:
        return None
    return reached[-1]


# Importing an Open Referral UK file (engage/directory/importing/) -----------------------


class ImportStatus(StrEnum):
    WAITING = "waiting"  # previewed, not imported yet
    IMPORTED = "imported"


# A preview is for confirming now, not a week later: after this, upload the file again.
PREVIEW_LASTS = timedelta(hours=24)
IMPORT_EXPIRED = (
    "This preview is more than a day old. Upload the file again to see what it would change now"
)
ALREADY_IMPORTED = "This file has already been imported"


def may_confirm_import(directory_import: Any, user: Any) -> bool:
    """Only the officer who uploaded the file sees its preview and imports it."""
    return (
        directory_import is not None
        and user.has_role("officer")
        and directory_import.officer_id == user.id
    )


def import_refusal(directory_import: Any, now: datetime) -> str | None:
    """Why this preview cannot be imported now, or None."""
    if directory_import.status != ImportStatus.WAITING:
        return ALREADY_IMPORTED
    if as_utc(directory_import.created_at) + PREVIEW_LASTS < now:
        return IMPORT_EXPIRED
    return None


# Officers inviting editors (engage/directory/invitations.py) ------------------------------


class InvitationState(StrEnum):
    WAITING = "waiting"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


INVITATION_STATE_WORDS = {
    InvitationState.WAITING: "Waiting to be accepted",
    InvitationState.ACCEPTED: "Accepted",
    InvitationState.CANCELLED: "Cancelled",
    InvitationState.EXPIRED: "Link expired: send a new one",
}
INVITATION_LASTS = timedelta(days=7)
ALREADY_EDITOR = "{email} already edits this entry"
INVITATION_CLOSED = "This invitation was accepted or cancelled, so it cannot change"
WRONG_ACCOUNT = (
    "This invitation was sent to a different email address from the one you are signed in "
    "with. Sign out, then sign in with the account for the address the invitation was sent to"
)


def invitation_state(invitation: Any, now: datetime) -> InvitationState:
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.cancelled_at is not None:
        return InvitationState.CANCELLED
    if as_utc(invitation.sent_at) + INVITATION_LASTS < now:
        return InvitationState.EXPIRED
    return InvitationState.WAITING


def can_change_invitation(invitation: Any, now: datetime) -> bool:
    """Resend or cancel: only an invitation nobody has accepted or cancelled."""
    return invitation_state(invitation, now) in (InvitationState.WAITING, InvitationState.EXPIRED)
