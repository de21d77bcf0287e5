"""Shared pieces of the retention tests: a fixed moment, running the job as at a moment, and
a copy of every row of every table (to show that a second run changes nothing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from engage.core.db import db
from engage.retention.api import apply_retention

# A fixed moment records are made at, so the boundaries are exact.
T0 = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
A_MINUTE = timedelta(minutes=1)


def run(now: datetime) -> dict[tuple[str, str], int]:
    """Run the job as at ``now``; (kind, records done) -> count, for what it did."""
    return {
        (action.kind, f"{action.records} {action.done}"): action.count
        for action in apply_retention(now)
        if action.count
    }


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, as text, in a stable order."""
    found = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        found[table.name] = sorted(tuple(str(value) for value in row) for row in rows)
    return found
