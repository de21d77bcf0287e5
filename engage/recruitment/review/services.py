"""Anonymised scoring by two independent reviewers, and the lead officer's moderation.

The rules:
- Reviewers see an application only through ``anonymise.anonymise``.
- Each application is scored by two reviewers. A reviewer cannot start a review of an
  application two other reviewers have already started.
- A reviewer never sees another reviewer's scores or comments before submitting their own;
  afterwards they may see the other's submitted scores (not a draft). Submitted scores are
  final.
- The lead officer sees both reviews side by side once both are submitted, with a flag when
  they differ a lot, and records the agreed (moderated) score per criterion: that part, with
  the ``moderated_total`` and ``ranked_applications`` decisions use, is moderation_services."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import lazyload, load_only, selectinload

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.recruitment.anonymise import (
    CriterionView,
    QueueItem,
    ReviewPage,
    anonymise,
    criteria_of,
    review_view,
)
from engage.recruitment.models import (
    Application,
    CriterionScore,
    RecruitmentRound,
    Review,
    round_reviewer,
)
from engage.recruitment.services import rounds_statement
from engage.recruitment.stages import (
    FINISHED_FOR_SCORING,
    NOT_REVIEWABLE,
    CannotReview,
    check_can_score,
)

REVIEWS_PER_APPLICATION = 2

FINISHED = FINISHED_FOR_SCORING
TWO_OTHERS = "Two other reviewers are already scoring this application"
ALREADY_SUBMITTED = "You have already submitted your scores for this application"


class ReviewProblems(Exception):
    """Messages keyed by (criterion id, "score" or "comment")."""

    def __init__(self, problems: dict[tuple[int, str], str]) -> None:
        super().__init__("The review is not complete")
        self.problems = problems


# Rounds to review ------------------------------------------------------------------------------


def rounds_to_review_statement(user: Any) -> Select:
    """Rounds the user reviews or leads (admins lead every round)."""
    statement = rounds_statement()
    if user.has_role("admin"):
        return statement
    return statement.where(
        or_(
            RecruitmentRound.lead_officer_id == user.id,
            RecruitmentRound.id.in_(
                select(round_reviewer.c.round_id).where(round_reviewer.c.user_id == user.id)
            ),
        )
    )


# The reviewer's queue --------------------------------------------------------------------------


def reviewable_statement(round_id: int) -> Select:
    return (
        select(Application)
        .where(Application.round_id == round_id, Application.status.not_in(NOT_REVIEWABLE))
        .order_by(Application.candidate_number)
    )


def queue_statement(round_id: int) -> Select:
    """Only what the queue shows: no answers, choices or identity are loaded."""
    return reviewable_statement(round_id).options(
        load_only(Application.id, Application.round_id, Application.candidate_number),
        lazyload("*"),
    )


def _reviews_by_application(application_ids: list[int]) -> dict[int, list[tuple[int, bool]]]:
    """(reviewer id, submitted?) for each application, in one query."""
    found: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    if application_ids:
        rows = db.session.execute(
            select(Review.application_id, Review.reviewer_id, Review.submitted_at).where(
                Review.application_id.in_(application_ids)
            )
        )
        for application_id, reviewer_id, submitted_at in rows:
            found[application_id].append((reviewer_id, submitted_at is not None))
    return found


def queue_items(applications: Sequence[Application], reviewer_id: int) -> list[QueueItem]:
    reviews = _reviews_by_application([a.id for a in applications])
    items = []
    for application in applications:
        these = reviews.get(application.id, [])
        mine = [submitted for who, submitted in these if who == reviewer_id]
        others = [who for who, _ in these if who != reviewer_id]
        state = ("Submitted" if mine[0] else "Draft saved") if mine else "Not started"
        items.append(
            QueueItem(
                candidate_number=application.candidate_number,
                label=f"Applicant {application.candidate_number}",
                your_review=state,
                reviews_complete=sum(1 for _, submitted in these if submitted),
                can_open=bool(mine) or len(others) < REVIEWS_PER_APPLICATION,
            )
        )
    return items


# One reviewer's review ----------------------------------------------------------------------


def get_reviewable(round_id: int, candidate_number: int) -> Application | None:
    return db.session.scalars(
        reviewable_statement(round_id).where(Application.candidate_number == candidate_number)
    ).first()


def review_by(application: Application, reviewer_id: int) -> Review | None:
    return db.session.scalars(
        select(Review).where(
            Review.application_id == application.id, Review.reviewer_id == reviewer_id
        )
    ).first()


def lock_application(application: Application) -> None:
    """Make saves of this application's scores take turns, until the transaction ends."""
    db.session.execute(
        select(Application.id).where(Application.id == application.id).with_for_update()
    ).first()


