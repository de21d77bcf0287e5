"""Consultation answering: an uploaded file answer and a request for another format or
support."""

from __future__ import annotations

import factory

from engage.consultations.models import AnswerFile, FormatRequest
from tests.factories.base import ModelFactory
from tests.factories.consultations import (
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
)


class AnswerFileFactory(ModelFactory):
    class Meta:
        model = AnswerFile

    key = factory.Sequence(lambda n: f"file-key-{n}")
    response_id = factory.LazyFunction(lambda: ConsultationResponseFactory().id)
    question_id = factory.LazyFunction(lambda: QuestionFactory(kind="file", options=[]).id)
    filename = "my-views.txt"
    content_type = "text/plain"
    size = 11
    content = b"My views..."


class FormatRequestFactory(ModelFactory):
    class Meta:
        model = FormatRequest

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory(status="open").id)
    name = "Sam Resident"
    contact = "sam@example.org"
    needs = factory.LazyFunction(lambda: ["easy_read"])
    details = "An Easy Read version, please."


__all__ = ["AnswerFileFactory", "FormatRequestFactory"]
