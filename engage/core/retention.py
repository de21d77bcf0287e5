"""What the retention job needs in every package: the record of what one feature's retention
did (``RetentionAction``), working out the cut-off date of a period, and the retention of the
two tables core owns, the email outbox and the audit log.

Each feature's ``retention.py`` offers ``apply_retention(now, periods)`` and returns its
actions; engage/retention runs them all (``flask apply-retention``). Everything is done with
set-based ``UPDATE``/``DELETE`` statements whose conditions exclude what was already done, so
a second run finds nothing and reports nothing."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, delete

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import FAILED, SENT, OutboxMessage
from engage.core.theme_models import AnalystNote

DELETED = "deleted"
ANONYMISED = "anonymised"


@dataclass(frozen=True)
class RetentionAction:
    """``count`` records of ``kind`` (a key of the RETENTION setting) were ``done``
    (DELETED or ANONYMISED), with ``records`` naming what, e.g. "panel applications"."""

    kind: str
    done: str
    count: int
    records: str


def subtract_period(moment: datetime, period: str) -> datetime:
    """``moment`` less a period such as "6 months" (a month back from 31 March is the last
    day of February)."""
    number_text, unit = period.split(" ", 1)
    number = int(number_text)
    if unit.startswith("day"):
        return moment - timedelta(days=number)
    months = number * 12 if unit.startswith("year") else number
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def cutoff_date(moment: datetime, period: str) -> date:
    """The last day a date-only record (e.g. a closing date) may end and still be kept."""
    return subtract_period(moment, period).date()


def delete_analyst_notes(item_type: str, ids: Select) -> int:
    """Delete analysts' notes on these items (theme coding): free text about what a person
    said, kept by nobody's counts. Their theme codes stay, so theme counts do not move."""
    result = db.session.execute(
        delete(AnalystNote)
        .where(AnalystNote.item_type == item_type, AnalystNote.item_id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def apply_core_retention(now: datetime, periods: dict[str, str]) -> list[RetentionAction]:
    """The outbox (messages sent or given up on; their content was already cleared) and the
    audit log. A message still waiting to be sent is never deleted."""
    before = subtract_period(now, periods["outbox"])
    emails = db.session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.status.in_((SENT, FAILED)),
            OutboxMessage.created_at < before,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    before = subtract_period(now, periods["audit_log"])
    events = db.session.execute(
        delete(AuditEvent)
        .where(AuditEvent.occurred_at < before)
        .execution_options(synchronize_session=False)
    ).rowcount
    return [
        RetentionAction("outbox", DELETED, emails or 0, "records of emails"),
        RetentionAction("audit_log", DELETED, events or 0, "audit log events"),
    ]
