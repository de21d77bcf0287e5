"""Test helpers for the panels: members' seats straight in the database, and signed-in
browsers. Each opens its own short app context."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel, PanelMembership
from tests.conftest import sign_in
from tests.factories import PanelMembershipFactory
from tests.recruitment.helpers import ensure_reference_data

DISABLED = "disabled-people"


def login(app, user):
    """A fresh client signed in as ``user`` (two-factor passed for staff)."""
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    if user.requires_mfa:
        with client.session_transaction() as session:
            session["mfa_verified"] = True
    return client


def add_membership(app, code=DISABLED, *, user=None, email=None, **fields) -> int:
    """A current seat on the panel with this code (one of the reference panels)."""
    ensure_reference_data(app)
    fields.setdefault("term_end", uk_today() + timedelta(days=600))
    with app.app_context():
        return PanelMembershipFactory(
            panel=db.session.scalars(select(Panel).where(Panel.code == code)).one(),
            user=user,
            email=email or (user.email if user else "someone@example.org"),
            **fields,
        ).id


def membership(app, membership_id) -> PanelMembership:
    with app.app_context():
        found = db.session.get(PanelMembership, membership_id)
        db.session.expunge(found)
        return found
