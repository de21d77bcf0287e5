"""Counting a consultation's answers in the database, for its results page and exports.

Everything is counted by one statement: GROUP BYs over the answers of the submitted responses
that match the filters, joined by UNION ALL, so the page makes the same queries for 40
responses or 20,000, and no row object is ever made per answer. Its rows are kept (a
core count snapshot) until the responses that match change, so a view of a consultation whose
2,000,000 answers were counted before reads one row instead. The answers are JSON (the
answering pages' format: {"choice": ...}, {"choices": [...], "other": ...}, {"ranking": [...]},
{"rows": {row: choice}}, {"number": n}, ...), read with SQLAlchemy's JSON access (JSON_EXTRACT
on SQLite, ->> on PostgreSQL) and, for lists and grids, the database's own JSON table
functions (json_each on SQLite, json_array_elements_text / json_each_text on PostgreSQL).

The counts are raw: results.tables passes every breakdown through the monitoring package's
disclosure control before anything is shown or exported."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Float, Integer, Select, String, cast, func, literal, null, select, union_all

from engage.consultations import stages
from engage.consultations.models import Answer, ConsultationResponse, Question, QuestionPage
from engage.core.count_snapshots import counted_rows
from engage.core.db import db
from engage.monitoring.api import MonitoringGroup, subjects_in_group

KIND = stages.QuestionKind
MONITORING_SUBJECT = stages.MONITORING_SUBJECT
OTHER = stages.OTHER  # "Other, please say", in a choice or in a list of choices
CHOICE_KINDS = {KIND.SINGLE_CHOICE, KIND.AGREEMENT}
SNAPSHOT_OWNER = "consultation"


@dataclass(frozen=True)
class Filters:
    """Which submitted responses count: all, or those from one area (the response's
    area_code) and/or of one monitoring group."""

    area_code: str = ""
    group: MonitoringGroup | None = None

    @property
    def any(self) -> bool:
        return bool(self.area_code or self.group)

    @property
    def key(self) -> str:
        """The filters as text, for the count snapshot's filter_key ("" when none)."""
        parts = [f"area={self.area_code}"] if self.area_code else []
        if self.group is not None:
            parts.append(f"group={self.group.key}")
        return ";".join(parts)


@dataclass(frozen=True)
class NumberSummary:
    answers: int
    lowest: float
    median: float
    highest: float


@dataclass
class RawCounts:
    """What the database counted. ``choices``: per question, option -> people (OTHER for
    "Other"); ``matrix``: per question, row -> scale choice -> people; ``ranking``: per
    question, option -> position (1 is first) -> people."""

    channels: dict[str, int] = field(default_factory=dict)
    answered: dict[int, int] = field(default_factory=dict)
    choices: dict[int, dict[str, int]] = field(default_factory=dict)
    matrix: dict[int, dict[str, dict[str, int]]] = field(default_factory=dict)
    ranking: dict[int, dict[str, dict[int, int]]] = field(default_factory=dict)
    numbers: dict[int, dict[str, float]] = field(default_factory=dict)

    @property
    def responses(self) -> int:
        return sum(self.channels.values())

    def number_summary(self, question_id: int) -> NumberSummary | None:
        found = self.numbers.get(question_id)
        if not found or "median" not in found:
            return None
        return NumberSummary(
            int(found["answers"]), found["lowest"], found["median"], found["highest"]
        )


def questions_of(consultation_id: int) -> list[Question]:
    """Its questions in the order residents see them (page, then position): one query."""
    return list(
        db.session.scalars(
            select(Question)
            .join(QuestionPage, QuestionPage.id == Question.page_id)
            .where(QuestionPage.consultation_id == consultation_id)
            .order_by(QuestionPage.position, Question.position, Question.id)
        )
    )


def _conditions(consultation_id: int, filters: Filters) -> list[Any]:
    found = [
        ConsultationResponse.consultation_id == consultation_id,
        ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
    ]
    if filters.area_code:
        found.append(ConsultationResponse.area_code == filters.area_code)
    if filters.group is not None:
        found.append(
            cast(ConsultationResponse.id, String).in_(
                subjects_in_group(filters.group, MONITORING_SUBJECT)
            )
        )
    return found


