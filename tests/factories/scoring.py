"""Reviewers' scores and the lead officer's agreed (moderated) scores."""

from __future__ import annotations

from typing import Any

import factory

from engage.accounts.models import OFFICER
from engage.core.db import utcnow
from engage.recruitment.models import CriterionScore, ModeratedScore, Review
from engage.recruitment.stages import ApplicationStatus
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory
from tests.factories.recruitment import ApplicationFactory, CriterionFactory, RoundFactory


class ReviewFactory(ModelFactory):
    """An officer's submitted review of a new application, scoring each of its round's
    criteria 3 ("Good evidence"). ``scores=[4, 2]`` gives the scores in criterion order (fewer
    for a partly scored draft); ``draft=True`` for one started but not submitted, with no
    scores unless given."""

    class Meta:
        model = Review

    class Params:
        reviewer = factory.SubFactory(UserFactory, roles=[OFFICER])
        draft = factory.Trait(submitted_at=None)

    application = factory.SubFactory(ApplicationFactory)
    reviewer_id = factory.SelfAttribute("reviewer.id")
    comment = "Clear evidence of lived experience."
    started_at = factory.LazyFunction(utcnow)
    submitted_at = factory.SelfAttribute("started_at")

    @factory.post_generation
    def scores(self, create: bool, extracted: list[Any] | None, **_: Any) -> None:
        if extracted and all(isinstance(score, CriterionScore) for score in extracted):
            self.scores = list(extracted)
            return
        criteria = self.application.round.criteria
        if extracted is None:  # a submitted review has a score for every criterion
            extracted = [] if self.submitted_at is None else [3] * len(criteria)
        self.scores = [
            CriterionScore(criterion_id=criterion.id, score=score)
            for criterion, score in zip(criteria, extracted, strict=False)
        ]


class CriterionScoreFactory(ModelFactory):
    """One score in a reviewer's draft, for a new criterion of the application's round."""

    class Meta:
        model = CriterionScore

    class Params:
        criterion = factory.SubFactory(
            CriterionFactory, round=factory.SelfAttribute("..review.application.round")
        )

    review = factory.SubFactory(ReviewFactory, draft=True)
    criterion_id = factory.SelfAttribute("criterion.id")
    score = 3
    comment = "Some good examples."


class ModeratedScoreFactory(ModelFactory):
    """The lead officer's agreed score for a new criterion of a shortlisted application's
    round (one with a lead, who moderates)."""

    class Meta:
        model = ModeratedScore

    class Params:
        application = factory.SubFactory(
            ApplicationFactory,
            status=ApplicationStatus.SHORTLISTED,
            round=factory.SubFactory(
                RoundFactory,
                closed=True,
                lead_officer=factory.SubFactory(UserFactory, roles=[OFFICER]),
            ),
        )
        criterion = factory.SubFactory(
            CriterionFactory, round=factory.SelfAttribute("..application.round")
        )

    application_id = factory.SelfAttribute("application.id")
    criterion_id = factory.SelfAttribute("criterion.id")
    score = 3
    note = ""
    moderated_by_id = factory.LazyAttribute(lambda o: o.application.round.lead_officer_id)
    moderated_at = factory.LazyFunction(utcnow)


__all__ = ["CriterionScoreFactory", "ModeratedScoreFactory", "ReviewFactory"]
