"""The fairness report's tables, in Python: templates/recruitment/report/_macros.html names
these. Every number comes from a PublishedTable (through report services), or, at the
restricted level, from restricted.py's rates; never from raw counts here.

As Jinja macros each cell was a call through the template's context (about 25 µs) and a
report has 100 to 200 of them: a third of the page's time. Written here with
core.table_cells, the markup is what the macros wrote (tests/recruitment/test_report_tables.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from engage.core.table_cells import cell_html, table_markup
from engage.core.templating import format_percent
from engage.monitoring.api import Rate
from engage.recruitment.report.restricted import RestrictedBreakdown
from engage.recruitment.report.services import Breakdown, RoundReport

BOLD = "govuk-!-font-weight-bold"
_RESTRICTED_HEAD = (
    {"text": "Applied", "numeric": True},
    {"text": "Shortlisted", "numeric": True},
    {"text": "Share shortlisted (95% interval)", "numeric": True},
    {"text": "Appointed", "numeric": True},
    {"text": "Share appointed (95% interval)", "numeric": True},
)
_PROGRESSION_HEAD = (
    {"text": "Applicants shortlisted", "numeric": True},
    {"text": "Applicants appointed", "numeric": True},
)


def _row(cells: Iterable[str]) -> str:
    return f'\n    <tr class="govuk-table__row">{"".join(cells)}</tr>'


def _table(id_: str, caption: Any, head: Iterable[Any], rows: Iterable[str]) -> Markup:
    return table_markup(
        id_, caption, head, hide_caption=False, caption_size="s", body="".join(rows)
    )


def breakdown_table(breakdown: Breakdown, id_: str, caption: Any) -> Markup:
    """One characteristic (or local authority) with the three stages side by side, each with
    its share when the breakdown has percentages, a total row, and the suppression notes."""
    shares = breakdown.percentages
    head: list[Any] = [breakdown.label]
    for stage in breakdown.stages:
        head.append({"text": stage.stage.label, "numeric": True})
        if shares:
            head.append({"text": f"{stage.stage.label}: share", "numeric": True})
    rows = []
    for _code, label, cells in breakdown.rows:
        row = [cell_html(label, header=True)]
        for each in cells:
            row.append(cell_html(each.display, numeric=True))
            if shares:
                row.append(cell_html(each.percentage_display or "–", numeric=True))
        rows.append(_row(row))
    if shares:
        row = [cell_html("Total", header=True)]
        for stage in breakdown.stages:
            row.append(cell_html(stage.table.total_display, numeric=True, classes=BOLD))
            row.append(cell_html("100%" if stage.table.total is not None else "–", numeric=True))
        rows.append(_row(row))
    notes = "".join(f'<p class="govuk-body-s">{escape(note)}</p>' for note in breakdown.notes)
    return _table(id_, caption, head, rows) + Markup(notes)  # noqa: S704 - escaped


def progression_table(
    breakdown: Breakdown, report: RoundReport, id_: str, caption: Any, not_enough: str
) -> Markup:
    """Shortlisted and appointed as shares of each group's applicants, beside everyone's;
    ``not_enough`` where a rate cannot be shown."""
    rates = [("Everyone who applied", report.shortlisted_rate, report.appointed_rate)]
    rates += [(g.label, g.shortlisted_rate, g.appointed_rate) for g in breakdown.progression]
    rows = [
        _row(
            (
                cell_html(label, header=True),
                cell_html(format_percent(shortlisted, not_enough), numeric=True),
                cell_html(format_percent(appointed, not_enough), numeric=True),
            )
        )
        for label, shortlisted, appointed in rates
    ]
    return _table(id_, caption, (breakdown.label, *_PROGRESSION_HEAD), rows)


def rate_text(rate: Rate, lower: bool) -> str:
    """A rate with its 95% interval, and a "Lower" tag when it is clearly below the rest."""
    if rate.value is None:
        return "–"
    interval = f"({format_percent(rate.low)} to {format_percent(rate.high)})"
    text = f'{format_percent(rate.value)} <span class="govuk-body-s">{interval}</span>'
    if lower:
        text += ' <strong class="govuk-tag govuk-tag--red">Lower</strong>'
    return text


def _rate_cell(rate: Rate, lower: bool) -> str:
    return cell_html(numeric=True, caller=lambda: rate_text(rate, lower))


def restricted_table(breakdown: RestrictedBreakdown, id_: str, caption: Any) -> Markup:
    """Exact numbers, and rates with their intervals, for everyone and for each group."""
    rows = []
    for group in (breakdown.everyone, *breakdown.groups):
        rows.append(
            _row(
                (
                    cell_html(group.label, header=True),
                    cell_html(group.applied, numeric=True),
                    cell_html(group.shortlisted.part, numeric=True),
                    _rate_cell(group.shortlisted, group.shortlisted_lower),
                    cell_html(group.appointed.part, numeric=True),
                    _rate_cell(group.appointed, group.appointed_lower),
                )
            )
        )
    return _table(id_, caption, (breakdown.label, *_RESTRICTED_HEAD), rows)
