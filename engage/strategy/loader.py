"""Loads the strategy from engage/data/equality-strategy-2022-26.yaml (``flask load-reference``
loads it with the rest of the reference data: engage/reference_data.py).

Idempotent: a strategy whose code is already loaded is left alone (admins may have edited it
since), except that text an earlier copy of the file loaded wrongly is corrected (``repair``)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select

from engage.core.db import db
from engage.strategy.models import (
    ACTION,
    AMBITION,
    Objective,
    ObjectiveItem,
    Priority,
    Strategy,
    SuccessMeasure,
)
from engage.strategy.repair import repair_loaded_text

STRATEGY_FILE = "equality-strategy-2022-26.yaml"


def read_strategy_file(name: str = STRATEGY_FILE) -> dict[str, Any]:
    return yaml.safe_load(resources.files("engage.data").joinpath(name).read_text())


def load_strategy(source: dict[str, Any]) -> dict[str, int]:
    """Load the strategy in ``source`` (the file's ``strategy``) as version 1 unless a
    strategy with its code is loaded already; then correct only text an earlier copy of the
    file loaded wrongly. Returns ``strategies`` added (0 or 1) and values ``repaired``."""
    if _strategy_exists(source["code"]):
        return {"strategies": 0, "repaired": repair_loaded_text(source)}
    _load_strategy(source)
    return {"strategies": 1, "repaired": 0}


def _strategy_exists(code: str) -> bool:
    return db.session.scalars(select(Strategy.id).where(Strategy.code == code)).first() is not None


def _load_strategy(source: dict[str, Any]) -> Strategy:
    strategy = Strategy(
        code=source["code"],
        version=1,
        title=source["title"],
        period_start=source["period"]["start"],
        period_end=source["period"]["end"],
        is_current=True,
        vision=list(source.get("vision", [])),
    )
    for position, objective_data in enumerate(source["objectives"]):
        objective = Objective(
            code=objective_data["code"],
            title=objective_data["title"],
            summary=objective_data.get("summary", ""),
            position=position,
        )
        for index, priority in enumerate(objective_data.get("priorities", [])):
            objective.priorities.append(
                Priority(code=priority["code"], title=priority["title"], position=index)
            )
        items = [(ACTION, t) for t in objective_data.get("actions_year_one", [])]
        items += [(AMBITION, t) for t in objective_data.get("future_ambition", [])]
        for index, (kind, text) in enumerate(items):
            objective.items.append(ObjectiveItem(kind=kind, text=text, position=index))
        for index, measure in enumerate(objective_data.get("success_measures", [])):
            objective.measures.append(
                SuccessMeasure(
                    measure=measure["measure"],
                    baseline=str(measure.get("baseline", "")),
                    target=str(measure.get("target", "")),
                    by=str(measure.get("by", "")),
                    position=index,
                )
            )
        strategy.objectives.append(objective)
    db.session.add(strategy)
    return strategy
