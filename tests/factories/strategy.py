"""The equality strategy: a version, its objectives, priorities, actions and measures."""

from __future__ import annotations

from datetime import date

import factory

from engage.core.db import utcnow
from engage.strategy.models import (
    ACTION,
    MeasureValue,
    Objective,
    ObjectiveItem,
    Priority,
    Strategy,
    SuccessMeasure,
)
from tests.factories.base import ModelFactory


class StrategyFactory(ModelFactory):
    """A first version covering April 2022 to March 2026, not the current one (so it never
    displaces the strategy load_reference_data() makes current); ``is_current=True`` if
    the test needs it to be."""

    class Meta:
        model = Strategy

    code = factory.Sequence(lambda n: f"test-strategy-{n}")
    version = 1
    title = factory.Sequence(lambda n: f"Test Equality Strategy {n}")
    period_start = date(2022, 4, 1)
    period_end = date(2026, 3, 31)
    is_current = False
    vision = factory.List(["A city region where everyone is treated fairly."])


class ObjectiveFactory(ModelFactory):
    class Meta:
        model = Objective

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: f"EO{n}")
    title = factory.Sequence(lambda n: f"Objective {n}: fair access to services")
    summary = "What the objective is for."
    position = factory.Sequence(int)


class PriorityFactory(ModelFactory):
    """A priority numbered under its objective, as "EO3.1" is under "EO3"."""

    class Meta:
        model = Priority

    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.objective.code}.{n}")
    title = factory.Sequence(lambda n: f"Priority {n}: plain-language information")
    position = factory.Sequence(int)


class ObjectiveItemFactory(ModelFactory):
    """A year-one action (``kind=AMBITION`` for a future ambition)."""

    class Meta:
        model = ObjectiveItem

    class Params:
        objective = factory.SubFactory(ObjectiveFactory)

    objective_id = factory.SelfAttribute("objective.id")
    kind = ACTION
    text = "Publish Easy Read versions of every consultation."
    position = factory.Sequence(int)


class SuccessMeasureFactory(ModelFactory):
    class Meta:
        model = SuccessMeasure

    class Params:
        objective = factory.SubFactory(ObjectiveFactory)

    objective_id = factory.SelfAttribute("objective.id")
    measure = "Share of residents who say they were treated fairly"
    baseline = "61%"
    target = "75%"
    by = "2026"
    position = factory.Sequence(int)


class MeasureValueFactory(ModelFactory):
    """A success measure's value for one year, with its source."""

    class Meta:
        model = MeasureValue

    class Params:
        measure = factory.SubFactory(SuccessMeasureFactory)

    measure_id = factory.SelfAttribute("measure.id")
    year = 2024
    value = "63%"
    source = "Residents' survey 2024"
    recorded_at = factory.LazyFunction(utcnow)


__all__ = [
    "MeasureValueFactory",
    "ObjectiveFactory",
    "ObjectiveItemFactory",
    "PriorityFactory",
    "StrategyFactory",
    "SuccessMeasureFactory",
]