def responses_statement(consultation_id: int, filters: Filters = Filters()) -> Select:
    """A select of the ids of the submitted responses that count (a subquery, never a list)."""
    return select(ConsultationResponse.id).where(*_conditions(consultation_id, filters))


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _part(name: str, question_id: Any, label: Any, sub: Any, number: Any, people: Any) -> Select:
    return select(
        literal(name, String).label("part"),
        question_id.label("question_id"),
        label.label("label"),
        sub.label("sub"),
        number.label("number"),
        people.label("people"),
    )


def _none_text() -> Any:
    return null().cast(String)


def _none_number() -> Any:
    return null().cast(Float)


def _elements(path: str, ordinality: bool = False) -> Any:
    """The items of the answer's JSON list at ``path``: a table of (value[, position])."""
    if _postgresql():
        function = func.json_array_elements_text(Answer.value[path])
        if ordinality:
            return function.table_valued("value", with_ordinality="position").render_derived()
        return function.table_valued("value").render_derived()
    table = func.json_each(Answer.value, f"$.{path}").table_valued("key", "value")
    return table


def _position(elements: Any) -> Any:
    if _postgresql():
        return cast(elements.c.position, Float)
    return cast(elements.c.key + 1, Float)  # json_each's key: the index from 0


def _grid() -> Any:
    """The answer's "rows" object as a table of (key: row, value: scale choice)."""
    if _postgresql():
        return (
            func.json_each_text(Answer.value["rows"]).table_valued("key", "value").render_derived()
        )
    return func.json_each(Answer.value, "$.rows").table_valued("key", "value")


def _parts(questions: list[Question], consultation_id: int, filters: Filters) -> list[Select]:
    ids: dict[str, list[int]] = defaultdict(list)
    for question in questions:
        ids[question.kind].append(question.id)
    answer_counted = Answer.response_id.in_(responses_statement(consultation_id, filters))
    parts = [
        _part("channel", null().cast(Integer), ConsultationResponse.channel, _none_text(),
              _none_number(), func.count()).where(*_conditions(consultation_id, filters))
        .group_by(ConsultationResponse.channel),
        _part("answered", Answer.question_id, _none_text(), _none_text(), _none_number(),
              func.count()).where(answer_counted).group_by(Answer.question_id),
    ]  # fmt: skip
    choice_ids = [i for kind in CHOICE_KINDS for i in ids[kind]]
    if choice_ids:
        choice = Answer.value["choice"].as_string()
        parts.append(
            _part("choice", Answer.question_id, choice, _none_text(), _none_number(), func.count())
            .where(answer_counted, Answer.question_id.in_(choice_ids))
            .group_by(Answer.question_id, choice)
        )
    if multiple := ids[KIND.MULTIPLE_CHOICE]:
        elements = _elements("choices")
        parts.append(
            _part("choice", Answer.question_id, cast(elements.c.value, String), _none_text(),
                  _none_number(), func.count())
            .select_from(Answer).join(elements, literal(True))
            .where(answer_counted, Answer.question_id.in_(multiple))
            .group_by(Answer.question_id, elements.c.value)
        )  # fmt: skip
    if ranking := ids[KIND.RANKING]:
        elements = _elements("ranking", ordinality=True)
        position = _position(elements)
        parts.append(
            _part("ranking", Answer.question_id, cast(elements.c.value, String), _none_text(),
                  position, func.count())
            .select_from(Answer).join(elements, literal(True))
            .where(answer_counted, Answer.question_id.in_(ranking))
            .group_by(Answer.question_id, elements.c.value, position)
        )  # fmt: skip
    if matrix := ids[KIND.MATRIX]:
        grid = _grid()
        parts.append(
            _part("matrix", Answer.question_id, cast(grid.c.key, String),
                  cast(grid.c.value, String), _none_number(), func.count())
            .select_from(Answer).join(grid, literal(True))
            .where(answer_counted, Answer.question_id.in_(matrix))
            .group_by(Answer.question_id, grid.c.key, grid.c.value)
        )  # fmt: skip
    if numbers := ids[KIND.NUMBER]:
        parts.extend(_number_parts(numbers, answer_counted))
    return parts


