"""Staff pages of the annual equality information report: choose a year, read the report,
download it as a Word document. Generated on request from every feature's records."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user

from engage.annual_report import services
from engage.annual_report.content import report_blocks
from engage.annual_report.document import as_word
from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.word import DOCX_MIMETYPE
from engage.monitoring.api import aggregates_viewed

bp = Blueprint("annual_report", __name__, url_prefix="/admin/annual-report")


def _report_year(year: int) -> int:
    """The year asked for, if the report can cover it: not a year still to come (404)."""
    if not services.FIRST_YEAR <= year <= uk_today().year:
        abort(404)
    return year


@bp.route("/")
@access(OFFICER)
def index() -> str:
    return render_template("annual_report/index.html", years=services.available_years())


@bp.route("/<int:year>")
@access(OFFICER)
def show(year: int) -> str:
    blocks = report_blocks(services.annual_report(_report_year(year)))
    aggregates_viewed(current_user, f"annual equality report {year}", year=year)
    db.session.commit()
    return render_template("annual_report/show.html", blocks=blocks, year=year)


@bp.route("/<int:year>.docx")
@access(OFFICER)
def word_document(year: int) -> Response:
    report = services.annual_report(_report_year(year))
    content = as_word(report_blocks(report))
    aggregates_viewed(current_user, f"annual equality report {year} (Word)", year=year)
    db.session.commit()
    response = Response(content, mimetype=DOCX_MIMETYPE)
    name = f"annual-equality-report-{year}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response.headers["Cache-Control"] = "no-store"
    return response
