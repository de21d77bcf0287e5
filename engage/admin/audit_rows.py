"""The audit log's rows as table markup, written in Python: twenty-five rows of Jinja (a
filter, four cell calls and a loop of details each) took about 30% of the page's time
(8.2 ms to 5.8 ms at demo size).
Every value is escaped with ``html_text``, as the template would."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from engage.admin.audit_view import EventRow
from engage.core.table_cells import cell_html, html_text
from engage.core.templating import format_datetime

_DETAILS = '<ul class="govuk-list govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">'


def _what(row: EventRow) -> str:
    inside = html_text(row.what)
    if row.details:
        inside += _DETAILS + "".join(f"<li>{html_text(line)}</li>" for line in row.details)
        inside += "</ul>"
    return f'<td class="govuk-table__cell lcr-break-word">{inside}</td>'


def rows_html(rows: Iterable[EventRow]) -> Markup:
    """Each event as a row: when, who, what (with its details), the record, and from where."""
    return Markup(  # noqa: S704 - every value escaped
        "".join(
            '<tr class="govuk-table__row">'
            + cell_html(format_datetime(row.event.occurred_at))
            + cell_html(row.who.text, href=row.who.href, classes="lcr-break-word")
            + _what(row)
            + cell_html(row.record.text, href=row.record.href, classes="lcr-break-word")
            + cell_html(row.event.ip_address or "")
            + "</tr>"
            for row in rows
        )
    )