def _fresh_review_by(application: Application, reviewer_id: int) -> Review | None:
    """The reviewer's review as the database holds it now, its scores included, replacing
    any copy this session loaded earlier."""
    return db.session.scalars(
        select(Review)
        .where(Review.application_id == application.id, Review.reviewer_id == reviewer_id)
        .options(selectinload(Review.scores))
        .execution_options(populate_existing=True)
    ).first()


def _other_reviews(application: Application, reviewer_id: int) -> list[Review]:
    return list(
        db.session.scalars(
            select(Review)
            .where(Review.application_id == application.id, Review.reviewer_id != reviewer_id)
            .order_by(Review.id)
        )
    )


def review_page(application: Application, round_: RecruitmentRound, reviewer_id: int) -> ReviewPage:
    criteria = criteria_of(round_)
    mine = review_by(application, reviewer_id)
    others = _other_reviews(application, reviewer_id)
    complete = sum(1 for r in [*others, mine] if r is not None and r.submitted_at is not None)
    if mine is None and len(others) >= REVIEWS_PER_APPLICATION:
        return ReviewPage(None, True, None, (), complete)
    submitted = mine is not None and mine.submitted_at is not None
    return ReviewPage(
        application=anonymise(application, round_),
        blocked=False,
        mine=review_view(mine, criteria) if submitted else None,
        # Never another reviewer's scores before this reviewer submits; never a draft.
        others=tuple(review_view(r, criteria) for r in others if r.submitted_at)
        if submitted
        else (),
        reviews_complete=complete,
    )


def review_problems(
    criteria: Sequence[CriterionView],
    scores: Mapping[int, int | None],
    comments: Mapping[int, str],
    *,
    submitting: bool,
) -> dict[tuple[int, str], str]:
    problems: dict[tuple[int, str], str] = {}
    for criterion in criteria:
        score, comment = scores.get(criterion.id), (comments.get(criterion.id) or "").strip()
        if score is None and submitting:
            problems[(criterion.id, "score")] = f"Choose a score for {criterion.title}"
        if submitting and not comment:
            problems[(criterion.id, "comment")] = f"Add a comment on {criterion.title}"
    return problems


def save_review(
    application: Application,
    round_: RecruitmentRound,
    reviewer_id: int,
    *,
    scores: Mapping[int, int | None],
    comments: Mapping[int, str],
    overall_comment: str,
    submit: bool,
) -> Review:
    """Save a draft, or submit (final). Raises CannotReview or ReviewProblems."""
    check_can_score(round_)
    criteria = criteria_of(round_)
    problems = review_problems(criteria, scores, comments, submitting=submit)
    if problems:
        raise ReviewProblems(problems)
    # Every save of a review of this application waits here for the one before it to commit
    # (a row lock, on PostgreSQL; SQLite lets one writer in at a time anyway). Only then is
    # the review read, fresh from the database: a copy read before the lock could be a draft
    # another request has since submitted, or missing when it has since been created. So two
    # presses of "Submit scores" (or a draft saved in another tab) make one review, and the
    # later ones are told it was already submitted, not shown a server error.
    lock_application(application)
    review = _fresh_review_by(application, reviewer_id)
    if review is not None and review.submitted_at is not None:
        raise CannotReview(ALREADY_SUBMITTED)
    if review is None:
        # Under the same lock, two reviewers starting at once cannot make a third review.
        if len(_other_reviews(application, reviewer_id)) >= REVIEWS_PER_APPLICATION:
            raise CannotReview(TWO_OTHERS)
        review = Review(application_id=application.id, reviewer_id=reviewer_id)
        review.started_at = utcnow()
        db.session.add(review)
    review.comment = overall_comment
    existing = {score.criterion_id: score for score in review.scores}
    for criterion in criteria:
        value = scores.get(criterion.id)
        comment = comments.get(criterion.id) or ""
        row = existing.get(criterion.id)
        if value is None and not comment.strip():
            if row is not None:
                review.scores.remove(row)
            continue
        if row is None:
            row = CriterionScore(criterion_id=criterion.id, score=value)
            review.scores.append(row)
        row.score = value
        row.comment = comment
    if submit:
        review.submitted_at = utcnow()
    db.session.flush()
    record_event(
        "recruitment_review_submitted" if submit else "recruitment_review_draft_saved",
        object_type="application",
        object_id=application.id,
        round_id=round_.id,
    )
    return review


def record_viewed(application: Application, purpose: str) -> None:
    """Applicants' answers can describe health or other special-category matters: every
    staff view is logged."""
    record_event(
        "recruitment_application_viewed",
        object_type="application",
        object_id=application.id,
        purpose=purpose,
    )
