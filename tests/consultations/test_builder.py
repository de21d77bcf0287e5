"""An officer builds a consultation through the pages: details, pages, questions of every
kind, routes, the route check, the preview, opening and closing."""

from __future__ import annotations

from sqlalchemy import select

from engage.consultations import stages
from engage.consultations.models import Consultation, PageRoute, Question
from engage.core.audit import AuditEvent
from engage.core.db import db
from tests.conftest import post_form
from tests.consultations.helpers import (
    BASE,
    add_page,
    add_question,
    create,
    details,
    page_ids,
    post_button,
    question_ids,
    status_of,
)

EVERY_KIND = {
    "short_text": {},
    "long_text": {},
    "single_choice": {"allows_other": ["yes"]},
    "multiple_choice": {"allows_other": ["yes"]},
    "agreement": {},
    "ranking": {"options": "Frequency\nReliability\nCost"},
    "matrix": {"options": "Good\nFair\nPoor", "matrix_rows": "Drivers\nStops"},
    "number": {},
    "date": {},
    "email": {},
    "postcode": {},
    "file": {},
}


def add_route(client, consultation_id, page_id, when: str, goes_to: str):
    return post_form(client, f"{BASE}/{consultation_id}/pages/{page_id}/routes/new",
                     {"when": when, "goes_to": goes_to})  # fmt: skip


def test_an_officer_builds_a_routed_consultation_previews_opens_and_closes_it(app, officer):
    consultation_id = create(officer)
    show = officer.get(f"{BASE}/{consultation_id}").get_data(as_text=True)
    assert "Page 1" in show and "Add a question" in show
    [first] = page_ids(app, consultation_id)
    add_question(officer, consultation_id, first)
    second = add_page(officer, consultation_id, "Your bus journeys")
    add_question(officer, consultation_id, second, text="How often?", kind="short_text")
    third = add_page(officer, consultation_id, "Anything else")
    add_question(officer, consultation_id, third, text="Tell us more", kind="long_text",
                 required="no")  # fmt: skip
    q1 = question_ids(app, consultation_id)[0]
    response = add_route(officer, consultation_id, first, f"{q1}|1", str(third))
    assert response.status_code == 302
    show = officer.get(f"{BASE}/{consultation_id}").get_data(as_text=True)
    assert "If the answer to question 1 is \u201cNo\u201d, go to page 3" in show
    assert "No problems: every page can be reached" in show

    preview = officer.get(f"{BASE}/{consultation_id}/preview/{first}").get_data(as_text=True)
    assert "Do you use the bus?" in preview and "disabled" in preview
    assert "go to page 3" in preview and "Anyone else goes to page 2" in preview
    assert f"/preview/{second}" in preview  # the next page in order
    last = officer.get(f"{BASE}/{consultation_id}/preview/{third}").get_data(as_text=True)
    assert "Everyone goes to the end (check your answers)" in last

    page = f"{BASE}/{consultation_id}"
    post_button(officer, page, f"{page}/open")
    assert status_of(app, consultation_id) == stages.OPEN
    assert "Close the consultation" in officer.get(page).get_data(as_text=True)
    post_button(officer, page, f"{page}/close")
    assert status_of(app, consultation_id) == stages.CLOSED
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert [a for a in actions if a.startswith("consultation_")] == [
        "consultation_created", "consultation_opened", "consultation_closed"
    ]  # fmt: skip
    # Closed: nothing can change, and the page offers nothing to change.
    show = officer.get(page).get_data(as_text=True)
    assert "Add a question" not in show and "Change the details" not in show
    response = post_button(officer, f"{BASE}/new", f"{page}/pages/new", heading="Late")
    assert stages.CLOSED_NOT_CHANGED in officer.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert len(page_ids(app, consultation_id)) == 3


