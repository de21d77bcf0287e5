"""Officers' reports on lived-experience stories: themes over time, where, how they came in,
status, what changed, and the response-time record, counted in the database; for holders of
the equality data role, the same for one monitoring group through disclosure control (each
such view recorded). The stories download is recorded in the audit log."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts.api import SAFEGUARDING
from engage.core.access import OFFICER, access
from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.exports import download
from engage.monitoring.api import EQUALITY_DATA_ROLE, THRESHOLD, aggregates_viewed
from engage.stories.reports import exports
from engage.stories.reports.counts import Filters, count_stories, story_themes
from engage.stories.reports.forms import ReportFilterForm
from engage.stories.reports.tables import RESPONSE_LABELS, build_report

bp = Blueprint("reports", __name__, url_prefix="/admin/stories/reports")


def _filter_form() -> tuple[ReportFilterForm | None, Filters]:
    """The monitoring-group filter, only for the equality data role."""
    if not current_user.has_role(EQUALITY_DATA_ROLE):
        return None, Filters()
    form = ReportFilterForm(request.args)
    form.load_choices()
    return form, (form.filters() if form.validate() else Filters())


@bp.route("/")
@access(OFFICER)
def index() -> str:
    form, filters = _filter_form()
    today = uk_today()
    safeguarding_officer = current_user.has_role(SAFEGUARDING)
    themes = story_themes()
    counts = count_stories(filters, safeguarding_officer, today)
    report = build_report(counts, themes, filters, today)
    if filters.group is not None:
        aggregates_viewed(
            current_user,
            f"lived-experience stories report: {filters.group.label}",
            group=filters.group.key,
        )
    page = render_template(
        "stories/reports/index.html",
        form=form,
        filters=filters,
        report=report,
        themes=themes,
        threshold=THRESHOLD,
        today=today,
        response_labels=RESPONSE_LABELS,
        safeguarding_officer=safeguarding_officer,
        left_out_note=exports.LEFT_OUT_NOTE,
    )
    db.session.commit()  # the kept counts, and the record of a group's view
    return page


@bp.route("/stories.<any(csv, xlsx):extension>")
@access(OFFICER)
def stories_download(extension: str) -> Response:
    """One row per story (no filters: a monitoring group's list of stories would put
    people's monitoring answers beside what they told us)."""
    safeguarding_officer = current_user.has_role(SAFEGUARDING)
    sheet = exports.stories_sheet(safeguarding_officer)
    # A safeguarding officer's download holds safeguarding stories: the log says how many.
    flagged = sum(row[-1] == "Yes" for row in sheet.rows) if safeguarding_officer else 0
    record_event("stories_exported", format=extension, rows=len(sheet.rows),
                 safeguarding_stories=flagged)  # fmt: skip
    db.session.commit()
    return download(sheet, f"lived-experience-stories-{uk_today().isoformat()}", extension)
