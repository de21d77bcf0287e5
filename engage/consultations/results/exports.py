"""The results exports, as engage/core/exports.py sheets.

Answers: one row per submitted response, a column per question (a matrix has one per row),
each answer as typed (exports.py makes text that a spreadsheet would run as a formula safe).
Its rows are made as the file is written, from two queries read side by side in batches, so
a consultation of any size is sent without holding its answers in memory.
Never a monitoring answer, nor an email address: not the one a person gave to come back or
to hear the outcome, and not the answers to "email address" questions.

Counts: every table of the results page, suppressed exactly as the page shows it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import func, select

from engage.consultations import stages
from engage.consultations.models import Answer, ConsultationResponse
from engage.consultations.results.counts import OTHER, responses_statement
from engage.consultations.results.forms import area_label
from engage.consultations.results.tables import QuestionResult, number_text
from engage.core.db import db
from engage.core.exports import Row, Share, Sheet, StreamedSheet, Value
from engage.monitoring.api import PublishedTable

KIND = stages.QuestionKind
LEFT_OUT = {KIND.EMAIL}
LEFT_OUT_NOTE = "Answers to questions that ask for an email address are not in the export."
_BATCH = 5000


def _columns(questions: list[Any]) -> list[tuple[Any, str | None, str]]:
    """(question, matrix row or None, heading) for each answer column."""
    found = []
    for number, question in enumerate(questions, start=1):
        if question.kind in LEFT_OUT:
            continue
        if question.kind == KIND.MATRIX:
            found += [(question, row, f"{number}. {question.text}: {row}")
                      for row in question.matrix_rows]  # fmt: skip
        else:
            found.append((question, None, f"{number}. {question.text}"))
    return found


def _other(value: dict[str, Any]) -> str:
    return f"{stages.OTHER_LABEL}: {value.get('other', '')}"


def answer_value(question: Any, value: Any, row: str | None = None) -> Value:
    """One answer as a spreadsheet cell: text as typed, a number, a date, or the choices in
    words ("; " between several)."""
    if not isinstance(value, dict):
        return None
    if row is not None:
        return (value.get("rows") or {}).get(row)
    if "text" in value:
        return str(value["text"])
    if "number" in value:
        return value["number"]
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "choice" in value:
        return _other(value) if value["choice"] == OTHER else str(value["choice"])
    if "choices" in value:
        return "; ".join(_other(value) if c == OTHER else str(c) for c in value["choices"])
    if "ranking" in value:
        return "; ".join(f"{n}. {option}" for n, option in enumerate(value["ranking"], start=1))
    if "file" in value:
        return f"{value['file'].get('name', '')} ({value['file'].get('size', 0):,} bytes)"
    return None


def answers_count(consultation_id: int) -> int:
    """How many rows ``answers_sheet`` has: the submitted responses."""
    found = responses_statement(consultation_id).subquery()
    return db.session.scalar(select(func.count()).select_from(found)) or 0


def answers_sheet(consultation_id: int, questions: list[Any]) -> StreamedSheet:
    """Every submitted response's answers, a row per response made as the file is written."""
    columns = _columns(questions)
    return StreamedSheet(
        "Answers",
        ("Response", "Came in by", "Sent on", "Where they live", *(c[2] for c in columns)),
        _answer_rows(consultation_id, columns),
    )


def _answer_rows(consultation_id: int, columns: list[tuple[Any, str | None, str]]) -> Iterator[Row]:
    """Two queries read side by side in batches, as plain rows (no ORM objects): the
    responses in id order, and their answers in response order (the unique index on
    (response_id, question_id) gives that order, so nothing is sorted). One response's answers
    are held at a time."""
    counted = responses_statement(consultation_id)
    connection = db.session.connection()
    responses = connection.execute(
        select(ConsultationResponse.id, ConsultationResponse.channel,
               ConsultationResponse.submitted_at, ConsultationResponse.area_code)
        .where(ConsultationResponse.id.in_(counted))
        .order_by(ConsultationResponse.id)
        .execution_options(yield_per=_BATCH)
    )  # fmt: skip
    answers = connection.execute(
        select(Answer.response_id, Answer.question_id, Answer.value)
        .where(Answer.response_id.in_(counted))
        .order_by(Answer.response_id)
        .execution_options(yield_per=_BATCH)
    )  # fmt: skip
    cells = [(question.id, question, row) for question, row, _ in columns]
    by_response = groupby(answers, key=itemgetter(0))
    current = next(by_response, None)
    for response_id, channel, submitted_at, area_code in responses:
        given: dict[int, Any] = {}
        # Answers of a response that is not listed (sent between the two reads) are skipped.
        while current is not None and current[0] <= response_id:
            if current[0] == response_id:
                given = {question_id: value for _, question_id, value in current[1]}
            current = next(by_response, None)
        yield (
            response_id,
            stages.CHANNEL_LABELS.get(channel, channel),  # type: ignore[call-overload]
            submitted_at.date() if submitted_at else None,
            area_label(area_code) if area_code else None,
            *(answer_value(question, given.get(key), row) for key, question, row in cells),
        )  # fmt: skip


COUNT_HEADERS = (
    "Question",
    "Table",
    "Answer",
    "People",
    "Percentage of people who responded",
    "Value",
)


def _table_rows(question: str, caption: str, table: PublishedTable) -> Iterable[tuple[Value, ...]]:
    for cell in table.cells:
        count: Value = cell.count if cell.count is not None else cell.status
        share = Share(cell.percentage / 100) if cell.percentage is not None else None
        yield (question, caption, cell.label, count, share, None)
    if table.total_status != "not published":
        total = table.total if table.total is not None else table.total_status
        yield (question, caption, "Total", total, None, None)


def counts_sheet(who: str, channels: PublishedTable, results: list[QuestionResult]) -> Sheet:
    """The page's tables, one row per cell, suppressed as the page shows them. ``who``: who
    is counted, in words (the filters)."""
    sheet = Sheet("Counts", COUNT_HEADERS)
    sheet.rows.append(("Who is counted", who, None, None, None, None))
    sheet.rows.extend(_table_rows("Responses", "Responses by how they came in", channels))
    for result in results:
        name = f"{result.number}. {result.question.text}"
        for breakdown in result.breakdowns:
            sheet.rows.extend(_table_rows(name, breakdown.caption, breakdown.table))
        if result.summary is not None:
            for label, value in (("Lowest answer", result.summary.lowest),
                                 ("Median answer", result.summary.median),
                                 ("Highest answer", result.summary.highest)):  # fmt: skip
                sheet.rows.append((name, result.question.text, label, None, None,
                                   number_text(value)))  # fmt: skip
        elif result.summary_note:
            sheet.rows.append((name, result.question.text, result.summary_note, None, None,
                               None))  # fmt: skip
    return sheet
