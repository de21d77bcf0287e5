"""Seats that came from recruitment: which applications led to a membership, and which
applications the current members of a panel came through (for a round's fairness report).
Recruitment asks these through engage/panels/api.py, never the membership table itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Select, bindparam, select

from engage.core.db import db
from engage.panels.models import PanelMembership
from engage.panels.stages import current_on


def appointment_for_application(application_id: int) -> PanelMembership | None:
    return db.session.scalars(
        select(PanelMembership).where(PanelMembership.application_id == application_id)
    ).first()


def appointed_application_ids(application_ids: list[int]) -> set[int]:
    if not application_ids:
        return set()
    return set(
        db.session.scalars(
            select(PanelMembership.application_id).where(
                PanelMembership.application_id.in_(application_ids)
            )
        )
    )


# Built once, with the panels and the day as parameters: a count built on it is built once too.
_CURRENT_MEMBER_APPLICATIONS = select(
    PanelMembership.application_id, PanelMembership.panel_id
).where(
    PanelMembership.panel_id.in_(bindparam("panel_ids", expanding=True)),
    *current_on(bindparam("today", type_=Date)),
)


def current_member_applications(panel_ids: list[int], today: date) -> tuple[Select, dict[str, Any]]:
    """(application id or None, panel id) of each current member of these panels, as a
    query a count can be built on (the application a member was appointed through), and the
    parameters to run it with."""
    return _CURRENT_MEMBER_APPLICATIONS, {"panel_ids": list(panel_ids), "today": today}