def test_every_kind_of_question_is_saved_and_previewed_with_its_fields(app, officer):
    consultation_id = create(officer)
    [page_id] = page_ids(app, consultation_id)
    for kind, extra in EVERY_KIND.items():
        add_question(officer, consultation_id, page_id, text=f"A {kind} question",
                     kind=kind, hint=f"Hint for {kind}", **extra)  # fmt: skip
    with app.app_context():
        saved = {q.kind: q for q in db.session.scalars(select(Question))}
        assert set(saved) == set(EVERY_KIND)
        assert saved["single_choice"].allows_other and saved["multiple_choice"].allows_other
        assert saved["short_text"].options == [] and not saved["short_text"].allows_other
        assert saved["matrix"].options == ["Good", "Fair", "Poor"]
        assert saved["matrix"].matrix_rows == ["Drivers", "Stops"]
        assert saved["ranking"].options == ["Frequency", "Reliability", "Cost"]
    html = officer.get(f"{BASE}/{consultation_id}/preview/{page_id}").get_data(as_text=True)
    for kind in EVERY_KIND:
        assert f"A {kind} question" in html and f"Hint for {kind}" in html
    assert 'type="email"' in html and 'type="file"' in html and "govuk-date-input" in html
    assert 'autocomplete="postal-code"' in html and "<textarea" in html
    assert stages.OTHER_LABEL in html and "Strongly disagree" in html
    assert "Drivers" in html and "Stops" in html and "<select" in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>")[0]  # nothing to send


def test_the_question_form_refuses_choices_without_enough_options(app, officer):
    consultation_id = create(officer)
    [page_id] = page_ids(app, consultation_id)
    url = f"{BASE}/{consultation_id}/pages/{page_id}/questions/new"
    from tests.consultations.helpers import question

    cases = [
        (question(options="Only one"), "Enter at least 2 options"),
        (question(options="Yes\nYes"), "Each option must be different"),
        (
            question(kind="matrix", options="Good\nPoor", matrix_rows=""),
            "Enter at least 1 grid row",
        ),
        (question(options=f"Yes\n{stages.OTHER_LABEL}"), "tick the box below"),
        (question(text=""), "Enter the question"),
        (question(kind="poem"), "Choose the kind of answer from the list"),
    ]
    for data, message in cases:
        html = post_form(officer, url, data).get_data(as_text=True)
        assert message in html, message
        assert "govuk-error-summary" in html
    assert question_ids(app, consultation_id) == []


def test_a_route_offers_only_its_pages_single_choice_answers_and_later_pages(app, officer):
    consultation_id = create(officer)
    [first] = page_ids(app, consultation_id)
    second = add_page(officer, consultation_id)
    add_question(officer, consultation_id, second, text="Second page choice")
    add_question(officer, consultation_id, first, text="Your name", kind="short_text")
    html = officer.get(f"{BASE}/{consultation_id}/pages/{first}/routes/new").get_data(as_text=True)
    assert "has none. Add one to the page first" in html
    add_question(officer, consultation_id, first, text="First page choice")
    html = officer.get(f"{BASE}/{consultation_id}/pages/{second}/routes/new").get_data(as_text=True)
    assert "Question 3 is \u201cYes\u201d" in html and "Page 1" not in html
    name_id, choice_id, _ = question_ids(app, consultation_id)
    # Forged choices are refused: another page's question, a question that is not a single
    # choice, a page that is not later.
    for when, goes_to in ((f"{name_id}|0", "end"), (f"{choice_id}|0", str(first)),
                          (f"{choice_id}|7", "end")):  # fmt: skip
        html = add_route(officer, consultation_id, first, when, goes_to).get_data(as_text=True)
        assert "from the list" in html
    assert add_route(officer, consultation_id, first, f"{choice_id}|0", "end").status_code == 302
    again = add_route(officer, consultation_id, first, f"{choice_id}|0", str(second))
    assert stages.ROUTE_EXISTS in officer.get(again.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PageRoute.answer)) == "Yes"


