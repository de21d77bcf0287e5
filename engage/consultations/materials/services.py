"""Adding, listing and removing a consultation's documents and events. Routes commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engage.consultations import stages
from engage.consultations.materials.models import ConsultationDocument, ConsultationEvent
from engage.consultations.models import Consultation
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.filenames import clean_filename
from engage.core.uploads import DOCUMENT_TYPES, document_problem, extension_of


def documents_of(consultation_id: int) -> list[ConsultationDocument]:
    """Its documents, in the order they were added (their files are not loaded)."""
    return list(
        db.session.scalars(
            select(ConsultationDocument)
            .where(ConsultationDocument.consultation_id == consultation_id)
            .order_by(ConsultationDocument.id)
        )
    )


def events_of(consultation_id: int) -> list[ConsultationEvent]:
    """Its events, soonest first."""
    return list(
        db.session.scalars(
            select(ConsultationEvent)
            .where(ConsultationEvent.consultation_id == consultation_id)
            .order_by(ConsultationEvent.starts_at, ConsultationEvent.id)
        )
    )


def get_document(consultation_id: int, document_id: int) -> ConsultationDocument | None:
    document = db.session.get(ConsultationDocument, document_id)
    return document if document and document.consultation_id == consultation_id else None


def public_document(consultation: Consultation, document_id: int) -> ConsultationDocument | None:
    if not stages.materials_are_public(consultation):
        return None
    return get_document(consultation.id, document_id)


def get_event(consultation_id: int, event_id: int) -> ConsultationEvent | None:
    event = db.session.get(ConsultationEvent, event_id)
    return event if event and event.consultation_id == consultation_id else None


def add_document(
    consultation: Consultation,
    *,
    title: str,
    format: str,
    link: str = "",
    filename: str = "",
    content: bytes = b"",
) -> ConsultationDocument:
    """A file (checked as every uploaded document is) or a link."""
    document = ConsultationDocument(
        consultation_id=consultation.id, title=title, format=format, link=link
    )
    if content:
        problem = document_problem(filename, content)
        if problem:
            raise ValueError(problem)
        document.filename = clean_filename(filename)
        document.content_type, _ = DOCUMENT_TYPES[extension_of(filename)]
        document.size, document.content = len(content), content
    db.session.add(document)
    db.session.flush()
    record_event(
        "consultation_document_added", object_type="consultation", object_id=consultation.id,
        document_id=document.id, format=format,
    )  # fmt: skip
    return document


def remove_document(document: ConsultationDocument) -> None:
    record_event(
        "consultation_document_removed", object_type="consultation",
        object_id=document.consultation_id, document_id=document.id,
    )  # fmt: skip
    db.session.delete(document)


def save_event(
    consultation: Consultation,
    event: ConsultationEvent | None,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    where: str,
    how_to_join: str,
    accessibility: str,
) -> ConsultationEvent:
    """Add an event (``event`` None) or change one."""
    is_new = event is None
    if event is None:
        event = ConsultationEvent(consultation_id=consultation.id)
        db.session.add(event)
    event.title, event.starts_at, event.ends_at, event.mode = title, starts_at, ends_at, mode
    event.where, event.how_to_join, event.accessibility = where, how_to_join, accessibility
    db.session.flush()
    record_event(
        "consultation_event_added" if is_new else "consultation_event_changed",
        object_type="consultation", object_id=consultation.id, event_id=event.id,
    )  # fmt: skip
    return event


def remove_event(event: ConsultationEvent) -> None:
    record_event(
        "consultation_event_removed", object_type="consultation",
        object_id=event.consultation_id, event_id=event.id,
    )  # fmt: skip
    db.session.delete(event)
