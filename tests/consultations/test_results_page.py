"""The results page: counts and percentages through disclosure control, filters by area and
monitoring group, the threshold for small groups, who may see it, and its queries."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from engage.consultations.models import Question
from engage.core.audit import AuditEvent
from engage.core.db import db
from tests.consultations.results_data import (
    LIVERPOOL,
    WIRRAL,
    full_answers,
    make_consultation,
    respond,
)
from tests.factories.consultations import QuestionFactory
from tests.panels.helpers import login

DISABLED = {"long_term_condition": "yes", "day_to_day_limited": "a_lot"}


def url(consultation_id: int, **args: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return f"/admin/consultations/{consultation_id}/results/" + (f"?{query}" if query else "")


def _made(app, yes: int = 11, no: int = 1):
    with app.app_context():
        made = make_consultation()
        for index in range(yes):
            respond(made, full_answers(choice="Yes", number=index),
                    monitoring=DISABLED if index < 10 else None)  # fmt: skip
        for _ in range(no):
            respond(made, full_answers(choice="No"), area_code=WIRRAL, channel="paper",
                    monitoring=DISABLED)  # fmt: skip
        respond(made, full_answers(choice="No"), status="draft")
    return made


def _text(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_counts_and_percentages_with_small_numbers_suppressed(app, officer):
    made = _made(app)
    response = officer.get(url(made.consultation_id))
    assert response.status_code == 200
    text = _text(response)
    # 12 sent (the draft not counted): 11 "Yes" shown with its percentage, 1 "No" suppressed.
    assert "Yes 11 91.7%" in text
    assert "No fewer than 10 not shown" in text
    assert "Total 12 100%" in text
    assert "Online 11 91.7%" in text and "Paper fewer than 10" in text
    # The chart says the same, with a bar only for the count that is shown.
    assert "Yes : 11 people, 91.7%" in text
    assert "No : fewer than 10 people" in text
    html = response.get_data(as_text=True)
    assert 'width="91.67"' in html
    # A number question's lowest, middle and highest, with 10 or more answers.
    assert "Lowest answer 0" in text and "Highest answer 10" in text


def test_the_percentage_of_a_suppressed_count_is_never_shown(app, officer):
    made = _made(app, yes=15, no=5)
    text = _text(officer.get(url(made.consultation_id)))
    assert "No fewer than 10 not shown" in text
    assert "25.0%" not in text  # 5 of 20


def test_a_filtered_group_under_the_threshold_is_not_shown(app, officer):
    made = _made(app)
    text = _text(officer.get(url(made.consultation_id, area=WIRRAL)))
    assert "Fewer than 10 people in this group responded" in text
    assert "Counted: living in Wirral." in text
    assert "Yes 11" not in text and "91.7%" not in text


def test_filter_by_area(app, officer):
    made = _made(app, no=3)
    with app.app_context():
        respond(made, full_answers(choice="No"), area_code=LIVERPOOL, channel="phone")
    text = _text(officer.get(url(made.consultation_id, area=LIVERPOOL)))
    assert "Counted: living in Liverpool." in text
    assert "Yes 11 91.7%" in text and "Total 12 100%" in text


@pytest.fixture
def analyst(app, make_user):
    """An officer with the equality data role, who may filter by monitoring group."""
    return login(app, make_user(roles=["officer", "equality_data"]))


def test_only_the_equality_data_role_filters_by_monitoring_group(app, officer):
    made = _made(app)
    page = officer.get(url(made.consultation_id, group="disability:disabled"))
    text = _text(page)
    assert "Counted: Everyone who responded." in text
    assert 'name="group"' not in page.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()


def test_filter_by_monitoring_group_is_recorded(app, analyst):
    made = _made(app)
    text = _text(analyst.get(url(made.consultation_id, group="disability:disabled")))
    assert "Counted: Disabled people." in text
    assert "Yes 10 90.9%" in text and "Total 11 100%" in text
    # Each lowest or highest answer is one person's: not shown for a monitoring group.
    assert "Lowest answer" not in text
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).one()
        assert "Disabled people" in event.details["what"]


def test_an_unknown_filter_is_an_error_not_a_500(app, analyst):
    made = _made(app)
    response = analyst.get(url(made.consultation_id, group="nonsense"))
    assert response.status_code == 200
    assert "Choose a group from the list" in response.get_data(as_text=True)


def test_only_officers(app, make_user, client):
    made = _made(app)
    resident = login(app, make_user())
    assert resident.get(url(made.consultation_id)).status_code == 403
    assert resident.get(f"{url(made.consultation_id)}answers.csv").status_code == 403
    assert resident.get(f"{url(made.consultation_id)}counts.xlsx").status_code == 403
    assert client.get(url(made.consultation_id)).status_code in (302, 401)


def test_unknown_consultation_is_404(app, officer):
    assert officer.get(url(99999)).status_code == 404


def _queries(app, client, address: str) -> int:
    statements = []
    with app.app_context():
        engine = db.engine

    def seen(*args):
        statements.append(args[2])

    client.get(address)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert client.get(address).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return len(statements)


def test_the_same_queries_at_two_sizes(app, analyst):
    made = _made(app)
    small = _queries(app, analyst, url(made.consultation_id))
    filtered_small = _queries(app, analyst, url(made.consultation_id, group="disability:disabled"))
    with app.app_context():
        for index in range(40):
            respond(made, full_answers(choice="No", number=index), monitoring=DISABLED)
    assert _queries(app, analyst, url(made.consultation_id)) == small
    filtered = _queries(app, analyst, url(made.consultation_id, group="disability:disabled"))
    assert filtered == filtered_small
    assert small <= 10


def _long(app, extra: int = 4):
    """The handmade consultation with ``extra`` more questions: 12 in all, two pages."""
    with app.app_context():
        made = make_consultation()
        page_id = db.session.get(Question, made.questions["single_choice"]).page_id
        last = max(db.session.get(Question, q).position for q in made.questions.values())
        for number in range(1, extra + 1):
            made.questions[f"extra{number}"] = QuestionFactory(
                page_id=page_id, position=last + number, kind="single_choice",
                text=f"Extra question {number}", options=["Yes", "No"],
            ).id  # fmt: skip
        db.session.commit()
        for _ in range(12):
            answers = full_answers(choice="Yes")
            answers.update({f"extra{n}": {"choice": "No"} for n in range(1, extra + 1)})
            respond(made, answers)
    return made


def test_a_long_survey_shows_ten_questions_a_page_numbered_throughout(app, analyst):
    made = _long(app)
    first = _text(analyst.get(url(made.consultation_id, area=LIVERPOOL)))
    assert "Showing questions 1 to 10 of 12" in first
    assert "1. Do you use the bus?" in first and "Extra question 2" in first
    assert "Extra question 3" not in first
    html = analyst.get(url(made.consultation_id, area=LIVERPOOL)).get_data(as_text=True)
    # The next page keeps the filter.
    assert re.search(r'href="[^"]*results/\?[^"]*area=E08000012[^"]*page=2"', html) or re.search(
        r'href="[^"]*results/\?[^"]*page=2[^"]*area=E08000012"', html
    )
    second = _text(analyst.get(url(made.consultation_id, area=LIVERPOOL, page="2")))
    assert "Showing questions 11 to 12 of 12" in second
    assert "11. Extra question 3" in second and "12. Extra question 4" in second
    assert "Extra question 2" not in second
    # Both pages count everyone the filter says, and a page past the end shows the last.
    assert "Counted: living in Liverpool" in second
    assert "Showing questions 11 to 12 of 12" in _text(
        analyst.get(url(made.consultation_id, page="9"))
    )


def test_the_counts_export_has_every_question_whatever_the_page(app, officer):
    made = _long(app)
    response = officer.get(f"/admin/consultations/{made.consultation_id}/results/counts.csv?page=2")
    text = response.get_data(as_text=True)
    assert "1. Do you use the bus?" in text and "12. Extra question 4" in text


def test_a_short_survey_has_no_pages_of_questions(app, officer):
    made = _made(app)
    text = _text(officer.get(url(made.consultation_id)))
    assert "Showing questions" not in text
