"""The audit log: who did what, when, to which record, and from where.

Features call ``record_event`` and never write the table themselves. The event joins the
caller's transaction, so it is committed (or rolled back) with the action it describes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import JSON, DateTime, ForeignKey, Integer, Select, String, select
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(80))
    object_id: Mapped[str | None] = mapped_column(String(80))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def record_event(
    action: str,
    *,
    object_type: str | None = None,
    object_id: Any = None,
    actor_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the current transaction.

    ``actor_id`` defaults to the signed-in user; pass it for events such as a failed sign-in
    where nobody is signed in."""
    if actor_id is None and has_request_context() and current_user.is_authenticated:
        actor_id = current_user.id
    event = AuditEvent(
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        actor_id=actor_id,
        details=details,
    )
    if has_request_context():
        event.ip_address = request.remote_addr
        event.user_agent = (request.user_agent.string or "")[:300]
    db.session.add(event)
    return event


def events_statement() -> Select:
    """Every audit event, newest first (for the paginated audit log page)."""
    return select(AuditEvent).order_by(AuditEvent.id.desc())
