"""Consultation results: a snapshot of the counts of a consultation with no responses."""

from __future__ import annotations

import factory

from engage.consultations.results.models import ResultsSnapshot
from tests.factories.base import ModelFactory
from tests.factories.consultations import ConsultationFactory


class ResultsSnapshotFactory(ModelFactory):
    class Meta:
        model = ResultsSnapshot

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    filter_key = ""
    fingerprint = "none:0:0:0"
    rows = factory.LazyFunction(list)


__all__ = ["ResultsSnapshotFactory"]
