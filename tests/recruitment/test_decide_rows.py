"""The lead officer's ranking and interview schedule, whose rows are written in Python
(engage/recruitment/decide/rows.py): what each row says, the schedule's working Remove
button, and hostile text shown back exactly."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from engage.core.db import db, utcnow
from engage.core.pagination import Page
from engage.recruitment.decide.rows import ranking_rows_html
from engage.recruitment.decide.services import OverviewRow
from engage.recruitment.models import SHORTLISTED, InterviewSlot, RecruitmentRound
from tests.conftest import post_form
from tests.recruitment.helpers import submitted_application
from tests.recruitment.test_decide import add_slot, closed_round, holding, login

HOSTILE = "<script>alert(1)</script> & \"quotes\" 'too'"


@pytest.fixture
def lead(make_user):
    return make_user(roles=["officer"], full_name="Lee Lead")


def test_rows_say_who_booked_and_a_free_time_can_be_removed(app, lead):
    round_id = closed_round(app, lead)
    reference = submitted_application(
        app,
        round_id,
        full_name=HOSTILE,
        email="h@example.org",
        status=SHORTLISTED,
        access_needs=["bsl", "other"],
        access_needs_other=HOSTILE,
    )
    booked = add_slot(app, round_id, days=5, where=HOSTILE)
    free = add_slot(app, round_id, days=6, where="Mann Island")
    client = holding(app, reference)
    post_form(
        client,
        f"/applications/{reference}/interview",
        {"slot": str(booked), "share_access_needs": "yes"},
    )
    url = f"/admin/decisions/rounds/{round_id}/interviews"
    page = login(app, lead).get(url).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)[1:]
    assert len(rows) == 2
    booked_row, free_row = rows
    assert unescape(HOSTILE) in unescape(booked_row)  # the place, name and need, escaped
    assert unescape(booked_row).count(HOSTILE) == 3
    assert "A British Sign Language (BSL) interpreter" in booked_row
    assert '<td class="govuk-table__cell">Yes</td>' in booked_row
    assert "Remove" not in booked_row
    assert "Free" in free_row and f"/interviews/{free}/remove" in free_row

    # The row's own form removes the time: its address and CSRF token work as they are.
    client = login(app, lead)
    page = client.get(url).get_data(as_text=True)
    action, token = re.search(
        r'<form action="([^"]+/remove)" method="post" novalidate>'
        r'<input type="hidden" name="csrf_token" value="([^"]+)">',
        page,
    ).groups()
    assert client.post(action, data={"csrf_token": token}).status_code == 302
    with app.app_context():
        left = db.session.scalars(
            select(InterviewSlot.id).where(InterviewSlot.round_id == round_id)
        )
        assert list(left) == [booked]


def test_no_time_can_be_removed_once_the_outcomes_are_sent(app, lead):
    round_id = closed_round(app, lead)
    add_slot(app, round_id, days=6)
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).outcomes_sent_at = utcnow()
        db.session.commit()
    page = login(app, lead).get(f"/admin/decisions/rounds/{round_id}/interviews")
    text = page.get_data(as_text=True)
    assert "Free" in text and "/remove" not in text and "Add a time" not in text


def test_ranking_rows_number_from_the_page_and_say_what_is_left_to_do(app):
    rows = [
        OverviewRow(31, HOSTILE, "appointed", "Race Equality Panel", 27, appointed=False),
        OverviewRow(4, "Bo", "appointed", "Gender Equality Panel", None, appointed=True),
    ]
    page = Page(items=rows, page=2, per_page=25, total=27)  # ranks 26 and 27
    with app.test_request_context():
        before = ranking_rows_html(rows, page, round_id=9, outcomes_sent=False)
        after = ranking_rows_html(rows, page, round_id=9, outcomes_sent=True)
    first, second = re.findall(r"<tr .*?</tr>", str(after))
    assert ">26</td>" in first and ">27</td>" in second
    assert 'href="/admin/decisions/rounds/9/applications/31"' in first
    assert "<script>" not in first and unescape(first).count(HOSTILE) == 1
    assert ">27</td>" in first and "Not moderated yet" in second
    assert "Appointed: record the appointment" in first  # sent, but no membership recorded
    assert "record the appointment" not in second  # recorded
    assert "record the appointment" not in str(before)  # outcomes not sent yet
