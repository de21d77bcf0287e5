"""A strategy version laid out for the pages that show progress on every objective (the
tracker): its objectives in order, each with its priorities, success measures and the values
recorded for each measure. One query of plain rows: building ORM objects for every priority,
measure and value took longer than everything else the tracker pages did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from engage.core.db import db
from engage.strategy.models import MeasureValue, Objective, Priority, Strategy, SuccessMeasure


@dataclass(frozen=True)
class OutlineValue:
    year: int
    value: str
    source: str


@dataclass
class OutlineMeasure:
    id: int
    measure: str
    baseline: str
    target: str
    by: str
    values: list[OutlineValue] = field(default_factory=list)


@dataclass(frozen=True)
class OutlinePriority:
    id: int
    code: str
    title: str
    retired_at: datetime | None


@dataclass
class OutlineObjective:
    id: int
    code: str
    title: str
    priorities: list[OutlinePriority] = field(default_factory=list)
    measures: list[OutlineMeasure] = field(default_factory=list)

    @property
    def active_priorities(self) -> list[OutlinePriority]:
        return [priority for priority in self.priorities if priority.retired_at is None]


@dataclass
class StrategyOutline:
    id: int
    code: str
    version: int
    title: str
    is_current: bool
    objectives: list[OutlineObjective] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.title}, version {self.version}"


def strategy_outline(strategy_id: int | None = None) -> StrategyOutline | None:
    """A version (the current one unless ``strategy_id`` says) with its objectives, their
    priorities, success measures and each measure's recorded values, in their orders: one
    query."""
    statement = (
        select(
            Strategy.id,
            Strategy.code,
            Strategy.version,
            Strategy.title,
            Strategy.is_current,
            Objective.id,
            Objective.code,
            Objective.title,
            Priority.id,
            Priority.code,
            Priority.title,
            Priority.retired_at,
            SuccessMeasure.id,
            SuccessMeasure.measure,
            SuccessMeasure.baseline,
            SuccessMeasure.target,
            SuccessMeasure.by,
            MeasureValue.year,
            MeasureValue.value,
            MeasureValue.source,
        )
        .outerjoin(Objective, Objective.strategy_id == Strategy.id)
        .outerjoin(Priority, Priority.objective_id == Objective.id)
        .outerjoin(SuccessMeasure, SuccessMeasure.objective_id == Objective.id)
        .outerjoin(MeasureValue, MeasureValue.measure_id == SuccessMeasure.id)
        .order_by(
            Strategy.id,
            Objective.position,
            Objective.id,
            Priority.position,
            Priority.id,
            SuccessMeasure.position,
            SuccessMeasure.id,
            MeasureValue.year,
        )
    )
    if strategy_id is None:
        statement = statement.where(Strategy.is_current)
    else:
        statement = statement.where(Strategy.id == strategy_id)
    outline: StrategyOutline | None = None
    objectives: dict[int, OutlineObjective] = {}
    priorities: set[int] = set()
    measures: dict[int, OutlineMeasure] = {}
    values: set[tuple[int, int]] = set()
    # Each objective's priorities and measure values come as every pairing of the two: each
    # is taken once, in the order of the first row it is in (the query's order).
    for row in db.session.execute(statement):
        if outline is None:
            outline = StrategyOutline(*row[0:5])
        elif outline.id != row[0]:
            break  # only one current version; never two
        if row[5] is None:
            continue
        objective = objectives.get(row[5])
        if objective is None:
            objective = objectives[row[5]] = OutlineObjective(*row[5:8])
            outline.objectives.append(objective)
        if row[8] is not None and row[8] not in priorities:
            priorities.add(row[8])
            objective.priorities.append(OutlinePriority(*row[8:12]))
        if row[12] is None:
            continue
        measure = measures.get(row[12])
        if measure is None:
            measure = measures[row[12]] = OutlineMeasure(*row[12:17])
            objective.measures.append(measure)
        if row[17] is not None and (row[12], row[17]) not in values:
            values.add((row[12], row[17]))
            measure.values.append(OutlineValue(*row[17:20]))
    return outline
