"""The fairness report for a recruitment round: who applied, who was shortlisted and who was
appointed, by local authority and by equality characteristic; progression rates by group;
and the make-up of each panel beside the city region's Census 2021 population.

Stages
------
- applied: every application sent (any status but draft), withdrawn ones included: those
  people applied, but a withdrawn application cannot go further, so it lowers every group's
  progression rate the same way a rejection does;
- shortlisted: got past shortlisting (shortlisted, appointed, reserve, not appointed);
- appointed: appointed.

Counting
--------
- Counted by the database (``monitoring.api.count_answers_by``, grouped by the application's
  status): a fixed number of queries whatever the round's size, no ids in Python. A person
  with no saved answers (they skipped the section, or their answers were erased when they
  withdrew) counts as "not answered" for every question, so each characteristic table adds
  up to the number of people at the stage.
- Local authorities: an application may name several. Each person is counted once under
  every authority they named, so a table adds up to more than the number of people; these
  tables publish no total and no percentages (``publish_table(publish_total=False)``).
- Census characteristics are grouped as the "who we heard from" view groups them
  (``census.Characteristic.answer_to_category``), plus "Prefer not to say" and "Not
  answered"; the non-census questions (unpaid care, school type, free school meals, the main
  household earner's work) are counted by their own answers.
- The 19-category ethnic group is left out: beside the five-group table for the same people,
  a heading's count minus its shown sub-groups would give back a suppressed one (see "Not
  covered" in ``disclosure.py``), and at round sizes nearly every cell would be "fewer than 10".

Disclosure
----------
Every table goes through ``publish_table``. The number of people at each stage is shown (it
is not equality data, and the lead officer knows it anyway) and equals each characteristic
table's total. So where ``publish_table`` would have to hide a table's total to protect a
small count, the whole table is withheld instead. Panel make-up follows the same rule, as
the number of members is public.

Progression rates (shortlisted ÷ applied, appointed ÷ applied) are given for a group only
when both of its counts are published.

Not covered: the three stages are nested groups of the same people, so two shown counts can
be subtracted (22 disabled applicants, 15 of them shortlisted: 7 were not). The progression
rates the report exists for say the same thing. The report and its exports are for the
round's lead officer holding the equality data role, not for publication.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, select

from engage.core.db import db
from engage.monitoring.api import (
    HIDDEN,
    LOCAL_AUTHORITIES,
    PublishedCell,
    PublishedTable,
    count_answers_by_each,
    publish_table,
)
from engage.recruitment.models import (
    DRAFT,
    WITHDRAWN,
    Application,
    RecruitmentRound,
    application_local_authority,
)
from engage.recruitment.report.characteristics import (  # noqa: F401 - the report's terms
    APPLIED,
    APPOINTED_STAGE,
    CENSUS_KEYS,
    DEFAULT_CHARACTERISTIC,
    OTHER_QUESTIONS,
    REPORT_CHARACTERISTICS,
    SHORTLISTED_STAGE,
    STAGES,
    SUBJECT_TYPE,
    ReportCharacteristic,
    Stage,
)
from engage.reference.api import LocalAuthority

WITHHELD_NOTE = (
    "Not shown: the number of people at this stage is known, so showing any of this table "
    "would let a small number be worked out."
)
LOCAL_AUTHORITY_NOTE = (
    "People can name more than one local authority and are counted under each one they "
    "named, so these numbers add up to more than the number of people."
)


# --- Tables -----------------------------------------------------------------------------------


def _withheld(table: PublishedTable) -> PublishedTable:
    cells = tuple(PublishedCell(cell.label, None, None, HIDDEN) for cell in table.cells)
    return PublishedTable(cells, None, HIDDEN, table.threshold, WITHHELD_NOTE)


def publish_for_known_total(counts: Mapping[str, int]) -> tuple[PublishedTable, bool]:
    """``publish_table`` for a group whose size is shown elsewhere: if the total would have to
    be hidden, nothing in the table is safe to show. Returns the table and whether it was
    withheld."""
    table = publish_table(counts)
    if table.total_status == HIDDEN:
        return _withheld(table), True
    return table, False


@dataclass(frozen=True)
class StageTable:
    stage: Stage
    people: int
    table: PublishedTable
    withheld: bool = False


@dataclass(frozen=True)
class ProgressionRow:
    code: str
    label: str
    shortlisted_rate: float | None  # 0 to 1; None: not enough people to show
    appointed_rate: float | None


@dataclass(frozen=True)
class Breakdown:
    """One characteristic (or local authority) across the three stages."""

    key: str
    label: str
    labels: dict[str, str]
    stages: tuple[StageTable, ...]
    percentages: bool = True
    note: str = ""
    progression: tuple[ProgressionRow, ...] = ()
    sheet_name: str = ""

    @property
    def rows(self) -> list[tuple[str, str, list[PublishedCell]]]:
        """(code, label, one cell per stage) for each row of the table."""
        codes = [cell.label for cell in self.stages[0].table.cells]
        return [
            (code, self.labels.get(code, code), [s.table.cell(code) for s in self.stages])
            for code in codes
        ]

    @property
    def notes(self) -> list[str]:
        """Each distinct suppression note once, in stage order."""
        found = [self.note] if self.note else []
        for stage in self.stages:
            if stage.table.note and stage.table.note not in found:
                found.append(stage.table.note)
        return found


def rate(part: PublishedCell, whole: PublishedCell) -> float | None:
    """A share of ``whole``, only when both counts are published."""
    if part.shown and whole.shown and whole.count and part.count is not None:
        return part.count / whole.count
    return None


def _progression(
    stages: Sequence[StageTable], labels: Mapping[str, str]
) -> tuple[ProgressionRow, ...]:
    applied, shortlisted, appointed = (stage.table for stage in stages)
    return tuple(
        ProgressionRow(
            cell.label,
            labels.get(cell.label, cell.label),
            rate(shortlisted.cell(cell.label), cell),
            rate(appointed.cell(cell.label), cell),
        )
        for cell in applied.cells
    )


# --- The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundReport:
    round: RecruitmentRound
    people: dict[str, int]  # stage key -> number of people
    withdrawn: int
    local_authorities: Breakdown
    characteristics: dict[str, Breakdown] = field(default_factory=dict)

    @property
    def shortlisted_rate(self) -> float | None:
        applied = self.people[APPLIED.key]
        return self.people[SHORTLISTED_STAGE.key] / applied if applied else None

    @property
    def appointed_rate(self) -> float | None:
        applied = self.people[APPLIED.key]
        return self.people[APPOINTED_STAGE.key] / applied if applied else None


@dataclass(frozen=True)
class RoundCounts:
    """Every count the report is made of, exact, from the database: the one counting path.
    Shared tables publish these through disclosure control; nothing else reads them raw."""

    people: dict[str, int]  # stage key -> people at that stage
    withdrawn: int
    local_authorities: dict[str, dict[str, int]]  # stage key -> authority code -> people
    characteristics: dict[str, dict[str, dict[str, int]]]  # key -> stage key -> row -> people


# The report's queries, built once with the round as a parameter: building a statement and
# working out its cache key took longer than running it (monitoring's counting statement on
# _SENT_APPLICATIONS is built once too).
_ROUND = bindparam("round_id")
_SENT = (Application.round_id == _ROUND, Application.status != DRAFT)
# (application id, status) of every application sent to the round.
_SENT_APPLICATIONS = select(Application.id, Application.status).where(*_SENT)
_BY_STATUS = (
    select(Application.status, func.count(Application.id))
    .where(*_SENT)
    .group_by(Application.status)
)
_BY_STATUS_AND_AUTHORITY = (
    select(Application.status, LocalAuthority.code, func.count(Application.id))
    .join(
        application_local_authority,
        application_local_authority.c.application_id == Application.id,
    )
    .join(LocalAuthority, LocalAuthority.id == application_local_authority.c.local_authority_id)
    .where(*_SENT)
    .group_by(Application.status, LocalAuthority.code)
)


def _by_stage(by_status: Mapping[str, Mapping[str, int]], codes: Sequence[str]) -> dict:
    """Counts by status summed into the report's stages (applied includes shortlisted...)."""
    stages = {}
    for stage in STAGES:
        totals = dict.fromkeys(codes, 0)
        for status in stage.statuses:
            counts = by_status.get(status)
            if counts:
                for code in codes:
                    totals[code] += counts.get(code, 0)
        stages[stage.key] = totals
    return stages


