"""Who we heard from, beside the Census 2021 population of the same places.

For each category of a characteristic a comparison gives the respondents' count (through
``publish_table``, so small numbers show as "fewer than 10"), their share of the people who
answered, the population's share on the same basis, and the representation ratio.

The under-representation rule
-----------------------------
A group is flagged as under-represented when its representation ratio (respondent share
divided by population share) is below ``UNDER_REPRESENTED_RATIO`` (0.8: we heard from fewer
than four people for every five we would expect from the population), and only where the
group is at least ``MIN_POPULATION_SHARE`` (1%) of the population: below that, one or two
responses either way swing the ratio and the flag would be noise.

When a group's count is suppressed as "fewer than 10", its ratio is not shown; the group is
still flagged if it would be under-represented even with 9 respondents, because that
follows from published numbers alone and reveals nothing more.

Below ``MIN_RESPONSES_TO_COMPARE`` (30) people who answered, shares swing too much to mean
anything, so the comparison says "not enough responses to compare" and gives no ratios.

Shares on both sides leave out people who did not answer: respondents who left the
question blank or chose "Prefer not to say" (reported separately), and the census's own
"Not answered". Answers with no census counterpart (such as "Under 16" against the 16+ age
baseline) are reported separately too.

Publishing: use ``total`` as the number of responses. It is ``None`` when showing it would
let a suppressed count be worked out; do not then show the number of responses anywhere
else beside this comparison.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from engage.monitoring.census import ATTRIBUTION, LOCAL_AUTHORITIES, characteristic
from engage.monitoring.census import comparison_population as _population
from engage.monitoring.disclosure import PublishedCell, PublishedTable, publish_table
from engage.monitoring.questions import (
    NOT_ANSWERED,
    NOT_ANSWERED_LABEL,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    question,
)

MIN_RESPONSES_TO_COMPARE = 30
UNDER_REPRESENTED_RATIO = 0.8
MIN_POPULATION_SHARE = 0.01
NOT_COMPARABLE = "not_comparable"
NOT_COMPARABLE_LABEL = "Other answers (no census equivalent)"
NOT_ENOUGH_RESPONSES = "Not enough responses to compare"
RULE_TEXT = (
    f"Under-represented means a ratio below {UNDER_REPRESENTED_RATIO:g} (fewer than 4 people "
    "for every 5 the population would suggest) for a group that is at least "
    f"{MIN_POPULATION_SHARE:.0%} of the population. We do not compare fewer than "
    f"{MIN_RESPONSES_TO_COMPARE} answers."
)


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    label: str
    respondents: PublishedCell  # count or "fewer than 10"/"hidden"; its percentage is the
    #                             respondent share among people who answered
    respondent_share: float | None  # 0 to 1; None when not published or not comparable
    population_share: float  # 0 to 1, of the population who answered the census question
    ratio: float | None  # respondent share / population share
    under_represented: bool | None  # None: cannot tell from published numbers


@dataclass(frozen=True)
class Comparison:
    characteristic: str
    label: str
    la_codes: tuple[str, ...]
    areas: tuple[str, ...]  # local authority names
    population: str  # who the census table counts
    rows: tuple[ComparisonRow, ...]
    respondents: PublishedTable  # categories; total = people who answered
    not_compared: PublishedTable  # prefer not to say, not answered, other answers
    total: int | None  # everyone counted, when it can be published
    enough_responses: bool
    message: str | None  # "Not enough responses to compare: ..." when not enough
    tables: tuple[str, ...]  # census tables used
    attribution: str = ATTRIBUTION
    rule: str = RULE_TEXT  # the under-representation rule, in words, to show beside it


def _flag(
    enough: bool,
    cell: PublishedCell,
    ratio: float | None,
    population_share: float,
    answered: int,
    threshold: int,
) -> bool | None:
    """The under-representation flag (see the module docstring); None: cannot tell."""
    if not enough:
        return None
    if population_share < MIN_POPULATION_SHARE:
        return False
    if ratio is not None:
        return ratio < UNDER_REPRESENTED_RATIO
    if cell.primary:
        # Flag only if even the largest count it could hide would be under-represented.
        largest_ratio = (threshold - 1) / answered / population_share
        return True if largest_ratio < UNDER_REPRESENTED_RATIO else None
    return None


def compare(
    characteristic_key: str, responses_counts: Mapping[str, int], la_codes: Collection[str]
) -> Comparison:
    """Compare monitoring answers with the census population of ``la_codes``.

    ``responses_counts`` is ``services.count_by_question(c.question, responses)`` for the
    characteristic's question: answer code -> count, including "prefer_not_to_say" and
    "not_answered"."""
    c = characteristic(characteristic_key)
    q = question(c.question)
    unknown = set(responses_counts) - {*q.codes, NOT_ANSWERED}
    if unknown:
        raise ValueError(f"Not answers to {c.question}: {sorted(unknown)}")

    by_category = dict.fromkeys((code for code, _ in c.categories), 0)
    not_comparable = 0
    for code, count in responses_counts.items():
        if code in (PREFER_NOT_TO_SAY, NOT_ANSWERED):
            continue
        category = c.answer_to_category.get(code)
        if category is None:
            not_comparable += count
        else:
            by_category[category] += count

    others = {
        PREFER_NOT_TO_SAY: responses_counts.get(PREFER_NOT_TO_SAY, 0),
        NOT_ANSWERED: responses_counts.get(NOT_ANSWERED, 0),
    }
    # Only a cell that can hold people: a reader knows a structural zero is zero.
    if any(c.answer_to_category.get(code) is None for code in q.codes if code != PREFER_NOT_TO_SAY):
        others[NOT_COMPARABLE] = not_comparable

    respondents = publish_table(by_category)
    # If the answered total had to be hidden, the other total must not give it back
    # (with the number of responses it would).
    not_compared = publish_table(others, publish_total=respondents.total is not None)
    answered = sum(by_category.values())
    enough = answered >= MIN_RESPONSES_TO_COMPARE and respondents.total is not None
    message = None
    if answered < MIN_RESPONSES_TO_COMPARE:
        message = (
            f"{NOT_ENOUGH_RESPONSES}: fewer than {MIN_RESPONSES_TO_COMPARE} people answered "
            "this question."
        )
    elif respondents.total is None:
        message = f"{NOT_ENOUGH_RESPONSES}: the numbers are too small to show safely."

    population = _population(characteristic_key, la_codes)
    population_total = sum(population.values())
    rows = []
    for code, label in c.categories:
        cell = respondents.cell(code)
        population_share = population[code] / population_total if population_total else 0.0
        share = ratio = None
        if enough and cell.shown and cell.percentage is not None:
            share = cell.percentage / 100
            ratio = share / population_share if population_share else None
        rows.append(
            ComparisonRow(
                code,
                label,
                cell,
                share,
                population_share,
                ratio,
                _flag(enough, cell, ratio, population_share, answered, respondents.threshold),
            )
        )

    both_totals = respondents.total is not None and not_compared.total is not None
    codes = tuple(sorted(set(la_codes)))
    return Comparison(
        characteristic=c.key,
        label=c.label,
        la_codes=codes,
        areas=tuple(LOCAL_AUTHORITIES.get(code, code) for code in codes),
        population=c.population,
        rows=tuple(rows),
        respondents=respondents,
        not_compared=not_compared,
        total=respondents.total + not_compared.total if both_totals else None,  # type: ignore[operator]
        enough_responses=enough,
        message=message,
        tables=c.tables,
    )


NOT_COMPARED_LABELS = {
    PREFER_NOT_TO_SAY: PREFER_NOT_TO_SAY_LABEL,
    NOT_ANSWERED: NOT_ANSWERED_LABEL,
    NOT_COMPARABLE: NOT_COMPARABLE_LABEL,
}
