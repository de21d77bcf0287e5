"""Accounts: registration, email verification, sign-in with two-factor for staff, passwords,
roles (global and scoped), staff invitations, and admins' pages for people. Other features
use it through ``api`` and hear from it through ``hooks``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.accounts import audit_records, mfa_routes, people_routes, routes  # noqa: F401
    from engage.accounts.pages import bp

    app.register_blueprint(bp)
    app.register_blueprint(people_routes.bp)
    audit_records.register(app)