def round_counts(round_: RecruitmentRound, only: Sequence[str] | None = None) -> RoundCounts:
    """A fixed number of GROUP BY queries, whatever the number of applications. ``only``:
    the characteristics to count (the page shows one at a time; exports need them all)."""
    wanted = (
        REPORT_CHARACTERISTICS
        if only is None
        else {key: REPORT_CHARACTERISTICS[key] for key in only}
    )
    the_round = {"round_id": round_.id}
    statuses = dict(db.session.execute(_BY_STATUS, the_round).all())
    people = {
        stage.key: sum(count for status, count in statuses.items() if status in stage.statuses)
        for stage in STAGES
    }
    named: dict[str, dict[str, int]] = defaultdict(dict)
    for status, code, count in db.session.execute(_BY_STATUS_AND_AUTHORITY, the_round):
        named[status][code] = count
    answers = count_answers_by_each(
        [c.question for c in wanted.values()], SUBJECT_TYPE, _SENT_APPLICATIONS, the_round
    )
    characteristics = {}
    for key, c in wanted.items():
        by_status = {status: c.rows_from(counts) for status, counts in answers[c.question].items()}
        characteristics[key] = _by_stage(by_status, [code for code, _ in c.categories])
    return RoundCounts(
        people=people,
        withdrawn=statuses.get(WITHDRAWN, 0),
        local_authorities=_by_stage(named, sorted(LOCAL_AUTHORITIES, key=LOCAL_AUTHORITIES.get)),
        characteristics=characteristics,
    )


