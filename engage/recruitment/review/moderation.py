"""The lead officer's moderation of two submitted reviews, and the totals decisions rank by.

The lead sees both reviews side by side (never before both are submitted), with a flag when
they differ a lot, and records the agreed (moderated) score per criterion, with a note where
the difference is large. An agreed score stays between the two reviewers' scores for that
criterion, and the agreed total between their totals, unless the lead records why (a note):
moderation settles a disagreement, it does not score the application a third time.
Decisions use ``moderated_total`` and ``ranked_applications``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select

from engage.accounts.api import get_user
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.recruitment.anonymise import (
    Comparison,
    CriterionComparison,
    CriterionView,
    ModerationPage,
    ModerationRow,
    anonymise,
    criteria_of,
    review_view,
)
from engage.recruitment.models import (
    Application,
    Criterion,
    CriterionScore,
    ModeratedScore,
    RecruitmentRound,
    Review,
)
from engage.recruitment.review.services import (
    REVIEWS_PER_APPLICATION,
    CannotReview,
    lock_application,
    reviewable_statement,
)
from engage.recruitment.stages import check_can_score

LARGE_CRITERION_DIFFERENCE = 2
"""Reviewers' scores for one criterion this far apart (or further) need the lead's note:
on a 0-4 scale, 2 points is the difference between "limited" and "good" evidence."""
LARGE_TOTAL_DIFFERENCE = 4
"""Totals this far apart (or further) are flagged too, even when no single criterion is: many
small disagreements in one direction change the ranking as much as one large one."""


class ModerationProblems(Exception):
    """Messages keyed by (criterion id, "agreed" or "note")."""

    def __init__(self, problems: dict[tuple[int, str], str]) -> None:
        super().__init__("The moderation is not complete")
        self.problems = problems


# Moderation ----------------------------------------------------------------------------------


def compare(first: Review, second: Review, criteria: Sequence[CriterionView]) -> Comparison:
    return compare_scores(_scores(first), _scores(second), criteria)


def compare_scores(
    a: Mapping[int, int], b: Mapping[int, int], criteria: Sequence[CriterionView]
) -> Comparison:
    """Two reviews' scores ({criterion id: score}) side by side, with the large differences."""
    rows = []
    for c in criteria:
        difference = abs(a.get(c.id, 0) - b.get(c.id, 0))
        large = difference >= LARGE_CRITERION_DIFFERENCE
        rows.append(
            CriterionComparison(c.id, c.title, a.get(c.id, 0), b.get(c.id, 0), difference, large)
        )
    first_total, second_total = sum(r.first for r in rows), sum(r.second for r in rows)
    total_difference = abs(first_total - second_total)
    large = any(r.large for r in rows) or total_difference >= LARGE_TOTAL_DIFFERENCE
    return Comparison(tuple(rows), first_total, second_total, total_difference, large)


def _submitted_reviews(application_ids: list[int]) -> dict[int, list[Review]]:
    found: dict[int, list[Review]] = defaultdict(list)
    if application_ids:
        reviews = db.session.scalars(
            select(Review)
            .where(Review.application_id.in_(application_ids), Review.submitted_at.is_not(None))
            .order_by(Review.submitted_at, Review.id)
        )
        for review in reviews:  # scores come in one more query (selectin)
            found[review.application_id].append(review)
    return found


def _submitted_scores(application_ids: list[int]) -> dict[int, list[dict[int, int]]]:
    """Each application's submitted reviews as {criterion id: score}, first submitted first:
    one query of plain rows (a list page needs no Review objects)."""
    found: dict[int, dict[int, dict[int, int]]] = defaultdict(dict)
    if application_ids:
        rows = db.session.execute(
            select(
                Review.application_id, Review.id, CriterionScore.criterion_id, CriterionScore.score
            )
            .outerjoin(CriterionScore, CriterionScore.review_id == Review.id)
            .where(Review.application_id.in_(application_ids), Review.submitted_at.is_not(None))
            .order_by(Review.submitted_at, Review.id)
        )
        for application_id, review_id, criterion_id, score in rows:
            scores = found[application_id].setdefault(review_id, {})
            if criterion_id is not None:
                scores[criterion_id] = score
    return {application_id: list(by_review.values()) for application_id, by_review in found.items()}


