"""The demo's consultations with answers: an open one with about 40 responses, some typed in
from paper, and a closed one with 600, coded to themes, with its "we asked, you said, we did"
published; and the scale data's long survey."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from engage.consultations.api import add_scale_consultation, create_demo_consultation_responses
from engage.consultations.models import Answer, Consultation, ConsultationResponse
from engage.core.db import db
from tests.factories.accounts import UserFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data


def _by_title(title: str) -> Consultation:
    return db.session.scalars(select(Consultation).where(Consultation.title == title)).one()


def test_the_demo_consultations_answer_and_publish(app, client, make_user):
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
        assert create_demo_consultation_responses(officer) == 640
        db.session.commit()
        open_one = _by_title("Feeling safe at bus stops after dark")
        closed = _by_title("Free travel for unpaid carers")
        channels = dict(
            db.session.execute(
                select(ConsultationResponse.channel, func.count())
                .where(ConsultationResponse.consultation_id == open_one.id)
                .group_by(ConsultationResponse.channel)
            ).all()
        )
        assert sum(channels.values()) == 40 and channels.get("online", 0) < 40
        assert (open_one.status, closed.status) == ("open", "closed")
        ids = (open_one.id, closed.id)
    public = client.get(f"/consultations/{ids[1]}/we-asked-you-said-we-did")
    text = public.get_data(as_text=True)
    assert public.status_code == 200
    assert "Proof of being a carer" in text and "raised by" in text
    analyst = login(app, make_user(roles=["officer", "equality_data"]))
    results = analyst.get(f"/admin/consultations/{ids[1]}/results/")
    assert results.status_code == 200 and "Are you an unpaid carer?" in results.get_data(
        as_text=True
    )
    assert analyst.get(f"/admin/consultations/{ids[0]}/who-we-heard-from").status_code == 200


def test_the_scale_survey_has_a_hundred_answers_a_person(app):
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
        added = add_scale_consultation(random.Random(1), officer, responses=30)
        survey = _by_title("Scale test: the long travel survey")
        counted = db.session.scalar(select(func.count(Answer.id)))
        assert added == counted and 2_500 <= counted <= 3_000
        assert sum(len(page.questions) for page in survey.pages) == 100
