"""Exports of a recruitment round, as CSV and XLSX, for the round's lead officer (with the
equality data role: see report_access).

The applications export: one row per sent application (drafts are not applications yet):
reference, candidate number, status, date sent, panels chosen, local authorities,
connection, availability, the moderated total and the reasons given. Files get passed on,
so it names nobody: no name, email or phone (the lead officer sees those on the decisions
pages), no equality monitoring answers (those are only ever counted, in the monitoring
export) and no access needs (they go only to the people arranging adjustments, and to
interviewers if the applicant agreed).

The monitoring export: aggregates only, copied from the report's published tables (counts
under 10 as "fewer than 10", hidden cells as "hidden"); there is no row per person.

The files are written by ``engage.core.exports`` (formula injection defused, CSV with a
byte-order mark, XLSX with a bold, frozen heading row)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from engage.core.dates import UK
from engage.core.db import as_utc, db

# defuse, to_csv and to_xlsx are named here too, for the tests that call them through this
# module.
from engage.core.exports import Share, Sheet, Value
from engage.core.exports import defuse as defuse
from engage.core.exports import to_csv as to_csv
from engage.core.exports import to_xlsx as to_xlsx
from engage.monitoring.api import PublishedCell
from engage.recruitment.models import (
    DRAFT,
    SCORE_SCALE,
    STATUS_LABELS,
    Application,
    Criterion,
    ModeratedScore,
    RecruitmentRound,
)
from engage.recruitment.report.services import STAGES, Breakdown, RoundReport

CONNECTION_LABELS = {
    "live": "Lives here",
    "work": "Works here",
    "study": "Studies here",
    "volunteer": "Volunteers here",
}
AVAILABILITY_LABELS = {
    "daytime": "Daytime",
    "evening": "Evening",
    "online": "Online",
    "in_person": "In person",
}


# --- The applications export ------------------------------------------------------------------


def _labels(codes: Sequence[str], labels: dict[str, str]) -> str:
    return "; ".join(labels.get(code, code.replace("_", " ")) for code in codes)


def _uk_date(value: datetime | None) -> date | None:
    return None if value is None else as_utc(value).astimezone(UK).date()


def _moderated_totals(round_id: int) -> dict[int, tuple[int, int]]:
    """Application id -> (sum of moderated scores, criteria moderated), in one query."""
    rows = db.session.execute(
        select(
            ModeratedScore.application_id,
            func.sum(ModeratedScore.score),
            func.count(ModeratedScore.id),
        )
        .join(Application, Application.id == ModeratedScore.application_id)
        .where(Application.round_id == round_id)
        .group_by(ModeratedScore.application_id)
    ).all()
    return {application_id: (int(total), count) for application_id, total, count in rows}


def applications_sheet(round_: RecruitmentRound) -> Sheet:
    criteria = db.session.scalar(
        select(func.count(Criterion.id)).where(Criterion.round_id == round_.id)
    )
    best = max(SCORE_SCALE) * (criteria or 0)
    sheet = Sheet(
        title="Applications",
        headers=(
            "Reference",
            "Candidate number",
            "Status",
            "Sent on",
            "Panels (first choice first)",
            "Local authorities",
            "Connection to the city region",
            "Availability",
            f"Moderated total (out of {best})",
            "Shortlisting reason",
            "Outcome reason",
        ),
    )
    totals = _moderated_totals(round_.id)
    applications = db.session.scalars(
        select(Application)
        .where(Application.round_id == round_.id, Application.status != DRAFT)
        .options(lazyload(Application.answers))  # their own words are not exported: never loaded
        .order_by(Application.candidate_number)
    )
    for application in applications:
        total, moderated = totals.get(application.id, (None, 0))
        if total is not None and moderated < (criteria or 0):
            total_value: Value = f"{total} so far ({moderated} of {criteria} criteria agreed)"
        else:
            total_value = total
        sheet.rows.append(
            (
                application.reference,
                application.candidate_number,
                STATUS_LABELS.get(application.status, application.status),
                _uk_date(application.submitted_at),
                "; ".join(choice.panel.name for choice in application.panel_choices),
                "; ".join(sorted(authority.name for authority in application.local_authorities)),
                _labels(application.connections or [], CONNECTION_LABELS),
                _labels(application.availability or [], AVAILABILITY_LABELS),
                total_value,
                application.shortlist_reason,
                application.outcome_reason,
            )
        )
    return sheet


# --- The monitoring export --------------------------------------------------------------------


def _people(cell: PublishedCell) -> Value:
    return cell.count if cell.count is not None else cell.status


def _share(cell: PublishedCell) -> Value:
    return None if cell.percentage is None else Share(cell.percentage / 100)


def _breakdowns(report: RoundReport) -> list[Breakdown]:
    return [report.local_authorities, *report.characteristics.values()]


def monitoring_table(report: RoundReport) -> Sheet:
    """Every published table in one long table: stage, table, answer, people, share."""
    sheet = Sheet(title="Monitoring", headers=("Stage", "Table", "Answer", "People", "Share"))
    for breakdown in _breakdowns(report):
        for stage in breakdown.stages:
            for code, label, _ in breakdown.rows:
                cell = stage.table.cell(code)
                row = (stage.stage.label, breakdown.label, label, _people(cell), _share(cell))
                sheet.rows.append(row)
            if breakdown.percentages:
                table = stage.table
                total = table.total if table.total is not None else table.total_status
                share = Share(1.0) if table.total is not None else None
                sheet.rows.append((stage.stage.label, breakdown.label, "Total", total, share))
    return sheet


def _about(report: RoundReport) -> Sheet:
    round_ = report.round
    sheet = Sheet(title="About", headers=("About this export", ""))
    sheet.rows.extend(
        [
            ("Round", round_.title),
            ("Applied", report.people["applied"]),
            ("Shortlisted", report.people["shortlisted"]),
            ("Appointed", report.people["appointed"]),
            ("Applied means", "Every application sent, withdrawn ones included."),
            ("Shortlisted means", "Shortlisted, then appointed, reserve or not appointed."),
            (
                "Small numbers",
                "Numbers under 10 are shown as “fewer than 10”, with no percentage; some other "
                "numbers are hidden so that small numbers cannot be worked out from totals.",
            ),
            (
                "Local authorities",
                "People are counted under every local authority they named; no totals.",
            ),
            ("Not for publication", "For the round's lead officer. Do not publish or pass on."),
        ]
    )
    return sheet


def monitoring_sheets(report: RoundReport) -> list[Sheet]:
    """An "About" sheet, then a sheet per table with the three stages side by side."""
    sheets = [_about(report)]
    for breakdown in _breakdowns(report):
        headers = [breakdown.label]
        for stage in STAGES:
            headers.append(f"{stage.label}: people")
            if breakdown.percentages:
                headers.append(f"{stage.label}: share")
        sheet = Sheet(title=breakdown.sheet_name or breakdown.label, headers=tuple(headers))
        for _, label, cells in breakdown.rows:
            row: list[Value] = [label]
            for cell in cells:
                row.append(_people(cell))
                if breakdown.percentages:
                    row.append(_share(cell))
            sheet.rows.append(tuple(row))
        if breakdown.percentages:
            row = ["Total"]
            for stage in breakdown.stages:
                table = stage.table
                row.append(table.total if table.total is not None else table.total_status)
                row.append(Share(1.0) if table.total is not None else None)
            sheet.rows.append(tuple(row))
        sheets.append(sheet)
    return sheets
