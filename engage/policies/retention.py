"""Draft policies under the retention schedule (``flask apply-retention``): a panel member's
request for another format of a draft or for support to take part says what they need, so
it is deleted once an officer marked it done longer ago than "support_requests". Nothing
counts these requests; those not yet done stay. Comments are not on the schedule: they are
the record of what the panels said and of the officer's answer to each.

One set-based statement, whose condition a second run finds nothing for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete

from engage.core.db import db
from engage.core.retention import DELETED, RetentionAction, subtract_period
from engage.policies.models import SupportRequest


def apply_retention(now: datetime, periods: dict[str, str]) -> list[RetentionAction]:
    """Apply the schedule to panel members' support requests. Does not commit."""
    deleted = db.session.execute(
        delete(SupportRequest)
        .where(SupportRequest.done_at < subtract_period(now, periods["support_requests"]))
        .execution_options(synchronize_session=False)
    ).rowcount
    return [
        RetentionAction(
            "support_requests",
            DELETED,
            deleted or 0,
            "panel members' requests for a draft policy in another format or for support",
        )
    ]
