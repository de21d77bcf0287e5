"""Once anyone has sent a response, a consultation's pages, questions and routes are locked:
every change is refused on POST (whatever the page offered), the buttons are gone, and the
forms' pages send the officer back with the reason. An open consultation's changes must keep
its routes working."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engage.consultations import stages
from engage.consultations.models import PageRoute, Question, QuestionPage
from engage.core.db import db
from tests.consultations.helpers import BASE, page_ids, post_button, question, status_of
from tests.factories.consultations import (
    ConsultationFactory,
    ConsultationResponseFactory,
    PageRouteFactory,
    QuestionFactory,
    QuestionPageFactory,
)


def built(app, status: str = "draft") -> dict[str, int]:
    """Two pages, a Yes/No question on the first, a route from "No" to the end."""
    with app.app_context():
        consultation = ConsultationFactory(status=status)
        first = QuestionPageFactory(consultation_id=consultation.id, position=1)
        second = QuestionPageFactory(consultation_id=consultation.id, position=2)
        QuestionFactory(page_id=second.id, position=1, kind="short_text", options=[])
        choice = QuestionFactory(page_id=first.id, position=1)
        route = PageRouteFactory(question_id=choice.id, page_id=first.id, answer="No")
        return {"consultation": consultation.id, "first": first.id, "second": second.id,
                "question": choice.id, "route": route.id}  # fmt: skip


def shape(app) -> tuple:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(QuestionPage.id))),
            sorted(
                (q.id, q.page_id, q.position, q.text, q.kind)
                for q in db.session.scalars(select(Question))
            ),
            db.session.scalar(select(func.count(PageRoute.id))),
        )


def every_change(ids: dict[str, int]) -> list[tuple[str, dict]]:
    base = f"{BASE}/{ids['consultation']}"
    first, q = f"{base}/pages/{ids['first']}", f"{base}/questions/{ids['question']}"
    return [
        (f"{base}/pages/new", {"heading": "More"}),
        (f"{first}/edit", {"heading": "Renamed"}),
        (f"{first}/move", {"direction": "down"}),
        (f"{first}/delete", {}),
        (f"{first}/questions/new", question("Another")),
        (f"{q}/edit", question("Changed", kind="short_text")),
        (f"{q}/move", {"direction": "down"}),
        (f"{q}/delete", {}),
        (f"{first}/routes/new", {"when": f"{ids['question']}|0", "goes_to": "end"}),
        (f"{first}/routes/{ids['route']}/delete", {}),
    ]


@pytest.mark.parametrize("status", ["draft", "open"])
def test_a_submitted_response_locks_every_change_to_pages_questions_and_routes(
    app, officer, status
):
    ids = built(app, status)
    page = f"{BASE}/{ids['consultation']}"
    before = shape(app)
    with app.app_context():
        ConsultationResponseFactory(consultation_id=ids["consultation"], status="submitted")
    html = officer.get(page).get_data(as_text=True)
    assert stages.QUESTIONS_LOCKED in html
    for offered in ("Add a page", "Add a question", "Add a route", "Move up", "Move down",
                    "Delete this route", "Change heading"):  # fmt: skip
        assert offered not in html, offered
    for url, data in every_change(ids):
        response = post_button(officer, f"{BASE}/new", url, **data)
        assert response.status_code == 302, url
        shown = officer.get(response.headers["Location"]).get_data(as_text=True)
        assert stages.QUESTIONS_LOCKED in shown, url
        assert shape(app) == before, url
    # The forms' own pages send the officer back with the reason.
    for url, _ in every_change(ids):
        if not url.endswith(("/move", f"/routes/{ids['route']}/delete")):
            response = officer.get(url)
            assert response.status_code == 302, url
            shown = officer.get(response.headers["Location"]).get_data(as_text=True)
            assert stages.QUESTIONS_LOCKED in shown, url


def test_a_draft_response_does_not_lock_the_questions(app, officer):
    ids = built(app)
    with app.app_context():
        ConsultationResponseFactory(consultation_id=ids["consultation"], status="draft")
    response = post_button(officer, f"{BASE}/new", f"{BASE}/{ids['consultation']}/pages/new",
                           heading="More")  # fmt: skip
    assert response.status_code == 302
    assert len(page_ids(app, ids["consultation"])) == 3


def test_an_open_consultation_refuses_a_change_that_breaks_its_routes(app, officer):
    ids = built(app, "open")
    with app.app_context():  # "Yes" skips to page 2 (which it would reach anyway)
        PageRouteFactory(question_id=ids["question"], page_id=ids["first"], answer="Yes",
                         goes_to_page_id=ids["second"])  # fmt: skip
    before = shape(app)
    base = f"{BASE}/{ids['consultation']}"
    # Page 2 moved first would make page 1's route go backwards; options without "No" would
    # leave the "No" route naming an answer nobody can give.
    for url, data in (
        (f"{base}/pages/{ids['second']}/move", {"direction": "up"}),
        (f"{base}/questions/{ids['question']}/edit", question("Yes or no?", options="Si\nNon")),
    ):
        response = post_button(officer, f"{BASE}/new", url, **data)
        shown = officer.get(response.headers["Location"]).get_data(as_text=True)
        assert "would leave the open consultation’s routes broken" in shown.replace(
            "&#39;", "’"
        ).replace("'", "’"), url
        assert shape(app) == before
    # A change that keeps the routes working is allowed while nobody has answered.
    post_button(officer, f"{BASE}/new", f"{base}/pages/new", heading="Extra")
    assert len(page_ids(app, ids["consultation"])) == 3
    assert status_of(app, ids["consultation"]) == "open"
