"""Accounts: registration, email verification, sign-in with two-factor for staff, passwords,
roles (global and scoped), staff invitations, and admins' pages for people. Other features
use it through ``api`` and hear from it through ``hooks``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.accounts import (  # noqa: F401
        audit_records,
        mfa_routes,
        notification_pages,
        notifications,
        people_routes,
        routes,
    )
    from engage.accounts.pages import bp

    app.register_blueprint(bp)
    app.register_blueprint(people_routes.bp)
    audit_records.register(app)
    # The outbox asks before queuing an optional email (notifications.py).
    notifications.register(app)
