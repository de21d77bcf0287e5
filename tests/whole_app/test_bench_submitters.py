"""make bench-submit's simulated resident (bench/submitters_client.py and
submitters_profile.py), run in process against the test app: it fills in the real pages'
forms as a browser does and reaches the confirmation, and its answer is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bench.submitters_client import JourneyError, Target, form_of
from bench.submitters_profile import profile
from engage.consultations.models import Answer, ConsultationResponse
from engage.core.db import db
from tests.factories.consultations import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.recruitment.helpers import ensure_reference_data


def one_page_consultation(app) -> Target:
    with app.app_context():
        consultation = ConsultationFactory(status="open")
        page = QuestionPageFactory(consultation_id=consultation.id, position=1)
        choice = QuestionFactory(page_id=page.id, position=1)
        text = QuestionFactory(
            page_id=page.id, position=2, kind="short_text", options=[], text="What would help?"
        )
        return Target("", consultation.id, page.id, f"question-{choice.id}", ("Yes", "No"),
                      f"question-{text.id}", text.id)  # fmt: skip


def test_the_simulated_resident_sends_a_response_through_every_page(app):
    ensure_reference_data(app)
    target = one_page_consultation(app)
    steps = profile(app, target, journeys=2)
    assert list(steps) == [
        "GET consultation", "GET start", "POST start", "GET question page",
        "POST question page", "GET about you", "POST about you", "GET check",
        "POST check (send)", "GET confirmation",
    ]  # fmt: skip
    assert all(row["queries"] >= 1 for row in steps.values())
    with app.app_context():
        sent = db.session.scalars(
            select(Answer.value)
            .join(ConsultationResponse, ConsultationResponse.id == Answer.response_id)
            .where(
                ConsultationResponse.status == "submitted",
                Answer.question_id == target.text_question_id,
            )
        ).all()
    assert sorted(value["text"] for value in sent) == [
        "profile-0", "profile-1", "profile-warm-up",
    ]  # fmt: skip


def test_a_form_is_sent_as_a_browser_sends_it():
    html = """<form action="/elsewhere" method="get"><input name="q" value="x"></form>
    <form action="/here" method="post" novalidate>
      <input type="hidden" name="csrf_token" value="abc">
      <input class="govuk-input" id="email" name="email" type="email" value="">
      <input type="radio" name="area" value="E1"><input type="radio" name="area" value="E2" checked>
      <input type="checkbox" name="wants" value="yes">
      <select name="age"><option value="">Choose</option><option value="30" selected></select>
      <textarea name="more">kept</textarea>
      <button name="action" value="continue">Continue</button>
    </form>"""
    assert form_of(html, "a page") == [
        ("csrf_token", "abc"), ("email", ""), ("area", "E2"), ("more", "kept"), ("age", "30"),
    ]  # fmt: skip


def test_a_page_without_a_protected_form_is_an_error_of_the_journey():
    with pytest.raises(JourneyError, match=r"^start: no form with a CSRF token$"):
        form_of('<form method="post"><input name="x"></form>', "start")
