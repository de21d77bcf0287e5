"""Who we heard from in a period (a year of the annual equality report): every registered
source that can tell when its records were made (``AnswerSource.subjects_between``), counted
by the database in one query per source for all the questions asked, and added up across the
sources. A source that cannot be dated is named as left out, never counted for a period it
may not belong to. The fictional demo answers are never counted.

The counts are raw: publish them with ``comparison.compare`` or ``disclosure.publish_table``.
The sum counts records, not people: someone who applied to a panel and answered a
consultation in the same year counts once for each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from engage.monitoring.counting import _as_one_group, _empty, count_answers_by_each
from engage.monitoring.sources import _EXTENSION, AnswerSource


@dataclass(frozen=True)
class SourceCount:
    source: AnswerSource
    records: int  # records of the period, answered or not


@dataclass(frozen=True)
class HeardFromInPeriod:
    counted: tuple[SourceCount, ...]  # the dated sources, in the order they were registered
    left_out: tuple[AnswerSource, ...]  # registered, but unable to say when a record was made
    counts: dict[str, dict[str, int]]  # question -> answer code -> records, all sources

    @property
    def records(self) -> int:
        return sum(each.records for each in self.counted)


def dated_sources() -> tuple[list[AnswerSource], list[AnswerSource]]:
    """(sources that can be restricted to a period, those that cannot), fictional ones left
    out of both."""
    registered = [
        source
        for source in current_app.extensions.get(_EXTENSION, {}).values()
        if not source.fictional
    ]
    dated = [source for source in registered if source.subjects_between is not None]
    return dated, [source for source in registered if source.subjects_between is None]


def heard_from_between(
    question_keys: Sequence[str], start: datetime, end: datetime
) -> HeardFromInPeriod:
    """Answers to each of ``question_keys`` given with the records every dated source made
    from ``start`` (included) to ``end`` (not): one query per source, whatever the numbers."""
    dated, undated = dated_sources()
    totals = {key: _empty(key) for key in question_keys}
    counted = []
    for source in dated:
        subjects = _as_one_group(source.subjects_between())  # type: ignore[misc]
        found = count_answers_by_each(
            question_keys, source.subject_type, subjects, {"start": start, "end": end}
        )
        records = 0
        for position, key in enumerate(question_keys):
            for counts in found.get(key, {}).values():
                for code, count in counts.items():
                    totals[key][code] += count
                if position == 0:
                    records += sum(counts.values())
        counted.append(SourceCount(source, records))
    return HeardFromInPeriod(tuple(counted), tuple(undated), totals)
