"""A consultation's "we asked, you said, we did" (not yet published), and what was done about
one of its themes."""

from __future__ import annotations

import factory

from engage.consultations.outcome.models import ConsultationOutcome, ThemeOutcome
from tests.factories.base import ModelFactory
from tests.factories.consultations import ConsultationFactory
from tests.factories.themes import ThemeFactory


class ConsultationOutcomeFactory(ModelFactory):
    class Meta:
        model = ConsultationOutcome

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory(status="closed").id)
    what_we_asked = "How bus routes should change."
    decision = "The Transport Committee chose to add evening buses, in March 2027."
    changes = "The 10A will run until midnight."


class ThemeOutcomeFactory(ModelFactory):
    class Meta:
        model = ThemeOutcome

    outcome_id = factory.LazyFunction(lambda: ConsultationOutcomeFactory().id)
    theme_id = factory.LazyFunction(lambda: ThemeFactory().id)
    result = "changed"
    we_did = "We added evening buses."


__all__ = ["ConsultationOutcomeFactory", "ThemeOutcomeFactory"]
