"""Consultation responses under the retention schedule (``flask apply-retention``).

A response started and never sent is deleted, with its answers, uploaded files and equality
monitoring answers, once its consultation closed longer ago than "draft_consultation_responses"
(it can no longer be sent). Nothing published counts unsent responses: results, "who we heard
from" and the outcome count sent ones only. Sent responses are not on the schedule: they are
the evidence behind published results and outcomes.

Requests for another format or for support ("support_requests"), which say what someone
needs to take part, are deleted once an officer marked them done longer ago than the period;
nothing counts them. Requests not yet done stay.

One statement for the answers and one for the responses (their answers and files go by
ON DELETE CASCADE), and one for the requests, so a second run finds nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from engage.consultations import stages
from engage.consultations.models import Consultation, ConsultationResponse, FormatRequest
from engage.core.db import db
from engage.core.retention import DELETED, RetentionAction, cutoff_date, subtract_period
from engage.monitoring import api as monitoring


def apply_retention(now: datetime, periods: dict[str, str]) -> list[RetentionAction]:
    """Apply the schedule to unsent responses. Does not commit."""
    closed = select(Consultation.id).where(
        Consultation.closes_on < cutoff_date(now, periods["draft_consultation_responses"])
    )
    drafts = select(ConsultationResponse.id).where(
        ConsultationResponse.status == stages.ResponseStatus.DRAFT,
        ConsultationResponse.consultation_id.in_(closed),
    )
    monitoring.delete_answers_of(stages.MONITORING_SUBJECT, drafts)
    deleted = db.session.execute(
        delete(ConsultationResponse)
        .where(ConsultationResponse.id.in_(drafts))
        .execution_options(synchronize_session=False)
    ).rowcount
    requests = db.session.execute(
        delete(FormatRequest)
        .where(FormatRequest.done_at < subtract_period(now, periods["support_requests"]))
        .execution_options(synchronize_session=False)
    ).rowcount
    return [
        RetentionAction(
            "draft_consultation_responses", DELETED, deleted or 0, "unsent consultation responses"
        ),
        RetentionAction(
            "support_requests",
            DELETED,
            requests or 0,
            "requests for a consultation in another format or for support",
        ),
    ]
