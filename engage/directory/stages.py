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

# Every entry is confirmed by its editors at least this often.
CONFIRM_EVERY = timedelta(days=365)


def confirmation_due(last_confirmed_at: datetime | None) -> date | None:
    """The day the entry must be confirmed again by (None: never confirmed, so due now)."""
    if last_confirmed_at is None:
        return None
    return (as_utc(last_confirmed_at).astimezone(UK) + CONFIRM_EVERY).date()


def is_overdue(organisation: Any, today: date) -> bool:
    due = confirmation_due(organisation.last_confirmed_at)
    return due is None or due < today


def overdue_before(today: date) -> datetime:
    """Entries last confirmed before this moment are overdue today."""
    start_of_day = datetime(today.year, today.month, today.day, tzinfo=UK)
    return start_of_day - CONFIRM_EVERY
