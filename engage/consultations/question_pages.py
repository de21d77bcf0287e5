"""Drawing a page of questions and checking what it sent, and the check-your-answers rows:
shared by the residents' pages (answer/) and officers entering a paper, phone or event
response (entry/), so both draw and check the questions alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import render_template, request

from engage.consultations import answering, stages
from engage.consultations.answer_values import PageAnswers, raw_from, read_page, words_for
from engage.consultations.models import Consultation, ConsultationResponse, QuestionPage


class Errors:
    """Problems in the shape base.html's error summary reads (``form.errors``): each links to
    its field's id."""

    _fields: dict[str, Any] = {}

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors


@dataclass
class PageLinks:
    action: str  # where the form posts
    back: str  # the back link
    back_text: str
    caption: str  # above the heading (the consultation, or the channel)
    can_save: bool  # "Save and come back later"


def read(response: ConsultationResponse, page: QuestionPage) -> PageAnswers:
    return read_page(page, request.form, request.files, answering.stored_answers(response))


def save(response: ConsultationResponse, page: QuestionPage, found: PageAnswers) -> None:
    answering.save_page(response, page, dict(found.values), found.uploads)


def draw(
    consultation: Consultation,
    response: ConsultationResponse,
    page: QuestionPage,
    links: PageLinks,
    found: PageAnswers | None = None,
) -> str:
    """The page, filled in with the saved answers, or with what was sent and its problems."""
    stored = answering.stored_answers(response)
    if found is None:
        raw: dict[str, list[str]] = {}
        for question in page.questions:
            raw.update(raw_from(question, stored.get(question.id)))
        errors: dict[int, tuple[str, str]] = {}
    else:
        raw, errors = found.raw, found.errors
    files = {q.id: stored.get(q.id) for q in page.questions if q.kind == stages.QuestionKind.FILE}
    path = answering.path_of(consultation, stored)
    number = path.index(page) + 1 if page in path else page.position
    return render_template(
        "consultations/answer/page.html",
        consultation=consultation,
        page=page,
        number=number,
        raw=raw,
        errors={question_id: message for question_id, (_anchor, message) in errors.items()},
        form=Errors({anchor: [message] for anchor, message in errors.values()}) if errors else None,
        files=files,
        links=links,
        stages=stages,
        has_file=any(q.kind == stages.QuestionKind.FILE for q in page.questions),
    )


@dataclass
class Row:
    question: Any
    words: list[str]


@dataclass
class PageRows:
    page: QuestionPage
    number: int
    rows: list[Row]


def check_rows(consultation: Consultation, response: ConsultationResponse) -> list[PageRows]:
    """The answers on the path, page by page (answers on pages off the path are left out:
    they are deleted when the response is sent)."""
    stored = answering.stored_answers(response)
    return [
        PageRows(
            page=page,
            number=number,
            rows=[Row(q, words_for(q, stored.get(q.id))) for q in page.questions],
        )
        for number, page in enumerate(answering.path_of(consultation, stored), start=1)
    ]
