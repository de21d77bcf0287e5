"""Delivering the outbox by SMTP, safely on any number of instances at once.

``flask send-email`` runs ``send_pending`` (every minute from cron or a systemd timer, on as
many instances as you like: see the README). Each run first *claims* the messages it will
send, so two runs never send the same message:

- on PostgreSQL, the due rows are selected ``FOR UPDATE SKIP LOCKED``: a second run skips the
  rows the first has locked and takes the next ones;
- everywhere (SQLite has no row locks), the claim itself is a conditional update: a message
  moves from "pending" to "sending" with this run's token only if it is still pending, so if
  two runs pick the same row, one update changes it and the other changes nothing.

Each claim is committed before any mail is sent. A run that dies after claiming leaves its
messages "sending"; after ``STALE_CLAIM`` another run takes them back (such a message may then
reach its recipient twice, if the first run had sent it before dying: at least once, never
lost)."""

from __future__ import annotations

import secrets
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import or_, select, update

from engage.core.db import db, utcnow
from engage.core.email import (
    FAILED,
    PENDING,
    SENDING,
    SENT,
    OutboxMessage,
    forget_content,
    smtp_configured,
)

STALE_CLAIM = timedelta(minutes=15)


def _due(now: object, limit: int):  # noqa: ANN202 - a SQLAlchemy Select
    statement = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == PENDING)
        .where(or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    return statement


def release_stale_claims() -> int:
    """Messages a dead run claimed long ago go back to waiting. Returns how many."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == SENDING, OutboxMessage.claimed_at < utcnow() - STALE_CLAIM)
        .values(status=PENDING, claimed_by=None, claimed_at=None)
    )
    db.session.commit()
    return result.rowcount or 0


def claim(limit: int) -> list[OutboxMessage]:
    """Claim up to ``limit`` due messages for this run, and commit the claim."""
    now = utcnow()
    ids = list(db.session.scalars(_due(now, limit)))
    if not ids:
        db.session.commit()
        return []
    token = secrets.token_hex(16)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == PENDING)
        .values(status=SENDING, claimed_by=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.claimed_by == token, OutboxMessage.status == SENDING)
            .order_by(OutboxMessage.id)
        )
    )


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
    """Deliver every due message, claiming ``limit`` at a time, until none is left. Returns
    counts of sent, retried and failed messages."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    if not smtp_configured():
        return counts
    release_stale_claims()
    while claimed := claim(limit):
        _deliver(claimed, counts)
    return counts


def _deliver(claimed: list[OutboxMessage], counts: dict[str, int]) -> None:
    config = current_app.config
    try:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30)
    except OSError as error:
        for message in claimed:
            _record_failure(message, f"Could not connect to SMTP server: {error}", counts)
        db.session.commit()
        return
    with smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        for message in claimed:
            try:
                smtp.send_message(_build(message))
            except (smtplib.SMTPException, OSError) as error:
                _record_failure(message, str(error), counts)
            else:
                message.status = SENT
                message.sent_at = utcnow()
                message.attempts += 1
                message.last_error = None
                message.claimed_by = message.claimed_at = None
                forget_content(message)
                counts["sent"] += 1
            db.session.commit()


def _record_failure(message: OutboxMessage, error: str, counts: dict[str, int]) -> None:
    message.attempts += 1
    message.last_error = error[:2000]
    message.claimed_by = message.claimed_at = None
    if message.attempts >= int(current_app.config["MAIL_MAX_ATTEMPTS"]):
        message.status = FAILED
        forget_content(message)
        counts["failed"] += 1
    else:
        message.status = PENDING
        message.next_attempt_at = utcnow() + _retry_delay(message.attempts)
        counts["retry"] += 1
