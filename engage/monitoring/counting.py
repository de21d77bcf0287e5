"""Counting monitoring answers in the database: the one way every feature counts them.

A count is one ``GROUP BY`` over ``monitoring_response``, never a list of ids or a row per
answer in Python, so it takes the same few milliseconds for 60 applications or 200,000
responses. The records whose answers count are given as a SQL query (``subjects``): a select
of their ids, and optionally a second column to count them by (an application's status, a
panel). Records with no saved answers count as "did not answer" (an outer join), so the
counts always add up to the number of records.

Counts come back with every code of the question present, zeros included, in the question's
order, then ``not_answered``. They are raw: anything shown or exported goes through
``disclosure.publish_table`` or ``comparison.compare`` first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from engage.core.db import db
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import DISABILITY, NOT_ANSWERED, disability_status, question

_ALL = "all"
_TABLE = MonitoringResponse.__table__


@cache
def _codes(question_key: str) -> tuple[str, ...]:
    return (*question(question_key).codes, NOT_ANSWERED)


def _empty(question_key: str) -> dict[str, int]:
    return dict.fromkeys(_codes(question_key), 0)


def _answer_columns(question_key: str) -> list[Any]:
    if question_key == DISABILITY:  # derived from the two health questions, as the census does
        return [_TABLE.c.long_term_condition, _TABLE.c.day_to_day_limited]
    return [_TABLE.c[question_key]]


def _code(question_key: str, values: tuple[Any, ...]) -> str:
    code = disability_status(*values) if question_key == DISABILITY else values[0]
    return NOT_ANSWERED if code is None else code


def _joined(subject_type: str, subjects: Select) -> tuple[Any, Any]:
    """``subjects`` with each record's answers (an outer join), and its grouping column."""
    found = subjects.subquery()
    record_id, group = list(found.c)[:2]
    joined = found.outerjoin(
        _TABLE,
        and_(
            _TABLE.c.subject_type == subject_type,
            _TABLE.c.subject_id == cast(record_id, String),
        ),
    )
    return joined, group


# Statements are built once for each question, type and subjects query: building one and
# working out its cache key took longer than running it. A page whose subjects query is a
# module constant with bindparam()s (its values given as ``params``) builds nothing per view.
@lru_cache(maxsize=256)
def _by_statement(question_key: str, subject_type: str, subjects: Select) -> Select:
    joined, group = _joined(subject_type, subjects)
    answers = _answer_columns(question_key)
    return select(group, *answers, func.count()).select_from(joined).group_by(group, *answers)


@lru_cache(maxsize=256)
def _each_statement(
    question_keys: tuple[str, ...], subject_type: str, subjects: Select
) -> CompoundSelect:
    """One GROUP BY per question over the records joined to their answers once: the join is a
    common table expression every part reads, which both databases work out once (it is used
    more than once), instead of joining every record to its answers again for each question."""
    joined, group = _joined(subject_type, subjects)
    columns = {column.name: column for key in question_keys for column in _answer_columns(key)}
    rows = select(group.label("grouped"), *columns.values()).select_from(joined).cte("answered")
    parts = []
    for key in question_keys:
        answers = [rows.c[column.name] for column in _answer_columns(key)]
        second = answers[1] if len(answers) > 1 else null().cast(String)
        parts.append(
            select(
                literal(key, String).label("question"),
                rows.c.grouped.label("grouped"),
                answers[0].label("first"),
                second.label("second"),
                func.count().label("people"),
            ).group_by(rows.c.grouped, *answers)
        )
    return union_all(*parts)


def count_answers_by(
    question_key: str,
    subject_type: str,
    subjects: Select,
    params: Mapping[str, Any] | None = None,
) -> dict[Any, dict[str, int]]:
    """Counts per code for each value of ``subjects``' second column (its first column is the
    record's id): ``{"shortlisted": {"female": 12, ...}, ...}``. Groups with no records are
    absent. ``params``: values for ``subjects``' bindparam()s."""
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: _empty(question_key))
    statement = _by_statement(question_key, subject_type, subjects)
    for group_value, *values, count in db.session.execute(statement, params):
        code = _code(question_key, tuple(values))
        table = counts[group_value]
        if code not in table:
            raise ValueError(f"Stored answer {code!r} is not an answer to {question_key}")
        table[code] += count
    return dict(counts)


def count_answers_by_each(
    question_keys: Sequence[str],
    subject_type: str,
    subjects: Select,
    params: Mapping[str, Any] | None = None,
) -> dict[str, dict[Any, dict[str, int]]]:
    """``count_answers_by`` for several questions in one query (one GROUP BY per question,
    joined by UNION ALL): ``{question: {group: {code: count}}}``."""
    if not question_keys:
        return {}
    statement = _each_statement(tuple(question_keys), subject_type, subjects)
    counts: dict[str, dict[Any, dict[str, int]]] = {key: {} for key in question_keys}
    for key, group_value, first, second, count in db.session.execute(statement, params):
        values = (first, second) if key == DISABILITY else (first,)
        code = _code(key, values)
        table = counts[key].get(group_value)
        if table is None:
            table = counts[key][group_value] = _empty(key)
        if code not in table:
            raise ValueError(f"Stored answer {code!r} is not an answer to {key}")
        table[code] += count
    return counts


@lru_cache(maxsize=256)
def _as_one_group(subjects: Select) -> Select:
    return select(next(iter(subjects.subquery().c)), literal(_ALL))


def count_answers(
    question_key: str,
    subject_type: str,
    subjects: Select | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, int]:
    """Counts per code for one question (or ``"disability"``). ``subjects``: a select of the
    ids of the records that count; None counts every saved set of answers of the type.
    ``params``: values for ``subjects``' bindparam()s."""
    if subjects is not None:
        counted = count_answers_by(question_key, subject_type, _as_one_group(subjects), params)
        return counted.get(_ALL, _empty(question_key))
    answers = _answer_columns(question_key)
    statement = (
        select(*answers, func.count())
        .where(_TABLE.c.subject_type == subject_type)
        .group_by(*answers)
    )
    counts = _empty(question_key)
    for *values, count in db.session.execute(statement):
        code = _code(question_key, tuple(values))
        if code not in counts:
            raise ValueError(f"Stored answer {code!r} is not an answer to {question_key}")
        counts[code] += count
    return counts
