"""Who may use the panels' members' area: current members of that panel (and admins)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from engage.core.access import Rule
from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel, PanelMembership
from engage.panels.stages import current_on


def is_current_member(user: Any, panel_code: str | None, today: date | None = None) -> bool:
    if not user.is_authenticated or not panel_code:
        return False
    if user.has_role("admin"):
        return True
    return (
        db.session.scalar(
            select(PanelMembership.id)
            .join(Panel)
            .where(
                Panel.code == panel_code,
                PanelMembership.user_id == user.id,
                *current_on(today or uk_today()),
            )
            .limit(1)
        )
        is not None
    )


def current_panel_ids(user_id: int, today: date | None = None) -> set[int]:
    """The panels this account holds a current seat on (for pages other features show to
    members of certain panels, such as draft policies open to them)."""
    return set(
        db.session.scalars(
            select(PanelMembership.panel_id).where(
                PanelMembership.user_id == user_id, *current_on(today or uk_today())
            )
        )
    )


def current_member_emails(panel_ids: list[int], today: date | None = None) -> list[str]:
    """The addresses of the current members of these panels, each once (for another
    feature's emails to them, such as a draft policy opened to their panel)."""
    if not panel_ids:
        return []
    return sorted(
        set(
            db.session.scalars(
                select(PanelMembership.email).where(
                    PanelMembership.panel_id.in_(panel_ids), *current_on(today or uk_today())
                )
            )
        )
    )


PANEL_MEMBER = Rule(
    "member of panel", lambda user, args: is_current_member(user, args.get("panel_code"))
)


def panels_of_members(user_ids: list[int], panel_ids: Any) -> dict[int, list[str]]:
    """For each of these accounts, the names of those panels (ids, or a select of them) it
    has held a seat on at any time (for another feature's counts by panel, such as comments
    on a draft). One query."""
    if not user_ids:
        return {}
    found: dict[int, list[str]] = {}
    for user_id, name in db.session.execute(
        select(PanelMembership.user_id, Panel.name)
        .join(Panel, Panel.id == PanelMembership.panel_id)
        .where(PanelMembership.user_id.in_(user_ids), PanelMembership.panel_id.in_(panel_ids))
        .distinct()
        .order_by(PanelMembership.user_id, Panel.name)
    ):
        found.setdefault(user_id, []).append(name)
    return found
