"""Answering a consultation: starting a response (online, or entered by an officer from paper,
a phone call or an event), saving a page's answers, the path through the pages (routing.py),
the "about you" step (area and equality monitoring), and sending it. None of these functions
commits: the route commits."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import delete, select

from engage.consultations import stages
from engage.consultations.answer_values import Upload, routing_value
from engage.consultations.models import (
    Answer,
    AnswerFile,
    Consultation,
    ConsultationResponse,
    QuestionPage,
)
from engage.consultations.routing import Route, next_page, pages_on_path
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.filenames import clean_filename
from engage.core.uploads import DOCUMENT_TYPES, extension_of
from engage.monitoring import api as monitoring

ResponseStatus = stages.ResponseStatus


def start_response(
    consultation: Consultation,
    *,
    channel: str = stages.Channel.ONLINE,
    user_id: int | None = None,
    email: str = "",
    wants_outcome: bool = False,
    entered_by_id: int | None = None,
) -> ConsultationResponse:
    response = ConsultationResponse(
        consultation_id=consultation.id,
        channel=channel,
        status=ResponseStatus.DRAFT,
        user_id=user_id,
        email=email,
        wants_outcome=wants_outcome and bool(email),
        entered_by_id=entered_by_id,
    )
    db.session.add(response)
    db.session.flush()
    return response


def get_response(consultation: Consultation, response_id: Any) -> ConsultationResponse | None:
    if not isinstance(response_id, int):
        return None
    found = db.session.get(ConsultationResponse, response_id)
    return found if found is not None and found.consultation_id == consultation.id else None


def draft_of_user(consultation: Consultation, user_id: int) -> ConsultationResponse | None:
    """A signed-in resident's unfinished online response, the newest."""
    return db.session.scalars(
        select(ConsultationResponse)
        .where(
            ConsultationResponse.consultation_id == consultation.id,
            ConsultationResponse.user_id == user_id,
            ConsultationResponse.status == ResponseStatus.DRAFT,
            ConsultationResponse.channel == stages.Channel.ONLINE,
        )
        .order_by(ConsultationResponse.id.desc())
    ).first()


def unfinished_of_user(user_id: int) -> list[tuple[int, str]]:
    """(consultation id, title) of each consultation a signed-in resident has started
    answering and not sent, for their account page."""
    rows = db.session.execute(
        select(Consultation.id, Consultation.title)
        .join(ConsultationResponse, ConsultationResponse.consultation_id == Consultation.id)
        .where(
            ConsultationResponse.user_id == user_id,
            ConsultationResponse.status == ResponseStatus.DRAFT,
            ConsultationResponse.channel == stages.Channel.ONLINE,
            Consultation.status == stages.OPEN,
        )
        .distinct()
        .order_by(Consultation.title)
    )
    return [(row.id, row.title) for row in rows]


# Answers and the path ---------------------------------------------------------------------------


def stored_answers(response: ConsultationResponse) -> dict[int, Any]:
    """Each answered question's value, by question id."""
    return dict(
        db.session.execute(
            select(Answer.question_id, Answer.value).where(Answer.response_id == response.id)
        ).all()
    )


def _routes(consultation: Consultation) -> list[Route]:
    return [
        Route(page_id=r.page_id, question_id=r.question_id, answer=r.answer,
              goes_to=r.goes_to_page_id)
        for page in consultation.pages for r in page.routes
    ]  # fmt: skip


def _routing_answers(answers: dict[int, Any]) -> dict[int, Any]:
    return {question_id: routing_value(value) for question_id, value in answers.items()}


def path_of(consultation: Consultation, answers: dict[int, Any]) -> list[QuestionPage]:
    """The pages someone with these answers goes through, in order."""
    pages = {page.id: page for page in consultation.pages}
    ids = pages_on_path(list(pages), _routes(consultation), _routing_answers(answers))
    return [pages[page_id] for page_id in ids]


def page_after(
    consultation: Consultation, page: QuestionPage, answers: dict[int, Any]
) -> QuestionPage | None:
    """The page after ``page`` for these answers, or None for the end."""
    pages = {p.id: p for p in consultation.pages}
    following = next_page(list(pages), _routes(consultation), page.id, _routing_answers(answers))
    return pages.get(following) if following is not None else None


def page_before(
    consultation: Consultation, page: QuestionPage, answers: dict[int, Any]
) -> QuestionPage | None:
    path = path_of(consultation, answers)
    return path[path.index(page) - 1] if page in path and path.index(page) > 0 else None


def missing_answers(consultation: Consultation, answers: dict[int, Any]) -> list[Any]:
    """The required questions on the path that have no answer, in order."""
    return [
        question
        for page in path_of(consultation, answers)
        for question in page.questions
        if question.required and answers.get(question.id) is None
    ]


def first_unanswered_page(
    consultation: Consultation, response: ConsultationResponse, answers: dict[int, Any]
) -> QuestionPage | None:
    """The first page on the path the person has not been through, or with a required
    question unanswered (None: they have answered every page on the path)."""
    done = set(response.pages_done or [])
    for page in path_of(consultation, answers):
        required = [q.id for q in page.questions if q.required]
        if page.id not in done or any(answers.get(i) is None for i in required):
            return page
    return None


