"""Every other kind of question on one page: ranking (a select per option), a grid (a radio
group per row), long text, email, a single choice with "Other, please say", and a file
upload; each stored in the agreed shape, each refused with a message when wrong."""

from __future__ import annotations

import io

from sqlalchemy import select

from engage.consultations import stages
from engage.consultations.models import AnswerFile
from engage.core.db import db
from tests.consultations.answer_setup import PUBLIC, answers_of, post_page, responses
from tests.factories.consultations import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.page import text_of
from tests.recruitment.helpers import ensure_reference_data


def _consultation(app):
    with app.app_context():
        consultation = ConsultationFactory(status="open")
        page = QuestionPageFactory(
            consultation_id=consultation.id, position=1, heading="Your views"
        )
        made = {
            "rank": QuestionFactory(page_id=page.id, position=1, kind="ranking",
                                    options=["Price", "Speed", "Comfort"], text="Put in order"),
            "grid": QuestionFactory(page_id=page.id, position=2, kind="matrix",
                                    options=["Good", "Poor"], matrix_rows=["Buses", "Trains"],
                                    text="Rate each"),
            "long": QuestionFactory(page_id=page.id, position=3, kind="long_text", options=[],
                                    required=False, text="Anything else?"),
            "email": QuestionFactory(page_id=page.id, position=4, kind="email", options=[],
                                     required=False, text="Your work email"),
            "pick": QuestionFactory(page_id=page.id, position=5, allows_other=True,
                                    options=["Bus", "Train"], text="How do you travel?"),
            "file": QuestionFactory(page_id=page.id, position=6, kind="file", options=[],
                                    required=False, text="Upload your evidence"),
        }  # fmt: skip
        return consultation.id, page.id, {name: q.id for name, q in made.items()}


def test_every_kind_is_drawn_checked_and_stored(app, client):
    ensure_reference_data(app)
    consultation_id, page_id, q = _consultation(app)
    post_page(client, f"{PUBLIC}/{consultation_id}/start", {})
    url = f"{PUBLIC}/{consultation_id}/questions/{page_id}"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert page.page.title.startswith("Your views")
    # A select per option to rank, in a fieldset; a radio group (fieldset) per grid row.
    assert len(page.page.find_all(f"select[name^=question-{q['rank']}-rank-]")) == 3
    assert len(page.page.find_all("fieldset")) >= 4
    # "Other" has its box after the options, not revealed by its radio (a conditional reveal
    # puts aria-expanded on the radio, which ARIA does not allow).
    assert "data-aria-controls" not in html and "govuk-radios__conditional" not in html
    [other_label] = page.page.find_all(f"label[for=question-{q['pick']}-other]")
    assert text_of(other_label) == "If you chose \u201cOther, please say\u201d, say what"

    wrong = post_page(
        client,
        url,
        {
            f"question-{q['rank']}-rank-1": "1", f"question-{q['rank']}-rank-2": "1",
            f"question-{q['rank']}-rank-3": "2",
            f"question-{q['grid']}-row-1": "Good",
            f"question-{q['email']}": "not an email",
            f"question-{q['pick']}": stages.OTHER,
        },
    )  # fmt: skip
    assert wrong.status_code == 200
    summary = dict(wrong.page.error_summary)
    assert summary[
        "Give each option in \u201cPut in order\u201d a different number from 1 to 3"
    ] == (f"#question-{q['rank']}-rank-1")
    assert summary["Answer every row of \u201cRate each\u201d"] == f"#question-{q['grid']}-row-2"
    assert "Enter an email address in the correct format, like name@example.com" in summary
    assert "Say what your other answer to \u201cHow do you travel?\u201d is" in summary
    for anchor in summary.values():
        assert wrong.page.by_id(anchor[1:]) is not None, anchor

    bad_file = post_page(
        client, url,
        {f"question-{q['file']}": (io.BytesIO(b"<html>not a pdf</html>"), "evidence.pdf")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert "The selected file is not a real PDF file" in bad_file.page.text

    good = post_page(
        client,
        url,
        {
            f"question-{q['rank']}-rank-1": "2", f"question-{q['rank']}-rank-2": "3",
            f"question-{q['rank']}-rank-3": "1",
            f"question-{q['grid']}-row-1": "Good", f"question-{q['grid']}-row-2": "Poor",
            f"question-{q['long']}": "Line one\nLine two",
            f"question-{q['email']}": "ria@example.org",
            f"question-{q['pick']}": stages.OTHER, f"question-{q['pick']}-other": "Ferry",
            f"question-{q['file']}": (io.BytesIO(b"My evidence"), "evidence.txt"),
        },
        content_type="multipart/form-data",
    )  # fmt: skip
    assert good.headers["Location"] == f"{PUBLIC}/{consultation_id}/about-you"
    [draft] = responses(app, consultation_id)
    stored = answers_of(app, draft.id)
    assert stored[q["rank"]] == {"ranking": ["Comfort", "Price", "Speed"]}
    assert stored[q["grid"]] == {"rows": {"Buses": "Good", "Trains": "Poor"}}
    assert stored[q["long"]] == {"text": "Line one\nLine two"}
    assert stored[q["email"]] == {"text": "ria@example.org"}
    assert stored[q["pick"]] == {"choice": stages.OTHER, "other": "Ferry"}
    file_answer = stored[q["file"]]["file"]
    assert file_answer["name"] == "evidence.txt" and file_answer["size"] == 11
    with app.app_context():
        kept = db.session.scalars(select(AnswerFile)).one()
        assert (kept.key, kept.content) == (file_answer["key"], b"My evidence")

    # Going back keeps every answer in the form, and the file unless another is chosen.
    again = client.get(url)
    html = again.get_data(as_text=True)
    assert "You have uploaded evidence.txt" in html
    assert 'value="Ferry"' in html
    kept_file = post_page(
        client, url,
        {f"question-{q['rank']}-rank-1": "1", f"question-{q['rank']}-rank-2": "2",
         f"question-{q['rank']}-rank-3": "3",
         f"question-{q['grid']}-row-1": "Good", f"question-{q['grid']}-row-2": "Good",
         f"question-{q['pick']}": "Bus"},
    )  # fmt: skip
    assert kept_file.status_code == 302
    stored = answers_of(app, draft.id)
    assert stored[q["file"]]["file"]["key"] == file_answer["key"]
    assert q["long"] not in stored  # left blank this time: no answer
    check = client.get(f"{PUBLIC}/{consultation_id}/check").page.text
    assert "1. Price" in check and "Buses: Good" in check and "evidence.txt" in check
