"""Requests for a consultation in another format or language, or for support to take part:
stored, emailed to the consultation's officer (who created it) as a reasonable adjustment,
listed for officers, and marked dealt with. Routes commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.accounts.api import get_user
from engage.consultations.models import Consultation, FormatRequest
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url


def ask(
    consultation: Consultation,
    *,
    user_id: int | None,
    name: str,
    contact: str,
    needs: list[str],
    details: str,
) -> FormatRequest:
    request = FormatRequest(
        consultation_id=consultation.id, user_id=user_id, name=name, contact=contact,
        needs=needs, details=details,
    )  # fmt: skip
    db.session.add(request)
    db.session.flush()
    officer = get_user(consultation.created_by_id) if consultation.created_by_id else None
    if officer is not None:
        queue_email(
            officer.email,
            "consultation-format-requested",
            f"Someone asked for another format or support: {consultation.title}",
            request=request,
            consultation=consultation,
            requests_url=external_url(
                "consultations.entry.requests", consultation_id=consultation.id
            ),
        )
    return request


def requests_of(consultation_id: int) -> list[FormatRequest]:
    """Those not yet dealt with first, oldest first."""
    return list(
        db.session.scalars(
            select(FormatRequest)
            .where(FormatRequest.consultation_id == consultation_id)
            .order_by(FormatRequest.done_at.is_not(None), FormatRequest.created_at,
                      FormatRequest.id)
        )
    )  # fmt: skip


def mark_done(consultation: Consultation, request_id: int, officer: Any) -> bool:
    """Returns False when there is no such request still to deal with."""
    found = db.session.scalars(
        select(FormatRequest).where(
            FormatRequest.consultation_id == consultation.id, FormatRequest.id == request_id
        )
    ).first()
    if found is None or found.done_at is not None:
        return False
    found.done_at, found.done_by_id = utcnow(), officer.id
    record_event(
        "consultation_format_request_done", object_type="consultation",
        object_id=consultation.id, request=request_id,
    )  # fmt: skip
    return True
