"""Saving monitoring answers and counting them.

Other features call these functions and never touch ``monitoring_response`` themselves.
Nothing here returns a person's answers beside their name: staff views get counts only
(counted by the database: ``counting.py``), and each such view is recorded with
``aggregates_viewed``. The one
exception is ``answers_of``, for the person's own copy of their data.

None of these functions commits: the caller commits with the action the answers belong to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, insert, select

from engage.core.audit import AuditEvent, record_event
from engage.core.db import db, utcnow
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import (
    DISABILITY,
    NOT_ANSWERED,
    QUESTIONS,
    WRITE_IN_COLUMNS,
    WRITE_IN_MAX_LENGTH,
    disability_status,
    question,
)

Answers = dict[str, str | None]
ANSWER_COLUMNS: tuple[str, ...] = (*QUESTIONS, *WRITE_IN_COLUMNS)
EQUALITY_DATA_VIEWED = "equality_data_viewed"
_BATCH = 5000  # rows per INSERT in save_many_answers


def clean_answers(answers: Mapping[str, str | None]) -> Answers:
    """Check and normalise answers: every question key present (None = not answered), codes
    known, and each write-in kept only when its "any other" option was chosen."""
    unknown = set(answers) - set(ANSWER_COLUMNS)
    if unknown:
        raise ValueError(f"Unknown monitoring answers: {sorted(unknown)}")
    cleaned: Answers = {}
    for q in QUESTIONS.values():
        code = answers.get(q.key) or None
        if code is not None and code not in q.codes:
            raise ValueError(f"{code!r} is not an answer to {q.key}")
        cleaned[q.key] = code
        if q.write_in_column:
            option = q.option(code) if code else None
            text = answers.get(q.write_in_column) if option and option.write_in else None
            text = text.strip() if isinstance(text, str) else None
            if text and len(text) > WRITE_IN_MAX_LENGTH:
                raise ValueError(f"{q.write_in_column} is longer than {WRITE_IN_MAX_LENGTH}")
            cleaned[q.write_in_column] = text or None
    return cleaned


def response_for(subject_type: str, subject_id: Any) -> MonitoringResponse | None:
    """The saved row for one record, to pre-fill the person's own form
    (``MonitoringForm.from_response``)."""
    return db.session.scalars(
        select(MonitoringResponse).where(
            MonitoringResponse.subject_type == subject_type,
            MonitoringResponse.subject_id == str(subject_id),
        )
    ).first()


def save_answers(
    subject_type: str, subject_id: Any, answers: Mapping[str, str | None]
) -> MonitoringResponse:
    """Create or replace the answers that came with a record. Keys missing from ``answers``
    become "not answered". Does not commit."""
    cleaned = clean_answers(answers)
    row = response_for(subject_type, subject_id)
    if row is None:
        row = MonitoringResponse(subject_type=subject_type, subject_id=str(subject_id))
        db.session.add(row)
    for column, value in cleaned.items():
        setattr(row, column, value)
    row.collected_at = utcnow()
    return row


def save_many_answers(
    subject_type: str, answers_by_subject: Iterable[tuple[Any, Mapping[str, str | None]]]
) -> int:
    """Add the answers of many new records at once (imports, the scale generator): checked as
    ``save_answers`` checks them, inserted in batches. Returns how many. Does not commit."""
    now = utcnow()
    batch: list[dict[str, Any]] = []
    added = 0
    for subject_id, answers in answers_by_subject:
        batch.append(
            {
                "subject_type": subject_type,
                "subject_id": str(subject_id),
                "collected_at": now,
                **clean_answers(answers),
            }
        )
        if len(batch) == _BATCH:
            db.session.execute(insert(MonitoringResponse), batch)
            added, batch = added + len(batch), []
    if batch:
        db.session.execute(insert(MonitoringResponse), batch)
        added += len(batch)
    return added


def answers_of(subject_type: str, subject_id: Any) -> Answers | None:
    """One person's own answers, for their data download. Never for staff views."""
    row = response_for(subject_type, subject_id)
    return None if row is None else _as_answers(row)


def delete_answers(subject_type: str, subject_id: Any) -> bool:
    """Erase the answers that came with a record (withdrawal, erasure, retention).
    Returns whether there were any. Does not commit."""
    result = db.session.execute(
        delete(MonitoringResponse).where(
            MonitoringResponse.subject_type == subject_type,
            MonitoringResponse.subject_id == str(subject_id),
        )
    )
    return bool(result.rowcount)


def _as_answers(row: MonitoringResponse) -> Answers:
    return {column: getattr(row, column) for column in ANSWER_COLUMNS}


def _value(response: Mapping[str, Any] | MonitoringResponse, key: str) -> str | None:
    if isinstance(response, Mapping):
        return response.get(key)
    return getattr(response, key)


def count_by_question(
    question_key: str, responses: Iterable[Mapping[str, Any] | MonitoringResponse]
) -> dict[str, int]:
    """Counts per answer code for one question, in the question's order, every code present
    (zeros included): the options, then ``"prefer_not_to_say"``, then ``"not_answered"``.

    ``question_key`` may also be ``"disability"``, derived from the two health questions
    (see ``questions.disability_status``). These raw counts are not for publishing: pass them
    through ``disclosure.publish_table`` or ``comparison.compare`` first."""
    q = question(question_key)
    counts = dict.fromkeys((*q.codes, NOT_ANSWERED), 0)
    for response in responses:
        if question_key == DISABILITY:
            code = disability_status(
                _value(response, "long_term_condition"), _value(response, "day_to_day_limited")
            )
        else:
            code = _value(response, question_key)
        key = NOT_ANSWERED if code is None else code
        if key not in counts:
            raise ValueError(f"Stored answer {code!r} is not an answer to {question_key}")
        counts[key] += 1
    return counts


def aggregates_viewed(actor: Any, what: str, **details: Any) -> AuditEvent:
    """Record that someone viewed or exported equality aggregates. ``actor`` is a user (or
    user id); ``what`` says which view, for example "panel round 3: ethnic group"."""
    actor_id = getattr(actor, "id", actor)
    return record_event(
        EQUALITY_DATA_VIEWED,
        object_type="equality_data",
        actor_id=actor_id,
        what=what,
        **details,
    )
