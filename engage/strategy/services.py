"""Strategy rules: reading versions, editing the current one, starting the next."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.errors import Refused
from engage.core.ordering import next_position
from engage.strategy.models import (
    MeasureValue,
    Objective,
    ObjectiveItem,
    Priority,
    Strategy,
    SuccessMeasure,
)


class NotEditable(Refused):
    """Only the current version can change: older versions are the record of what was."""

    def __init__(self) -> None:
        super().__init__(
            "Only the current version can be changed. Older versions are kept as they were"
        )


def _with_everything():  # noqa: ANN202 - loader options
    objectives = selectinload(Strategy.objectives)
    return [
        objectives.selectinload(Objective.priorities),
        objectives.selectinload(Objective.items),
        objectives.selectinload(Objective.measures),
    ]


def current_strategy() -> Strategy | None:
    return db.session.scalars(
        select(Strategy).where(Strategy.is_current).options(*_with_everything())
    ).first()


def current_version() -> Strategy | None:
    """The current version alone (no objectives), for pages that only name it."""
    return db.session.scalars(select(Strategy).where(Strategy.is_current)).first()


def get_version(strategy_id: int) -> Strategy | None:
    """A version alone (no objectives): its contents come from contents.strategy_contents."""
    return db.session.get(Strategy, strategy_id)


def get_strategy(strategy_id: int) -> Strategy | None:
    return db.session.scalars(
        select(Strategy).where(Strategy.id == strategy_id).options(*_with_everything())
    ).first()


def versions() -> list[Strategy]:
    return list(db.session.scalars(select(Strategy).order_by(Strategy.code, Strategy.version)))


def get_objective(objective_id: int) -> Objective | None:
    return db.session.get(Objective, objective_id)


def get_priority(priority_id: int) -> Priority | None:
    return db.session.get(Priority, priority_id)


def check_editable(strategy: Strategy) -> None:
    if not strategy.is_current:
        raise NotEditable


def edit_objective(objective: Objective, *, title: str, summary: str) -> None:
    check_editable(objective.strategy)
    before = {"title": objective.title, "summary": objective.summary}
    objective.title, objective.summary = title.strip(), summary.strip()
    record_event(
        "strategy_objective_edited", object_type="objective", object_id=objective.id, before=before
    )


def edit_priority(priority: Priority, *, title: str) -> None:
    check_editable(priority.strategy)
    before = priority.title
    priority.title = title.strip()
    record_event(
        "strategy_priority_edited", object_type="priority", object_id=priority.id, before=before
    )


def add_priority(objective: Objective, *, code: str, title: str) -> Priority:
    check_editable(objective.strategy)
    position = next_position(objective.priorities, first=0)
    priority = Priority(code=code.strip(), title=title.strip(), position=position)
    objective.priorities.append(priority)
    db.session.flush()
    record_event("strategy_priority_added", object_type="priority", object_id=priority.id)
    return priority


def code_in_use(objective: Objective, code: str) -> bool:
    return any(p.code == code.strip() for p in objective.priorities)


def set_retired(priority: Priority, retired: bool) -> None:
    """Retired priorities stay on records already tagged, but cannot be chosen for new ones."""
    check_editable(priority.strategy)
    priority.retired_at = utcnow() if retired else None
    record_event(
        "strategy_priority_retired" if retired else "strategy_priority_restored",
        object_type="priority",
        object_id=priority.id,
    )


def start_next_version(
    current: Strategy, *, title: str, period_start: date, period_end: date
) -> Strategy:
    """Copy the current version into a new current one. The old version and every tag on its
    priorities stay exactly as they were; retired priorities are not carried over."""
    check_editable(current)
    latest = db.session.scalar(
        select(func.max(Strategy.version)).where(Strategy.code == current.code)
    )
    new = Strategy(
        code=current.code,
        version=(latest or 0) + 1,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        is_current=True,
        vision=list(current.vision),
        based_on_id=current.id,
    )
    copied_measures: list[tuple[SuccessMeasure, SuccessMeasure]] = []
    for old_objective in current.objectives:
        objective = Objective(
            code=old_objective.code,
            title=old_objective.title,
            summary=old_objective.summary,
            position=old_objective.position,
        )
        for old in old_objective.active_priorities:
            objective.priorities.append(
                Priority(
                    code=old.code, title=old.title, position=old.position, copied_from_id=old.id
                )
            )
        for item in old_objective.items:
            objective.items.append(
                ObjectiveItem(kind=item.kind, text=item.text, position=item.position)
            )
        for measure in old_objective.measures:
            copy = SuccessMeasure(
                measure=measure.measure,
                baseline=measure.baseline,
                target=measure.target,
                by=measure.by,
                position=measure.position,
            )
            objective.measures.append(copy)
            copied_measures.append((measure, copy))
        new.objectives.append(objective)
    current.is_current = False
    db.session.add(new)
    db.session.flush()
    _copy_measure_values(copied_measures)
    record_event(
        "strategy_version_started",
        object_type="strategy",
        object_id=new.id,
        based_on=current.id,
        version=new.version,
    )
    return new


def _copy_measure_values(pairs: list[tuple[SuccessMeasure, SuccessMeasure]]) -> None:
    """The years already recorded go with each measure into the new version, so the tracker
    and the annual report show a measure's history whichever version is current."""
    old_to_new = {old.id: new.id for old, new in pairs}
    if not old_to_new:
        return
    old_values = db.session.scalars(
        select(MeasureValue).where(MeasureValue.measure_id.in_(old_to_new))
    )
    for value in old_values:
        db.session.add(
            MeasureValue(
                measure_id=old_to_new[value.measure_id],
                year=value.year,
                value=value.value,
                source=value.source,
                recorded_by_id=value.recorded_by_id,
                recorded_at=value.recorded_at,
            )
        )


