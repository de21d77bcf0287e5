"""A consultation's "who we heard from": its sent responses' monitoring answers beside the
Census of its areas, the under-represented groups named, and the directory's organisations
serving them in those areas suggested. Only the equality data role sees it, and a viewing is
audited."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from engage.consultations import reaching, stages
from engage.consultations.models import ConsultationResponse
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.monitoring.api import fictional_answers, save_many_answers
from engage.reference.api import local_authorities
from tests.factories.consultations import ConsultationFactory, ConsultationResponseFactory
from tests.factories.directory import OrganisationFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

LIVERPOOL = "E08000012"
SEFTON = "E08000014"


def _with(rng: random.Random, ethnic_group: str) -> dict[str, str | None]:
    return {**fictional_answers(rng), "ethnic_group": ethnic_group}


@pytest.fixture
def consultation(app):
    """Open in Liverpool, with 300 sent responses: 270 from White British people, 30 from
    Black African people and none from Asian people (4% of Liverpool's population); 5 drafts
    from Asian people (not counted); and directory organisations serving Asian communities in
    Liverpool and in Sefton."""
    ensure_reference_data(app)
    rng = random.Random(4)
    with app.app_context():
        areas = {la.code: la for la in local_authorities()}
        found = ConsultationFactory(title="Ferry timetable", status="open")
        found.local_authorities = [areas[LIVERPOOL]]
        sent = [
            ConsultationResponse(consultation_id=found.id, status="submitted") for _ in range(300)
        ]
        db.session.add_all(sent)
        db.session.flush()
        drafts = [
            ConsultationResponseFactory(consultation_id=found.id, status="draft") for _ in range(5)
        ]
        other = ConsultationResponseFactory(consultation_id=ConsultationFactory().id)
        answers = [(r.id, _with(rng, "white_british")) for r in sent[:270]]
        answers += [(r.id, _with(rng, "black_african")) for r in sent[270:]]
        answers += [(r.id, _with(rng, "asian_indian")) for r in [*drafts, other]]
        save_many_answers(stages.MONITORING_SUBJECT, answers)
        OrganisationFactory(name="Liverpool Asian Women", communities=["asian"],
                            areas=[areas[LIVERPOOL]])  # fmt: skip
        OrganisationFactory(name="Sefton Asian Elders", communities=["asian"],
                            areas=[areas[SEFTON]])  # fmt: skip
        OrganisationFactory(name="Walkers", communities=["older"], areas=[areas[LIVERPOOL]])
        db.session.commit()
        return found.id


def test_the_missing_groups_and_who_serves_them_in_its_areas(app, consultation):
    with app.app_context():
        found = reaching.reach(db.session.get(reaching.Consultation, consultation))
    assert found.area_codes == (LIVERPOOL,)
    ethnic = next(c for c in found.comparisons if c.characteristic == "ethnic_group_broad")
    white = next(r for r in ethnic.rows if r.code == "white")
    assert white.respondents.count == 270  # the drafts and the other consultation not counted
    broad = {g.group: g.communities for g in found.missing if g.characteristic == ethnic.label}
    assert broad == {"Asian, Asian British or Asian Welsh": ("asian", "chinese")}
    names = [o.name for o in found.organisations]
    assert "Liverpool Asian Women" in names
    assert "Sefton Asian Elders" not in names  # serves Asian communities, but not in Liverpool


def test_the_page_is_for_the_equality_data_role_and_audited(app, consultation, make_user):
    url = f"/admin/consultations/{consultation}/who-we-heard-from"
    officer = login(app, make_user(roles=["officer"]))
    assert officer.get(url).status_code == 403
    resident = login(app, make_user())
    assert resident.get(url).status_code == 403
    analyst = login(app, make_user(roles=["officer", "equality_data"]))
    page = analyst.get(url)
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Liverpool Asian Women" in body and "Sefton Asian Elders" not in body
    assert "Asian" in body.split("Groups we are hearing too little from")[1].split("</ul>")[0]
    with app.app_context():
        viewed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()
        assert any(str(consultation) in str(event.details) for event in viewed)


def test_too_few_responses_compares_nothing_and_suggests_nobody(app, make_user):
    ensure_reference_data(app)
    with app.app_context():
        found = ConsultationFactory(status="open")
        for _ in range(5):
            ConsultationResponseFactory(consultation_id=found.id)
        db.session.commit()
        result = reaching.reach(found)
    assert result.missing == ()
    assert result.organisations == ()
    assert all(not c.enough_responses for c in result.comparisons)
    assert len(result.area_codes) == 6  # no areas named: the whole city region
