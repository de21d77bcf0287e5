"""Panel applications under the retention schedule: drafts deleted after their period, with
their monitoring answers; unsuccessful and withdrawn ones anonymised once the round's
outcomes are a period old, so the round's report and "who we heard from" stay the same."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from engage.core.db import db
from engage.core.retention import subtract_period
from engage.monitoring.api import count_answers
from engage.monitoring.models import MonitoringResponse
from engage.recruitment.models import Application, ApplicationAnswer, Review
from engage.recruitment.monitoring_source import sent_applications
from engage.recruitment.report.services import round_counts
from engage.recruitment.stages import ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    MonitoringResponseFactory,
    RoundFactory,
    UserFactory,
)
from tests.retention.helpers import A_MINUTE, T0, run

SIX_MONTHS_ON = T0.replace(month=7)  # T0 is 15 January: 15 July
A_YEAR_ON = T0.replace(year=T0.year + 1)


def _answers_of(application_id: int) -> MonitoringResponse | None:
    return db.session.scalars(
        select(MonitoringResponse).where(
            MonitoringResponse.subject_type == "panel_application",
            MonitoringResponse.subject_id == str(application_id),
        )
    ).first()


def test_a_draft_is_deleted_with_its_answers_only_after_six_months(app: Flask) -> None:
    with app.app_context():
        draft = ApplicationFactory(draft=True, updated_at=T0)
        MonitoringResponseFactory(application=draft, ethnic_group="asian_other",
                                  ethnic_group_other="Hmong")  # fmt: skip
        sent = ApplicationFactory(updated_at=T0)
        MonitoringResponseFactory(application=sent)
        draft_id, sent_id = draft.id, sent.id
        assert subtract_period(SIX_MONTHS_ON, "6 months") == T0

        assert run(SIX_MONTHS_ON - A_MINUTE) == {}
        assert db.session.get(Application, draft_id) is not None

        done = run(SIX_MONTHS_ON + A_MINUTE)
        assert done == {("draft_applications", "panel applications deleted"): 1}
        db.session.expire_all()
        assert db.session.get(Application, draft_id) is None
        assert _answers_of(draft_id) is None
        assert db.session.scalar(
            select(func.count()).where(ApplicationAnswer.application_id == draft_id)
        ) == 0  # fmt: skip
        # A sent application is not a draft, however old.
        assert db.session.get(Application, sent_id) is not None
        assert _answers_of(sent_id) is not None


def test_unsuccessful_applications_are_anonymised_a_year_after_the_outcomes(app: Flask) -> None:
    with app.app_context():
        person = UserFactory()
        round_ = RoundFactory(finished=True, outcomes_sent_at=T0)
        made = {}
        for status in ApplicationStatus:
            if status == ApplicationStatus.DRAFT:
                continue
            application = ApplicationFactory(
                round=round_, status=status, user=person, phone="0151 000 0000",
                access_needs=["bsl"], access_needs_other="Quiet room", feedback="Good answers",
                outcome_reason="Strong evidence", resume_secret_hash="x" * 64,
            )  # fmt: skip
            if status != ApplicationStatus.WITHDRAWN:  # withdrawing erases the answers
                MonitoringResponseFactory(application=application, ethnic_group="mixed_other",
                                          ethnic_group_other="Romany")  # fmt: skip
            made[status] = application.id
        reviewed = made[ApplicationStatus.NOT_SHORTLISTED]
        db.session.add(Review(application_id=reviewed, reviewer_id=UserFactory().id,
                              comment="Lived in Bootle all her life", started_at=T0))  # fmt: skip
        db.session.commit()
        report_before = round_counts(round_)
        heard_before = count_answers("ethnic_group", "panel_application", sent_applications())

        assert run(A_YEAR_ON - A_MINUTE) == {}
        done = run(A_YEAR_ON + A_MINUTE)
        assert done == {
            ("unsuccessful_applications",
             "unsuccessful or withdrawn panel applications anonymised"): 6,
        }  # fmt: skip

        db.session.expire_all()
        # The figures published about the round, and "who we heard from", do not move.
        assert round_counts(round_) == report_before
        assert count_answers("ethnic_group", "panel_application", sent_applications()) == (
            heard_before
        )
        for status, application_id in made.items():
            application = db.session.get(Application, application_id)
            assert application.status == status
            if status == ApplicationStatus.APPOINTED:  # the record of a member's term
                assert application.full_name and application.user_id == person.id
                assert application.answers and application.access_needs_other
                assert _answers_of(application_id).ethnic_group_other == "Romany"
                continue
            assert (application.full_name, application.email, application.phone) == ("", "", "")
            assert application.user_id is None and application.resume_secret_hash is None
            assert application.access_needs == [] and application.access_needs_other == ""
            assert (application.feedback, application.outcome_reason) == ("", "")
            assert application.answers == []
            assert application.reference and application.candidate_number  # still counted
            answers = _answers_of(application_id)
            if answers is not None:
                assert answers.ethnic_group == "mixed_other"
                assert answers.ethnic_group_other is None
        review = db.session.scalars(select(Review).where(Review.application_id == reviewed)).one()
        assert review.comment == ""


def test_an_unfinished_round_keeps_its_applications(app: Flask) -> None:
    with app.app_context():
        round_ = RoundFactory(closed=True)
        application = ApplicationFactory(round=round_, status=ApplicationStatus.NOT_SHORTLISTED)
        assert run(A_YEAR_ON.replace(year=2040)) == {}
        db.session.expire_all()
        assert db.session.get(Application, application.id).full_name
