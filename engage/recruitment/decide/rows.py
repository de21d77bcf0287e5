"""The lead officer's two long tables, their rows written in Python as the audit log's are:
the ranking of applications (four cell macro calls a row) and the interview schedule (four
cell macro calls and a loop of access needs a row). Every value is escaped with
``html_text``, as the templates would."""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from engage.core.pagination import Page
from engage.core.table_cells import cell_html, html_text
from engage.core.urls import url_maker
from engage.recruitment.decide.services import OverviewRow
from engage.recruitment.interviews import ScheduleRow, access_needs
from engage.recruitment.stages import APPOINTED

_REMOVE_BUTTON = (
    '<button type="submit" class="govuk-button govuk-button--secondary '
    'govuk-!-margin-bottom-0" data-module="govuk-button">Remove'
    '<span class="govuk-visually-hidden"> {label}</span></button>'
)


def _needs_cell(needs: list[str]) -> str:
    if not needs:
        return '<td class="govuk-table__cell lcr-break-word">None given</td>'
    items = "".join(f"<li>{html_text(need)}</li>" for need in needs)
    return f'<td class="govuk-table__cell lcr-break-word"><ul class="govuk-list">{items}</ul></td>'


def schedule_rows_html(rows: Iterable[ScheduleRow], round_id: int, editable: bool) -> Markup:
    """Each time: when and where, who booked it (a link to their application), their access
    needs and whether they agreed to share them; a free time has a button to remove it while
    the round is ``editable`` (its outcomes not yet sent)."""
    application_url = url_maker(
        "recruitment.decide.application", "candidate_number", round_id=round_id
    )
    remove_url = url_maker("recruitment.decide.remove_slot", "slot_id", round_id=round_id)
    csrf_token = html_text(generate_csrf()) if editable else ""
    parts = []
    for row in rows:
        label = cell_html(row.label, classes="lcr-break-word")
        applicant = row.application
        if applicant is not None:
            parts.append(
                '<tr class="govuk-table__row">'
                + label
                + cell_html(
                    f"{applicant.anonymous_name}: {applicant.full_name}",
                    href=application_url(applicant.candidate_number),
                    classes="lcr-break-word",
                )
                + _needs_cell(access_needs(applicant))
                + cell_html("Yes" if applicant.share_access_needs_with_interviewers else "No")
                + cell_html()
                + "</tr>"
            )
            continue
        action = ""
        if editable:
            action = (
                f'<form action="{remove_url(row.slot.id)}" method="post" novalidate>'
                f'<input type="hidden" name="csrf_token" value="{csrf_token}">'
                + _REMOVE_BUTTON.format(label=html_text(row.label))
                + "</form>"
            )
        parts.append(
            '<tr class="govuk-table__row">'
            + label
            + cell_html("Free")
            + cell_html()
            + cell_html()
            + f'<td class="govuk-table__cell">{action}</td>'
            + "</tr>"
        )
    return Markup("".join(parts))  # noqa: S704 - every value escaped


def ranking_rows_html(
    rows: Iterable[OverviewRow], page: Page, round_id: int, outcomes_sent: bool
) -> Markup:
    """Each application in rank order: its rank, the applicant (a link to the application),
    the panels they chose, the moderated score and the status; once the outcomes are sent,
    an appointed applicant with no appointment recorded says so."""
    application_url = url_maker(
        "recruitment.decide.application", "candidate_number", round_id=round_id
    )
    parts = []
    for rank, row in enumerate(rows, start=page.first_item_number):
        status = html_text(row.status_label)
        if row.status == APPOINTED and outcomes_sent and not row.appointed:
            status += ": record the appointment"
        parts.append(
            '<tr class="govuk-table__row">'
            + cell_html(rank, numeric=True)
            + cell_html(
                f"{row.anonymous_name}: {row.full_name}",
                href=application_url(row.candidate_number),
                classes="lcr-break-word",
            )
            + cell_html(row.panels)
            + cell_html(row.total if row.total is not None else "Not moderated yet", numeric=True)
            + f'<td class="govuk-table__cell">{status}</td>'
            + "</tr>"
        )
    return Markup("".join(parts))  # noqa: S704 - every value escaped
