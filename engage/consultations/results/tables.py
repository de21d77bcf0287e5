"""A consultation's counts (results/counts.py) as what the results page and the counts export
show: per question, one or more breakdowns, every one through the monitoring package's
disclosure control (``publish_table``), so a count under its threshold is "fewer than 10" with
no percentage, and a second count is hidden where the total would give the first away.

Percentages are of the people who responded (in the filtered group): for a single choice,
agreement, ranking (first choices) or a matrix row, the rows add up to them, "Did not answer"
included (a question a route skipped counts as not answered). People choose any number of
options of a multiple choice question, so its rows do not add up: small counts are suppressed
and each shown count's percentage is of everyone who responded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from engage.consultations import stages
from engage.consultations.results.counts import OTHER, NumberSummary, RawCounts
from engage.monitoring.api import THRESHOLD, PublishedCell, PublishedTable, publish_table

KIND = stages.QuestionKind
NOT_ANSWERED = "Did not answer"
ANSWERED = "Answered"
MORE_THAN_ONE = (
    "People could choose more than one answer, so the percentages add up to more than 100%."
)
# An average position is not published: with the first choices it can give away how few
# people put an option in another place.
RANKING_NOTE = "How many people put each option first."
SUMMARY_HIDDEN = (
    f"The lowest, middle and highest answers are shown when {THRESHOLD} or more people "
    "have answered."
)


@dataclass(frozen=True)
class Breakdown:
    """One table (and chart): its caption and the published counts in order."""

    caption: str
    table: PublishedTable
    notes: tuple[str, ...] = ()

    @property
    def cells(self) -> tuple[PublishedCell, ...]:
        return self.table.cells

    @property
    def total_display(self) -> str:
        return self.table.total_display


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: Any
    breakdowns: tuple[Breakdown, ...]
    summary: NumberSummary | None = None  # a number question's, when enough answered
    summary_note: str = ""

    @property
    def anchor(self) -> str:
        return f"question-{self.number}"


def _published(counts: dict[str, int], respondents: int, *, adds_up: bool) -> PublishedTable:
    if adds_up:
        return publish_table(counts)
    table = publish_table(counts, publish_total=False)
    if respondents < THRESHOLD:
        return table
    cells = tuple(
        replace(cell, percentage=100 * cell.count / respondents) if cell.shown else cell
        for cell in table.cells
    )
    return replace(table, cells=cells)


def _choice_counts(question: Any, found: dict[str, int], respondents: int) -> dict[str, int]:
    counts = {choice: found.get(choice, 0) for choice in question.choices}
    # Answers to an option since taken out still count, under their own words.
    counts.update(
        {label: n for label, n in found.items() if label not in counts and label != OTHER}
    )
    if question.allows_other or OTHER in found:
        counts[stages.OTHER_LABEL] = found.get(OTHER, 0)
    return counts


def _breakdowns(question: Any, counts: RawCounts) -> tuple[Breakdown, ...]:
    respondents = counts.responses
    answered = counts.answered.get(question.id, 0)
    not_answered = max(respondents - answered, 0)
    kind = question.kind
    if kind in (KIND.SINGLE_CHOICE, KIND.AGREEMENT, KIND.MULTIPLE_CHOICE):
        table = _choice_counts(question, counts.choices.get(question.id, {}), respondents)
        table[NOT_ANSWERED] = not_answered
        several = kind == KIND.MULTIPLE_CHOICE
        return (
            Breakdown(
                question.text,
                _published(table, respondents, adds_up=not several),
                (MORE_THAN_ONE,) if several else (),
            ),
        )
    if kind == KIND.RANKING:
        ranked = counts.ranking.get(question.id, {})
        options = list(question.options) + [o for o in ranked if o not in question.options]
        firsts = {option: ranked.get(option, {}).get(1, 0) for option in options}
        firsts[NOT_ANSWERED] = not_answered
        return (
            Breakdown(
                f"{question.text}: first choices",
                publish_table(firsts),
                (RANKING_NOTE,),
            ),
        )
    if kind == KIND.MATRIX:
        grid = counts.matrix.get(question.id, {})
        found = []
        for row in list(question.matrix_rows) + [r for r in grid if r not in question.matrix_rows]:
            chosen = grid.get(row, {})
            table = {option: chosen.get(option, 0) for option in question.options}
            table.update({label: n for label, n in chosen.items() if label not in table})
            table[NOT_ANSWERED] = max(respondents - sum(chosen.values()), 0)
            found.append(Breakdown(f"{question.text}: {row}", publish_table(table)))
        return tuple(found)
    return (
        Breakdown(question.text, publish_table({ANSWERED: answered, NOT_ANSWERED: not_answered})),
    )


def question_results(
    questions: list[Any], counts: RawCounts, first_number: int = 1
) -> list[QuestionResult]:
    """The results of ``questions``, numbered from ``first_number`` (a page of them)."""
    found = []
    for number, question in enumerate(questions, start=first_number):
        summary, note = None, ""
        if question.kind == KIND.NUMBER:
            summary = counts.number_summary(question.id)
            if summary is None or summary.answers < THRESHOLD:
                summary, note = None, SUMMARY_HIDDEN
        found.append(QuestionResult(number, question, _breakdowns(question, counts), summary, note))
    return found


def channel_table(counts: RawCounts) -> PublishedTable:
    """Responses by how they came in, every channel listed."""
    return publish_table(
        {label: counts.channels.get(channel, 0) for channel, label in stages.CHANNEL_LABELS.items()}
    )


def number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
