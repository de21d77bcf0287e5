"""Email through an outbox.

``queue_email`` adds a message to the current transaction, so a message exists exactly when
the action that caused it was committed. ``email_sender.send_pending`` (run by ``flask
send-email``, every minute from cron or a timer, on any number of instances) delivers by SMTP,
each message once, retrying with back-off and recording each failure.

A message's subject and body are kept only as long as delivery needs them: they are cleared
once it is sent, or has failed for good, so the outbox never becomes a store of other
people's secret links. Staff see a content-free delivery log. Only the local demo
(development settings with no SMTP server, where nothing is ever sent) has a mailbox page
that shows whole messages: see ``demo_mailbox_enabled``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app, render_template
from sqlalchemy import DateTime, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from engage.config import DEVELOPMENT
from engage.core.db import db, utcnow

PENDING = "pending"
SENDING = "sending"  # claimed by one sender (engage/core/email_sender.py)
SENT = "sent"
FAILED = "failed"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    # The sender's question: which messages are due now (email_sender.py).
    __table_args__ = (
        Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),
    )

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
    # Which run of the sender is delivering it, and since when (see email_sender.py).
    claimed_by: Mapped[str | None] = mapped_column(String(32), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class RenderedEmail:
    kind: str
    subject: str
    body: str


def render_email(kind: str, subject: str, **context: Any) -> RenderedEmail:
    """Render ``templates/email/<kind>.txt`` without queuing it (see ``queue_rendered``)."""
    body = render_template(f"email/{kind}.txt", subject=subject, **context)
    return RenderedEmail(kind=kind, subject=subject, body=body)


# Who decides whether a person wants a kind of email: accounts registers it at start-up
# (engage/accounts/notifications.py), since core imports no feature.
_RECIPIENT_FILTER = "engage.email.recipient_filter"
RecipientFilter = Callable[[str, str], bool]  # (address, kind) -> queue it?


def set_recipient_filter(app: Flask, wanted: RecipientFilter) -> None:
    """Ask ``wanted(address, kind)`` before queuing any email; False leaves it unqueued."""
    app.extensions[_RECIPIENT_FILTER] = wanted


def queue_rendered(recipient: str, email: RenderedEmail) -> OutboxMessage | None:
    """Add a rendered email to the outbox in this transaction, unless the person has said
    they do not want this kind (then None)."""
    if not _wanted(recipient, email.kind):
        return None
    return _add(recipient, email)


def _wanted(recipient: str, kind: str) -> bool:
    wanted = current_app.extensions.get(_RECIPIENT_FILTER)
    return wanted is None or wanted(recipient, kind)


def _add(recipient: str, email: RenderedEmail) -> OutboxMessage:
    message = OutboxMessage(
        recipient=recipient,
        subject=email.subject,
        body=email.body,
        kind=email.kind,
        status=PENDING,
    )
    db.session.add(message)
    return message


def queue_email(recipient: str, kind: str, subject: str, **context: Any) -> OutboxMessage | None:
    """Render ``templates/email/<kind>.txt`` and add it to the outbox in this transaction,
    unless the person turned this kind off (then None: see ``set_recipient_filter``)."""
    if not _wanted(recipient, kind):
        return None  # not even rendered
    return _add(recipient, render_email(kind, subject, **context))


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def demo_mailbox_enabled() -> bool:
    """Whole messages may be shown only in the local demo: development settings with no SMTP
    server, so no message can reach anyone and every address is fictional."""
    return current_app.config.get("ENGAGE_ENV") == DEVELOPMENT and not smtp_configured()


def forget_content(message: OutboxMessage) -> None:
    message.subject = None
    message.body = None


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