def save_page(
    response: ConsultationResponse,
    page: QuestionPage,
    values: dict[int, Any],
    uploads: dict[int, Upload],
) -> None:
    """Replace the page's answers with ``values`` (None: not answered, so no answer row) and
    store the uploaded files."""
    for question_id, upload in uploads.items():
        values[question_id] = {"file": _store_file(response, question_id, upload)}
    ids = [question.id for question in page.questions]
    existing = {
        answer.question_id: answer
        for answer in db.session.scalars(
            select(Answer).where(Answer.response_id == response.id, Answer.question_id.in_(ids))
        )
    }
    for question_id in ids:
        value, answer = values.get(question_id), existing.get(question_id)
        if value is None and answer is not None:
            db.session.delete(answer)
        elif value is not None and answer is None:
            db.session.add(Answer(response_id=response.id, question_id=question_id, value=value))
        elif value is not None and answer is not None and answer.value != value:
            answer.value = value
    if page.id not in (response.pages_done or []):
        response.pages_done = [*(response.pages_done or []), page.id]
    db.session.flush()
    _drop_unused_files(response)


def _store_file(response: ConsultationResponse, question_id: int, upload: Upload) -> dict:
    name = clean_filename(upload.filename)
    stored = AnswerFile(
        key=secrets.token_urlsafe(24),
        response_id=response.id,
        question_id=question_id,
        filename=name,
        content_type=DOCUMENT_TYPES[extension_of(upload.filename)][0],
        size=len(upload.content),
        content=upload.content,
    )
    db.session.add(stored)
    return {"name": name, "key": stored.key, "size": stored.size}


def _drop_unused_files(response: ConsultationResponse) -> None:
    """Delete the files no answer of the response names any more."""
    keys = {
        value["file"].get("key")
        for value in stored_answers(response).values()
        if isinstance(value, dict) and isinstance(value.get("file"), dict)
    }
    db.session.execute(
        delete(AnswerFile).where(AnswerFile.response_id == response.id, AnswerFile.key.not_in(keys))
    )


def answer_file(consultation_id: int, key: str) -> AnswerFile | None:
    """A submitted response's uploaded file, by the key its answer names."""
    return db.session.scalars(
        select(AnswerFile)
        .join(ConsultationResponse, ConsultationResponse.id == AnswerFile.response_id)
        .where(
            AnswerFile.key == key,
            ConsultationResponse.consultation_id == consultation_id,
            ConsultationResponse.status == ResponseStatus.SUBMITTED,
        )
    ).first()


# About you ------------------------------------------------------------------------------------


def area_choices(areas: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The answers to "Which area do you live in?": the six local authorities, then the
    others."""
    return [*areas, *stages.AREA_OTHER_LABELS.items()]


def save_about_you(
    response: ConsultationResponse, area_code: str | None, answers: dict[str, str | None]
) -> None:
    response.area_code = area_code or None
    response.about_you_at = utcnow()
    monitoring.save_answers(stages.MONITORING_SUBJECT, response.id, answers)


def monitoring_row(response: ConsultationResponse) -> Any:
    """The person's own saved monitoring answers, to fill in their form again."""
    return monitoring.response_for(stages.MONITORING_SUBJECT, response.id)


# Sending ----------------------------------------------------------------------------------------


class NotFinished(Exception):
    """Required questions on the path are unanswered: ``questions`` lists them."""

    def __init__(self, questions: list[Any]) -> None:
        super().__init__("Required questions are unanswered")
        self.questions = questions


def submit(response: ConsultationResponse) -> None:
    """Send the response: answers on pages off the path are deleted (and their files), and
    no emailed link opens it any more. Raises NotFinished."""
    consultation = db.session.get(Consultation, response.consultation_id)
    answers = stored_answers(response)
    missing = missing_answers(consultation, answers)
    if missing:
        raise NotFinished(missing)
    on_path = {q.id for page in path_of(consultation, answers) for q in page.questions}
    off_path = [question_id for question_id in answers if question_id not in on_path]
    if off_path:
        db.session.execute(
            delete(Answer).where(
                Answer.response_id == response.id, Answer.question_id.in_(off_path)
            )
        )
        db.session.flush()
        _drop_unused_files(response)
    response.status, response.submitted_at = ResponseStatus.SUBMITTED, utcnow()
    response.resume_secret_hash = None
    if response.entered_by_id is not None:
        record_event(
            "consultation_response_entered", object_type="consultation",
            object_id=consultation.id, channel=response.channel, response=response.id,
        )  # fmt: skip


def discard(response: ConsultationResponse) -> None:
    """Delete an unsent response (an officer abandoning one they started typing in)."""
    if response.status == ResponseStatus.DRAFT:
        monitoring.delete_answers(stages.MONITORING_SUBJECT, response.id)
        db.session.delete(response)
