"""Consultations: a draft consultation, a page, a question (a single choice of Yes or No by
default), a route, a response (submitted by default) and an answer."""

from __future__ import annotations

from datetime import timedelta

import factory

from engage.consultations.models import (
    Answer,
    Consultation,
    ConsultationResponse,
    PageRoute,
    Question,
    QuestionPage,
)
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class ConsultationFactory(ModelFactory):
    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Bus travel consultation {n}")
    summary = "How people travel by bus."
    deciding = "Which bus routes to change first."
    decided_by = "The Transport Committee"
    audience = "Bus users"
    opens_on = factory.LazyFunction(uk_today)
    closes_on = factory.LazyFunction(lambda: uk_today() + timedelta(days=30))
    status = "draft"
    created_by_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)


class QuestionPageFactory(ModelFactory):
    class Meta:
        model = QuestionPage

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    position = factory.Sequence(lambda n: n + 1)
    heading = ""


class QuestionFactory(ModelFactory):
    class Meta:
        model = Question

    page_id = factory.LazyFunction(lambda: QuestionPageFactory().id)
    position = factory.Sequence(lambda n: n + 1)
    kind = "single_choice"
    text = factory.Sequence(lambda n: f"Do you use the bus? ({n})")
    hint = ""
    required = True
    options = factory.LazyFunction(lambda: ["Yes", "No"])
    allows_other = False
    matrix_rows = factory.LazyFunction(list)


class PageRouteFactory(ModelFactory):
    """A route from the question's page to the end, on its first option."""

    class Meta:
        model = PageRoute

    question_id = factory.LazyFunction(lambda: QuestionFactory().id)
    page_id = factory.LazyAttribute(
        lambda route: db.session.get(Question, route.question_id).page_id
    )
    answer = "Yes"
    goes_to_page_id = None


class ConsultationResponseFactory(ModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    channel = "online"
    status = "submitted"
    submitted_at = factory.LazyFunction(utcnow)


class AnswerFactory(ModelFactory):
    class Meta:
        model = Answer

    response_id = factory.LazyFunction(lambda: ConsultationResponseFactory().id)
    question_id = factory.LazyFunction(lambda: QuestionFactory().id)
    value = factory.LazyFunction(lambda: {"choice": "Yes"})


__all__ = [
    "AnswerFactory",
    "ConsultationFactory",
    "ConsultationResponseFactory",
    "PageRouteFactory",
    "QuestionFactory",
    "QuestionPageFactory",
]
