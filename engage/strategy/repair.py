"""Puts back strategy text that an earlier copy of the strategy file loaded wrongly.

Until December 2026 engage/data/equality-strategy-2022-26.yaml had unquoted values. YAML read
the vision line ``Equity: do more for those facing greatest disadvantage`` as a mapping
(``{'Equity': '...'}``, shown on the public page as program text), and cut three success
measures and three priority titles at their first comma (``Workforce from Black``). Every
database loaded from that file holds those values, and ``load_reference_data`` leaves a
loaded strategy alone.

``repair_loaded_text`` replaces a stored value only when it is exactly what the unquoted file
produced for a line of the corrected file, so text an admin has written is never overwritten.
It is idempotent: ``flask --app engage load-reference`` runs it every time.
"""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import select

from engage.core.audit import record_event
from engage.core.db import db
from engage.strategy.models import Strategy


def _as_unquoted(text: str, key: str | None) -> Any:
    """What YAML made of ``text`` written without quotes: as a list item (a vision line), or
    as the ``key`` value of a flow mapping (a measure, or a priority's title)."""
    try:
        if key:
            parsed = yaml.safe_load(f"{{{key}: {text}}}")
            return parsed.get(key) if isinstance(parsed, dict) else None
        return yaml.safe_load(f"- {text}")[0]
    except (yaml.YAMLError, IndexError, KeyError, TypeError):
        return None


def _broken_forms(lines: list[str], key: str | None = None) -> dict[str, str]:
    """Broken stored value (as a key) -> the corrected text, for lines the unquoted file
    spoiled. The key is the value's YAML dump, so mappings compare too."""
    broken = {}
    for line in lines:
        spoiled = _as_unquoted(line, key)
        if spoiled is not None and spoiled != line:
            broken[_key(spoiled)] = line
    return broken


def _key(value: Any) -> str:
    return yaml.safe_dump(value, sort_keys=True)


def repair_loaded_text(source: dict[str, Any]) -> int:
    """Correct the vision, success measures and priority titles of every loaded version of
    ``source``'s strategy where they hold the broken values. Returns how many values were
    corrected. Does not commit."""
    vision_fixes = _broken_forms([str(line) for line in source.get("vision", [])])
    measure_fixes, title_fixes = {}, {}
    for objective in source["objectives"]:
        measures = [str(m["measure"]) for m in objective.get("success_measures", [])]
        titles = [str(p["title"]) for p in objective.get("priorities", [])]
        measure_fixes[objective["code"]] = _broken_forms(measures, "measure")
        title_fixes[objective["code"]] = _broken_forms(titles, "title")
    repaired = 0
    for strategy in db.session.scalars(select(Strategy).where(Strategy.code == source["code"])):
        fixed = 0
        vision = [vision_fixes.get(_key(line), line) for line in strategy.vision]
        if vision != strategy.vision:
            fixed += sum(1 for old, new in zip(strategy.vision, vision, strict=True) if old != new)
            strategy.vision = vision  # a new list, so the JSON column sees the change
        for objective in strategy.objectives:
            fixes = measure_fixes.get(objective.code, {})
            for measure in objective.measures:
                corrected = fixes.get(_key(measure.measure))
                if corrected is not None:
                    measure.measure = corrected
                    fixed += 1
            titles = title_fixes.get(objective.code, {})
            for priority in objective.priorities:
                corrected = titles.get(_key(priority.title))
                if corrected is not None:
                    priority.title = corrected
                    fixed += 1
        if fixed:
            record_event(
                "strategy_text_repaired",
                object_type="strategy",
                object_id=strategy.id,
                corrected=fixed,
                reason="text cut or garbled by unquoted values in the strategy file",
            )
        repaired += fixed
    return repaired
