"""Theme coding of a consultation's free-text answers, through the officer's pages: the
codeframe (add, change, delete a theme), coding answers to several themes with a note, counts
by theme, the "not coded yet" filter, exports, and who may use it. The shared functions are
tested in tests/core/test_themes.py."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.themes import AnalystNote, Theme, ThemeCode
from tests.conftest import csrf_token, post_form
from tests.factories.consultations import (
    AnswerFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
    QuestionPageFactory,
)

SECRET_EMAIL = "hidden.respondent@example.org"


@dataclass
class Coded:
    consultation_id: int
    text_question_id: int
    choice_question_id: int
    answer_ids: list[int]  # the long-answer question's, from sent responses, in order
    other_answer_id: int  # the choice question's "Other" answer
    draft_answer_id: int

    @property
    def base(self) -> str:
        return f"/admin/consultations/{self.consultation_id}/themes"

    @property
    def text_page(self) -> str:
        return f"{self.base}/questions/{self.text_question_id}"


def make_consultation(app: Flask, texts: list[str] | None = None) -> Coded:
    texts = (
        texts
        if texts is not None
        else [
            "The 10A never comes on time.",
            "Fares are too high for my family.",
            "I do not feel safe at the bus station at night.",
        ]
    )
    with app.app_context():
        consultation = ConsultationFactory(title="Buses to hospital", status="open")
        page = QuestionPageFactory(consultation_id=consultation.id, position=1)
        choice = QuestionFactory(
            page_id=page.id,
            position=1,
            options=["Bus", "Car"],
            allows_other=True,
            text="How do you travel?",
        )
        text = QuestionFactory(
            page_id=page.id,
            position=2,
            kind="long_text",
            options=[],
            text="What would make the bus better?",
        )
        answer_ids = []
        for index, typed in enumerate(texts):
            response = ConsultationResponseFactory(
                consultation_id=consultation.id, email=SECRET_EMAIL if index == 0 else ""
            )
            answer_ids.append(
                AnswerFactory(
                    response_id=response.id, question_id=text.id, value={"text": typed}
                ).id
            )
            chosen = {"choice": "Bus"}
            if index == 0:
                chosen = {"choice": "__other__", "other": "Community transport minibus"}
            last = AnswerFactory(response_id=response.id, question_id=choice.id, value=chosen)
            if index == 0:
                other_answer_id = last.id
        draft = ConsultationResponseFactory(
            consultation_id=consultation.id, status="draft", submitted_at=None
        )
        draft_answer = AnswerFactory(
            response_id=draft.id, question_id=text.id, value={"text": "A draft nobody sent"}
        )
        return Coded(
            consultation.id, text.id, choice.id, answer_ids, other_answer_id, draft_answer.id
        )


@pytest.fixture
def coded(app) -> Coded:
    return make_consultation(app)


def add_theme(client, coded: Coded, label: str, description: str = "") -> int:
    response = post_form(client, f"{coded.base}/new", {"label": label, "description": description})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with client.application.app_context():
        return db.session.scalar(select(Theme.id).where(Theme.label == label))


def code_answer(
    client,
    coded: Coded,
    answer_id: int,
    theme_ids: list[int],
    note: str = "",
    url: str | None = None,
):
    url = url or coded.text_page
    token = csrf_token(client.get(url))
    prefix = f"answer-{answer_id}"
    return client.post(
        url,
        data={
            "csrf_token": token,
            "answer": str(answer_id),
            f"{prefix}-themes": [str(t) for t in theme_ids],
            f"{prefix}-note": note,
        },
    )


def count_cell(html: str, caption_id: str, label: str) -> str:
    """The first number in ``label``'s row of the table captioned ``caption_id``."""
    return row_numbers(html, caption_id, label)[0]


def theme_row(html: str, label: str) -> str:
    """The codeframe's row (on the theme coding page) of the theme called ``label``."""
    row = re.search(rf"<dt[^>]*>{re.escape(label)}</dt>(.*?)</div>", html, re.DOTALL)
    assert row, f"no theme {label!r} in the codeframe"
    return row.group(1)


def row_numbers(html: str, caption_id: str, label: str) -> list[str]:
    """The numbers in ``label``'s row of the table captioned ``caption_id``."""
    table = html[html.index(f'id="{caption_id}"') :]
    table = table[: table.index("</table>")]
    row = re.search(rf">{re.escape(label)}</th>(.*?)</tr>", table, re.DOTALL)
    assert row, f"no row {label!r} in {caption_id}"
    return re.findall(r'--numeric">([\d,]+)</td>', row.group(1))


