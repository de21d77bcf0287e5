"""Email through an outbox.

``queue_email`` adds a message to the current transaction, so a message exists exactly when
the action that caused it was committed. ``send_pending`` (run by ``flask send-email``, for
example every minute from cron or a worker) delivers by SMTP, retrying with back-off and
recording each failure.

A message's subject and body are kept only as long as delivery needs them: they are cleared
once it is sent, or has failed for good, so the outbox never becomes a store of other
people's secret links. Staff see a content-free delivery log. Only the local demo
(development settings with no SMTP server, where nothing is ever sent) has a mailbox page
that shows whole messages: see ``demo_mailbox_enabled``."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import current_app, render_template
from sqlalchemy import DateTime, Integer, String, Text, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from engage.config import DEVELOPMENT
from engage.core.db import db, utcnow

PENDING = "pending"
SENT = "sent"
FAILED = "failed"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    # Both cleared (None) once the message is sent or has failed for good.
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    # What the message is for (e.g. "verify-email"), so tests and officers can find it.
    kind: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class RenderedEmail:
    kind: str
    subject: str
    body: str


def render_email(kind: str, subject: str, **context: Any) -> RenderedEmail:
    """Render ``templates/email/<kind>.txt`` without queuing it (see ``queue_rendered``)."""
    body = render_template(f"email/{kind}.txt", subject=subject, **context)
    return RenderedEmail(kind=kind, subject=subject, body=body)


def queue_rendered(recipient: str, email: RenderedEmail) -> OutboxMessage:
    """Add a rendered email to the outbox in this transaction."""
    message = OutboxMessage(
        recipient=recipient,
        subject=email.subject,
        body=email.body,
        kind=email.kind,
        status=PENDING,
    )
    db.session.add(message)
    return message


def queue_email(recipient: str, kind: str, subject: str, **context: Any) -> OutboxMessage:
    """Render ``templates/email/<kind>.txt`` and add it to the outbox in this transaction."""
    return queue_rendered(recipient, render_email(kind, subject, **context))


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def demo_mailbox_enabled() -> bool:
    """Whole messages may be shown only in the local demo: development settings with no SMTP
    server, so no message can reach anyone and every address is fictional."""
    return current_app.config.get("ENGAGE_ENV") == DEVELOPMENT and not smtp_configured()


def _forget_content(message: OutboxMessage) -> None:
    message.subject = None
    message.body = None


def _build(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="engage.local")
    email.set_content(message.body)
    return email


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** min(attempts, 8))


def send_pending(limit: int = 100) -> dict[str, int]:
    """Deliver due messages. Returns counts of sent, retried and failed messages."""
    config = current_app.config
    counts = {"sent": 0, "retry": 0, "failed": 0}
    if not smtp_configured():
        return counts
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == PENDING)
        .where(or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    if not due:
        return counts
    try:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30)
    except OSError as error:
        for message in due:
            _record_failure(message, f"Could not connect to SMTP server: {error}", counts)
        db.session.commit()
        return counts
    with smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        for message in due:
            try:
                smtp.send_message(_build(message))
            except (smtplib.SMTPException, OSError) as error:
                _record_failure(message, str(error), counts)
            else:
                message.status = SENT
                message.sent_at = utcnow()
                message.attempts += 1
                message.last_error = None
                _forget_content(message)
                counts["sent"] += 1
            db.session.commit()
    return counts


def _record_failure(message: OutboxMessage, error: str, counts: dict[str, int]) -> None:
    message.attempts += 1
    message.last_error = error[:2000]
    if message.attempts >= int(current_app.config["MAIL_MAX_ATTEMPTS"]):
        message.status = FAILED
        _forget_content(message)
        counts["failed"] += 1
    else:
        message.next_attempt_at = utcnow() + _retry_delay(message.attempts)
        counts["retry"] += 1


def latest_message(recipient: str, kind: str | None = None) -> OutboxMessage | None:
    statement = select(OutboxMessage).where(OutboxMessage.recipient == recipient)
    if kind:
        statement = statement.where(OutboxMessage.kind == kind)
    return db.session.scalars(statement.order_by(OutboxMessage.id.desc()).limit(1)).first()


def outbox_statement(status: str | None = None):  # noqa: ANN201 - a SQLAlchemy Select
    statement = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status:
        statement = statement.where(OutboxMessage.status == status)
    return statement


def get_message(message_id: int) -> OutboxMessage | None:
    return db.session.get(OutboxMessage, message_id)
