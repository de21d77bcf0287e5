"""A resident answers a routed consultation page by page with the test client: routing skips
exactly the right pages, check your answers lists only the pages on the path, answers on
pages off the path are dropped when the response is sent, and the answers are stored in the
agreed shape."""

from __future__ import annotations

from engage.consultations import stages
from engage.core.db import db
from engage.monitoring.api import response_for
from tests.consultations.answer_setup import (
    PUBLIC,
    answers_of,
    make_routed,
    post_page,
    responses,
    start,
)
from tests.consultations.helpers import LIVERPOOL
from tests.page import text_of
from tests.recruitment.helpers import ensure_reference_data


def test_answering_no_skips_page_two_and_the_answers_are_stored_in_shape(app, client):
    ensure_reference_data(app)
    routed = make_routed(app, title="Getting to hospital by bus")
    shown = client.get(f"{PUBLIC}/{routed.id}").page
    assert shown.h1 == "Getting to hospital by bus"
    assert "Start now" in shown.text
    started = start(client, routed, email="", website="")
    assert started.headers["Location"] == routed.page_url(1)

    went = post_page(client, routed.page_url(1), {routed.field("bus"): "No"})
    assert went.headers["Location"] == routed.page_url(3)  # page 2 skipped
    # Page 2 is off the path: opening it sends the resident on to where they are.
    assert client.get(routed.page_url(2)).headers["Location"] == routed.page_url(3)

    went = post_page(
        client,
        routed.page_url(3),
        {routed.field("on_time"): "Agree", routed.field("journeys"): "12"},
    )
    assert went.headers["Location"] == routed.page_url(4)
    went = post_page(
        client,
        routed.page_url(4),
        {
            routed.field("help"): ["More buses", stages.OTHER],
            routed.field("help", "other"): "Later buses at night",
            routed.field("last", "day"): "3",
            routed.field("last", "month"): "2",
            routed.field("last", "year"): "2026",
            routed.field("postcode"): "l31by",
        },
    )
    assert went.headers["Location"] == f"{PUBLIC}/{routed.id}/about-you"
    went = post_page(
        client, f"{PUBLIC}/{routed.id}/about-you", {"area": LIVERPOOL, "sex": "female"}
    )
    assert went.headers["Location"] == f"{PUBLIC}/{routed.id}/check"

    check = client.get(f"{PUBLIC}/{routed.id}/check").page
    keys = [text_of(key) for key in check.find_all(".govuk-summary-list__key")]
    assert "Do you use the bus?" in keys
    assert "Which bus route do you use most?" not in keys
    assert "The buses are on time" in keys and "Your postcode" in keys
    assert "L3 1BY" in check.text
    assert "Liverpool" in check.text

    sent = post_page(client, f"{PUBLIC}/{routed.id}/check", {})
    assert sent.headers["Location"] == f"{PUBLIC}/{routed.id}/sent"
    assert client.get(sent.headers["Location"]).page.h1 == "Your response has been sent"

    [response] = responses(app, routed.id)
    assert response.status == "submitted" and response.channel == "online"
    assert response.area_code == LIVERPOOL
    q = routed.questions
    assert answers_of(app, response.id) == {
        q["bus"]: {"choice": "No"},
        q["on_time"]: {"choice": "Agree"},
        q["journeys"]: {"number": 12},
        q["help"]: {"choices": ["More buses", stages.OTHER], "other": "Later buses at night"},
        q["last"]: {"date": "2026-02-03"},
        q["postcode"]: {"text": "L3 1BY"},
    }
    with app.app_context():
        saved = response_for(stages.MONITORING_SUBJECT, response.id)
        assert saved is not None and saved.sex == "female"
        db.session.rollback()
    # Sent: the pages no longer open for this browser.
    assert client.get(routed.page_url(1)).headers["Location"] == f"{PUBLIC}/{routed.id}"