def test_an_officer_codes_an_answer_to_two_themes_and_the_counts_update(app, officer, coded):
    fares = add_theme(officer, coded, "Fares", "Cost of tickets and passes")
    safety = add_theme(officer, coded, "Safety")
    page = officer.get(coded.text_page).get_data(as_text=True)
    assert count_cell(page, "counts-caption", "Fares") == "0"
    assert count_cell(page, "counts-caption", "Not coded yet") == "3"
    first = coded.answer_ids[0]
    assert re.search(rf"<legend[^>]*>\s*Themes for answer {first}\s*</legend>", page)

    response = code_answer(officer, coded, first, [fares, safety], "Mentions the night bus too")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#answer-{first}")
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Answer {first} is coded to: Fares, Safety." in page
    assert count_cell(page, "counts-caption", "Fares") == "1"
    assert count_cell(page, "counts-caption", "Safety") == "1"
    assert count_cell(page, "counts-caption", "Not coded yet") == "2"
    assert "1 of 3 answers are coded." in page
    assert "Mentions the night bus too</textarea>" in page
    code_answer(officer, coded, coded.answer_ids[1], [fares])
    index = officer.get(f"{coded.base}/").get_data(as_text=True)
    assert "2 answers coded to it" in theme_row(index, "Fares")
    assert row_numbers(index, "counts-caption", "Safety") == ["0", "1"]  # questions 1 and 2
    answered_coded_not = r"<td[^>]*>3</td>\s*<td[^>]*>2</td>\s*<td[^>]*>1</td>"
    assert re.search(r"make the bus better\?</a></th>\s*" + answered_coded_not, index)

    # Ticking a different set replaces it; the note stays until changed.
    code_answer(officer, coded, first, [safety], "Mentions the night bus too")
    with app.app_context():
        themes_of_first = db.session.scalars(
            select(ThemeCode.theme_id).where(ThemeCode.item_id == first)
        ).all()
        assert themes_of_first == [safety]
        note = db.session.scalar(select(AnalystNote))
        assert (note.item_id, note.text) == (first, "Mentions the night bus too")
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("theme_codes_set") == 3
    assert actions.count("analyst_note_saved") == 1


def test_only_sent_answers_and_other_texts_are_listed_without_email(app, officer, coded):
    page = officer.get(coded.text_page).get_data(as_text=True)
    assert "The 10A never comes on time." in page
    assert "A draft nobody sent" not in page
    assert f"answer-{coded.draft_answer_id}-themes" not in page
    assert "hidden.respondent@example.org" not in page
    assert "Showing 1 to 3 of 3 answers" in page

    index = officer.get(f"{coded.base}/").get_data(as_text=True)
    assert "Question 1: How do you travel?" in index
    assert "Question 2: What would make the bus better?" in index
    other = officer.get(f"{coded.base}/questions/{coded.choice_question_id}")
    other_page = other.get_data(as_text=True)
    assert "Community transport minibus" in other_page
    assert "Showing 1 to 1 of 1 answer" in other_page  # the choices of "Bus" are not free text

    # The draft's answer cannot be coded by posting its id.
    with app.app_context():
        theme_id = add_theme(officer, coded, "Fares")
    response = code_answer(officer, coded, coded.draft_answer_id, [theme_id])
    assert response.status_code == 302
    assert "not among this question" in officer.get(response.headers["Location"]).get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.scalar(select(ThemeCode.id)) is None


def test_the_not_coded_yet_filter_and_a_page_of_answers(app, officer):
    coded = make_consultation(app, [f"Answer text {n}" for n in range(23)])
    fares = add_theme(officer, coded, "Fares")
    code_answer(officer, coded, coded.answer_ids[0], [fares])
    first_page = officer.get(coded.text_page).get_data(as_text=True)
    assert "Showing 1 to 20 of 23 answers" in first_page
    second = officer.get(f"{coded.text_page}?page=2").get_data(as_text=True)
    assert "Answer text 22" in second and "Answer text 1<" not in second
    uncoded = officer.get(f"{coded.text_page}?show=not-coded").get_data(as_text=True)
    assert "Showing 1 to 20 of 22 answers not coded yet" in uncoded
    assert "Answer text 0<" not in uncoded
    assert 'aria-current="page">Not coded yet (22)' in uncoded
    # Coding from the filtered list goes back to it, where the answer has gone.
    url = f"{coded.text_page}?show=not-coded"
    response = code_answer(officer, coded, coded.answer_ids[1], [fares], url=url)
    assert response.headers["Location"].endswith("?show=not-coded")
    assert "Showing 1 to 20 of 21 answers not coded yet" in officer.get(url).get_data(as_text=True)


def test_mistakes_are_shown_on_the_form_with_what_was_typed(app, officer, coded):
    add_theme(officer, coded, "Fares")
    duplicate = post_form(officer, f"{coded.base}/new", {"label": "fares", "description": "x"})
    html = duplicate.get_data(as_text=True)
    assert duplicate.status_code == 200
    assert "There is already a theme called “Fares”" in html
    assert 'href="#label"' in html and 'value="fares"' in html
    empty = post_form(officer, f"{coded.base}/new", {"label": "  ", "description": ""})
    assert "Enter the theme&#39;s name" in empty.get_data(as_text=True)

    first = coded.answer_ids[0]
    response = code_answer(officer, coded, first, [99999], "Kept after the mistake")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A theme you ticked is no longer in the codeframe" in html
    assert f'href="#answer-{first}-themes"' in html  # the error summary links to the field
    assert "Kept after the mistake</textarea>" in html
    too_long = code_answer(officer, coded, first, [], "x" * 5001)
    assert "The note must be 5,000 characters or fewer" in too_long.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ThemeCode.id)) is None
        assert db.session.scalar(select(AnalystNote.id)) is None