# Editing the text the public page shows --------------------------------------------------
# Each change is audited with the text it replaced, so a mistake can be put right by hand.


def get_item(item_id: int) -> ObjectiveItem | None:
    return db.session.get(ObjectiveItem, item_id)


def get_measure(measure_id: int) -> SuccessMeasure | None:
    return db.session.get(SuccessMeasure, measure_id)


def _objective_of(record: ObjectiveItem | SuccessMeasure) -> Objective:
    return db.session.get(Objective, record.objective_id)


def item_strategy(record: ObjectiveItem | SuccessMeasure) -> Strategy:
    return _objective_of(record).strategy


def edit_details(strategy: Strategy, *, title: str, period_start: date, period_end: date) -> None:
    check_editable(strategy)
    before = {
        "title": strategy.title,
        "period_start": strategy.period_start.isoformat(),
        "period_end": strategy.period_end.isoformat(),
    }
    strategy.title = title.strip()
    strategy.period_start, strategy.period_end = period_start, period_end
    record_event(
        "strategy_details_edited", object_type="strategy", object_id=strategy.id, before=before
    )


def edit_vision(strategy: Strategy, statements: list[str]) -> None:
    check_editable(strategy)
    before = list(strategy.vision)
    strategy.vision = [s.strip() for s in statements if s.strip()]  # a new list: JSON changes
    record_event(
        "strategy_vision_edited", object_type="strategy", object_id=strategy.id, before=before
    )


def add_item(objective: Objective, *, kind: str, text: str) -> ObjectiveItem:
    check_editable(objective.strategy)
    position = next_position(objective.items, first=0)
    item = ObjectiveItem(kind=kind, text=text.strip(), position=position)
    objective.items.append(item)
    db.session.flush()
    record_event("strategy_item_added", object_type="strategy_item", object_id=item.id, kind=kind)
    return item


def edit_item(item: ObjectiveItem, *, text: str) -> None:
    check_editable(item_strategy(item))
    before = item.text
    item.text = text.strip()
    record_event(
        "strategy_item_edited", object_type="strategy_item", object_id=item.id, before=before
    )


def remove_item(item: ObjectiveItem) -> None:
    check_editable(item_strategy(item))
    record_event(
        "strategy_item_removed",
        object_type="strategy_item",
        object_id=item.id,
        before={"kind": item.kind, "text": item.text},
    )
    db.session.delete(item)


MEASURE_FIELDS = ("measure", "baseline", "target", "by")


def add_measure(objective: Objective, values: dict[str, str]) -> SuccessMeasure:
    """``values``: measure, baseline, target and by; missing ones are empty."""
    check_editable(objective.strategy)
    position = next_position(objective.measures, first=0)
    measure = SuccessMeasure(position=position, **_measure_values(values))
    objective.measures.append(measure)
    db.session.flush()
    record_event("strategy_measure_added", object_type="strategy_measure", object_id=measure.id)
    return measure


def edit_measure(measure: SuccessMeasure, values: dict[str, str]) -> None:
    """``values``: measure, baseline, target and by; missing ones become empty."""
    check_editable(item_strategy(measure))
    before = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    for name, value in _measure_values(values).items():
        setattr(measure, name, value)
    record_event(
        "strategy_measure_edited",
        object_type="strategy_measure",
        object_id=measure.id,
        before=before,
    )


def remove_measure(measure: SuccessMeasure) -> None:
    check_editable(item_strategy(measure))
    before = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    record_event(
        "strategy_measure_removed",
        object_type="strategy_measure",
        object_id=measure.id,
        before=before,
    )
    db.session.delete(measure)


def _measure_values(values: dict[str, str]) -> dict[str, str]:
    unknown = set(values) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown measure fields: {sorted(unknown)}")
    return {name: (values.get(name) or "").strip() for name in MEASURE_FIELDS}