def test_opening_is_refused_while_a_page_cannot_be_reached(app, officer):
    consultation_id = create(officer)
    [first] = page_ids(app, consultation_id)
    add_question(officer, consultation_id, first)
    second = add_page(officer, consultation_id)
    add_question(officer, consultation_id, second, text="Skipped by everyone", kind="number")
    third = add_page(officer, consultation_id)
    add_question(officer, consultation_id, third, text="Last", kind="long_text")
    [choice, *_] = question_ids(app, consultation_id)
    add_route(officer, consultation_id, first, f"{choice}|0", str(third))
    add_route(officer, consultation_id, first, f"{choice}|1", "end")
    page = f"{BASE}/{consultation_id}"
    html = officer.get(page).get_data(as_text=True)
    assert "Page 2 cannot be reached" in html and "Open the consultation" not in html
    response = post_button(officer, page, f"{page}/open")
    assert response.status_code == 302 and status_of(app, consultation_id) == stages.DRAFT
    html = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "cannot open until the problems listed here are fixed" in html
    assert "Page 2 cannot be reached" in html


def test_opening_is_refused_without_dates_or_questions(app, officer):
    consultation_id = create(officer, opens_on=["", "", ""], closes_on=["", "", ""])
    page = f"{BASE}/{consultation_id}"
    html = officer.get(page).get_data(as_text=True)
    for problem in (stages.NO_OPENING_DATE, stages.NO_CLOSING_DATE, stages.NO_QUESTIONS,
                    "Page 1 has no questions"):  # fmt: skip
        assert problem in html
    post_button(officer, page, f"{page}/open")
    assert status_of(app, consultation_id) == stages.DRAFT


def test_the_details_form_checks_dates_and_keeps_what_was_typed(app, officer):
    today_parts = details()["opens_on"]
    html = post_form(officer, f"{BASE}/new", details(
        title="Kept <title>", closes_on=["1", "1", "2020"], opens_on=today_parts,
    )).get_data(as_text=True)  # fmt: skip
    assert stages.CLOSES_BEFORE_OPENING in html and "Kept &lt;title&gt;" in html
    html = post_form(officer, f"{BASE}/new", details(opens_on=["31", "2", "2027"]))
    assert "must be a real date" in html.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Consultation.id)) is None
    consultation_id = create(officer)
    response = post_form(officer, f"{BASE}/{consultation_id}/edit", details(title="Renamed"))
    assert response.status_code == 302
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        assert consultation.title == "Renamed"
        assert [a.code for a in consultation.local_authorities] == ["E08000012"]


def test_pages_and_questions_move_and_delete(app, officer):
    consultation_id = create(officer)
    [first] = page_ids(app, consultation_id)
    add_question(officer, consultation_id, first, text="Q-one", kind="short_text")
    add_question(officer, consultation_id, first, text="Q-two", kind="short_text")
    second = add_page(officer, consultation_id, "Second")
    add_question(officer, consultation_id, second, text="Q-three")
    page = f"{BASE}/{consultation_id}"
    one, two, three = question_ids(app, consultation_id)
    post_button(officer, page, f"{page}/questions/{one}/move", direction="down")
    assert question_ids(app, consultation_id) == [two, one, three]
    post_button(officer, page, f"{page}/questions/{one}/move", direction="down")  # to page 2
    with app.app_context():
        assert db.session.get(Question, one).page_id == second
    assert question_ids(app, consultation_id) == [two, one, three]
    post_button(officer, page, f"{page}/pages/{second}/move", direction="up")
    assert page_ids(app, consultation_id) == [second, first]
    assert question_ids(app, consultation_id) == [one, three, two]
    # A route into the page being deleted goes with it (never becoming "go to the end").
    add_route(officer, consultation_id, second, f"{three}|0", str(first))
    confirm = officer.get(f"{page}/pages/{first}/delete").get_data(as_text=True)
    assert "Delete page 2?" in confirm and "1 route from other pages" in confirm
    post_button(officer, f"{page}/pages/{first}/delete", f"{page}/pages/{first}/delete")
    assert page_ids(app, consultation_id) == [second]
    assert question_ids(app, consultation_id) == [one, three]
    with app.app_context():
        assert db.session.scalar(select(PageRoute.id)) is None
    post_button(officer, f"{page}/questions/{one}/delete", f"{page}/questions/{one}/delete")
    assert question_ids(app, consultation_id) == [three]