def moderation_rows(
    applications: Sequence[Application], round_: RecruitmentRound
) -> list[ModerationRow]:
    criteria = criteria_of(round_)
    ids = [a.id for a in applications]
    reviews = _submitted_scores(ids)
    moderated = moderated_totals(ids)
    rows = []
    for application in applications:
        submitted = reviews.get(application.id, [])[:REVIEWS_PER_APPLICATION]
        comparison = compare_scores(*submitted, criteria) if len(submitted) == 2 else None
        rows.append(
            ModerationRow(
                candidate_number=application.candidate_number,
                label=f"Applicant {application.candidate_number}",
                reviews_complete=len(submitted),
                totals=(comparison.first_total, comparison.second_total) if comparison else None,
                large_difference=bool(comparison and comparison.large_difference),
                moderated_total=moderated.get(application.id),
            )
        )
    return rows


def moderation_page(application: Application, round_: RecruitmentRound) -> ModerationPage:
    criteria = criteria_of(round_)
    submitted = _submitted_reviews([application.id]).get(application.id, [])
    agreed = {
        row.criterion_id: (row.score, row.note)
        for row in db.session.scalars(
            select(ModeratedScore).where(ModeratedScore.application_id == application.id)
        )
    }
    if len(submitted) < REVIEWS_PER_APPLICATION:
        # A reviewer who is also the lead must not see the other's scores early.
        return ModerationPage(
            anonymise(application, round_), len(submitted), None, None, None, agreed, None
        )
    first, second = submitted[:2]

    def name(review: Review) -> str:
        user = get_user(review.reviewer_id)
        return user.full_name if user else "A former member of staff"

    return ModerationPage(
        application=anonymise(application, round_),
        reviews_complete=2,
        first=review_view(first, criteria, name(first)),
        second=review_view(second, criteria, name(second)),
        comparison=compare(first, second, criteria),
        agreed=agreed,
        moderated_total=moderated_total(application.id),
    )


def _scores(review: Review) -> dict[int, int]:
    return {s.criterion_id: s.score for s in review.scores}


def _has_note(notes: Mapping[int, str], criterion_id: int) -> bool:
    return bool((notes.get(criterion_id) or "").strip())


def _within(row: CriterionComparison, agreed: int) -> bool:
    return min(row.first, row.second) <= agreed <= max(row.first, row.second)


def _between(row: CriterionComparison) -> str:
    low, high = sorted((row.first, row.second))
    return f"{low}, the score both reviewers gave" if low == high else f"between {low} and {high}"


def moderation_problems(
    comparison: Comparison, scores: Mapping[int, int | None], notes: Mapping[int, str]
) -> dict[tuple[int, str], str]:
    problems: dict[tuple[int, str], str] = {}
    for row in comparison.rows:
        agreed = scores.get(row.criterion_id)
        if agreed is None:
            problems[(row.criterion_id, "agreed")] = f"Choose the agreed score for {row.title}"
        elif not _within(row, agreed) and not _has_note(notes, row.criterion_id):
            problems[(row.criterion_id, "agreed")] = (
                f"The agreed score for {row.title} must be {_between(row)}, or explain in the "
                "note why it is not"
            )
        if row.large and not _has_note(notes, row.criterion_id):
            problems[(row.criterion_id, "note")] = (
                f"Explain the agreed score for {row.title}: the reviewers' scores differ by "
                f"{row.difference} points"
            )
    # The totals: one note anywhere explains them, so ask for one only when there is none
    # and no criterion has asked for one already.
    if not comparison.rows or any(_has_note(notes, row.criterion_id) for row in comparison.rows):
        return problems
    if any(kind == "note" for _, kind in problems):
        return problems
    first = next((row for row in comparison.rows if row.difference), comparison.rows[0])
    if comparison.total_difference >= LARGE_TOTAL_DIFFERENCE:
        problems[(first.criterion_id, "note")] = (
            f"Explain the agreed scores: the reviewers' totals differ by "
            f"{comparison.total_difference} points"
        )
        return problems
    if any(scores.get(row.criterion_id) is None for row in comparison.rows):
        return problems
    total = sum(scores[row.criterion_id] or 0 for row in comparison.rows)
    low, high = sorted((comparison.first_total, comparison.second_total))
    if not low <= total <= high:
        side = "higher" if total > high else "lower"
        totals = f"{low} and {high}" if low != high else f"both {low}"
        problems[(first.criterion_id, "note")] = (
            f"Explain the agreed scores: their total, {total}, is {side} than the reviewers' "
            f"totals ({totals})"
        )
    return problems


