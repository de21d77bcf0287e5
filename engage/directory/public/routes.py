"""The public directory: search and filter the listed organisations, and each one's page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.directory import claims, reports, services, stages
from engage.directory.forms import ReportForm
from engage.directory.public.forms import DirectorySearchForm
from engage.directory.taxonomy import COMMUNITIES, LED_BY
from engage.reference.api import local_authorities

bp = Blueprint("public", __name__, url_prefix="/directory")


@bp.route("/")
@access(PUBLIC)
def index() -> str:
    form = DirectorySearchForm(request.args)
    form.load_areas([(a.code, a.name) for a in local_authorities()])
    filters = form.filters()
    results = services.directory_page(filters)
    page = results.page
    today = uk_today()
    return render_template(
        "directory/public/index.html",
        form=form,
        filters=filters,
        page=page,
        order=results.order,
        suggestion=results.suggestion,
        areas=services.areas_of([row.id for row in page.items]),
        overdue={row.id for row in page.items if stages.is_overdue(row, today)},
    )


@bp.route("/<int:organisation_id>")
@access(PUBLIC)
def organisation(organisation_id: int) -> str:
    found = services.listed_organisation(organisation_id) or abort(404)
    today = uk_today()
    return render_template(
        "directory/public/organisation.html",
        organisation=found,
        communities=[COMMUNITIES.label(c) for c in found.codes(COMMUNITIES.key)],
        led_by=[LED_BY.label(c) for c in found.codes(LED_BY.key)],
        due=stages.confirmation_due(found.last_confirmed_at),
        overdue=stages.is_overdue(found, today),
        is_editor=claims.is_editor(current_user, found.id),
    )


@bp.route("/<int:organisation_id>/report", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("DIRECTORY_RATE_LIMIT")
def report(organisation_id: int) -> str | Response:
    """Anyone can tell us an entry is wrong; an officer looks into it."""
    found = services.listed_organisation(organisation_id) or abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        reports.report_entry(found, form.what_is_wrong.data, form.contact_email.data or "")
        db.session.commit()
        flash("Thank you. An officer will look into it.", "success")
        return redirect(url_for("directory.public.organisation", organisation_id=found.id))
    return render_template("directory/public/report.html", form=form, organisation=found)
