"""The answers export is streamed (rows made as the file is written): it has exactly the
cells the whole sheet built at once had, for every kind of answer, hostile text, responses
with no answers and responses that are not counted."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import event, select

from engage.consultations import stages
from engage.consultations.models import Answer, ConsultationResponse, QuestionPage
from engage.consultations.results.counts import OTHER, questions_of, responses_statement
from engage.consultations.results.exports import _columns, answer_value
from engage.consultations.results.forms import area_label
from engage.core.db import db
from engage.core.exports import Sheet, to_csv, to_xlsx
from tests.consultations.results_data import WIRRAL, full_answers, make_consultation, respond
from tests.factories.consultations import QuestionFactory

BASE = "/admin/consultations/{}/results/answers.{}"
HOSTILE = [
    '=HYPERLINK("http://evil.example")',
    "\t=1+1",
    " +SUM(A1)",
    "@cmd",
    '-2, "quoted", and a comma',
    "two\r\nlines",
    "bell\x07 and Siobhán’s 😀",
]


def _old_answers_sheet(consultation_id: int, questions: list[Any]) -> Sheet:
    """The export as it was built before it streamed: every answer in a dict, then the rows."""
    columns = _columns(questions)
    sheet = Sheet(
        "Answers",
        ("Response", "Came in by", "Sent on", "Where they live", *(c[2] for c in columns)),
    )
    responses = db.session.execute(
        select(ConsultationResponse.id, ConsultationResponse.channel,
               ConsultationResponse.submitted_at, ConsultationResponse.area_code)
        .where(ConsultationResponse.id.in_(responses_statement(consultation_id)))
        .order_by(ConsultationResponse.id)
    ).all()  # fmt: skip
    answers: dict[int, dict[int, Any]] = {response_id: {} for response_id, *_ in responses}
    for response_id, question_id, value in db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.value).where(
            Answer.response_id.in_(responses_statement(consultation_id))
        )
    ):
        answers[response_id][question_id] = value
    for response_id, channel, submitted_at, area_code in responses:
        given = answers[response_id]
        sheet.rows.append((
            response_id,
            stages.CHANNEL_LABELS.get(channel, channel),
            submitted_at.date() if submitted_at else None,
            area_label(area_code) if area_code else None,
            *(answer_value(question, given.get(question.id), row) for question, row, _ in columns),
        ))  # fmt: skip
    return sheet


def _made(app) -> tuple[int, Sheet, dict[str, int]]:
    """A consultation with every kind of answer, and the sheet the old code made of it."""
    with app.app_context():
        made = make_consultation()
        page_id = db.session.scalar(
            select(QuestionPage.id).where(QuestionPage.consultation_id == made.consultation_id)
        )
        for kind in ("date", "file", "short_text", "postcode"):
            made.questions[kind] = QuestionFactory(
                page_id=page_id, kind=kind, text=f"The {kind}", options=[]
            ).id
        extra = {
            "date": {"date": "2026-03-27"},
            "file": {"file": {"name": "plan.pdf", "size": 123456}},
            "postcode": {"text": "L1 8JQ"},
        }
        ids = {"empty first": respond(made, {}, channel="phone", area_code=None)}
        for index in range(3):
            respond(made, {**full_answers(number=index + 0.5), **extra})
        for index, text in enumerate(HOSTILE):
            hostile = {
                "short_text": {"text": text},
                "single_choice": {"choice": OTHER, "other": text},
                "multiple_choice": {"choices": ["Taxi", OTHER], "other": f"Bike {index}"},
                "ranking": {"ranking": ["Comfort", "Price"]},
            }
            respond(made, {**full_answers(text=text, rows={"Seats": "Good"}), **hostile},
                    channel="paper", area_code=WIRRAL)  # fmt: skip
        ids["empty between"] = respond(made, {}, channel="event")
        respond(made, full_answers(text="A draft, not sent"), status="draft")
        other = make_consultation()
        respond(other, full_answers(text="Another consultation's answer"))
        ids["empty last"] = respond(made, {})
        old = _old_answers_sheet(made.consultation_id, questions_of(made.consultation_id))
    return made.consultation_id, old, ids


def test_streamed_csv_is_exactly_the_old_whole_file(app, officer):
    consultation_id, old, _ids = _made(app)
    response = officer.get(BASE.format(consultation_id, "csv"), buffered=False)
    assert response.status_code == 200 and response.is_streamed
    response.get_data()  # read whole (ending the request), then checked below
    response.close()
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="consultation-{consultation_id}-answers.csv"'
    )
    assert len(old.rows) == 3 + len(HOSTILE) + 3  # the draft and the other consultation left out
    assert response.get_data() == to_csv(old)
    text = response.get_data().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'\t=1+1" in text and "' +SUM(A1)" in text
    assert "plan.pdf (123,456 bytes)" in text and "2026-03-27" in text


def test_responses_with_no_answers_keep_their_rows(app, officer):
    consultation_id, old, ids = _made(app)
    rows = {row[0]: row for row in old.rows}
    for name, channel in (("empty first", "Phone"), ("empty between", "At an event"),
                          ("empty last", "Online")):  # fmt: skip
        assert rows[ids[name]][1] == channel
        assert set(rows[ids[name]][4:]) == {None}
    first = rows[ids["empty first"]]
    assert first[3] is None  # no area given
    last = rows[ids["empty last"]]
    lines = officer.get(BASE.format(consultation_id, "csv")).get_data().decode("utf-8-sig")
    empty_answers = "," * (len(old.headers) - 4)
    assert lines.splitlines()[-1] == f"{last[0]},Online,{last[2].isoformat()},Liverpool" + (
        empty_answers
    )


def test_streamed_xlsx_has_the_same_cells(app, officer):
    consultation_id, old, _ids = _made(app)
    response = officer.get(BASE.format(consultation_id, "xlsx"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert int(response.headers["Content-Length"]) == len(response.get_data())
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    was = load_workbook(io.BytesIO(to_xlsx([old]))).active
    assert sheet.title == "Answers"
    assert list(sheet.values) == list(was.values)
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["C2"].number_format == "yyyy-mm-dd"


def test_the_headings_leave_before_any_answer_is_read(app, officer):
    consultation_id, old, _ids = _made(app)
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    response = officer.get(BASE.format(consultation_id, "csv"), buffered=False)
    chunks = iter(response.response)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        first = next(chunks)
        assert first == to_csv(Sheet(old.title, old.headers))  # the BOM and the headings
        assert not any("consultation_answer" in statement for statement in statements)
        rest = b"".join(chunks)
        assert any("consultation_answer" in statement for statement in statements)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
        response.close()
    assert first + rest == to_csv(old)
