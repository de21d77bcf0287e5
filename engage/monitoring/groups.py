"""Monitoring groups a feature can filter its own results by ("disabled people", an age band,
a broad ethnic group...), each selected in SQL: ``subjects_in_group`` gives a select of the
subject ids whose saved answers put them in the group, for the feature to use as a subquery
(``record.id`` cast to text ``IN`` it). Never a list of ids in Python, and never a person's
answers: a feature learns only which of its own records are in a group it chose, and must show
what it counts from them through disclosure control, as every monitoring aggregate."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from engage.monitoring.census import characteristic_label
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import ETHNIC_GROUPS, question

_TABLE = MonitoringResponse.__table__


@dataclass(frozen=True)
class MonitoringGroup:
    key: str  # the value in a page's address, such as "age_band:16_to_24"
    label: str  # "Age: 16 to 24"
    column: str  # the answer column, or "disability" (derived from the two health questions)
    codes: tuple[str, ...]


def _disabled() -> ColumnElement[bool]:
    # As questions.disability_status: limited a lot or a little, unless they have no condition.
    return and_(
        _TABLE.c.day_to_day_limited.in_(("a_lot", "a_little")),
        func.coalesce(_TABLE.c.long_term_condition, "") != "no",
    )


def _not_disabled() -> ColumnElement[bool]:
    return or_(_TABLE.c.long_term_condition == "no", _TABLE.c.day_to_day_limited == "not_at_all")


def _each_option(key: str, heading: str) -> list[MonitoringGroup]:
    found = question(key)
    return [
        MonitoringGroup(f"{key}:{option.code}", f"{heading}: {option.label}", key, (option.code,))
        for option in found.options
    ]


def _groups() -> tuple[MonitoringGroup, ...]:
    groups = [
        MonitoringGroup("disability:disabled", "Disabled people", "disability", ("disabled",)),
        MonitoringGroup("disability:not_disabled", "Not disabled", "disability", ("not_disabled",)),
    ]
    groups += [
        MonitoringGroup(
            f"ethnic_group:{group.code}",
            f"Ethnic group: {group.heading}",
            "ethnic_group",
            tuple(option.code for option in group.options),
        )
        for group in ETHNIC_GROUPS
    ]
    groups += _each_option("age_band", "Age")
    groups += _each_option("sex", "Sex")
    groups += _each_option("religion", characteristic_label("religion"))
    groups += _each_option("sexual_orientation", characteristic_label("sexual_orientation"))
    return tuple(groups)


GROUPS: tuple[MonitoringGroup, ...] = _groups()
_BY_KEY = {group.key: group for group in GROUPS}


def monitoring_group(key: str) -> MonitoringGroup | None:
    return _BY_KEY.get(key)


def _condition(group: MonitoringGroup) -> ColumnElement[bool]:
    if group.column == "disability":
        return _disabled() if group.codes == ("disabled",) else _not_disabled()
    return _TABLE.c[group.column].in_(group.codes)


def subjects_in_group(group: MonitoringGroup, subject_type: str) -> Select:
    """A select of the ``subject_id`` (text) of every saved set of answers of
    ``subject_type`` in ``group``: use it as ``cast(Record.id, String).in_(...)``."""
    return select(_TABLE.c.subject_id).where(
        _TABLE.c.subject_type == subject_type, _condition(group)
    )
