"""'We asked, you said, we did': written after a consultation closes, published only when
every theme people raised has an answer, counts of people through disclosure control, and
everyone who asked to be told emailed once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import post_form
from tests.factories.consultations import (
    AnswerFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.factories.themes import CodeframeFactory, ThemeCodeFactory, ThemeFactory


@pytest.fixture
def closed(app):
    """A closed consultation with two written questions. 11 people raised "Fares" (one of
    them in both answers), 2 raised "Safety", nobody "Parking". Four sent responses asked to
    be told (two with the same address); a draft that asked is not told."""
    with app.app_context():
        consultation = ConsultationFactory(title="Bus fares", status="closed")
        page = QuestionPageFactory(consultation_id=consultation.id, position=1)
        first = QuestionFactory(page_id=page.id, kind="long_text", options=[], text="Why?")
        second = QuestionFactory(page_id=page.id, kind="long_text", options=[], text="And?")
        frame = CodeframeFactory(owner_id=consultation.id)
        fares = ThemeFactory(codeframe_id=frame.id, label="Fares", description="Cost")
        safety = ThemeFactory(codeframe_id=frame.id, label="Safety")
        ThemeFactory(codeframe_id=frame.id, label="Parking")
        emails = ["a@example.org", "b@example.org", "b@example.org", "c@example.org"]
        for number in range(13):
            response = ConsultationResponseFactory(
                consultation_id=consultation.id,
                channel="paper" if number == 12 else "online",
                email=emails[number] if number < 4 else "",
                wants_outcome=number < 4,
            )
            answer = AnswerFactory(response_id=response.id, question_id=first.id,
                                   value={"text": f"Answer {number}"})  # fmt: skip
            theme = fares if number < 11 else safety
            ThemeCodeFactory(theme_id=theme.id, item_id=answer.id)
            if number == 0:
                again = AnswerFactory(response_id=response.id, question_id=second.id,
                                      value={"text": "Fares again"})  # fmt: skip
                ThemeCodeFactory(theme_id=fares.id, item_id=again.id)
        ConsultationResponseFactory(consultation_id=consultation.id, status="draft",
                                    email="draft@example.org", wants_outcome=True)  # fmt: skip
        db.session.commit()
        return {"id": consultation.id, "fares": fares.id, "safety": safety.id}


def _emails(app) -> list[str]:
    with app.app_context():
        return sorted(
            db.session.scalars(
                select(OutboxMessage.recipient).where(
                    OutboxMessage.kind == "consultation-outcome-published"
                )
            )
        )


def test_written_answered_published_and_told_once(app, closed, officer, client):
    base = f"/admin/consultations/{closed['id']}/outcome"
    public = f"/consultations/{closed['id']}/we-asked-you-said-we-did"
    page = officer.get(f"{base}/").get_data(as_text=True)
    assert "Say what we asked, what was decided and what changed" in page
    assert "Say what we did about every theme people raised: Fares, Safety" in page
    assert "11 people" in page and "fewer than 10 people" in page
    refused = officer.get(f"{base}/publish")
    assert refused.status_code == 302 and client.get(public).status_code == 404

    saved = post_form(officer, f"{base}/", {
        "what_we_asked": "How fares should change.", "decision": "Fares are frozen.",
        "changes": "No rise in 2027.",
    })  # fmt: skip
    assert saved.status_code == 302
    for theme, result in ((closed["fares"], "changed"), (closed["safety"], "not_changed")):
        done = post_form(officer, f"{base}/themes/{theme}",
                         {"result": result, "we_did": f"We looked at it ({result})."})  # fmt: skip
        assert done.status_code == 302
    confirm = officer.get(f"{base}/publish").get_data(as_text=True)
    assert "3 people asked to be told" in confirm
    assert post_form(officer, f"{base}/publish", {}).status_code == 302
    assert _emails(app) == ["a@example.org", "b@example.org", "c@example.org"]

    shown = client.get(public).get_data(as_text=True)
    assert "Fares are frozen." in shown and "No rise in 2027." in shown
    assert "raised by 11 people" in shown and "raised by fewer than 10 people" in shown
    assert "Parking" not in shown  # nobody raised it
    assert "We looked at it (changed)." in shown and "We changed our plans" in shown
    # Who answered: 12 online, 1 on paper, through disclosure control.
    assert "fewer than 10" in shown.split("Responses by how they came in")[1]

    post_form(officer, f"{base}/publish", {})
    assert len(_emails(app)) == 3  # publishing again tells nobody twice


def test_not_before_it_closes_and_only_officers(app, officer, make_user, client):
    from tests.panels.helpers import login

    with app.app_context():
        open_one = ConsultationFactory(status="open").id
    response = officer.get(f"/admin/consultations/{open_one}/outcome/")
    assert response.status_code == 302
    resident = login(app, make_user())
    assert resident.get(f"/admin/consultations/{open_one}/outcome/").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_a_theme_outcome_is_checked(app, closed, officer):
    response = post_form(
        officer, f"/admin/consultations/{closed['id']}/outcome/themes/{closed['fares']}",
        {"result": "", "we_did": ""},
    )  # fmt: skip
    body = response.get_data(as_text=True)
    assert "Select what we did about it" in body and "Say what we did about it" in body
