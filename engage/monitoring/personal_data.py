"""A person's own equality monitoring answers in words, for their data download (and never
for staff views): the answers that came with several of a feature's records, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from engage.core.db import db
from engage.core.personal_data import PersonalRecord, record
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import PREFER_NOT_TO_SAY, QUESTIONS


def _in_words(row: MonitoringResponse) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [("Answered", row.collected_at)]
    for q in QUESTIONS.values():
        code = getattr(row, q.key)
        if code is None:
            pairs.append((q.text, "Not answered"))
            continue
        option = q.option(code)
        words = q.label_for(code) if (option or code == PREFER_NOT_TO_SAY) else code
        pairs.append((q.text, words))
        written = getattr(row, q.write_in_column) if q.write_in_column else None
        if written:
            pairs.append((f"{q.text} (in your words)", written))
    return pairs


def monitoring_records(
    subject_type: str, subject_ids: Iterable[Any], titles: dict[str, str]
) -> list[PersonalRecord]:
    """A record of answers for each of ``subject_ids`` that has any, titled by
    ``titles[str(subject_id)]`` (one query)."""
    ids = [str(subject_id) for subject_id in subject_ids]
    if not ids:
        return []
    rows = db.session.scalars(
        select(MonitoringResponse)
        .where(
            MonitoringResponse.subject_type == subject_type,
            MonitoringResponse.subject_id.in_(ids),
        )
        .order_by(MonitoringResponse.id)
    ).all()
    return [record(titles.get(row.subject_id, "Your answers"), *_in_words(row)) for row in rows]
