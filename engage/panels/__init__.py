"""The three Equality Panels (Disabled People, Race and Gender): their public pages, members
appointed for a term, and the members' area."""

from __future__ import annotations

from typing import Any

from flask import Flask


def _link_seats(user: Any, **_: Any) -> None:
    """Seats appointed to an address belong to the account that has confirmed it."""
    from engage.panels.services import link_memberships_to_user

    link_memberships_to_user(user)


def init_app(app: Flask) -> None:
    from engage.accounts.api import (
        AccountSection,
        add_account_section,
        email_confirmed,
        signed_in,
    )
    from engage.panels import audit_records
    from engage.panels.routes import bp

    app.register_blueprint(bp)
    add_account_section(app, AccountSection("panels/_account_section.html"))
    email_confirmed.connect(_link_seats)
    signed_in.connect(_link_seats)
    audit_records.register(app)
