"""Monitoring answers under the retention schedule: they follow the record they came with.
When a feature deletes records, their answers go too; when it anonymises records it keeps
counting (so published figures stay the same), the answers stay but their write-ins, the
only free text here, are cleared. Both take the records as a SQL select of their ids, so a
run is one statement whatever the number of records. Neither commits."""

from __future__ import annotations

from sqlalchemy import Select, String, cast, delete, or_, update

from engage.core.db import db
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import WRITE_IN_COLUMNS


def _of(subject_type: str, subjects: Select) -> list:
    ids = subjects.with_only_columns(cast(next(iter(subjects.selected_columns)), String))
    return [MonitoringResponse.subject_type == subject_type, MonitoringResponse.subject_id.in_(ids)]


def delete_answers_of(subject_type: str, subjects: Select) -> int:
    """Delete the answers of every record ``subjects`` selects (a select of ids)."""
    result = db.session.execute(
        delete(MonitoringResponse)
        .where(*_of(subject_type, subjects))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def clear_write_ins_of(subject_type: str, subjects: Select) -> int:
    """Clear the typed-in "any other" answers of every record ``subjects`` selects (the
    chosen options, and so every count, stay as they were)."""
    columns = [getattr(MonitoringResponse, column) for column in WRITE_IN_COLUMNS]
    result = db.session.execute(
        update(MonitoringResponse)
        .where(*_of(subject_type, subjects), or_(*(c.is_not(None) for c in columns)))
        .values(dict.fromkeys(WRITE_IN_COLUMNS))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