def _local_authority_breakdown(counts: RoundCounts) -> Breakdown:
    stages = [
        StageTable(
            stage,
            counts.people[stage.key],
            publish_table(counts.local_authorities[stage.key], publish_total=False),
        )
        for stage in STAGES
    ]
    return Breakdown(
        key="local_authority",
        label="Local authority",
        labels=dict(LOCAL_AUTHORITIES),
        stages=tuple(stages),
        percentages=False,
        note=LOCAL_AUTHORITY_NOTE,
        sheet_name="Local authority",
    )


def characteristic_breakdown(
    c: ReportCharacteristic, rows: Mapping[str, Mapping[str, int]], people: Mapping[str, int]
) -> Breakdown:
    """One characteristic's shared tables: ``rows`` (stage -> row -> people) published."""
    stages = []
    for stage in STAGES:
        table, withheld = publish_for_known_total(rows[stage.key])
        stages.append(StageTable(stage, people[stage.key], table, withheld))
    return Breakdown(
        key=c.key,
        label=c.label,
        labels=c.labels,
        stages=tuple(stages),
        progression=_progression(stages, c.labels),
        sheet_name=c.sheet_name,
    )


def round_report(round_: RecruitmentRound, counts: RoundCounts | None = None) -> RoundReport:
    """Every stage table for the round at the shared level (no panel make-up: see
    panel_make_up.py). The caller records the view with ``aggregates_viewed``."""
    counts = counts or round_counts(round_)
    return RoundReport(
        round=round_,
        people=counts.people,
        withdrawn=counts.withdrawn,
        local_authorities=_local_authority_breakdown(counts),
        characteristics={
            key: characteristic_breakdown(c, counts.characteristics[key], counts.people)
            for key, c in REPORT_CHARACTERISTICS.items()
            if key in counts.characteristics
        },
    )
