"""Equality monitoring answers."""

from __future__ import annotations

import factory

from engage.core.db import utcnow
from engage.monitoring.models import MonitoringResponse
from engage.recruitment.apply.services import MONITORING_SUBJECT
from tests.factories.base import ModelFactory
from tests.factories.recruitment import ApplicationFactory


class MonitoringResponseFactory(ModelFactory):
    """The answers sent with a new panel application (``application=...`` for one made
    earlier). Questions not given here are not answered (NULL), as in the real table."""

    class Meta:
        model = MonitoringResponse

    class Params:
        application = factory.SubFactory(ApplicationFactory)

    subject_type = MONITORING_SUBJECT
    subject_id = factory.LazyAttribute(lambda o: str(o.application.id))
    collected_at = factory.LazyFunction(utcnow)
    age_band = "35_to_49"
    sex = "female"
    ethnic_group = "white_british"
    long_term_condition = "no"


__all__ = ["MonitoringResponseFactory"]
