"""Consultations in the audit log, in words (see engage/core/audit_records.py). Every event
of the feature names the consultation, so a page of events describes them with one query."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.consultations.models import Consultation
from engage.core.audit_records import Described, describe_records, get_record, link, load_records


def _consultation(consultation_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Consultation, consultation_id)
    if found is None:
        return Described("A consultation that has been deleted")
    return Described(
        f"Consultation: {found.title}",
        link("consultations.builder.show", consultation_id=found.id),
    )


def _consultations(ids: list[Any]) -> list[Any]:
    return load_records(Consultation, ids)


def register(app: Flask) -> None:
    describe_records(app, "consultation", _consultation, _consultations)
