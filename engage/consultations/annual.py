"""Consultations for a year of the annual equality report: every "we asked, you said, we did"
published in the year, with what the authority decided, what changed, how many themes led to a
change, and the changes themselves. Three queries whatever the number of consultations.

The number of responses is given in words through disclosure control ("fewer than 10
people"), as the published outcome page gives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, bindparam, func, select

from engage.consultations.models import Consultation, ConsultationResponse
from engage.consultations.outcome.models import (
    THEME_RESULT_LABELS,
    ConsultationOutcome,
    ThemeOutcome,
    ThemeResult,
)
from engage.consultations.outcome.services import people_words
from engage.consultations.services import sent_responses_of_each
from engage.core.db import db
from engage.core.theme_models import Theme

_START = bindparam("start", type_=DateTime(timezone=True))
_END = bindparam("end", type_=DateTime(timezone=True))
_IN_PERIOD = (ConsultationOutcome.published_at >= _START, ConsultationOutcome.published_at < _END)
_RESPONSES = sent_responses_of_each()
_OUTCOMES = (
    select(
        Consultation.id,
        Consultation.title,
        ConsultationOutcome.published_at,
        ConsultationOutcome.decision,
        ConsultationOutcome.changes,
        _RESPONSES,
    )
    .join(ConsultationOutcome, ConsultationOutcome.consultation_id == Consultation.id)
    .where(*_IN_PERIOD)
    .order_by(ConsultationOutcome.published_at, Consultation.id)
)
_RESULTS = (
    select(ConsultationOutcome.consultation_id, ThemeOutcome.result, func.count())
    .join(ThemeOutcome, ThemeOutcome.outcome_id == ConsultationOutcome.id)
    .where(*_IN_PERIOD)
    .group_by(ConsultationOutcome.consultation_id, ThemeOutcome.result)
)
_CHANGED = (
    select(ConsultationOutcome.consultation_id, Theme.label, ThemeOutcome.we_did)
    .join(ThemeOutcome, ThemeOutcome.outcome_id == ConsultationOutcome.id)
    .join(Theme, Theme.id == ThemeOutcome.theme_id)
    .where(*_IN_PERIOD, ThemeOutcome.result == ThemeResult.CHANGED)
    .order_by(ConsultationOutcome.consultation_id, Theme.position, Theme.id)
)


@dataclass
class OutcomeInYear:
    consultation_id: int
    title: str
    published_at: datetime
    decision: str
    changes: str
    responses: str  # "24 people", "fewer than 10 people"
    themes_by_result: dict[str, int] = field(default_factory=dict)  # result label -> themes
    changed_themes: list[tuple[str, str]] = field(default_factory=list)  # (theme, what we did)


def outcomes_published_between(start: datetime, end: datetime) -> list[OutcomeInYear]:
    """Every outcome published from ``start`` (included) to ``end`` (not), oldest first."""
    params = {"start": start, "end": end}
    found = {
        row[0]: OutcomeInYear(*row[:5], responses=people_words(row[5] or 0))
        for row in db.session.execute(_OUTCOMES, params)
    }
    if not found:
        return []
    for consultation_id, result, count in db.session.execute(_RESULTS, params):
        if consultation_id in found:
            label = THEME_RESULT_LABELS.get(result, result)  # type: ignore[call-overload]
            found[consultation_id].themes_by_result[label] = count
    for consultation_id, label, we_did in db.session.execute(_CHANGED, params):
        if consultation_id in found:
            found[consultation_id].changed_themes.append((label, we_did))
    return list(found.values())


def first_consultation_year() -> int | None:
    """The year of the earliest response sent or outcome published, or None: one query."""
    first_response = select(func.min(ConsultationResponse.submitted_at)).scalar_subquery()
    first_outcome = select(func.min(ConsultationOutcome.published_at)).scalar_subquery()
    found = db.session.execute(select(first_response, first_outcome)).one()
    years = [day.year for day in found if day]
    return min(years, default=None)
