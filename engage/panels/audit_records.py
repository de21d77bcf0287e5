"""Panels and memberships in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import joinedload

from engage.core.access import per_request
from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.panels.models import PanelMembership
from engage.panels.services import panels


def _membership(membership_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(PanelMembership, membership_id)
    if found is None:
        return Described("A panel membership that has been deleted")
    panel = found.panel
    return Described(
        f"Membership of the {panel.name}", link("panels.memberships", panel_code=panel.code)
    )


def _panel(code: Any, details: dict[str, Any]) -> Described:
    """Events name a panel by its code ("race")."""
    panel = per_request(("panels by code",), lambda: {p.code: p for p in panels()}).get(str(code))
    if panel is None:
        return Described(str(code))
    return Described(panel.name, link("panels.memberships", panel_code=panel.code))


def _memberships(ids: list[Any]) -> list[Any]:
    return load_records(PanelMembership, ids, joinedload(PanelMembership.panel))


def register(app: Flask) -> None:
    describe_records(app, "panel_membership", _membership, _memberships)
    describe_records(app, "panel", _panel)
