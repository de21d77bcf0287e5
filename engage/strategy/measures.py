"""Success measures' yearly values: recording what a measure stood at in a year (with its
source), and reading them back for the tracker and the annual report in a fixed number of
queries whatever the number of measures or years."""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.strategy.models import MeasureValue, Objective, Priority, Strategy, SuccessMeasure

FIRST_YEAR = 2000
LAST_YEAR = 2100


@dataclass(frozen=True)
class MeasureYear:
    """One success measure of the current strategy and its value for one year (``value`` and
    ``source`` are None when nothing was recorded for that year)."""

    objective_code: str
    objective_title: str
    measure: str
    baseline: str
    target: str
    by: str
    value: str | None
    source: str | None


@dataclass(frozen=True)
class RecordedValue:
    """A recorded value, for pages that list a measure's years."""

    measure_id: int
    year: int
    value: str
    source: str
    recorded_at: object  # datetime; kept loose so templates can format it
    recorded_by_id: int | None


def record_value(measure: SuccessMeasure, *, year: int, value: str, source: str) -> MeasureValue:
    """Record ``measure``'s value for ``year``, replacing one already recorded for that year.
    The audit event keeps what it replaced, so a mistake can be put right."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Year out of range: {year}")
    existing = db.session.scalar(
        select(MeasureValue).where(MeasureValue.measure_id == measure.id, MeasureValue.year == year)
    )
    before = None
    if existing is None:
        existing = MeasureValue(measure_id=measure.id, year=year)
        db.session.add(existing)
    else:
        before = {"value": existing.value, "source": existing.source}
    existing.value = value.strip()
    existing.source = source.strip()
    existing.recorded_at = utcnow()
    signed_in = has_request_context() and current_user.is_authenticated
    existing.recorded_by_id = current_user.id if signed_in else None
    db.session.flush()
    record_event(
        "strategy_measure_value_recorded",
        object_type="strategy_measure",
        object_id=measure.id,
        year=year,
        before=before,
    )
    return existing


def values_of_measure(measure_id: int) -> list[MeasureValue]:
    """Every year recorded for one measure, latest first."""
    return list(
        db.session.scalars(
            select(MeasureValue)
            .where(MeasureValue.measure_id == measure_id)
            .order_by(MeasureValue.year.desc())
        )
    )


def values_by_measure(measure_ids: list[int]) -> dict[int, list[RecordedValue]]:
    """Every recorded value of the given measures, by measure id, earliest year first: one
    query."""
    found: dict[int, list[RecordedValue]] = {measure_id: [] for measure_id in measure_ids}
    if not measure_ids:
        return found
    rows = db.session.execute(
        select(
            MeasureValue.measure_id,
            MeasureValue.year,
            MeasureValue.value,
            MeasureValue.source,
            MeasureValue.recorded_at,
            MeasureValue.recorded_by_id,
        )
        .where(MeasureValue.measure_id.in_(measure_ids))
        .order_by(MeasureValue.measure_id, MeasureValue.year)
    )
    for row in rows:
        found[row.measure_id].append(RecordedValue(*row))
    return found


def measure_values_for_year(year: int) -> list[MeasureYear]:
    """Every success measure of the current strategy version, objective by objective in the
    strategy's order, with its value for ``year`` (None when not recorded): one query."""
    rows = db.session.execute(
        select(
            Objective.code,
            Objective.title,
            SuccessMeasure.measure,
            SuccessMeasure.baseline,
            SuccessMeasure.target,
            SuccessMeasure.by,
            MeasureValue.value,
            MeasureValue.source,
        )
        .join(Objective, SuccessMeasure.objective_id == Objective.id)
        .join(Strategy, Objective.strategy_id == Strategy.id)
        .outerjoin(
            MeasureValue,
            (MeasureValue.measure_id == SuccessMeasure.id) & (MeasureValue.year == year),
        )
        .where(Strategy.is_current)
        .order_by(Objective.position, Objective.id, SuccessMeasure.position, SuccessMeasure.id)
    )
    return [MeasureYear(*row) for row in rows]


def priority_outline(priority_id: int) -> Priority | None:
    """A priority with its objective, the objective's version, success measures and their
    values: one query."""
    objective = joinedload(Priority.objective)
    return (
        db.session.scalars(
            select(Priority)
            .where(Priority.id == priority_id)
            .options(
                objective.joinedload(Objective.strategy),
                objective.joinedload(Objective.measures).joinedload(SuccessMeasure.values),
            )
        )
        .unique()
        .first()
    )
