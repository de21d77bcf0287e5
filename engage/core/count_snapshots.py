"""Counts kept between views, so a report over 50,000 stories or 2,000,000 answers does not
count them all on every view.

One row per report and set of filters (``owner_type``, ``owner_id``, ``filter_key``): the rows
of the report's counting statement (raw counts, never shown without disclosure control) and
the fingerprint of what they were counted from. The owner computes the fingerprint with a few
cheap queries (how many records match, their ids' largest value and sum, when any last
changed...); a view whose fingerprint differs counts again and replaces the row, so reports
follow every change. Kept in the database, not in a process, so every instance shares it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class CountSnapshot(db.Model):
    __tablename__ = "count_snapshot"
    __table_args__ = (UniqueConstraint("owner_type", "owner_id", "filter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose report: ("consultation", 12) or ("stories", 0).
    owner_type: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer, default=0)
    # "" for everything; else the filters ("area=E08000012;group=disability:disabled").
    filter_key: Mapped[str] = mapped_column(String(120), default="")
    fingerprint: Mapped[str] = mapped_column(String(200))
    rows: Mapped[list[Any]] = mapped_column(JSON, default=list)
    counted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def counted_rows(
    owner: tuple[str, int],
    filter_key: str,
    fingerprint: str,
    count: Callable[[], list[list[Any]]],
) -> list[list[Any]]:
    """The rows ``count()`` gives, from the snapshot when its fingerprint is ``fingerprint``,
    or counted now and kept (added or changed without committing: the caller's transaction
    commits it). Two views counting at once: the first to write is kept."""
    owner_type, owner_id = owner
    snapshot = db.session.scalars(
        select(CountSnapshot).where(
            CountSnapshot.owner_type == owner_type,
            CountSnapshot.owner_id == owner_id,
            CountSnapshot.filter_key == filter_key,
        )
    ).first()
    if snapshot is not None and snapshot.fingerprint == fingerprint:
        return snapshot.rows
    rows = count()
    try:
        with db.session.begin_nested():
            if snapshot is None:
                snapshot = CountSnapshot(
                    owner_type=owner_type, owner_id=owner_id, filter_key=filter_key
                )
                db.session.add(snapshot)
            snapshot.fingerprint, snapshot.rows, snapshot.counted_at = fingerprint, rows, utcnow()
    except IntegrityError:  # another view counted the same at the same time: theirs is kept
        pass
    return rows
