"""What other packages may use of the Equality Strategy: loading it, its current version and
whether its period has ended, and tagging a feature's records to its priorities and local
authorities (engage/strategy/tagging.py). Everything else in engage/strategy is its own."""

from engage.strategy.demo import create_demo_measure_values
from engage.strategy.loader import load_strategy, read_strategy_file
from engage.strategy.measures import (
    MeasureYear,
    RecordedValue,
    measure_values_for_year,
    priority_outline,
    values_by_measure,
)
from engage.strategy.outline import StrategyOutline, strategy_outline
from engage.strategy.period import period_status
from engage.strategy.services import (
    current_strategy,
    current_version,
    get_priority,
    get_strategy,
)
from engage.strategy.services import versions as strategy_versions
from engage.strategy.tagging import (
    PriorityTagsField,
    Taggable,
    current_priority_ids,
    filter_by_tags,
    objective_choices,
    objectives_by_record,
    set_tags,
)

__all__ = [
    "MeasureYear",
    "PriorityTagsField",
    "RecordedValue",
    "StrategyOutline",
    "Taggable",
    "create_demo_measure_values",
    "current_priority_ids",
    "current_strategy",
    "current_version",
    "filter_by_tags",
    "get_priority",
    "get_strategy",
    "load_strategy",
    "measure_values_for_year",
    "objective_choices",
    "objectives_by_record",
    "period_status",
    "priority_outline",
    "read_strategy_file",
    "set_tags",
    "strategy_outline",
    "strategy_versions",
    "values_by_measure",
]
