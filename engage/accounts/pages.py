"""The accounts blueprint and what its pages share: starting a fresh session
at sign-in, and where to go after signing in. The views are in routes.py (registering, signing
in and out, passwords, email, invitations) and mfa_routes.py (two-factor sign-in)."""

from __future__ import annotations

from flask import Blueprint, redirect, session, url_for
from flask_login import login_user
from werkzeug.wrappers import Response

from engage.accounts import hooks
from engage.accounts.models import role_names
from engage.core.access import role
from engage.core.urls import safe_next_url

bp = Blueprint("accounts", __name__)
# Roles in words on every page ("Equality data", never "equality_data").
bp.add_app_template_global(role_names, "role_names")

STAFF = role("officer")


def start_session(user, *, mfa_verified: bool) -> None:  # noqa: ANN001
    next_url = session.get("next_url")
    # What features keep for this browser (such as applications started before signing in,
    # also emailed a link) survives the fresh session.
    kept = {key: session[key] for key in hooks.kept_session_keys() if session.get(key)}
    session.clear()  # a fresh session on every sign-in, against session fixation
    login_user(user)
    session.update(kept)
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME (8 hours)
    session["mfa_verified"] = mfa_verified
    if next_url:
        session["next_url"] = next_url


def after_sign_in() -> Response:
    return redirect(safe_next_url(session.pop("next_url", None)) or url_for("accounts.account"))
