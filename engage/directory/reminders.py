"""Reminding editors to confirm their organisation's entry: 30 and 14 days before it is due,
and on the day (stages.REMIND_DAYS_BEFORE). ``flask send-directory-reminders`` runs it, from
cron or a timer, as often as liked and on any number of instances: each reminder is claimed by
one atomic update, committed with its emails, so it goes once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from engage.accounts.api import holders_of_scoped_role
from engage.core.dates import UK
from engage.core.db import db
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.directory import stages
from engage.directory.models import Organisation


def _candidates(today: date) -> list[Organisation]:
    """Listed entries whose first reminder has come due, not yet fully reminded."""
    first = max(stages.REMIND_DAYS_BEFORE)
    # Due within ``first`` days: last confirmed before this moment.
    cutoff = datetime.combine(today + timedelta(days=first + 1), time.min, tzinfo=UK)
    return list(
        db.session.scalars(
            select(Organisation).where(
                Organisation.status == stages.LISTED,
                Organisation.last_confirmed_at < cutoff - stages.CONFIRM_EVERY,
                Organisation.reminders_sent < len(stages.REMIND_DAYS_BEFORE),
            )
        )
    )


def send_confirmation_reminders(today: date) -> int:
    """Queue the reminders due today; returns how many emails were queued. Commits."""
    queued = 0
    for organisation in _candidates(today):
        number = stages.reminder_due(organisation, today)
        if number is None:
            continue
        claimed = db.session.execute(
            update(Organisation)
            .where(
                Organisation.id == organisation.id,
                Organisation.reminders_sent == organisation.reminders_sent,
            )
            .values(reminders_sent=number + 1)
        ).rowcount
        if not claimed:  # another instance sent it
            db.session.rollback()
            continue
        editors = holders_of_scoped_role(
            stages.EDITOR_ROLE, stages.EDITOR_SCOPE, [organisation.id]
        ).get(str(organisation.id), [])
        due = stages.confirmation_due(organisation.last_confirmed_at)
        for editor in editors:
            # None: the editor turned these reminders off (engage/accounts/notifications.py).
            message = queue_email(
                editor.email,
                "directory-confirm-reminder",
                f"Is the entry for {organisation.name} still right? Please confirm by "
                f"{due:%-d %B %Y}",
                user=editor,
                organisation=organisation,
                due=due,
                manage_url=external_url("directory.edit.index"),
            )
            queued += message is not None
        db.session.commit()
    return queued