def record_moderation(
    application: Application,
    round_: RecruitmentRound,
    moderator_id: int,
    *,
    scores: Mapping[int, int | None],
    notes: Mapping[int, str],
) -> int:
    """Store the agreed score for every criterion. Returns the moderated total."""
    check_can_score(round_)
    page = moderation_page(application, round_)
    if page.comparison is None:
        raise CannotReview("Both reviews must be submitted before moderation")
    problems = moderation_problems(page.comparison, scores, notes)
    if problems:
        raise ModerationProblems(problems)
    # As for reviews: saves of one application's agreed scores take turns, and each reads
    # the rows the one before it made, so two presses of the button cannot insert twice.
    lock_application(application)
    existing = {
        row.criterion_id: row
        for row in db.session.scalars(
            select(ModeratedScore).where(ModeratedScore.application_id == application.id)
        )
    }
    now = utcnow()
    for row in page.comparison.rows:
        moderated = existing.get(row.criterion_id)
        if moderated is None:
            moderated = ModeratedScore(application_id=application.id, criterion_id=row.criterion_id)
            db.session.add(moderated)
        moderated.score = scores[row.criterion_id]
        moderated.note = notes.get(row.criterion_id) or ""
        moderated.moderated_by_id = moderator_id
        moderated.moderated_at = now
    total = sum(scores[row.criterion_id] or 0 for row in page.comparison.rows)
    db.session.flush()
    record_event(
        "recruitment_moderation_recorded",
        object_type="application",
        object_id=application.id,
        round_id=round_.id,
        total=total,
        large_difference=page.comparison.large_difference,
    )
    return total


# For decisions ------------------------------------------------------------------------------


def moderated_totals(application_ids: Sequence[int]) -> dict[int, int]:
    """Moderated totals of the applications with an agreed score for every criterion of
    their round (one query, whatever the number of applications)."""
    if not application_ids:
        return {}
    criteria = (
        select(func.count(Criterion.id))
        .where(Criterion.round_id == Application.round_id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            ModeratedScore.application_id,
            func.sum(ModeratedScore.score),
            func.count(ModeratedScore.id),
            criteria,
        )
        .join(Application, Application.id == ModeratedScore.application_id)
        .where(ModeratedScore.application_id.in_(list(application_ids)))
        .group_by(ModeratedScore.application_id, Application.round_id)
    )
    return {
        application_id: int(total)
        for application_id, total, count, needed in rows
        if count == needed
    }


def moderated_total(application_id: int) -> int | None:
    return moderated_totals([application_id]).get(application_id)


def ranked_applications(round_id: int) -> list[tuple[Application, int | None]]:
    """Every application in the round that was sent and not withdrawn, highest moderated
    total first; those not yet moderated (None) last; ties in candidate order."""
    applications = list(db.session.scalars(reviewable_statement(round_id)))
    totals = moderated_totals([a.id for a in applications])
    ranked = [(application, totals.get(application.id)) for application in applications]
    ranked.sort(key=lambda pair: (pair[1] is None, -(pair[1] or 0), pair[0].candidate_number))
    return ranked
