"""The retention job: every feature's ``apply_retention`` in one transaction, one audit event
per kind of record with what was done, committed together.

Safe to run on many instances at once: on PostgreSQL the run first takes a transaction-level
advisory lock, so a second run waits for the first to commit and then finds nothing left to
do (each feature's statements leave out what is already deleted or anonymised); SQLite has a
single writer already."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from flask import current_app
from sqlalchemy import text

from engage.consultations import api as consultations
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.retention import RetentionAction, apply_core_retention
from engage.policies import api as policies
from engage.recruitment import api as recruitment
from engage.stories import api as stories

EVENT = "retention_applied"
# Any fixed number, the same on every instance: the lock's name.
_LOCK_KEY = 7_420_015

# In the order they run: records first, then the logs that may describe them.
APPLIERS = (
    recruitment.apply_retention,
    consultations.apply_retention,
    policies.apply_retention,
    stories.apply_retention,
    apply_core_retention,
)


def _lock() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def apply_retention(now: datetime | None = None) -> list[RetentionAction]:
    """Apply the RETENTION schedule as at ``now``, record it in the audit log and commit.
    Returns what was done (kinds with nothing to do have a count of 0)."""
    now = now or utcnow()
    periods: dict[str, str] = current_app.config["RETENTION"]
    _lock()
    actions = [action for applier in APPLIERS for action in applier(now, periods)]
    by_kind: dict[str, list[RetentionAction]] = defaultdict(list)
    for action in actions:
        by_kind[action.kind].append(action)
    for kind, done in by_kind.items():
        if any(action.count for action in done):
            event = record_event(
                EVENT,
                object_type="retention",
                object_id=kind,
                retention_period=periods[kind],
                retention_done="; ".join(
                    f"{a.count} {a.records} {a.done}" for a in done if a.count
                ),
            )
            event.occurred_at = now  # as at the moment the schedule was applied
    db.session.commit()
    return actions
