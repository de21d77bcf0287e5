"""Two-factor sign-in for officers and admins."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from sqlalchemy import select

from engage.accounts.models import User
from engage.core.db import db
from tests.conftest import csrf_token, post_form, sign_in


def totp_secret(app, email: str) -> str:
    with app.app_context():
        return db.session.scalars(select(User.totp_secret).where(User.email == email)).one()


def current_code(secret: str, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + offset_steps * 30)


def set_up_two_factor(app, client, email: str) -> tuple[str, list[str]]:
    """Sign in for the first time and finish set-up; returns the secret and recovery codes."""
    sign_in(client, email)
    client.get("/two-factor/set-up")
    secret = totp_secret(app, email)
    page = post_form(client, "/two-factor/set-up", {"code": current_code(secret)})
    codes = re.findall(r"<li>([0-9a-f]{6}-[0-9a-f]{6})</li>", page.get_data(as_text=True))
    return secret, codes


@pytest.fixture
def officer_email(make_user) -> str:
    return make_user(email="officer@example.org", roles=["officer"]).email


def test_officer_must_set_up_two_factor_before_using_staff_pages(app, client, officer_email):
    response = sign_in(client, officer_email)
    assert response.headers["Location"] == "/two-factor"
    assert client.get("/two-factor").headers["Location"] == "/two-factor/set-up"
    # Staff pages and even the account page wait for the second factor.
    assert client.get("/admin/").headers["Location"] == "/two-factor"
    assert client.get("/account").headers["Location"] == "/two-factor"

    page = client.get("/two-factor/set-up").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code, with no inline SVG or style
    secret = totp_secret(app, officer_email)
    assert secret in page

    wrong = post_form(client, "/two-factor/set-up", {"code": "000000"}).get_data(as_text=True)
    assert "The security code is not right" in wrong

    done = post_form(client, "/two-factor/set-up", {"code": current_code(secret)})
    codes = re.findall(r"<li>([0-9a-f]{6}-[0-9a-f]{6})</li>", done.get_data(as_text=True))
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_returning_officer_enters_a_code_and_codes_cannot_be_replayed(app, client, officer_email):
    secret, _ = set_up_two_factor(app, client, officer_email)
    post_form(client, "/sign-out", {})

    assert sign_in(client, officer_email).headers["Location"] == "/two-factor"
    assert client.get("/two-factor").headers["Location"] == "/two-factor/code"
    # The code used during set-up has been used: replay is refused.
    replay = post_form(client, "/two-factor/code", {"code": current_code(secret)})
    assert "has been used already" in replay.get_data(as_text=True)
    response = post_form(client, "/two-factor/code", {"code": current_code(secret, 1)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_recovery_code_works_once(app, client, officer_email):
    _, codes = set_up_two_factor(app, client, officer_email)
    code = codes[0]
    post_form(client, "/sign-out", {})

    sign_in(client, officer_email)
    response = post_form(client, "/two-factor/recovery-code", {"code": code.upper()})
    assert response.status_code == 302
    assert "You have 9 left" in client.get("/account").get_data(as_text=True)
    post_form(client, "/sign-out", {})

    sign_in(client, officer_email)
    again = post_form(client, "/two-factor/recovery-code", {"code": code})
    assert "has been used already" in again.get_data(as_text=True)


def test_residents_are_not_asked_for_a_second_factor(client, make_user):
    email = make_user(email="resident@example.org").email
    assert sign_in(client, email).headers["Location"] == "/account"


def test_demo_switch_skips_two_factor_and_says_so_on_every_page(
    app, client, officer_email, monkeypatch
):
    monkeypatch.setitem(app.config, "MFA_DISABLED_FOR_DEMO", True)
    assert sign_in(client, officer_email).headers["Location"] == "/account"
    assert client.get("/admin/").status_code == 200
    for url in ("/", "/privacy", "/account", "/admin/"):
        assert "two-factor sign-in is switched off" in client.get(url).get_data(as_text=True)


def test_demo_banner_is_absent_normally(client):
    assert "switched off" not in client.get("/").get_data(as_text=True)


def test_admin_can_reset_someones_two_factor(app, client, make_user, signed_in_as):
    officer = make_user(email="lost.phone@example.org", roles=["officer"])
    lost_phone = app.test_client()
    set_up_two_factor(app, lost_phone, officer.email)
    signed_in_as(make_user(email="boss@example.org", roles=["admin", "officer"]))
    page = client.get(f"/admin/people/{officer.id}")
    response = client.post(
        f"/admin/people/{officer.id}/reset-two-factor", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, officer.id).totp_secret is None
    # Next time they sign in they set it up again.
    post_form(lost_phone, "/sign-out", {})
    sign_in(lost_phone, officer.email)
    assert lost_phone.get("/two-factor").headers["Location"] == "/two-factor/set-up"
