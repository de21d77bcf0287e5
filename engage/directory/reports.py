"""Anyone telling us an entry is wrong, and officers dealing with what they were told."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.directory.models import EntryReport, Organisation


def report_entry(organisation: Organisation, what_is_wrong: str, contact_email: str) -> None:
    db.session.add(
        EntryReport(
            organisation_id=organisation.id,
            what_is_wrong=what_is_wrong,
            contact_email=contact_email,
        )
    )
    record_event("directory_entry_reported", object_type="organisation", object_id=organisation.id)


def open_reports_statement() -> Select:
    """Reports not yet dealt with, the oldest first (report and organisation name)."""
    return (
        select(EntryReport, Organisation.name)
        .join(Organisation, Organisation.id == EntryReport.organisation_id)
        .where(EntryReport.resolved_at.is_(None))
        .order_by(EntryReport.created_at, EntryReport.id)
    )


def resolve_report(report_id: int, officer: Any) -> EntryReport | None:
    report = db.session.get(EntryReport, report_id)
    if report is None or report.resolved_at is not None:
        return None
    report.resolved_at, report.resolved_by_id = utcnow(), officer.id
    record_event(
        "directory_report_resolved", object_type="organisation", object_id=report.organisation_id
    )
    return report
