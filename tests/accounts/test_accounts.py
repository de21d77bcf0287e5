"""Account journeys: register, verify, sign in and out, reset and change password and email."""

from __future__ import annotations

import re

from sqlalchemy import select

from engage.accounts.models import User
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import post_form, sign_in
from tests.factories import PASSWORD

NEW_PASSWORD = "a much better passphrase 42"


def latest_link(app, email: str, kind: str) -> str:
    with app.app_context():
        message = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == email, OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None, f"no {kind} email to {email}"
        match = re.search(r"http://localhost(/\S+)", message.body)
        assert match, message.body
        return match.group(1)


def outbox_kinds(app, email: str) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(OutboxMessage.kind)
                .where(OutboxMessage.recipient == email)
                .order_by(OutboxMessage.id)
            )
        )


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def register(client, email="new.person@example.org", password=PASSWORD, **extra):
    data = {"full_name": "New Person", "email": email, "password": password}
    data["confirm_password"] = extra.pop("confirm_password", password)
    return post_form(client, "/register", {**data, **extra})


def test_newcomer_registers_verifies_signs_in_and_out(app, client):
    response = register(client, email="  New.Person@Example.org ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register/check-your-email"
    page = client.get("/register/check-your-email").get_data(as_text=True)
    assert "new.person@example.org" in page

    # Not verified yet: sign-in explains and offers a new link.
    page = sign_in(client, "new.person@example.org").get_data(as_text=True)
    assert "Confirm your email address first" in page

    link = latest_link(app, "new.person@example.org", "verify-email")
    response = client.get(link)
    assert response.headers["Location"] == "/sign-in"
    assert "Your email address is confirmed" in client.get("/sign-in").get_data(as_text=True)

    response = sign_in(client, "NEW.person@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    account = client.get("/account").get_data(as_text=True)
    assert "New Person" in account and "Resident" in account

    response = post_form(client, "/sign-out", {})
    assert response.headers["Location"] == "/"
    assert client.get("/account").status_code == 302
    assert {"register", "email_verified", "sign_in", "sign_out"} <= set(audit_actions(app))


def test_registration_keeps_input_and_explains_each_problem(client):
    response = register(
        client, email="not-an-email", password="short", confirm_password="different"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert "Enter an email address in the correct format" in page
    assert "Password must be 12 characters or more" in page
    assert 'href="#email"' in page and 'href="#password"' in page
    assert 'value="not-an-email"' in page and 'value="New Person"' in page
    assert "<title>Error: Create an account" in page


def test_common_passwords_are_refused(client):
    page = register(client, password="password1234").get_data(as_text=True)
    assert "This password is too common" in page


def test_mismatched_confirmation_is_refused(client):
    page = register(client, confirm_password="something else entirely").get_data(as_text=True)
    assert "Passwords do not match" in page


def test_registering_a_taken_email_reveals_nothing_but_tells_the_owner(app, client, make_user):
    make_user(email="taken@example.org")
    response = register(client, email="taken@example.org")
    assert response.headers["Location"] == "/register/check-your-email"
    assert outbox_kinds(app, "taken@example.org") == ["already-registered"]
    with app.app_context():
        assert db.session.scalar(select(db.func.count(User.id))) == 1


def test_wrong_password_and_unknown_email_get_the_same_message(app, client, make_user):
    make_user(email="known@example.org")
    wrong = sign_in(client, "known@example.org", "not the right password").get_data(as_text=True)
    unknown = sign_in(client, "nobody@example.org", "not the right password").get_data(as_text=True)
    message = "Enter a correct email address and password"
    assert message in wrong and message in unknown
    assert 'value="known@example.org"' in wrong  # what they typed is kept
    assert audit_actions(app).count("sign_in_failed") == 2


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(client, make_user):
    make_user(email="someone@example.org")
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    client.get(response.headers["Location"])
    assert sign_in(client, "someone@example.org").headers["Location"] == "/account/password"

    post_form(client, "/sign-out", {})
    client.get("/sign-in?next=//evil.example/steal")
    assert sign_in(client, "someone@example.org").headers["Location"] == "/account"


def test_verification_link_that_was_tampered_with_is_refused(client):
    page = client.get("/verify-email/not-a-real-token").get_data(as_text=True)
    assert "This link does not work" in page


def test_forgotten_password_for_unknown_email_looks_the_same(app, client):
    response = post_form(client, "/forgotten-password", {"email": "nobody@example.org"})
    assert response.headers["Location"] == "/forgotten-password/check-your-email"
    assert outbox_kinds(app, "nobody@example.org") == []


def test_password_reset_works_once_and_signs_out_other_sessions(app, client, make_user):
    make_user(email="forgetful@example.org")
    other_device = app.test_client()
    sign_in(other_device, "forgetful@example.org")
    assert other_device.get("/account").status_code == 200

    post_form(client, "/forgotten-password", {"email": "forgetful@example.org"})
    link = latest_link(app, "forgetful@example.org", "reset-password")
    response = post_form(client, link, {"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert response.headers["Location"] == "/sign-in"

    assert other_device.get("/account").status_code == 302  # signed out there
    assert "This link does not work" in client.get(link).get_data(as_text=True)
    assert sign_in(client, "forgetful@example.org").status_code == 200  # old password fails
    assert sign_in(client, "forgetful@example.org", NEW_PASSWORD).status_code == 302
    assert "password-changed" in outbox_kinds(app, "forgetful@example.org")


def test_change_password_needs_the_current_one(app, client, make_user, signed_in_as):
    user = make_user(email="changer@example.org")
    signed_in_as(user)
    page = post_form(
        client,
        "/account/password",
        {"current_password": "wrong", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    ).get_data(as_text=True)
    assert "Your current password is not right" in page

    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    )
    assert response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200  # this session stays signed in
    post_form(client, "/sign-out", {})
    assert sign_in(client, "changer@example.org", NEW_PASSWORD).status_code == 302


def test_change_email_takes_effect_from_the_link_sent_to_the_new_address(
    app, client, make_user, signed_in_as
):
    user = make_user(email="old@example.org")
    signed_in_as(user)
    response = post_form(
        client, "/account/email", {"email": "new@example.org", "current_password": PASSWORD}
    )
    assert "Check your email" in response.get_data(as_text=True)
    assert outbox_kinds(app, "old@example.org") == ["email-change-requested"]
    link = latest_link(app, "new@example.org", "confirm-new-email")
    assert client.get(link).headers["Location"] == "/account"
    assert "new@example.org" in client.get("/account").get_data(as_text=True)
    post_form(client, "/sign-out", {})
    assert sign_in(client, "new@example.org").status_code == 302


def test_change_email_to_an_address_already_in_use_fails_at_the_link(
    app, client, make_user, signed_in_as
):
    make_user(email="other@example.org")
    signed_in_as(make_user(email="mine@example.org"))
    post_form(
        client, "/account/email", {"email": "other@example.org", "current_password": PASSWORD}
    )
    link = latest_link(app, "other@example.org", "confirm-new-email")
    assert "This link does not work" in client.get(link).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(User.email).order_by(User.email)).all() == [
            "mine@example.org",
            "other@example.org",
        ]


def test_account_pages_need_sign_in(client):
    for url in ("/account", "/account/password", "/account/email"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")


def test_signed_out_session_cookie_cannot_be_replayed(app, client, make_user):
    """Signing out ends the session on the server: a copy of the cookie taken while signed in
    no longer signs anyone in (it stayed valid for up to 8 hours before issue 8)."""
    user = make_user(email="careful@example.org")
    assert sign_in(client, user.email).headers["Location"] == "/account"
    stolen = client.get_cookie("engage_session").value
    other_device = app.test_client()
    assert sign_in(other_device, user.email).headers["Location"] == "/account"

    page = client.get("/sign-out").get_data(as_text=True)
    assert "signs you out on every device" in page
    response = post_form(client, "/sign-out", {})
    assert response.headers["Location"] == "/"
    assert "signed out of LCR Engage on every device" in client.get("/").get_data(as_text=True)

    replay = app.test_client()
    replay.set_cookie("engage_session", stolen)
    response = replay.get("/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    # As the page said: the other device is signed out too.
    assert other_device.get("/account").status_code == 302
    # Signing in again works.
    assert sign_in(client, user.email).headers["Location"] == "/account"


UNBUILT = ("feedback", "what you told us")


def test_account_pages_and_emails_promise_only_what_is_built(app, client, make_user):
    """Feedback is not built: the account pages and emails must not speak of it (sign-in and
    register did before issue 8). The directory is built: the account page links to the
    entries a person edits."""
    pages = ["/sign-in", "/register", "/forgotten-password", "/verify-email/send-again"]
    user = make_user(email="words@example.org")
    texts = [client.get(url).get_data(as_text=True) for url in pages]
    sign_in(client, user.email)
    texts += [client.get(url).get_data(as_text=True) for url in ("/account", "/account/name")]
    register(app.test_client(), email="another@example.org")
    post_form(client, "/account/email", {"email": "new@example.org", "current_password": PASSWORD})
    post_form(app.test_client(), "/forgotten-password", {"email": user.email})
    register(app.test_client(), email=user.email)  # already registered
    with app.app_context():
        texts += list(db.session.scalars(select(OutboxMessage.body)))
    assert len(texts) >= 11
    for text in texts:
        for word in UNBUILT:
            assert word not in text.lower(), word
    assert "Your organisations" in texts[4]  # /account
    register_page = texts[1]
    assert "You do not need an account to apply to join a panel" in register_page
