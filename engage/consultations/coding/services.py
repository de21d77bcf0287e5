"""Which answers of a consultation are free text to code, and reading them with their themes:
the questions, the answers (only from submitted responses), their text, counts by theme and
the export sheets. Never the respondent's email address or monitoring answers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select

from engage.consultations import stages
from engage.consultations.models import Answer, ConsultationResponse, Question, QuestionPage
from engage.core import themes
from engage.core.db import db
from engage.core.exports import Sheet

OWNER = "consultation"
ITEM = "consultation_answer"
TEXT_KINDS = (stages.QuestionKind.SHORT_TEXT, stages.QuestionKind.LONG_TEXT)
EXPORT_BATCH = 1_000


@dataclass(frozen=True)
class CodedQuestion:
    """A question with free text to code, numbered as the builder numbers it."""

    id: int
    number: int
    text: str
    kind: str

    @property
    def other_only(self) -> bool:
        """Only the "Other, please say" text of a choice question is coded."""
        return self.kind not in TEXT_KINDS


def codeframe(consultation_id: int) -> themes.Codeframe | None:
    return themes.get_codeframe(OWNER, consultation_id)


def codeframe_for(consultation_id: int) -> themes.Codeframe:
    return themes.codeframe_for(OWNER, consultation_id)


def coded_questions(consultation_id: int) -> list[CodedQuestion]:
    """The consultation's text questions, and its choice questions that offer "Other,
    please say", in the order residents see them (one query)."""
    rows = db.session.execute(
        select(Question.id, Question.text, Question.kind, Question.allows_other)
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(QuestionPage.consultation_id == consultation_id)
        .order_by(QuestionPage.position, Question.position, Question.id)
    )
    found = []
    for number, (question_id, text, kind, allows_other) in enumerate(rows, start=1):
        if kind in TEXT_KINDS or (allows_other and stages.may_offer_other(kind)):
            found.append(CodedQuestion(question_id, number, text, kind))
    return found


def _other_typed() -> Any:
    return func.coalesce(Answer.value["other"].as_string(), "") != ""


def answers_statement(question: CodedQuestion, columns: tuple[Any, ...] = ()) -> Select:
    """The question's codable answers from submitted responses, oldest first: whole answers,
    or ``columns`` (``Answer.id`` for a subquery of ids)."""
    statement = (
        select(*(columns or (Answer,)))
        .join(ConsultationResponse, ConsultationResponse.id == Answer.response_id)
        .where(
            Answer.question_id == question.id,
            ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
        )
        .order_by(Answer.id)
    )
    return statement.where(_other_typed()) if question.other_only else statement


def all_answers_statement(consultation_id: int, questions: list[CodedQuestion]) -> Select:
    """(answer id, question id) of every codable answer of the consultation."""
    text_ids = [q.id for q in questions if not q.other_only]
    other_ids = [q.id for q in questions if q.other_only]
    return (
        select(Answer.id, Answer.question_id)
        .join(ConsultationResponse, ConsultationResponse.id == Answer.response_id)
        .where(
            ConsultationResponse.consultation_id == consultation_id,
            ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
            or_(
                Answer.question_id.in_(text_ids),
                Answer.question_id.in_(other_ids) & _other_typed(),
            ),
        )
    )


def uncoded(frame: themes.Codeframe | None) -> Any:
    """A condition: the answer has no theme yet."""
    return ~themes.is_coded(frame, ITEM, Answer.id)


def answer_text(value: Any) -> str:
    """What the resident typed: a text answer's text, or a choice's "Other" text."""
    if isinstance(value, dict):
        return str(value.get("text") or value.get("other") or "")
    return "" if value is None else str(value)


def get_answer(question: CodedQuestion, answer_id: Any) -> Answer | None:
    """The answer, only if it is one of the question's codable answers."""
    try:
        wanted = int(answer_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(answers_statement(question).where(Answer.id == wanted))


@dataclass(frozen=True)
class QuestionCounts:
    answers: int
    coded: int

    @property
    def not_coded(self) -> int:
        return self.answers - self.coded


def question_counts(
    consultation_id: int, frame: themes.Codeframe | None, questions: list[CodedQuestion]
) -> dict[int, QuestionCounts]:
    """Each question's number of codable answers and of coded ones (two queries)."""
    items = all_answers_statement(consultation_id, questions)
    chosen = items.subquery()
    rows = db.session.execute(
        select(chosen.c.question_id, func.count()).group_by(chosen.c.question_id)
    )
    totals = {question_id: count for question_id, count in rows}
    coded = themes.coded_by_group(frame, ITEM, items)
    return {q.id: QuestionCounts(totals.get(q.id, 0), coded.get(q.id, 0)) for q in questions}


def theme_counts(
    consultation_id: int, frame: themes.Codeframe | None, questions: list[CodedQuestion]
) -> dict[tuple[Any, int], int]:
    """{(question id, theme id): answers coded to it}, in one query."""
    items = all_answers_statement(consultation_id, questions)
    return themes.counts_by_group_and_theme(frame, ITEM, items)


# Exports ----------------------------------------------------------------------------------------


def counts_sheet(consultation_id: int) -> Sheet:
    frame = codeframe(consultation_id)
    questions = coded_questions(consultation_id)
    totals = question_counts(consultation_id, frame, questions)
    counts = theme_counts(consultation_id, frame, questions)
    sheet = Sheet(
        "Theme counts",
        ("Question number", "Question", "Theme", "Answers coded to it", "Answers to the question"),
    )
    frame_themes = list(frame.themes) if frame else []
    for question in questions:
        total = totals[question.id]
        for theme in frame_themes:
            sheet.rows.append((question.number, question.text, theme.label,
                               counts.get((question.id, theme.id), 0), total.answers))  # fmt: skip
        sheet.rows.append(
            (question.number, question.text, "Not coded yet", total.not_coded, total.answers)
        )
    return sheet


def _batches(statement: Select) -> Iterator[list[Answer]]:
    last = 0
    while True:
        batch = list(db.session.scalars(statement.where(Answer.id > last).limit(EXPORT_BATCH)))
        if not batch:
            return
        yield batch
        last = batch[-1].id


def answers_sheet(consultation_id: int) -> Sheet:
    """Every codable answer with its themes and note, a thousand answers a batch."""
    frame = codeframe(consultation_id)
    sheet = Sheet(
        "Coded answers",
        ("Answer", "Question number", "Question", "Answer text", "Themes", "Analyst's note"),
    )
    for question in coded_questions(consultation_id):
        for batch in _batches(answers_statement(question)):
            coding = themes.coding_for(frame, ITEM, [answer.id for answer in batch])
            for answer in batch:
                found = coding[answer.id]
                sheet.rows.append((answer.id, question.number, question.text,
                                   answer_text(answer.value), "; ".join(found.labels),
                                   found.note.text if found.note else ""))  # fmt: skip
    return sheet
