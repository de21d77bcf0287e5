"""The annual equality information report for one calendar year, gathered from every feature
through its ``api`` (no feature's tables are read here), every table of people through
disclosure control.

The year is the calendar year, 1 January to 31 December, on UK days (the strategy's measures
are recorded for a year the same way). What counts in the year:

- who we heard from: panel applications sent, consultation responses sent and stories told
  in the year (each source says what it counts), added together, beside the Census;
- panel make-up: everyone who served on a panel at any time in the year;
- recruitment: the rounds whose closing date fell in the year, taken together;
- consultations: outcomes ("we asked, you said, we did") published in the year;
- stories: stories told in the year, by what changed because of them (as recorded now);
- draft policies: comments answered in the year, and versions made in the year;
- measures: the values officers recorded for the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from engage.consultations.api import (
    OutcomeInYear,
    first_consultation_year,
    outcomes_published_between,
)
from engage.core.dates import UK, uk_today
from engage.monitoring.api import (
    CITY_REGION,
    HIDDEN,
    VIEW_CHARACTERISTICS,
    Comparison,
    HeardFromInPeriod,
    PublishedTable,
    characteristic,
    compare,
    heard_from_between,
    publish_table,
)
from engage.panels.api import first_term_year
from engage.policies.api import PolicyInYear, first_policy_year, policies_answered_between
from engage.recruitment.api import (
    FairnessInYear,
    PanelInYear,
    fairness_between,
    first_round_year,
    panel_make_up_between,
)
from engage.stories.api import StoriesInYear, first_story_year, stories_told_between
from engage.strategy.api import MeasureYear, measure_values_for_year

# The 19-category ethnic group is left out: beside the five broad groups for the same people,
# a heading's count minus its shown sub-groups would give back a suppressed one.
CHARACTERISTICS = tuple(key for key in VIEW_CHARACTERISTICS if key != "ethnic_group")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Year:
    year: int

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def start(self) -> datetime:
        """The first UK midnight of the year, in UTC (stored times are UTC)."""
        return datetime.combine(self.first_day, time.min, tzinfo=UK).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(date(self.year + 1, 1, 1), time.min, tzinfo=UK).astimezone(UTC)

    @property
    def covers(self) -> str:
        return f"1 January to 31 December {self.year}"

    @property
    def so_far(self) -> bool:
        """The year has not ended yet: the report covers it up to today."""
        return uk_today() <= self.last_day


@dataclass(frozen=True)
class HeardFrom:
    period: HeardFromInPeriod
    comparisons: tuple[Comparison, ...]
    sources: PublishedTable | None  # records by source; None when it would give a total back


@dataclass(frozen=True)
class AnnualReport:
    year: Year
    heard_from: HeardFrom
    panels: list[PanelInYear]
    fairness: FairnessInYear
    measures: list[MeasureYear]
    outcomes: list[OutcomeInYear]
    stories: StoriesInYear
    stories_table: PublishedTable
    policies: list[PolicyInYear]


def available_years(today: date | None = None) -> list[int]:
    """The current year and every year back to the earliest with records in any feature,
    newest first."""
    current = (today or uk_today()).year
    firsts = [
        first_round_year(),
        first_term_year(),
        first_consultation_year(),
        first_story_year(),
        first_policy_year(),
    ]
    earliest = min((y for y in firsts if y is not None and y >= FIRST_YEAR), default=current)
    return list(range(current, min(earliest, current) - 1, -1))


def _heard_from(year: Year) -> HeardFrom:
    questions = [characteristic(key).question for key in CHARACTERISTICS]
    period = heard_from_between(questions, year.start, year.end)
    comparisons = tuple(
        compare(key, period.counts[characteristic(key).question], CITY_REGION)
        for key in CHARACTERISTICS
    )
    # Every record counts once in each comparison, so the number of records by source adds up
    # to each comparison's total: shown only where no comparison had to hide its total.
    totals_safe = all(c.total is not None for c in comparisons)
    sources = None
    if totals_safe:
        table = publish_table({each.source.label: each.records for each in period.counted})
        sources = None if table.total_status == HIDDEN else table
    return HeardFrom(period, comparisons, sources)


def annual_report(year: int) -> AnnualReport:
    """Everything the report shows for ``year``, in a fixed number of queries."""
    period = Year(year)
    stories = stories_told_between(period.start, period.end)
    return AnnualReport(
        year=period,
        heard_from=_heard_from(period),
        panels=panel_make_up_between(period.first_day, period.last_day),
        fairness=fairness_between(period.first_day, period.last_day),
        measures=measure_values_for_year(year),
        outcomes=outcomes_published_between(period.start, period.end),
        stories=stories,
        stories_table=publish_table(stories.by_change),
        policies=policies_answered_between(period.start, period.end),
    )
