"""Equality numbers as tables, in Python: the published_table and comparison_table of
templates/monitoring/_tables.html (which names these functions), only ever from a
PublishedTable or a Comparison, never raw counts, with the suppression note and, beside census
figures, the OGL attribution.

A fairness report shows three of these and "who we heard from" one; as Jinja macros each of
their cells was a call through the template's context (about 25 µs), a fifth of the report's
time. The markup is what the macros wrote (tests/monitoring/test_rendering.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

from engage.core.table_cells import cell_html, table_markup
from engage.core.templating import format_percent
from engage.monitoring.comparison import NOT_COMPARABLE, NOT_COMPARABLE_LABEL, Comparison
from engage.monitoring.disclosure import PublishedTable
from engage.monitoring.questions import (
    NOT_ANSWERED,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
)

BOLD = "govuk-!-font-weight-bold"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# The cells a comparison leaves out of the shares, as the sentence under it names them.
NOT_COMPARED_LABELS = {
    PREFER_NOT_TO_SAY: PREFER_NOT_TO_SAY_LABEL,
    NOT_ANSWERED: "Did not answer",
    NOT_COMPARABLE: NOT_COMPARABLE_LABEL,
}
_COMPARISON_HEAD = (
    {"text": "People who answered", "numeric": True},
    {"text": "Share of people who answered", "numeric": True},
    {"text": "Share of population", "numeric": True},
    {"text": "Ratio", "numeric": True},
    "Under-represented",
)
_PUBLISHED_HEAD = (
    "Answer",
    {"text": "People", "numeric": True},
    {"text": "Share", "numeric": True},
)


def _row(cells: Iterable[str]) -> str:
    return f'\n  <tr class="govuk-table__row">{"".join(cells)}</tr>'


def published_table(published: PublishedTable, labels: Mapping[str, str], caption: Any) -> Markup:
    """Counts and shares of one published table, its total and its suppression note.
    labels: code -> text."""
    rows = [
        _row(
            (
                cell_html(labels.get(each.label, each.label), header=True),
                cell_html(each.display, numeric=True),
                cell_html(each.percentage_display or "–", numeric=True),
            )
        )
        for each in published.cells
    ]
    total = "100%" if published.total is not None else "–"
    rows.append(
        _row(
            (
                cell_html("Total", header=True, classes=BOLD),
                cell_html(published.total_display, numeric=True, classes=BOLD),
                cell_html(total, numeric=True),
            )
        )
    )
    markup = table_markup(
        None,
        caption,
        _PUBLISHED_HEAD,
        hide_caption=False,
        caption_size="s",
        region=False,
        body="".join(rows),
    )
    if published.note:
        markup += Markup('\n<p class="govuk-body-s">%s</p>') % published.note
    return markup


def census_attribution(tables: Iterable[str], areas: Iterable[str], population: str) -> Markup:
    """Which census tables, people and places the population figures are, under the OGL."""
    return Markup(  # noqa: S704 - every part escaped
        f'<p class="govuk-body-s">Population figures: Census 2021 '
        f"({escape(', '.join(tables))}), {escape(population.lower())} in "
        f"{escape(', '.join(areas))}.\nSource: Office for National Statistics licensed under "
        f'the <a class="govuk-link" href="{OGL}">Open Government Licence v.3.0</a>.</p>'
    )


def _flag(comparison: Comparison, under_represented: bool | None) -> str:
    if not comparison.enough_responses:
        return "–"
    if under_represented is None:
        return "Cannot tell"
    return "Yes" if under_represented else "No"


def comparison_table(comparison: Comparison, caption: Any) -> Markup:
    """Who answered beside the population's shares, with the rule, what the shares leave out
    and the census attribution."""
    parts = []
    if comparison.message:
        parts.append(
            f'<p class="govuk-body govuk-!-font-weight-bold">{escape(comparison.message)}</p>\n'
        )
    rows = [
        _row(
            (
                cell_html(row.label, header=True),
                cell_html(row.respondents.display, numeric=True),
                cell_html(format_percent(row.respondent_share), numeric=True),
                cell_html(format_percent(row.population_share), numeric=True),
                cell_html("–" if row.ratio is None else f"{row.ratio:.2f}", numeric=True),
                cell_html(_flag(comparison, row.under_represented)),
            )
        )
        for row in comparison.rows
    ]
    parts.append(
        table_markup(
            None,
            caption,
            (comparison.label, *_COMPARISON_HEAD),
            hide_caption=False,
            caption_size="s",
            region=False,
            body="".join(rows),
        )
    )
    if comparison.respondents.note:
        parts.append(f'\n<p class="govuk-body-s">{escape(comparison.respondents.note)}</p>')
    parts.append(f'\n<p class="govuk-body-s">{escape(comparison.rule)}</p>\n')
    left_out = "; ".join(
        f"{NOT_COMPARED_LABELS[each.label]}: {each.display}"
        for each in comparison.not_compared.cells
    )
    total = "" if comparison.total is None else f" Total responses: {comparison.total:,}."
    parts.append(
        f'<p class="govuk-body-s">Not included in the shares: {escape(left_out)}.'
        f"{escape(total)}</p>\n"
    )
    parts.append(census_attribution(comparison.tables, comparison.areas, comparison.population))
    return Markup("".join(parts))  # noqa: S704 - every part escaped or already markup
