"""The demo recruitment data for ``make run``: a finished round with about 60 applications at
every stage and appointed members, an open round, loaded once only."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from engage.accounts.models import User
from engage.core.dates import uk_today
from engage.core.db import db
from engage.monitoring.models import MonitoringResponse
from engage.panels.access import is_current_member
from engage.panels.models import PanelMembership
from engage.recruitment.anonymise import criteria_of
from engage.recruitment.demo import NAMES, create_demo_recruitment
from engage.recruitment.models import (
    DRAFT,
    SHORTLISTED,
    STATUS_LABELS,
    SUBMITTED,
    WITHDRAWN,
    Application,
    InterviewSlot,
    ModeratedScore,
    RecruitmentRound,
    Review,
)
from engage.recruitment.review import moderation as moderation_services
from engage.reference_data import load_reference_data


@pytest.fixture
def demo(app, make_user):
    """The demo accounts as seed-demo leaves them, then the demo recruitment."""
    officer = make_user(email="officer@example.org", roles=["officer", "equality_data"])
    resident = make_user(email="resident@example.org", full_name="Rhiannon Resident")
    with app.app_context():
        load_reference_data()
        added = create_demo_recruitment()
        db.session.commit()
    return {"added": added, "officer": officer, "resident": resident}


def rounds() -> tuple[RecruitmentRound, RecruitmentRound]:
    finished, open_ = db.session.scalars(
        select(RecruitmentRound).order_by(RecruitmentRound.opens_on)
    ).all()
    return finished, open_


def test_a_finished_round_with_about_60_applications_at_every_stage(app, demo):
    assert demo["added"]["rounds"] == 2
    with app.app_context():
        finished, open_ = rounds()
        today = uk_today()
        assert finished.outcomes_sent_at is not None and finished.closes_on < today
        assert open_.is_open(today) and (open_.closes_on - today).days == 28
        assert len(finished.panels) == 3 and len(open_.panels) == 3
        statuses = Counter(a.status for a in finished.applications)
        sent = sum(n for status, n in statuses.items() if status != DRAFT)
        assert 55 <= sent <= 65
        assert statuses == {
            "withdrawn": 4,
            "not_shortlisted": 26,
            "appointed": 15,
            "reserve": 6,
            "not_appointed": 9,
            DRAFT: 2,
        }
        open_statuses = Counter(a.status for a in open_.applications)
        assert open_statuses == {DRAFT: 3, SUBMITTED: 3}
        # Every status a real round shows is present; "shortlisted" is only ever passing
        # through (a finished round has an outcome for everyone shortlisted).
        assert set(statuses) | set(open_statuses) == set(STATUS_LABELS) - {SHORTLISTED}
        # Criteria and questions with word limits, as applicants read them.
        assert open_.criteria[0].title == "Lived experience and insight"
        assert len(open_.criteria) == 4
        assert all(q.word_limit in (200, 300) for q in open_.questions)


def test_reviewed_applications_have_two_reviews_agreed_scores_and_reasons(app, demo):
    with app.app_context():
        finished, _ = rounds()
        reviewed = [a for a in finished.applications if a.status not in (DRAFT, WITHDRAWN)]
        ids = [a.id for a in reviewed]
        reviews = Counter(
            db.session.scalars(select(Review.application_id).where(Review.application_id.in_(ids)))
        )
        assert set(reviews.values()) == {2} and len(reviews) == len(reviewed)
        assert (
            db.session.scalar(select(func.count(Review.id)).where(Review.submitted_at.is_(None)))
            == 0
        )
        moderated = db.session.scalar(
            select(func.count(ModeratedScore.id)).where(ModeratedScore.application_id.in_(ids))
        )
        assert moderated == len(reviewed) * len(finished.criteria)
        assert all(a.shortlist_reason for a in reviewed)
        outcomes = [a for a in reviewed if a.status in ("appointed", "reserve", "not_appointed")]
        assert all(a.outcome_reason for a in outcomes)
        booked = db.session.scalar(
            select(func.count(InterviewSlot.id)).where(InterviewSlot.application_id.is_not(None))
        )
        assert booked == len(outcomes) == 30
        # Monitoring answers for everyone reviewed and for the open round's sent applications.
        assert (
            db.session.scalar(
                select(func.count(MonitoringResponse.id)).where(
                    MonitoringResponse.subject_type == "panel_application"
                )
            )
            == len(reviewed) + 3
        )
        names = {a.full_name for a in finished.applications} - {"Rhiannon Resident"}
        assert names <= set(NAMES)
        assert all(
            a.email.endswith("@example.net") for a in finished.applications if a.user_id is None
        )


def test_the_finished_round_has_appointed_current_members(app, demo):
    with app.app_context():
        finished, _ = rounds()
        memberships = db.session.scalars(select(PanelMembership)).all()
        today = uk_today()
        assert len(memberships) == 15 and all(m.is_current(today) for m in memberships)
        assert Counter(m.panel.code for m in memberships) == {
            "disabled-people": 5,
            "race": 5,
            "gender": 5,
        }
        appointed = {a.id for a in finished.applications if a.status == "appointed"}
        assert {m.application_id for m in memberships} == appointed
        listed = [m for m in memberships if m.listed_publicly]
        assert listed and all(m.public_name for m in listed)
        assert len(listed) < len(memberships)  # some chose not to be listed
        resident = db.session.get(User, demo["resident"].id)
        assert is_current_member(resident, "disabled-people")
        assert not is_current_member(resident, "race")


def test_the_demo_is_loaded_once_only(app, demo):
    with app.app_context():
        before = (
            db.session.scalar(select(func.count(Application.id))),
            db.session.scalar(select(func.count(User.id))),
        )
        assert create_demo_recruitment() == {
            "rounds": 0,
            "applications": 0,
            "members": 0,
            "accounts": 0,
        }
        db.session.commit()
        after = (
            db.session.scalar(select(func.count(Application.id))),
            db.session.scalar(select(func.count(User.id))),
        )
        assert before == after
        reviewers = db.session.scalars(
            select(User).where(User.email.in_(["reviewer1@example.org", "reviewer2@example.org"]))
        ).all()
        assert len(reviewers) == 2 and all(
            u.has_role("officer") and u.is_verified for u in reviewers
        )
    assert demo["added"]["accounts"] == 2  # the two reviewers; the others existed


def test_the_demo_lead_can_open_the_fairness_report(app, client, signed_in_as, demo):
    with app.app_context():
        finished, _ = rounds()
        round_id = finished.id
    signed_in_as(demo["officer"])
    page = client.get(f"/admin/round-reports/rounds/{round_id}?characteristic=sex")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "fewer than 10" in html and "Not enough responses to compare" in html


def test_agreed_scores_keep_within_the_reviewers_scores_and_totals(app, demo):
    """Issue 8: demo moderation sometimes agreed a total higher than both reviewers' totals.
    Every demo moderation passes the rules the moderation page applies."""
    with app.app_context():
        finished, _ = rounds()
        criteria = criteria_of(finished)
        checked = 0
        for application in finished.applications:
            reviews = [r for r in application.reviews if r.submitted_at is not None]
            if not reviews:
                continue
            comparison = moderation_services.compare(*reviews, criteria)
            agreed = {
                row.criterion_id: (row.score, row.note)
                for row in db.session.scalars(
                    select(ModeratedScore).where(ModeratedScore.application_id == application.id)
                )
            }
            scores = {c: score for c, (score, _) in agreed.items()}
            notes = {c: note for c, (_, note) in agreed.items()}
            for row in comparison.rows:
                assert min(row.first, row.second) <= scores[row.criterion_id]
                assert scores[row.criterion_id] <= max(row.first, row.second)
            low, high = sorted((comparison.first_total, comparison.second_total))
            assert low <= sum(scores.values()) <= high, application.candidate_number
            assert moderation_services.moderation_problems(comparison, scores, notes) == {}
            checked += 1
        assert checked == 56


def test_the_demo_pages_agree_on_counts_names_and_reviewers(app, client, signed_in_as, demo):
    with app.app_context():
        finished, open_ = rounds()
        assert demo["officer"].id in {user.id for user in open_.reviewers}
        assert all(m.public_name for m in db.session.scalars(select(PanelMembership)))
        finished_id, open_id = finished.id, open_.id
    signed_in_as(demo["officer"])
    page = client.get(f"/admin/rounds/{finished_id}").get_data(as_text=True)
    assert "60, of which 4 were withdrawn" in page
    report = client.get(f"/admin/round-reports/rounds/{finished_id}").get_data(as_text=True)
    assert re.search(r"Applied</th>\s*<td[^>]*>60</td>", report)
    assert "including 4 withdrawn" in report
    # The lead is named as always reviewing, not offered as an unticked choice.
    reviewers = client.get(f"/admin/rounds/{open_id}/reviewers").get_data(as_text=True)
    assert "The lead officer, " in reviewers and f'value="{demo["officer"].id}"' not in reviewers
    # The open round's warnings fit an open round.
    page = client.get(f"/admin/rounds/{open_id}").get_data(as_text=True)
    assert "before the round opens" not in page
    assert "Upload the information pack now: the round is open" in page
