"""Strategy rules: reading versions, editing the current one, starting the next."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.strategy.models import (
    Objective,
    ObjectiveItem,
    Priority,
    Strategy,
    SuccessMeasure,
)


class NotEditable(Exception):
    """Only the current version can change: older versions are the record of what was."""


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
    position = 1 + max((p.position for p in objective.priorities), default=-1)
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
            objective.measures.append(
                SuccessMeasure(
                    measure=measure.measure,
                    baseline=measure.baseline,
                    target=measure.target,
                    by=measure.by,
                    position=measure.position,
                )
            )
        new.objectives.append(objective)
    current.is_current = False
    db.session.add(new)
    db.session.flush()
    record_event(
        "strategy_version_started",
        object_type="strategy",
        object_id=new.id,
        based_on=current.id,
        version=new.version,
    )
    return new
