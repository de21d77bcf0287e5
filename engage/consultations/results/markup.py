"""A breakdown of a consultation's results (tables.py's Breakdown) as its chart and its table,
written in Python for the results page and the annual report.

A survey's page of ten questions has dozens of answers, each a chart row and a table row: as
Jinja macros that was a macro call per cell, so they are written in Python as the other
tables are (core/table_cells.py). The markup is what the macros wrote, every value escaped
with ``html_text``.

The chart is drawn on the server: each answer's words and numbers as text, with a bar as long
as its percentage of the people who responded (the full width is 100%). The same numbers are
in the table after it. A count that disclosure control suppressed draws no bar and says why.
The bars are decorative (aria-hidden): no inline styles, colours from the stylesheet (the "who
we heard from" chart's classes)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from engage.core.table_cells import cell_html, html_text, table_markup

_HEAD = (
    "Answer",
    {"text": "People", "numeric": True},
    {"text": "Percentage of people who responded", "numeric": True},
)
_BAR = (
    '<svg class="lcr-chart__bars lcr-chart__bars--one" viewBox="0 0 100 6"'
    ' preserveAspectRatio="none" aria-hidden="true" focusable="false">'
    '<rect class="lcr-chart__bar--heard" x="0" y="0" height="6" width="{width:.2f}"></rect></svg>'
)
_SUPPRESSED_SECOND = "number not shown, so that a small number cannot be worked out"


def _chart_words(cell: Any) -> str:
    if cell.shown:
        words = f"{cell.display} {'person' if cell.count == 1 else 'people'}"
        if cell.percentage is not None:
            words += f", {cell.percentage_display}"
        return html_text(words)
    if cell.secondary:
        return _SUPPRESSED_SECOND
    return html_text(f"{cell.display} people")


def counts_chart(breakdown: Any, caption: str) -> Markup:
    """The breakdown as a bar chart: a figure captioned ``caption``."""
    rows = []
    for cell in breakdown.cells:
        bar = _BAR.format(width=cell.percentage) if cell.percentage is not None else ""
        rows.append(
            '<li class="lcr-chart__row">'
            '<span class="govuk-body-s lcr-chart__label lcr-break-word">'
            f"<strong>{html_text(cell.label)}</strong>: {_chart_words(cell)}</span>{bar}</li>"
        )
    return Markup(  # noqa: S704 - every value above is escaped
        '<figure class="lcr-chart">'
        f'<figcaption class="govuk-heading-s lcr-break-word">{html_text(caption)}</figcaption>'
        f'<ul class="govuk-list lcr-chart__rows">{"".join(rows)}</ul></figure>'
    )


def counts_table(breakdown: Any, id: str) -> Markup:
    """The breakdown as a table (caption id ``id``) with its total, then its notes."""
    rows = [
        '<tr class="govuk-table__row">'
        + cell_html(cell.label, header=True, classes="lcr-break-word")
        + cell_html(cell.display, numeric=True)
        + cell_html(cell.percentage_display or "not shown", numeric=True)
        + "</tr>"
        for cell in breakdown.cells
    ]
    table = breakdown.table
    if table.total_status != "not published":
        bold = "govuk-!-font-weight-bold"
        rows.append(
            '<tr class="govuk-table__row">'
            + cell_html("Total", header=True, classes=bold)
            + cell_html(breakdown.total_display, numeric=True, classes=bold)
            + cell_html("100%" if table.total is not None else "not shown", numeric=True)
            + "</tr>"
        )
    markup = table_markup(
        id, breakdown.caption, _HEAD, hide_caption=False, caption_size="s", body="".join(rows)
    )
    notes = ([table.note] if table.note else []) + list(breakdown.notes)
    return markup + Markup(  # noqa: S704 - every note escaped
        "".join(f'<p class="govuk-body-s">{html_text(note)}</p>' for note in notes)
    )
