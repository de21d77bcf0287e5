"""What consultations hold about a person, for their data download: their responses (sent,
and drafts saved to come back to) with every answer, the files they uploaded (named, not
copied), their own equality monitoring answers, and their requests for another format.

A response has no reference of its own to quote, so someone without an account reaches
theirs by signing up with the email address they gave (the address matches once confirmed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, or_, select

from engage.consultations import stages
from engage.consultations.models import (
    Answer,
    AnswerFile,
    Consultation,
    ConsultationResponse,
    FormatRequest,
    Question,
    QuestionPage,
)
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.monitoring.api import monitoring_records
from engage.reference.api import local_authorities


def _whose(subject: DataSubject) -> Any:
    conditions = []
    if subject.user_id is not None:
        conditions.append(ConsultationResponse.user_id == subject.user_id)
    if subject.email and not subject.by_reference:
        wanted = subject.email.strip().lower()
        conditions.append(func.lower(ConsultationResponse.email) == wanted)
    return or_(*conditions) if conditions else false()


def _other(choice: str, other: str) -> str:
    return f"Other: {other}" if choice == stages.OTHER else choice


def answer_in_words(value: Any) -> Any:
    """A stored answer as the person would read it: text, a number, a date, a choice (an
    "Other" with their words), choices, a ranking, a grid's rows, or a file's name."""
    if not isinstance(value, dict):
        return value
    other = str(value.get("other") or "")
    if "text" in value:
        return value["text"]
    if "number" in value:
        return str(value["number"])
    if "date" in value:
        return value["date"]
    if "choice" in value:
        return _other(value["choice"], other)
    if "choices" in value:
        return [_other(choice, other) for choice in value["choices"]]
    if "ranking" in value:
        return [f"{n}. {option}" for n, option in enumerate(value["ranking"], start=1)]
    if "rows" in value:
        return [f"{row}: {choice}" for row, choice in value["rows"].items()]
    if "file" in value:
        return str((value["file"] or {}).get("name") or "")
    return value


def _area(code: str | None, names: dict[str, str]) -> str | None:
    if code is None:
        return None
    return stages.AREA_OTHER_LABELS.get(code) or names.get(code) or code


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """Six queries whatever the number of responses."""
    if subject.by_reference:
        return []
    responses = db.session.execute(
        select(ConsultationResponse, Consultation.title)
        .join(Consultation, Consultation.id == ConsultationResponse.consultation_id)
        .where(_whose(subject))
        .order_by(ConsultationResponse.created_at, ConsultationResponse.id)
    ).all()
    ids = [response.id for response, _ in responses]
    answers: dict[int, list[tuple[str, Any]]] = {}
    files: dict[int, list[tuple[str, Any]]] = {}
    if ids:
        for answer, text in db.session.execute(
            select(Answer, Question.text)
            .join(Question, Question.id == Answer.question_id)
            .join(QuestionPage, QuestionPage.id == Question.page_id)
            .where(Answer.response_id.in_(ids))
            .order_by(Answer.response_id, QuestionPage.position, Question.position)
        ):
            answers.setdefault(answer.response_id, []).append((text, answer_in_words(answer.value)))
        for row in db.session.execute(
            select(AnswerFile.response_id, AnswerFile.filename, AnswerFile.size)
            .where(AnswerFile.response_id.in_(ids))
            .order_by(AnswerFile.id)
        ):
            files.setdefault(row.response_id, []).append(
                ("File you uploaded", f"{row.filename} ({row.size:,} bytes)")
            )
    names = {authority.code: authority.name for authority in local_authorities()} if ids else {}
    records = [
        record(
            f"Response to {title}",
            ("Consultation", title),
            ("Status", "Sent" if response.status == stages.ResponseStatus.SUBMITTED else "Draft"),
            ("How it was given", stages.CHANNEL_LABELS.get(response.channel, response.channel)),
            ("Started", response.created_at),
            ("Sent", response.submitted_at),
            ("Email address", response.email),
            ("Wants to hear the outcome", response.wants_outcome),
            ("Where you live", _area(response.area_code, names)),
            *answers.get(response.id, []),
            *files.get(response.id, []),
        )
        for response, title in responses
    ]
    titles = {
        str(response.id): f"Equality monitoring answers: {title}" for response, title in responses
    }
    requests = []
    if subject.user_id is not None:
        requests = db.session.execute(
            select(FormatRequest, Consultation.title)
            .join(Consultation, Consultation.id == FormatRequest.consultation_id)
            .where(FormatRequest.user_id == subject.user_id)
            .order_by(FormatRequest.created_at, FormatRequest.id)
        ).all()
    return sections(
        section("Consultation responses", records),
        section(
            "Your equality monitoring answers (consultations)",
            monitoring_records(stages.MONITORING_SUBJECT, ids, titles),
        ),
        section(
            "Requests for a consultation in another format",
            [
                record(
                    f"Request about {title}",
                    ("Consultation", title),
                    ("Name", request.name),
                    ("How to contact you", request.contact),
                    ("What you asked for", request.needs_labels),
                    ("Details", request.details),
                    ("Asked", request.created_at),
                    ("Arranged", request.done_at),
                )
                for request, title in requests
            ],
        ),
    )
