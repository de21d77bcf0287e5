"""Email delivery through the outbox, tested against a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from engage.accounts.models import User
from engage.core.db import as_utc, db, utcnow
from engage.core.email import FAILED, PENDING, SENT, OutboxMessage, queue_email
from engage.core.email_sender import send_pending
from tests.conftest import post_form, sign_in
from tests.factories import PASSWORD

VERIFY_SUBJECT = "Confirm your email address for LCR Engage"
RESIDENT_EMAIL = "mail.tester@example.org"


def free_port() -> int:
    """A port nothing listens on (bind to port 0, note the port, close the socket)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.content, policy=policy.default)


@dataclass
class RecordingHandler:
    deliveries: list[Delivery] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.deliveries.append(
            Delivery(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(app, monkeypatch) -> Iterator[RecordingHandler]:
    """A real SMTP server on 127.0.0.1; the app is pointed at it for this test only."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", None)
    try:
        yield handler
    finally:
        controller.stop()


def register_resident(client) -> None:
    response = post_form(
        client,
        "/register",
        {
            "full_name": "Mail Tester",
            "email": RESIDENT_EMAIL,
            "password": PASSWORD,
            "confirm_password": PASSWORD,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert response.headers["Location"] == "/register/check-your-email"


def only_message(app) -> OutboxMessage:
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage)).all()
        assert len(messages) == 1, [m.subject for m in messages]
        db.session.expunge(messages[0])
        return messages[0]


def outbox_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(OutboxMessage.id)))


def test_verification_email_is_delivered_by_smtp_and_its_link_works(app, client, smtp_server):
    register_resident(client)
    assert smtp_server.deliveries == []  # registering only queues the message

    with app.app_context():
        counts = send_pending()
    assert counts == {"sent": 1, "retry": 0, "failed": 0}

    assert len(smtp_server.deliveries) == 1
    delivery = smtp_server.deliveries[0]
    assert delivery.rcpt_tos == [RESIDENT_EMAIL]
    assert delivery.mail_from == "engage@liverpoolcityregion-ca.gov.uk"
    message = delivery.message()
    assert message["Subject"] == VERIFY_SUBJECT
    assert message["To"] == RESIDENT_EMAIL
    assert message["Message-ID"]
    body = message.get_content()
    # Not the name typed at registration: anyone can type any address, and the email must
    # not carry their words to it (it said "Hello Mail Tester" before issue 8).
    assert body.startswith("Hello,") and "Mail Tester" not in body
    match = re.search(r"http://localhost(/verify-email/\S+)", body)
    assert match, body

    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == RESIDENT_EMAIL)).one()
        assert user.email_verified_at is None

    response = client.get(match.group(1))
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"

    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == RESIDENT_EMAIL)).one()
        assert user.email_verified_at is not None

    response = sign_in(client, RESIDENT_EMAIL)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_sent_message_is_marked_sent_and_not_delivered_again(app, client, smtp_server):
    register_resident(client)
    with app.app_context():
        send_pending()
    assert len(smtp_server.deliveries) == 1

    message = only_message(app)
    assert message.status == SENT
    assert message.sent_at is not None
    assert as_utc(message.sent_at) <= utcnow()
    assert message.attempts == 1
    assert message.last_error is None

    with app.app_context():
        counts = send_pending()
    assert counts == {"sent": 0, "retry": 0, "failed": 0}
    assert len(smtp_server.deliveries) == 1
    assert only_message(app).attempts == 1


def test_unreachable_server_is_retried_with_back_off_then_marked_failed(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    register_resident(client)

    with app.app_context():
        counts = send_pending()
    assert counts == {"sent": 0, "retry": 1, "failed": 0}
    message = only_message(app)
    assert message.status == PENDING
    assert message.attempts == 1
    assert message.sent_at is None
    assert message.last_error and "Could not connect" in message.last_error
    assert message.next_attempt_at is not None
    assert as_utc(message.next_attempt_at) > utcnow()

    # During the back-off nothing is attempted.
    with app.app_context():
        assert send_pending() == {"sent": 0, "retry": 0, "failed": 0}
    assert only_message(app).attempts == 1

    max_attempts = int(app.config["MAIL_MAX_ATTEMPTS"])
    assert max_attempts > 1
    for attempt in range(2, max_attempts + 1):
        with app.app_context():
            pending = db.session.scalars(select(OutboxMessage)).one()
            pending.next_attempt_at = None  # skip the back-off wait
            db.session.commit()
            send_pending()
        message = only_message(app)
        assert message.attempts == attempt
        expected = FAILED if attempt == max_attempts else PENDING
        assert message.status == expected

    # A failed message is never tried again.
    with app.app_context():
        failed = db.session.scalars(select(OutboxMessage)).one()
        failed.next_attempt_at = None
        db.session.commit()
        assert send_pending() == {"sent": 0, "retry": 0, "failed": 0}
    message = only_message(app)
    assert message.status == FAILED
    assert message.attempts == max_attempts
    assert message.sent_at is None


def queue_test_message(recipient: str = "someone@example.org") -> OutboxMessage:
    return queue_email(
        recipient,
        "verify-email",
        VERIFY_SUBJECT,
        user=SimpleNamespace(full_name="Some One"),
        link="http://localhost/verify-email/not-a-token",
    )


def test_message_exists_only_if_the_action_committed(app):
    # A bare app context, as in a CLI task or worker (no request needed).
    with app.app_context():
        queue_test_message()
        db.session.flush()
        # Visible inside the transaction...
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
        db.session.rollback()
    # ...and gone once it is rolled back.
    assert outbox_count(app) == 0

    with app.app_context():
        queue_test_message()
        db.session.commit()
    assert outbox_count(app) == 1


def test_delivery_log_is_for_admins_only(app, make_user, signed_in_as):
    """It was readable by every officer, with each message's text: now admins only, and it
    shows that a message went, not what it said (test_outbox_privacy.py has the rest)."""
    with app.app_context():
        queue_test_message()
        db.session.commit()

    anonymous = app.test_client()
    response = anonymous.get("/admin/outbox")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")

    resident = make_user()
    resident_client = app.test_client()
    assert sign_in(resident_client, resident.email).status_code == 302
    assert resident_client.get("/admin/outbox").status_code == 403

    officer_client = app.test_client()
    officer = make_user(roles=["officer"])
    assert sign_in(officer_client, officer.email).status_code == 302
    with officer_client.session_transaction() as session:
        session["mfa_verified"] = True
    assert officer_client.get("/admin/outbox").status_code == 403

    admin_client = signed_in_as(make_user(roles=["admin", "officer"]))
    response = admin_client.get("/admin/outbox")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert VERIFY_SUBJECT not in page  # content-free
    assert "Confirm the email address of a new account" in page
    assert "someone@example.org" in page


def stored(app) -> OutboxMessage:
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        db.session.expunge(message)
        return message


def test_text_of_a_message_is_deleted_once_it_is_sent(app, client, smtp_server):
    register_resident(client)
    assert "/verify-email/" in stored(app).body  # kept while delivery needs it
    with app.app_context():
        assert send_pending()["sent"] == 1
    message = stored(app)
    assert message.status == SENT
    assert message.body is None and message.subject is None
    assert message.recipient == RESIDENT_EMAIL and message.kind == "verify-email"
    # What went out was whole.
    assert "/verify-email/" in smtp_server.deliveries[0].message().get_content()


def test_text_of_a_message_is_deleted_once_we_give_up_sending_it(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    register_resident(client)
    for _ in range(int(app.config["MAIL_MAX_ATTEMPTS"])):
        with app.app_context():
            waiting = db.session.scalars(select(OutboxMessage)).one()
            assert waiting.body  # kept while it may still be sent
            waiting.next_attempt_at = None
            db.session.commit()
            send_pending()
    message = stored(app)
    assert message.status == FAILED
    assert message.body is None and message.subject is None
    assert message.last_error and "Could not connect" in message.last_error
