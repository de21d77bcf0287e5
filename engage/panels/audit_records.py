"""Panels and memberships in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core.audit_records import Described, describe_records, link, record_id
from engage.core.db import db
from engage.panels.models import PanelMembership
from engage.panels.services import get_panel


def _membership(membership_id: Any, details: dict[str, Any]) -> Described:
    found = db.session.get(PanelMembership, record_id(membership_id) or 0)
    if found is None:
        return Described("A panel membership that has been deleted")
    panel = found.panel
    return Described(
        f"Membership of the {panel.name}", link("panels.memberships", panel_code=panel.code)
    )


def _panel(code: Any, details: dict[str, Any]) -> Described:
    """Events name a panel by its code ("race")."""
    panel = get_panel(str(code))
    if panel is None:
        return Described(str(code))
    return Described(panel.name, link("panels.memberships", panel_code=panel.code))


def register(app: Flask) -> None:
    describe_records(app, "panel_membership", _membership)
    describe_records(app, "panel", _panel)