def test_changing_and_deleting_a_theme(app, officer, coded):
    fares = add_theme(officer, coded, "Fares")
    safety = add_theme(officer, coded, "Safety")
    code_answer(officer, coded, coded.answer_ids[0], [fares, safety])
    code_answer(officer, coded, coded.answer_ids[1], [fares])
    edit = f"{coded.base}/{fares}/edit"
    assert 'value="Fares"' in officer.get(edit).get_data(as_text=True)
    response = post_form(
        officer, edit, {"label": "Cost of travel", "description": "", "position": "2"}
    )
    assert response.status_code == 302
    index = officer.get(f"{coded.base}/").get_data(as_text=True)
    assert index.index(">Safety</dt>") < index.index(">Cost of travel</dt>")
    assert "2 answers coded to it" in theme_row(index, "Cost of travel")

    delete = f"{coded.base}/{fares}/delete"
    page = officer.get(delete)
    assert "2 answers are coded to this theme" in page.get_data(as_text=True)
    token = csrf_token(page)
    code_answer(officer, coded, coded.answer_ids[2], [fares])  # a third since the page
    stale = officer.post(delete, data={"csrf_token": token, "confirmed_count": "2"})
    assert stale.status_code == 302
    assert "has changed to 3" in officer.get(stale.headers["Location"]).get_data(as_text=True)
    page = officer.get(delete)
    done = officer.post(delete, data={"csrf_token": csrf_token(page), "confirmed_count": "3"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(Theme, fares) is None
        assert db.session.scalars(select(ThemeCode.theme_id)).all() == [safety]
    assert officer.get(edit).status_code == 404


def test_hostile_text_is_shown_escaped(app, officer):
    typed = '<script>alert("x")</script> & O\'Brien'
    coded = make_consultation(app, [typed])
    theme_id = add_theme(officer, coded, typed, typed)
    code_answer(officer, coded, coded.answer_ids[0], [theme_id], typed)
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; O&#39;Brien"
    for url in (f"{coded.base}/", coded.text_page, f"{coded.base}/{theme_id}/delete"):
        html = officer.get(url).get_data(as_text=True)
        assert "<script>alert" not in html
        assert escaped in html, url


def test_exports_open_with_the_counts_and_the_coded_answers(app, officer, coded):
    fares = add_theme(officer, coded, "Fares")
    safety = add_theme(officer, coded, "Safety")
    code_answer(officer, coded, coded.answer_ids[0], [fares, safety], "=HYPERLINK(1)")
    code_answer(officer, coded, coded.answer_ids[1], [fares])

    counts = officer.get(f"{coded.base}/counts.csv")
    assert counts.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(counts.get_data().decode("utf-8-sig"))))
    assert rows[0] == [
        "Question number",
        "Question",
        "Theme",
        "Answers coded to it",
        "Answers to the question",
    ]
    text_rows = {row[2]: row[3:] for row in rows[1:] if row[0] == "2"}
    assert text_rows == {"Fares": ["2", "3"], "Safety": ["1", "3"], "Not coded yet": ["1", "3"]}

    answers = officer.get(f"{coded.base}/answers.xlsx")
    sheet = load_workbook(io.BytesIO(answers.get_data())).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == [
        "Answer",
        "Question number",
        "Question",
        "Answer text",
        "Themes",
        "Analyst's note",
    ]
    by_answer = {row[0]: row for row in table[1:]}
    first = by_answer[coded.answer_ids[0]]
    assert first[3:] == ["The 10A never comes on time.", "Fares; Safety", "'=HYPERLINK(1)"]
    # An empty cell reads back as None.
    assert by_answer[coded.other_answer_id][3:] == ["Community transport minibus", None, None]
    assert coded.draft_answer_id not in by_answer
    assert len(by_answer) == 4  # three long answers and one "Other"
    for url in (f"{coded.base}/counts.xlsx", f"{coded.base}/answers.csv"):
        response = officer.get(url)
        assert response.status_code == 200
        content = response.get_data()
        assert b"hidden.respondent" not in content
    with app.app_context():
        exported = db.session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "themes_exported")
        ).all()
    assert len(exported) == 4


def test_two_officers_coding_the_same_answer_at_once_is_not_a_500(app, officer, coded, monkeypatch):
    """The database's unique constraint refuses the second of two simultaneous codings; the
    officer is told, and nothing half-saved is kept."""
    from sqlalchemy.exc import IntegrityError

    from engage.core import themes

    fares = add_theme(officer, coded, "Fares")

    def clash(*args, **kwargs):
        raise IntegrityError("INSERT INTO theme_code", {}, Exception("unique"))

    monkeypatch.setattr(themes, "set_item_themes", clash)
    response = code_answer(officer, coded, coded.answer_ids[0], [fares], "A note")
    assert response.status_code == 302
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Someone else saved themes for this answer at the same moment" in page
    with app.app_context():
        assert db.session.scalar(select(AnalystNote)) is None
