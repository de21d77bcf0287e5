"""A consultation's documents (an uploaded PDF by default) and events (an in-person drop-in
a week from now by default)."""

from __future__ import annotations

from datetime import timedelta

import factory

from engage.consultations.materials.models import ConsultationDocument, ConsultationEvent
from engage.core.db import utcnow
from tests.factories.base import ModelFactory
from tests.factories.consultations import ConsultationFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class ConsultationDocumentFactory(ModelFactory):
    class Meta:
        model = ConsultationDocument

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    title = "The draft bus strategy"
    format = "standard"
    filename = "bus-strategy.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    content = PDF


class ConsultationEventFactory(ModelFactory):
    class Meta:
        model = ConsultationEvent

    consultation_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    title = "Drop-in at Bootle library"
    starts_at = factory.LazyFunction(lambda: utcnow() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    mode = "in_person"
    where = "Bootle Library, 220 Stanley Road, Bootle L20 3EN"
    accessibility = "Step-free entrance, a hearing loop and accessible toilets."


__all__ = ["ConsultationDocumentFactory", "ConsultationEventFactory"]
