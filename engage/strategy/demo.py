"""Fictional success-measure values for the demo: for each measure of the current strategy
whose baseline and target are percentages, a value for each of three years moving from the
baseline towards the target, each saying it is a demo figure."""

from __future__ import annotations

import re

from engage.strategy.measures import record_value
from engage.strategy.services import current_strategy

DEMO_YEARS = (2023, 2024, 2025)
DEMO_SOURCE = "Fictional figure for this demo, not the Combined Authority's data"
_PERCENT = re.compile(r"^\D*?(\d+(?:\.\d+)?)%")


def _percent(text: str) -> float | None:
    found = _PERCENT.match(text or "")
    return float(found.group(1)) if found else None


def create_demo_measure_values() -> int:
    """Records the demo values (after the strategy is loaded); returns how many."""
    strategy = current_strategy()
    if strategy is None:
        return 0
    recorded = 0
    for objective in strategy.objectives:
        for measure in objective.measures:
            start, target = _percent(measure.baseline), _percent(measure.target)
            if start is None or target is None:
                continue
            for step, year in enumerate(DEMO_YEARS, start=1):
                value = start + (target - start) * step / (len(DEMO_YEARS) + 1)
                record_value(measure, year=year, value=f"{value:.1f}%", source=DEMO_SOURCE)
                recorded += 1
    return recorded
