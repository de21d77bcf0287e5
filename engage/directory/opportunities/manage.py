"""Officers' pages for opportunities: the list, creating and changing one, publishing it
(and how many organisations matched and editors were emailed), closing it, the interest and
applications, recording awards, and the strategy measure's report by financial year."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.exports import download
from engage.core.pagination import paginate
from engage.directory.opportunities import listing, report, rules, services
from engage.directory.opportunities.forms import AwardForm, OpportunityForm, pence_of
from engage.directory.opportunities.models import Opportunity
from engage.directory.taxonomy import COMMUNITIES
from engage.reference.api import local_authorities

bp = Blueprint("opportunities_admin", __name__, url_prefix="/admin/directory/opportunities")


def _opportunity(opportunity_id: int) -> Opportunity:
    return services.get_opportunity(opportunity_id) or abort(404)


@bp.route("/")
@access(OFFICER)
def index() -> str:
    status = request.args.get("status", "")
    return render_template(
        "directory/opportunities/manage/index.html",
        page=paginate(listing.officer_statement(status), per_page=25),
        status=status if status in set(rules.OpportunityStatus) else "",
        statuses=list(rules.OpportunityStatus),
        rules=rules,
    )


def _form(opportunity: Opportunity | None) -> OpportunityForm:
    filled = opportunity is not None and request.method == "GET"
    form = OpportunityForm(data=OpportunityForm.data_from(opportunity) if filled else None)
    form.load_choices(
        [(a.code, a.name) for a in local_authorities()],
        keep=list(opportunity.priorities) if opportunity else [],
    )
    return form


@bp.route("/new", methods=["GET", "POST"])
@access(OFFICER)
def new() -> str | Response:
    form = _form(None)
    if form.validate_on_submit():
        opportunity = services.create_opportunity(form.details(), current_user)
        db.session.commit()
        flash("The opportunity is saved as a draft. Publish it when it is ready.", "success")
        return redirect(url_for(".show", opportunity_id=opportunity.id))
    return render_template("directory/opportunities/manage/form.html", form=form, opportunity=None)


@bp.route("/<int:opportunity_id>/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit(opportunity_id: int) -> str | Response:
    opportunity = _opportunity(opportunity_id)
    if not rules.can_edit(opportunity):
        flash(rules.CANNOT_EDIT + ".", "error")
        return redirect(url_for(".show", opportunity_id=opportunity.id))
    form = _form(opportunity)
    if form.validate_on_submit():
        services.update_opportunity(opportunity, form.details())
        db.session.commit()
        flash("The opportunity is saved.", "success")
        return redirect(url_for(".show", opportunity_id=opportunity.id))
    return render_template(
        "directory/opportunities/manage/form.html", form=form, opportunity=opportunity
    )


@bp.route("/<int:opportunity_id>")
@access(OFFICER)
def show(opportunity_id: int) -> str:
    opportunity = _opportunity(opportunity_id)
    return render_template(
        "directory/opportunities/manage/show.html",
        opportunity=opportunity,
        communities=[COMMUNITIES.label(code) for code in opportunity.community_codes],
        responses=paginate(services.responses_statement(opportunity.id), per_page=25),
        awards=services.awards_of(opportunity.id),
        status=rules.public_status(opportunity, uk_today()),
        rules=rules,
    )


def _act(opportunity_id: int, action: str) -> Response:
    opportunity = _opportunity(opportunity_id)
    try:
        if action == "publish":
            emailed = services.publish(opportunity, uk_today())
            message = (
                f"Published. {opportunity.matched_organisations:,} listed organisations "
                f"matched; {emailed:,} of their editors asked for these emails and were emailed."
            )
        else:
            services.close(opportunity)
            message = "Closed: it no longer takes interest or applications."
    except rules.OpportunityRefused as refused:
        db.session.rollback()
        flash(str(refused) + ".", "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for(".show", opportunity_id=opportunity_id))


@bp.route("/<int:opportunity_id>/publish", methods=["POST"])
@access(OFFICER)
def publish(opportunity_id: int) -> Response:
    return _act(opportunity_id, "publish")


@bp.route("/<int:opportunity_id>/close", methods=["POST"])
@access(OFFICER)
def close(opportunity_id: int) -> Response:
    return _act(opportunity_id, "close")


@bp.route("/<int:opportunity_id>/award", methods=["GET", "POST"])
@access(OFFICER)
def award(opportunity_id: int) -> str | Response:
    opportunity = _opportunity(opportunity_id)
    responding = services.responding_organisations(opportunity.id)
    form = AwardForm()
    form.load_organisations(responding)
    if rules.can_award(opportunity) and responding and form.validate_on_submit():
        try:
            services.record_award(opportunity, form.organisation.data, pence_of(form.value.data),
                                  form.awarded_on.data, current_user)  # fmt: skip
        except rules.OpportunityRefused as refused:
            db.session.rollback()
            form.organisation.errors = [str(refused)]
        else:
            db.session.commit()
            flash("The award is recorded.", "success")
            return redirect(url_for(".show", opportunity_id=opportunity.id))
    return render_template(
        "directory/opportunities/manage/award.html",
        opportunity=opportunity,
        form=form,
        responding=responding,
        can_award=rules.can_award(opportunity),
        rules=rules,
    )


@bp.route("/report")
@access(OFFICER)
def measure() -> str:
    return render_template(
        "directory/opportunities/manage/report.html",
        years=report.supplier_diversity_by_year(),
        rules=rules,
    )


@bp.route("/report.<any(csv, xlsx):extension>")
@access(OFFICER)
def measure_export(extension: str) -> Response:
    sheet = report.report_sheet(report.supplier_diversity_by_year())
    return download(sheet, "diverse-led-suppliers-by-financial-year", extension)
