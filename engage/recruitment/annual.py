"""Recruitment for a year of the annual equality report: the fairness of every round that
closed in the year taken together (how applicants moved through each stage, by group), and
the make-up of each panel over everyone who served on it during the year.

Both reuse the round fairness report's terms and disclosure (report/services.py): the same
stages, characteristics and ``publish_for_known_total`` (the number of people at a stage, or on
a panel, is shown, so a table whose total would have to be hidden is withheld whole). Rounds
are added together because one round's groups are nearly all "fewer than 10". Counted by the
database in a fixed number of queries whatever the number of rounds or applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Date, Select, bindparam, func, select

from engage.core.db import db
from engage.monitoring.api import (
    CITY_REGION,
    HIDDEN,
    Comparison,
    compare,
    count_answers_by_each,
)
from engage.panels.api import Panel, members_serving_between, panels
from engage.recruitment.models import DRAFT, WITHDRAWN, Application, RecruitmentRound
from engage.recruitment.report.services import (
    CENSUS_KEYS,
    REPORT_CHARACTERISTICS,
    STAGES,
    SUBJECT_TYPE,
    Breakdown,
    _by_stage,
    characteristic_breakdown,
)

_FIRST = bindparam("first_day", type_=Date)
_LAST = bindparam("last_day", type_=Date)
_CLOSED_IN = (RecruitmentRound.closes_on >= _FIRST, RecruitmentRound.closes_on <= _LAST)
# Applications sent to the rounds that closed in the period, with their status.
_SENT = (
    select(Application.id, Application.status)
    .join(RecruitmentRound, RecruitmentRound.id == Application.round_id)
    .where(*_CLOSED_IN, Application.status != DRAFT)
)
_ROUNDS = (
    select(
        RecruitmentRound.id,
        RecruitmentRound.title,
        RecruitmentRound.closes_on,
        Application.status,
        func.count(Application.id),
    )
    .outerjoin(
        Application,
        (Application.round_id == RecruitmentRound.id) & (Application.status != DRAFT),
    )
    .where(*_CLOSED_IN)
    .group_by(
        RecruitmentRound.id, RecruitmentRound.title, RecruitmentRound.closes_on, Application.status
    )
    .order_by(RecruitmentRound.closes_on, RecruitmentRound.id)
)


@dataclass(frozen=True)
class RoundInYear:
    id: int
    title: str
    closes_on: date
    people: dict[str, int]  # stage key -> people (not equality data: the lead officer's own)
    withdrawn: int


@dataclass(frozen=True)
class FairnessInYear:
    rounds: tuple[RoundInYear, ...]
    people: dict[str, int]  # stage key -> people, all the rounds together
    withdrawn: int
    breakdowns: tuple[Breakdown, ...]  # one per census characteristic, stages side by side

    @property
    def shortlisted_rate(self) -> float | None:
        applied = self.people[STAGES[0].key]
        return self.people[STAGES[1].key] / applied if applied else None

    @property
    def appointed_rate(self) -> float | None:
        applied = self.people[STAGES[0].key]
        return self.people[STAGES[2].key] / applied if applied else None


def _period(first_day: date, last_day: date) -> dict[str, date]:
    return {"first_day": first_day, "last_day": last_day}


def fairness_between(first_day: date, last_day: date) -> FairnessInYear:
    """Every round that closed from ``first_day`` to ``last_day`` (both included), and their
    applicants by stage and group, added together. Two queries."""
    params = _period(first_day, last_day)
    found: dict[int, tuple[str, date, dict[str, int]]] = {}
    for round_id, title, closes_on, status, count in db.session.execute(_ROUNDS, params):
        statuses = found.setdefault(round_id, (title, closes_on, {}))[2]
        if status is not None:
            statuses[status] = count
    rounds = []
    for round_id, (title, closes_on, statuses) in found.items():
        people = {
            stage.key: sum(n for status, n in statuses.items() if status in stage.statuses)
            for stage in STAGES
        }
        rounds.append(RoundInYear(round_id, title, closes_on, people, statuses.get(WITHDRAWN, 0)))
    people = {stage.key: sum(r.people[stage.key] for r in rounds) for stage in STAGES}
    wanted = [REPORT_CHARACTERISTICS[key] for key in CENSUS_KEYS]
    answers = (
        count_answers_by_each([c.question for c in wanted], SUBJECT_TYPE, _SENT, params)
        if rounds
        else {c.question: {} for c in wanted}
    )
    breakdowns = []
    for c in wanted:
        by_status = {status: c.rows_from(counts) for status, counts in answers[c.question].items()}
        rows = _by_stage(by_status, [code for code, _ in c.categories])
        breakdowns.append(characteristic_breakdown(c, rows, people))
    return FairnessInYear(
        rounds=tuple(rounds),
        people=people,
        withdrawn=sum(r.withdrawn for r in rounds),
        breakdowns=tuple(breakdowns),
    )


@dataclass(frozen=True)
class PanelInYear:
    panel: Panel
    members: int  # people who served at any time in the period
    through_applications: int  # of them, appointed through an application (answers counted)
    comparisons: tuple[tuple[Comparison, bool], ...]  # (comparison, withheld) per characteristic


@lru_cache(maxsize=4)
def _sizes(members: Select) -> Select:
    found = members.subquery()
    first, panel_id = list(found.c)[:2]
    return select(panel_id, func.count(), func.count(first)).group_by(panel_id)


def _withheld(comparison: Comparison) -> bool:
    return HIDDEN in (comparison.respondents.total_status, comparison.not_compared.total_status)


def panel_make_up_between(first_day: date, last_day: date) -> list[PanelInYear]:
    """Each panel's members over the period by each census characteristic, beside the city
    region's population: three queries. Members who did not join through an application have
    no answers here and count as not answered."""
    members, params = members_serving_between(first_day, last_day)
    sizes = {pid: (n, linked) for pid, n, linked in db.session.execute(_sizes(members), params)}
    wanted = [REPORT_CHARACTERISTICS[key] for key in CENSUS_KEYS]
    answers = count_answers_by_each([c.question for c in wanted], SUBJECT_TYPE, members, params)
    result = []
    for panel in panels():
        comparisons = []
        for c in wanted:
            comparison = compare(c.key, answers[c.question].get(panel.id, {}), CITY_REGION)
            comparisons.append((comparison, _withheld(comparison)))
        people, linked = sizes.get(panel.id, (0, 0))
        result.append(PanelInYear(panel, people, linked, tuple(comparisons)))
    return result


def first_round_year() -> int | None:
    """The year the earliest round closed, or None with no rounds."""
    first = db.session.scalar(select(func.min(RecruitmentRound.closes_on)))
    return first.year if first else None