def _number_parts(numbers: list[int], answer_counted: Any) -> list[Select]:
    """How many answered, the lowest, highest and median (the middle value, or the mean of
    the middle two: row_number over the answers in order)."""
    number = Answer.value["number"].as_float()
    answered = (Answer.question_id.in_(numbers), answer_counted, number.is_not(None))
    ranked = (
        select(
            Answer.question_id.label("question_id"),
            number.label("number"),
            func.row_number().over(partition_by=Answer.question_id, order_by=number).label("place"),
            func.count().over(partition_by=Answer.question_id).label("answers"),
        )
        .where(*answered)
        .subquery()
    )
    middle = (ranked.c.place * 2).in_([ranked.c.answers, ranked.c.answers + 1,
                                       ranked.c.answers + 2])  # fmt: skip
    return [
        _part("lowest", Answer.question_id, _none_text(), _none_text(), func.min(number),
              func.count()).where(*answered).group_by(Answer.question_id),
        _part("highest", Answer.question_id, _none_text(), _none_text(), func.max(number),
              func.count()).where(*answered).group_by(Answer.question_id),
        _part("median", ranked.c.question_id, _none_text(), _none_text(),
              cast(func.avg(ranked.c.number), Float), func.max(ranked.c.answers))
        .where(middle).group_by(ranked.c.question_id),
    ]  # fmt: skip


def _fingerprint(questions: list[Question], consultation_id: int, filters: Filters) -> str:
    """What the counts depend on: the questions, and of the responses that match, how many
    and the latest sending time. A response joins the set only by being sent, which stamps
    the time now, later than any sent before it; it leaves only by being deleted, which
    lowers the count. So any change to the set moves one of them, even a response sent while
    another is erased. Each is its own subquery: the latest time is read from the index's
    end, and the count from the index alone (no answers read)."""
    conditions = _conditions(consultation_id, filters)
    parts = [
        select(func.count()).select_from(ConsultationResponse).where(*conditions),
        select(func.max(ConsultationResponse.submitted_at)).where(*conditions),
    ]
    number, latest = db.session.execute(select(*(part.scalar_subquery() for part in parts))).one()
    question_ids = ",".join(str(question.id) for question in questions)
    digest = hashlib.sha256(question_ids.encode()).hexdigest()[:16]
    return f"{digest}:{number}:{latest.isoformat() if latest else ''}"


def _read(rows: list[Any]) -> RawCounts:
    counts = RawCounts()
    for part, question_id, label, sub, number, people in rows:
        if part == "channel":
            counts.channels[label] = people
        elif part == "answered":
            counts.answered[question_id] = people
        elif part == "choice":
            choices = counts.choices.setdefault(question_id, {})
            choices[label] = choices.get(label, 0) + people
        elif part == "matrix":
            row = counts.matrix.setdefault(question_id, {}).setdefault(label, {})
            row[sub] = row.get(sub, 0) + people
        elif part == "ranking":
            places = counts.ranking.setdefault(question_id, {}).setdefault(label, {})
            places[int(number)] = places.get(int(number), 0) + people
        else:  # lowest, highest, median of a number question
            found = counts.numbers.setdefault(question_id, {})
            found[part], found["answers"] = number, people
    return counts


def count_rows(questions: list[Question], consultation_id: int, filters: Filters) -> list[Any]:
    """The counting statement's rows, counted now (one query)."""
    statement = union_all(*_parts(questions, consultation_id, filters))
    return [list(row) for row in db.session.execute(statement)]


def count_results(
    questions: list[Question],
    consultation_id: int,
    filters: Filters = Filters(),
) -> RawCounts:
    """Every count the results page needs. Counted again only when the responses that match
    have changed since the last count with these filters (a core count snapshot); otherwise
    three small queries. Adds or changes the snapshot without committing."""
    rows = counted_rows(
        (SNAPSHOT_OWNER, consultation_id),
        filters.key,
        _fingerprint(questions, consultation_id, filters),
        lambda: count_rows(questions, consultation_id, filters),
    )
    return _read(rows)
