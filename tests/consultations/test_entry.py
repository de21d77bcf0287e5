"""Officers type in paper, phone and event responses on the same question pages residents
use; each is marked with its channel and officer and counted like an online one. Residents
cannot reach any of it. Requests for another format reach the officer and can be marked
dealt with."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engage.consultations.models import FormatRequest
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import csrf_token
from tests.consultations.answer_setup import PUBLIC, answers_of, make_routed, post_page, responses
from tests.factories import UserFactory
from tests.recruitment.helpers import ensure_reference_data


def _entry(routed) -> str:
    return f"/admin/consultations/{routed.id}/responses/"


def test_an_officer_enters_a_paper_response_counted_with_its_channel(app, client, signed_in_as):
    ensure_reference_data(app)
    routed = make_routed(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
    client = signed_in_as(officer)
    begun = post_page(client, _entry(routed), {"channel": "paper"})
    first = begun.headers["Location"]
    assert re.fullmatch(rf"/admin/consultations/{routed.id}/responses/\d+/questions/\d+", first)
    page = client.get(first).page
    assert page.title.startswith("Do you use the bus?: Paper response")
    # The same checks as online: a required question is enforced.
    refused = post_page(client, first, {})
    assert "Select an answer to \u201cDo you use the bus?\u201d" in refused.page.text
    went = post_page(client, first, {f"question-{routed.questions['bus']}": "No"})
    third = went.headers["Location"]
    assert third.endswith(f"/questions/{routed.pages[2]}")  # page 2 skipped, as online
    went = post_page(client, third, {f"question-{routed.questions['journeys']}": "3"})
    went = post_page(client, went.headers["Location"], {})
    check_url = went.headers["Location"]
    assert check_url.endswith("/check")
    assert "How many journeys a week?" in client.get(check_url).page.text
    saved = post_page(client, check_url, {})
    assert saved.headers["Location"] == _entry(routed)
    listing = client.get(_entry(routed)).page
    assert "marked \u201cPaper\u201d" in listing.text

    [response] = responses(app, routed.id)
    assert (response.channel, response.status, response.entered_by_id) == (
        "paper",
        "submitted",
        officer.id,
    )
    assert answers_of(app, response.id)[routed.questions["journeys"]] == {"number": 3}
    rows = {row.split(" ")[0]: row for row in _rows(listing)}
    assert rows["Paper"].endswith("1") and rows["All"].endswith("1")
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(routed.id))
        ).all()
        assert "consultation_response_entered" in events


def _rows(page) -> list[str]:
    from tests.page import text_of

    return [" ".join(text_of(row).split()) for row in page.find_all(".govuk-summary-list__row")]


@pytest.mark.parametrize("roles", [[], ["equality_data"]])
def test_residents_cannot_reach_the_entry_pages(app, client, signed_in_as, roles):
    ensure_reference_data(app)
    routed = make_routed(app)
    with app.app_context():
        resident = UserFactory(roles=roles)
    client = signed_in_as(resident)
    token = csrf_token(client.get(f"{PUBLIC}/{routed.id}/start"))
    base = f"/admin/consultations/{routed.id}"
    assert client.get(f"{base}/responses/").status_code == 403
    assert client.get(f"{base}/requests").status_code == 403
    posted = client.post(f"{base}/responses/", data={"csrf_token": token, "channel": "paper"})
    assert posted.status_code == 403
    assert responses(app, routed.id) == []


def test_a_request_for_another_format_reaches_the_officer(app, client, signed_in_as):
    ensure_reference_data(app)
    routed = make_routed(app)
    asked = post_page(
        client,
        f"{PUBLIC}/{routed.id}/another-format",
        {"needs": ["easy_read", "language"], "details": "Polish, please",
         "contact": "07700 900123, evenings"},
    )  # fmt: skip
    assert asked.headers["Location"] == f"{PUBLIC}/{routed.id}"
    with app.app_context():
        [request] = db.session.scalars(select(FormatRequest)).all()
        assert request.needs == ["easy_read", "language"]
        message = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "consultation-format-requested")
        ).one()
        officer_email = db.session.get(UserFactory._meta.model, routed.officer_id).email
        assert message.recipient == officer_email
        assert "07700 900123" in message.body
        request_id = request.id

    with app.app_context():
        officer = db.session.get(UserFactory._meta.model, routed.officer_id)
        db.session.expunge(officer)
    staff = signed_in_as(officer)
    page = staff.get(f"/admin/consultations/{routed.id}/requests").page
    assert "Polish, please" in page.text and "Easy Read, Another language" in page.text
    done = staff.post(
        f"/admin/consultations/{routed.id}/requests/{request_id}/done",
        data={"csrf_token": csrf_token(staff.get(f"/admin/consultations/{routed.id}/requests"))},
    )
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(FormatRequest, request_id).done_at is not None
    assert (
        "Mark as dealt with"
        not in staff.get(f"/admin/consultations/{routed.id}/requests").page.text
    )


def test_a_request_for_another_format_needs_a_way_to_contact(app, client):
    ensure_reference_data(app)
    routed = make_routed(app)
    refused = post_page(client, f"{PUBLIC}/{routed.id}/another-format", {"needs": ["bsl"]})
    assert refused.status_code == 200
    assert ("Tell us how to contact you", "#contact") in refused.page.error_summary
    assert 'value="bsl" checked' in refused.get_data(as_text=True)
