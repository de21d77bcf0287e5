"""The demo's draft consultation: three pages with a route, and ready to open."""

from __future__ import annotations

from engage.consultations import services
from engage.consultations.api import create_demo_consultations
from engage.consultations.models import Consultation
from engage.core.dates import uk_today
from engage.core.db import db
from tests.factories import UserFactory
from tests.recruitment.helpers import ensure_reference_data


def test_the_demo_consultation_is_a_routed_draft_that_could_open(app):
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
        assert create_demo_consultations(officer) == 1
        db.session.commit()
        assert create_demo_consultations(officer) == 0  # once
        [consultation] = db.session.scalars(db.select(Consultation))
        assert consultation.status == "draft" and len(consultation.pages) == 3
        assert services.route_count(consultation) == 1
        assert services.opening_problems(consultation, uk_today()) == []
        assert len(consultation.priorities) == 2 and len(consultation.local_authorities) == 2
