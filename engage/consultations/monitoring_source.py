"""Offers consultation respondents' equality monitoring answers to the "who we heard from"
view: every sent response, online or entered by an officer. Unsent drafts are not counted.
A response sent without answering the questions counts as "did not answer"."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Select, bindparam, select

from engage.consultations import stages
from engage.consultations.models import ConsultationResponse
from engage.monitoring.api import AnswerSource, register_source


def sent_responses() -> Select:
    return select(ConsultationResponse.id).where(
        ConsultationResponse.status == stages.ResponseStatus.SUBMITTED
    )


_SENT_BETWEEN = select(ConsultationResponse.id).where(
    ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
    ConsultationResponse.submitted_at >= bindparam("start"),
    ConsultationResponse.submitted_at < bindparam("end"),
)


def sent_responses_between() -> Select:
    """Those sent from ``start`` to ``end`` (bindparams), for a report of a year: built once."""
    return _SENT_BETWEEN


CONSULTATION_RESPONSES = AnswerSource(
    key="consultation-responses",
    label="Consultation responses",
    subject_type=stages.MONITORING_SUBJECT,
    description=(
        "Answers given with responses to Citizen's Voice consultations: every response sent, "
        "online or typed in by an officer from paper, a phone call or an event (officers do "
        "not type in equality monitoring answers, so those count as \u201cdid not answer\u201d). "
        "Responses started and never sent are not counted. Someone who answered two "
        "consultations counts once for each response."
    ),
    subjects=sent_responses,
    subjects_between=sent_responses_between,
    dated_by="sent",
)


def register(app: Flask) -> None:
    register_source(app, CONSULTATION_RESPONSES)
