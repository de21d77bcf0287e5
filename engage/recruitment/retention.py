"""Panel applications under the retention schedule (``flask apply-retention``).

- Drafts never sent ("draft_applications", from their last change): deleted, with their
  equality monitoring answers. Nothing counts them.
- Unsuccessful applications ("unsuccessful_applications", from when the round's outcomes
  were sent): every sent application of the round but the appointed ones (not shortlisted,
  not appointed, on the reserve list, or left undecided). The round's fairness
  report and "who we heard from" count them, live, by status, stage scores and monitoring
  answers, and those figures may already be published: so they are anonymised, not deleted.
  Name, contact details, access needs, the applicant's own words, reasons and feedback, the
  reviewers' and moderators' comments and the monitoring write-ins are cleared; the status,
  round, panels, area, scores and monitoring options stay, tied to no one. Withdrawn
  applications are treated the same way: the round's report counts them as applied.
- Appointed applications stay: they are the record of a panel member's term.

Set-based statements only: one run is a handful of statements whatever the data size.
Conditions exclude what is already done, so a second run changes and reports nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, or_, select, update

from engage.core.db import db
from engage.core.retention import ANONYMISED, DELETED, RetentionAction, subtract_period
from engage.monitoring import api as monitoring
from engage.recruitment.apply.services import MONITORING_SUBJECT
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    Application,
    ApplicationAnswer,
    CriterionScore,
    ModeratedScore,
    RecruitmentRound,
    Review,
)

_QUIET = {"synchronize_session": False}


def _finished_before(moment: datetime) -> Select:
    return select(RecruitmentRound.id).where(RecruitmentRound.outcomes_sent_at < moment)


def _delete(ids: Select) -> int:
    """Delete these applications and their answers (their parts go by ON DELETE CASCADE)."""
    monitoring.delete_answers_of(MONITORING_SUBJECT, ids)
    result = db.session.execute(
        delete(Application).where(Application.id.in_(ids)).execution_options(**_QUIET)
    )
    return result.rowcount or 0


def _not_yet_anonymised() -> list:
    return [
        or_(
            Application.full_name != "",
            Application.email != "",
            Application.phone != "",
            Application.user_id.is_not(None),
            Application.resume_secret_hash.is_not(None),
            Application.access_needs_other != "",
            Application.shortlist_reason != "",
            Application.outcome_reason != "",
            Application.feedback != "",
        )
    ]


def anonymise_applications(ids: Select) -> int:
    # The words that could say who the applicant is, or that were written about them.
    db.session.execute(
        delete(ApplicationAnswer)
        .where(ApplicationAnswer.application_id.in_(ids))
        .execution_options(**_QUIET)
    )
    review_ids = select(Review.id).where(Review.application_id.in_(ids))
    db.session.execute(
        update(Review)
        .where(Review.id.in_(review_ids))
        .values(comment="")
        .execution_options(**_QUIET)
    )
    db.session.execute(
        update(CriterionScore)
        .where(CriterionScore.review_id.in_(review_ids))
        .values(comment="")
        .execution_options(**_QUIET)
    )
    db.session.execute(
        update(ModeratedScore)
        .where(ModeratedScore.application_id.in_(ids))
        .values(note="")
        .execution_options(**_QUIET)
    )
    monitoring.clear_write_ins_of(MONITORING_SUBJECT, ids)
    result = db.session.execute(
        update(Application)
        .where(Application.id.in_(ids))
        .values(
            full_name="",
            email="",
            phone="",
            user_id=None,
            resume_secret_hash=None,
            access_needs=[],
            access_needs_other="",
            shortlist_reason="",
            outcome_reason="",
            feedback="",
        )
        .execution_options(**_QUIET)
    )
    return result.rowcount or 0


def apply_retention(now: datetime, periods: dict[str, str]) -> list[RetentionAction]:
    """Apply the schedule to panel applications. Does not commit."""
    drafts = select(Application.id).where(
        Application.status == DRAFT,
        Application.updated_at < subtract_period(now, periods["draft_applications"]),
    )
    deleted_drafts = _delete(drafts)

    finished = _finished_before(subtract_period(now, periods["unsuccessful_applications"]))
    unsuccessful = select(Application.id).where(
        Application.status.not_in((DRAFT, APPOINTED)),
        Application.round_id.in_(finished),
        *_not_yet_anonymised(),
    )
    anonymised = anonymise_applications(unsuccessful)
    return [
        RetentionAction("draft_applications", DELETED, deleted_drafts, "panel applications"),
        RetentionAction(
            "unsuccessful_applications",
            ANONYMISED,
            anonymised,
            "unsuccessful or withdrawn panel applications",
        ),
    ]