def test_answers_on_pages_left_off_the_path_are_dropped_when_sent(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    start(client, routed)
    assert post_page(client, routed.page_url(1), {routed.field("bus"): "Yes"}).headers[
        "Location"
    ] == routed.page_url(2)
    post_page(client, routed.page_url(2), {routed.field("route"): "The 10A"})
    post_page(client, routed.page_url(3), {routed.field("journeys"): "4"})
    post_page(client, routed.page_url(4), {})
    post_page(client, f"{PUBLIC}/{routed.id}/about-you", {})
    assert "The 10A" in client.get(f"{PUBLIC}/{routed.id}/check").page.text

    # Change the first answer to No: page 2 leaves the path; the other pages are answered,
    # so the resident goes straight back to check their answers.
    changed = post_page(client, routed.page_url(1, change=1), {routed.field("bus"): "No"})
    assert changed.headers["Location"] == f"{PUBLIC}/{routed.id}/check"
    check = client.get(f"{PUBLIC}/{routed.id}/check").page
    assert "The 10A" not in check.text
    assert "Which bus route do you use most?" not in check.text

    [draft] = responses(app, routed.id)
    assert routed.questions["route"] in answers_of(app, draft.id)  # kept until it is sent
    post_page(client, f"{PUBLIC}/{routed.id}/check", {})
    kept = answers_of(app, draft.id)
    assert routed.questions["route"] not in kept
    assert kept[routed.questions["bus"]] == {"choice": "No"}
    assert kept[routed.questions["journeys"]] == {"number": 4}


def test_required_and_invalid_answers_give_messages_and_keep_what_was_typed(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    start(client, routed)
    refused = post_page(client, routed.page_url(1), {})
    assert refused.status_code == 200
    page = refused.page
    assert page.title.startswith("Error:")
    assert page.error_summary == [
        ("Select an answer to \u201cDo you use the bus?\u201d", f"#{routed.field('bus')}")
    ]
    post_page(client, routed.page_url(1), {routed.field("bus"): "No"})

    refused = post_page(client, routed.page_url(3), {routed.field("journeys"): "twelve"})
    assert refused.status_code == 200
    assert refused.page.field_error(routed.field("journeys")) is not None
    assert 'value="twelve"' in refused.get_data(as_text=True)
    post_page(client, routed.page_url(3), {})

    refused = post_page(
        client,
        routed.page_url(4),
        {
            routed.field("help"): [stages.OTHER],
            routed.field("last", "day"): "31",
            routed.field("last", "month"): "2",
            routed.field("last", "year"): "2027",
            routed.field("postcode"): "nowhere",
        },
    )
    assert refused.status_code == 200
    summary = dict(refused.page.error_summary)
    assert "Say what your other answer to \u201cWhat would help?\u201d is" in summary
    assert (
        "Your answer to \u201cWhen did you last travel?\u201d must be a real date, like 27 3 2027"
        in summary
    )
    assert "Enter a real postcode, like L3 1BY" in summary
    assert summary["Enter a real postcode, like L3 1BY"] == f"#{routed.field('postcode')}"
    html = refused.get_data(as_text=True)
    assert 'value="nowhere"' in html and 'value="31"' in html
    # Nothing on the page was saved.
    [draft] = responses(app, routed.id)
    assert routed.questions["postcode"] not in answers_of(app, draft.id)


def test_a_required_question_can_wait_when_saving_but_not_when_sending(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    start(client, routed)
    post_page(client, routed.page_url(1), {routed.field("bus"): "Yes"})
    saved = post_page(client, routed.page_url(2), {"action": "save"})
    assert saved.headers["Location"] == f"{PUBLIC}/{routed.id}/save"
    [draft] = responses(app, routed.id)
    assert routed.questions["route"] not in answers_of(app, draft.id)

    # Sending from check your answers (reached by hand) is refused, back to the question.
    refused = post_page(client, f"{PUBLIC}/{routed.id}/about-you", {})
    assert refused.headers["Location"] == f"{PUBLIC}/{routed.id}/check"
    check = client.get(f"{PUBLIC}/{routed.id}/check")
    from tests.conftest import csrf_token

    sent = client.post(f"{PUBLIC}/{routed.id}/check", data={"csrf_token": csrf_token(check)})
    assert sent.headers["Location"] == routed.page_url(2)
    assert responses(app, routed.id)[0].status == "draft"
    page = client.get(routed.page_url(2)).page
    assert "Answer \u201cWhich bus route do you use most?\u201d before you send" in page.text
