"""The strategy's records in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.strategy.models import Objective, ObjectiveItem, Priority, Strategy, SuccessMeasure


def _objective(objective_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Objective, objective_id)
    if found is None:
        return Described("A strategy objective that has been deleted")
    return Described(
        f"Strategy objective {found.code}: {found.title}",
        link("strategy.edit_objective", objective_id=found.id),
    )


def _priority(priority_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Priority, priority_id)
    if found is None:
        return Described("A strategy priority that has been deleted")
    return Described(
        f"Strategy priority {found.code}: {found.title}",
        link("strategy.edit_priority", priority_id=found.id),
    )


def _strategy(strategy_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Strategy, strategy_id)
    if found is None:
        return Described("A version of the strategy that has been deleted")
    return Described(
        f"{found.title}, version {found.version}", link("strategy.version", strategy_id=found.id)
    )


def _item(item_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(ObjectiveItem, item_id)
    if found is None:
        return Described("An action or ambition of the strategy that has been removed")
    return Described(f"{found.text[:80]}", link("strategy.edit_item", item_id=found.id))


def _measure(measure_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(SuccessMeasure, measure_id)
    if found is None:
        return Described("A success measure of the strategy that has been removed")
    return Described(
        f"Success measure: {found.measure[:80]}", link("strategy.edit_measure", measure_id=found.id)
    )


def _loader(model: Any) -> Any:
    def load(ids: list[Any]) -> list[Any]:
        return load_records(model, ids)

    return load


def register(app: Flask) -> None:
    for object_type, describer, model in (
        ("objective", _objective, Objective),
        ("priority", _priority, Priority),
        ("strategy", _strategy, Strategy),
        ("strategy_item", _item, ObjectiveItem),
        ("strategy_measure", _measure, SuccessMeasure),
    ):
        describe_records(app, object_type, describer, _loader(model))
