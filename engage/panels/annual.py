"""Who served on the panels during a period (a year of the annual equality report), as a query
a count can be built on: one row per person per panel, whatever the number of terms they held
in the period (a renewal is a new membership, and must not count the person twice)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Date, DateTime, Select, bindparam, func, or_, select

from engage.core.db import db
from engage.panels.models import PanelMembership

# Built once with the period as parameters, so a count built on it is built once too.
# Serving: a term that overlaps the period and was not ended before the period began. The
# application is the one a person was appointed through, if any (the latest, for someone
# appointed twice): their equality answers are that application's.
_SERVING = (
    select(func.max(PanelMembership.application_id), PanelMembership.panel_id)
    .where(
        PanelMembership.term_start <= bindparam("last_day", type_=Date),
        PanelMembership.term_end >= bindparam("first_day", type_=Date),
        or_(
            PanelMembership.ended_at.is_(None),
            PanelMembership.ended_at >= bindparam("served_from", type_=DateTime(timezone=True)),
        ),
    )
    .group_by(PanelMembership.panel_id, func.lower(PanelMembership.email))
)


def members_serving_between(first_day: date, last_day: date) -> tuple[Select, dict[str, Any]]:
    """(application id or None, panel id) of each person who served on a panel at any time
    from ``first_day`` to ``last_day`` (both included), once per panel, and the parameters to
    run it with."""
    served_from = datetime.combine(first_day, time.min, tzinfo=UTC)
    return _SERVING, {"first_day": first_day, "last_day": last_day, "served_from": served_from}


def first_term_year() -> int | None:
    """The year the earliest term began, or None with no members."""
    first = db.session.scalar(select(func.min(PanelMembership.term_start)))
    return first.year if first else None
