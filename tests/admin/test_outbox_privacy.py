"""No member of staff ever sees a working secret link: the delivery log is for admins and
shows that a message went, not what it said; whole messages are readable only in the local
demo's mailbox (development settings with no SMTP server)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from engage.accounts import invitations, roles
from engage.accounts import services as accounts
from engage.accounts.models import User
from engage.consultations import answer_links, answering
from engage.core.db import db
from engage.core.email import FAILED, OutboxMessage, queue_email
from engage.core.secret_links import HIDDEN, redact_secret_links, secret_link_endpoints
from engage.directory import invitations as directory_invitations
from engage.recruitment import resume_links
from engage.recruitment.models import Application
from engage.rights.download import services as download_services
from engage.rights.erasure import links as erasure_links
from engage.stories.tell import services as tell_services
from tests.access_matrix import (
    ADMIN,
    EQUALITY_ANALYST,
    OFFICER,
    OTHER_OFFICER,
    build_urls,
    expected_outcome,
    get_endpoints,
    seed,
    sign_in_as,
)
from tests.factories.consultations import ConsultationFactory
from tests.factories.directory import OrganisationFactory
from tests.page import markup_of
from tests.recruitment.helpers import make_round, submitted_application

SECRET_PATHS = {
    "verify-email": "/verify-email/",
    "reset-password": "/reset-password/",
    "confirm-new-email": "/account/email/confirm/",
    "staff-invitation": "/invitation/",
    "application-saved": "/applications/resume/",
    "application-link": "/applications/resume/",
    "directory-editor-invitation": "/directory/editor-invitation/",
    "consultation-response-saved": "/consultations/resume/",
    "story-received": "/tell-us/your-story/",
    "story-link": "/tell-us/your-story/",
    "data-download-link": "/your-data/",
    "erasure-link": "/delete-your-data/",
}


def queue_secret_links(app: Flask) -> dict[str, str]:
    """One email of every kind that carries a secret link, made by the real code paths.
    Returns kind -> the secret token in its link."""
    round_id = make_round(app)
    reference = submitted_application(app, round_id, email="applicant@example.org")
    with app.test_request_context():
        resident = accounts.register("Ria Resident", "ria@example.org", "a long passphrase 1")
        accounts.request_password_reset("ria@example.org")
        accounts.request_email_change(resident, "ria.new@example.org")
        admin = roles.create_verified_user("Ada Admin", "ada@example.org", "a long pass 22")
        invitations.invite_staff("new.officer@example.org", {"officer"}, by=admin)
        application = db.session.scalars(
            select(Application).where(Application.reference == reference)
        ).one()
        resume_links.send_resume_link(application, application.email, first_time=True)
        resume_links.send_resume_link(application, application.email)
        directory_invitations.invite(
            OrganisationFactory(name="Secret Link Group"), "new.editor@example.org", by=admin
        )
        consultation = ConsultationFactory(status="open")
        draft = answering.start_response(consultation)
        answer_links.send_link(draft, consultation, "answerer@example.org")
        told = tell_services.send(
            {"what_happened": "A story", "anonymous": False, "email": "teller@example.org"},
            [],
            None,
        )
        tell_services.send_new_link(told.reference, "teller@example.org")
        download_services.send_account_link(resident)
        erasure_links.send_link(told.reference, "teller@example.org")
        db.session.commit()
        tokens = {}
        for kind, path in SECRET_PATHS.items():
            body = db.session.scalars(
                select(OutboxMessage.body)
                .where(OutboxMessage.kind == kind)
                .order_by(OutboxMessage.id.desc())
            ).first()
            match = re.search(re.escape(path) + r"(\S+)", body or "")
            assert match, f"no {path} link in the {kind} email:\n{body}"
            tokens[kind] = match.group(1)
    return tokens


def test_every_secret_link_endpoint_is_known(app):
    """Secret links are found by their URL argument named ``token``; these are they. A new
    one shows here, so someone checks its emails are covered."""
    assert set(secret_link_endpoints(app)) == {
        "accounts.verify_email",
        "accounts.reset_password",
        "accounts.confirm_email_change",
        "accounts.accept_invitation",
        "recruitment.apply.resume",
        "directory.edit.accept_invitation",
        "consultations.answer.resume",
        "stories.tell.manage",
        "stories.tell.withdraw",
        "rights.download.view",
        "rights.download.download_json",
        "rights.erasure.by_link",
    }


def test_redaction_hides_every_kind_of_real_secret_link(app):
    tokens = queue_secret_links(app)
    with app.app_context():
        messages = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind.in_(SECRET_PATHS))
        ).all()
        messages = list({m.kind: m for m in messages}.values())  # the newest of each kind
        assert {m.kind for m in messages} == set(SECRET_PATHS)
        for message in messages:
            redacted = redact_secret_links(message.body)
            assert tokens[message.kind] not in redacted, message.kind
            assert HIDDEN in redacted
            # The rest of the message is kept.
            assert redacted.splitlines()[0] == message.body.splitlines()[0]
            # Also with no scheme and host, and inside other text.
            path = SECRET_PATHS[message.kind] + tokens[message.kind]
            assert tokens[message.kind] not in redact_secret_links(f"see ({path}), thanks")


def test_redaction_keeps_links_that_are_not_secret(app):
    kept = (
        "http://localhost/sign-in",
        "http://localhost/verify-email/send-again",
        "http://localhost/forgotten-password",
        "http://localhost/applications/ABC123",
        "https://www.gov.uk/reset-password-advice",
        "Reset your password. Confirm your email.",
    )
    with app.app_context():
        for text in kept:
            assert redact_secret_links(text) == text
        assert redact_secret_links(None) == ""


def test_no_staff_page_shows_a_secret_link(app):
    """Every page each kind of staff user can open, after emails of every secret kind were
    queued: none shows a token (ENGAGE_ENV=testing, as in production)."""
    data = seed(app)
    tokens = queue_secret_links(app)
    found = []
    pages = 0
    for kind in (ADMIN, OFFICER, OTHER_OFFICER, EQUALITY_ANALYST):
        client = app.test_client()
        sign_in_as(client, kind, data)
        for endpoint, url_rule, rule in get_endpoints(app):
            if expected_outcome(rule, kind) != "allowed":
                continue
            for url in build_urls(app, endpoint, url_rule, data):
                response = client.get(url)
                pages += 1
                page = response.get_data()  # bytes: some are downloads
                found += [f"{kind} {url}: {k}" for k, t in tokens.items() if t.encode() in page]
    assert pages > 40
    assert found == []

    admin = app.test_client()
    sign_in_as(admin, ADMIN, data)
    recipients = {row[1] for row in admin.get("/admin/outbox").page.table_rows("outbox-caption")}
    for recipient in ("ria@example.org", "new.officer@example.org", "applicant@example.org"):
        assert recipient in recipients  # the log does show that each message went


def test_officer_is_refused_the_delivery_log_and_every_message(app, make_user, signed_in_as):
    with app.app_context():
        message = queue_email(
            "someone@example.org",
            "reset-password",
            "Reset your LCR Engage password",
            user=User(full_name="Some One"),
            link="http://localhost/reset-password/secret-token-value",
        )
        db.session.commit()
        message_id = message.id
    client = signed_in_as(make_user(roles=["officer", "equality_data"]))
    assert client.get("/admin/outbox").status_code == 403
    assert client.get("/admin/outbox?status=pending").status_code == 403
    for url in (
        f"/admin/outbox/{message_id}",
        "/demo-mailbox/",
        f"/demo-mailbox/{message_id}",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "secret-token-value" not in response.get_data(as_text=True)


def test_delivery_log_says_in_words_what_went_and_nothing_of_what_it_said(
    app, make_user, signed_in_as
):
    with app.app_context():
        waiting = queue_email(
            "ria@example.org",
            "reset-password",
            "Reset your LCR Engage password",
            user=User(full_name="Ria"),
            link="http://localhost/reset-password/secret-token-value",
        )
        failed = queue_email(
            "gone@example.org",
            "verify-email",
            "Confirm your email address for LCR Engage",
            user=User(full_name="Gone"),
            link="http://localhost/verify-email/another-secret",
        )
        db.session.flush()
        failed.status, failed.attempts = FAILED, 5
        failed.last_error = "550 No such user: http://localhost/verify-email/another-secret"
        failed.subject = failed.body = None
        db.session.commit()
        assert waiting.id
    client = signed_in_as(make_user(roles=["admin", "officer"]))
    response = client.get("/admin/outbox")
    # When, To, What it was for, Status, Attempts: by recipient
    rows = {row[1]: row for row in response.page.table_rows("outbox-caption")}
    assert rows["ria@example.org"][2] == "Reset a forgotten password"
    assert rows["ria@example.org"][3] == "Waiting to be sent"
    assert rows["gone@example.org"][2] == "Confirm the email address of a new account"
    assert "Why it failed: 550 No such user" in rows["gone@example.org"][3]
    html = response.get_data(as_text=True)  # the secrets are nowhere, not even in markup
    for hidden in ("secret-token-value", "another-secret", "Reset your LCR Engage password"):
        assert hidden not in html
    table = markup_of(response.page.table("outbox-caption"))
    for code in ("pending", "reset-password", "Last error", "None"):
        assert code not in table
    assert html.count("Why it failed") == 1  # only where there is a reason


@pytest.mark.parametrize(
    ("env", "mail_server"),
    [("testing", None), ("production", None), ("development", "smtp.example.org")],
)
def test_demo_mailbox_does_not_exist_outside_the_local_demo(
    app, client, monkeypatch, make_user, signed_in_as, env, mail_server
):
    with app.app_context():
        message = queue_email(
            "someone@example.org",
            "verify-email",
            "Confirm your email address for LCR Engage",
            user=User(full_name="Some One"),
            link="http://localhost/verify-email/secret-token-value",
        )
        db.session.commit()
        message_id = message.id
    monkeypatch.setitem(app.config, "ENGAGE_ENV", env)
    monkeypatch.setitem(app.config, "MAIL_SERVER", mail_server)
    for browser in (client, signed_in_as(make_user(roles=["admin", "officer"]))):
        assert browser.get("/demo-mailbox/").status_code == 404
        assert browser.get(f"/demo-mailbox/{message_id}").status_code == 404
    assert "demo mailbox" not in client.get("/").get_data(as_text=True)


def test_local_demo_mailbox_shows_whole_messages_and_says_why(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ENGAGE_ENV", "development")
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    with app.test_request_context():
        accounts.register("Dee Demo", "dee@example.org", "a long passphrase 1")
        db.session.commit()
        message = db.session.scalars(select(OutboxMessage)).one()
        message_id = message.id
        link = re.search(r"http://localhost/verify-email/\S+", message.body).group(0)

    home = client.get("/").page
    assert home.links["demo mailbox"] == "/demo-mailbox/"  # the banner links to it on every page
    listing = client.get("/demo-mailbox/").page
    assert "dee@example.org" in listing.text
    assert "exists only because this local demo has no email server" in listing.text
    page = client.get(f"/demo-mailbox/{message_id}").page
    assert "exists only because this local demo has no email server" in page.text
    assert "In production nobody can read anyone's emails" in page.text
    assert page.find(f"a[href='{link}']") is not None  # one click to confirm the address
    assert client.get(link.removeprefix("http://localhost")).status_code == 302


def test_demo_mailbox_links_only_this_sites_addresses(app, client, monkeypatch):
    """Text in an email can come from anyone (an applicant's name): it is never made into a
    link, except addresses on this site."""
    monkeypatch.setitem(app.config, "ENGAGE_ENV", "development")
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    with app.app_context():
        message = queue_email(
            "someone@example.org",
            "already-registered",
            "Someone tried to register with your email address",
            user=User(full_name="Visit https://evil.example/steal <b>now</b>"),
            sign_in_url="http://localhost/sign-in",
            reset_url="http://localhost/forgotten-password",
        )
        db.session.commit()
        message_id = message.id
    page = client.get(f"/demo-mailbox/{message_id}").page
    assert page.find_all("[href^='https://evil.example']") == []
    assert "https://evil.example/steal <b>now</b>" in page.text  # shown as text, not markup
    assert page.find("a[href='http://localhost/sign-in']") is not None


def test_every_kind_of_email_has_words_for_the_delivery_log():
    from pathlib import Path

    from engage.admin.email_words import EMAIL_PURPOSES

    kinds = {path.stem for path in (Path(__file__).parents[2] / "templates/email").glob("*.txt")}
    assert kinds, "no email templates found"
    missing = sorted(kinds - EMAIL_PURPOSES.keys())
    assert missing == [], f"add words for these emails to engage/admin/email_words.py: {missing}"
