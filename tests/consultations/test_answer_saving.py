"""Save and come back later: the emailed link reopens the draft where the resident stopped
(only the newest link works, and none once the response is sent); a signed-in resident's
draft is kept on their account. Also the honeypot, and a closed consultation refusing
answers, GET and POST."""

from __future__ import annotations

import re
from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select

from engage.consultations.models import Consultation
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import csrf_token, sign_in
from tests.consultations.answer_setup import PUBLIC, make_routed, post_page, responses, start
from tests.recruitment.helpers import ensure_reference_data


def _links(app) -> list[str]:
    with app.app_context():
        bodies = db.session.scalars(
            select(OutboxMessage.body)
            .where(OutboxMessage.kind == "consultation-response-saved")
            .order_by(OutboxMessage.id)
        ).all()
    return [re.search(r"http://localhost(/consultations/resume/\S+)", b).group(1) for b in bodies]


def _save(client: FlaskClient, routed, page: int, data: dict, email: str):
    saved = post_page(client, routed.page_url(page), {**data, "action": "save"})
    assert saved.headers["Location"] == f"{PUBLIC}/{routed.id}/save"
    return post_page(client, f"{PUBLIC}/{routed.id}/save", {"email": email})


def test_the_emailed_link_reopens_the_draft_where_it_stopped_and_only_the_newest_works(app):
    ensure_reference_data(app)
    routed = make_routed(app)
    first = app.test_client()
    start(first, routed)
    post_page(first, routed.page_url(1), {routed.field("bus"): "No"})
    sent = _save(first, routed, 3, {routed.field("journeys"): "5"}, "ria@example.org")
    assert sent.status_code == 200
    assert "We have sent a link to ria@example.org" in sent.page.text
    [old_link] = _links(app)

    # Another device: the link opens the first page not yet answered (page 4).
    other = app.test_client()
    opened = other.get(old_link)
    assert opened.headers["Location"] == routed.page_url(4)
    assert 'value="5"' in other.get(routed.page_url(3)).get_data(as_text=True)

    # A second link replaces the first.
    _save(other, routed, 4, {}, "ria@example.org")
    old, new = _links(app)
    assert old == old_link
    third = app.test_client()
    refused = third.get(old_link)
    assert refused.status_code == 200 and refused.page.h1 == "This link does not work"
    assert third.get(routed.page_url(1)).headers["Location"] == f"{PUBLIC}/{routed.id}"
    # Page 4 was saved, so the newest link opens "about you".
    assert third.get(new).headers["Location"] == f"{PUBLIC}/{routed.id}/about-you"

    # Once sent, no link opens the response again.
    post_page(third, f"{PUBLIC}/{routed.id}/check", {})
    assert responses(app, routed.id)[0].status == "submitted"
    fourth = app.test_client()
    assert fourth.get(new).page.h1 == "This link does not work"
    assert fourth.get(routed.page_url(1)).headers["Location"] == f"{PUBLIC}/{routed.id}"


def test_a_signed_in_residents_draft_is_kept_on_their_account(app, make_user, signed_in_as):
    ensure_reference_data(app)
    routed = make_routed(app)
    resident = make_user()
    client = signed_in_as(resident)
    start(client, routed)
    saved = post_page(client, routed.page_url(1), {routed.field("bus"): "No", "action": "save"})
    shown = client.get(saved.headers["Location"])
    assert "Your answers are kept on your account" in shown.page.text
    [draft] = responses(app, routed.id)
    assert draft.user_id == resident.id and draft.resume_secret_hash is None

    again = app.test_client()  # another device: no draft in its session
    assert sign_in(again, resident.email).status_code == 302
    page = again.get(f"{PUBLIC}/{routed.id}").page
    assert "Continue your response" in page.text
    assert "Your unfinished responses" in again.get(f"{PUBLIC}/").page.text
    assert again.get(f"{PUBLIC}/{routed.id}/start").headers["Location"] == routed.page_url(3)


def test_a_filled_in_honeypot_is_quietly_not_kept(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    went = post_page(
        client, f"{PUBLIC}/{routed.id}/start", {"email": "", "website": "http://spam.example"}
    )
    assert went.headers["Location"] == f"{PUBLIC}/{routed.id}/sent"
    assert client.get(went.headers["Location"]).page.h1 == "Your response has been sent"
    assert responses(app, routed.id) == []
    # The honeypot is hidden from people and out of the tab order, with a label.
    html = client.get(f"{PUBLIC}/{routed.id}/start").get_data(as_text=True)
    assert re.search(r'aria-hidden="true">\s*<div class="govuk-form-group">\s*<label', html)
    assert 'tabindex="-1"' in html and "Leave this blank" in html


def _close(app, consultation_id: int, **changes) -> None:
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for name, value in changes.items():
            setattr(consultation, name, value)
        db.session.commit()


def test_a_closed_consultation_refuses_answers_get_and_post(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    start(client, routed)
    page = client.get(routed.page_url(1))
    token = csrf_token(page)
    _close(app, routed.id, status="closed")

    shown = client.get(f"{PUBLIC}/{routed.id}").page
    assert "This consultation has closed" in shown.text
    assert "Start now" not in shown.text
    for url in (f"{PUBLIC}/{routed.id}/start", routed.page_url(1), f"{PUBLIC}/{routed.id}/check"):
        assert client.get(url).headers["Location"] == f"{PUBLIC}/{routed.id}", url
    posted = client.post(routed.page_url(1), data={"csrf_token": token, routed.field("bus"): "No"})
    assert posted.headers["Location"] == f"{PUBLIC}/{routed.id}"
    sent = client.post(f"{PUBLIC}/{routed.id}/check", data={"csrf_token": token})
    assert sent.headers["Location"] == f"{PUBLIC}/{routed.id}"
    [draft] = responses(app, routed.id)
    assert draft.status == "draft"
    from tests.consultations.answer_setup import answers_of

    assert answers_of(app, draft.id) == {}


def test_an_open_consultation_past_its_closing_date_refuses_answers(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    _close(
        app, routed.id, opens_on=uk_today() - timedelta(days=9),
        closes_on=uk_today() - timedelta(days=1),
    )  # fmt: skip
    assert "Start now" not in client.get(f"{PUBLIC}/{routed.id}").page.text
    assert client.get(f"{PUBLIC}/{routed.id}/start").status_code == 302
    assert responses(app, routed.id) == []


def test_draft_consultations_are_not_public(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    _close(app, routed.id, status="draft")
    assert client.get(f"{PUBLIC}/{routed.id}").status_code == 404
    assert client.get(f"{PUBLIC}/{routed.id}/start").status_code == 404
    assert "Bus travel" not in client.get(f"{PUBLIC}/").page.text
