"""The public list of opportunities and each one's page; editors registering interest or
applying for one of their organisations, and choosing which of their organisations hear
about new opportunities (a form on their "Your organisations" page)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_login import current_user
from sqlalchemy.orm import lazyload
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, SIGNED_IN, access
from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.directory import claims, stages
from engage.directory.opportunities import listing, rules, services
from engage.directory.opportunities.forms import OptInForm, PublicFiltersForm, ResponseForm
from engage.directory.opportunities.models import Opportunity
from engage.directory.taxonomy import COMMUNITIES
from engage.reference.api import local_authorities

bp = Blueprint("opportunities", __name__, url_prefix="/directory/opportunities")
PER_PAGE = 20


def _describe(opportunity_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Opportunity, opportunity_id)
    if found is None:
        return Described("An opportunity that has been deleted")
    return Described(
        f"Opportunity: {found.title}",
        link("directory.opportunities_admin.show", opportunity_id=found.id),
    )


@bp.record_once
def _register(state: BlueprintSetupState) -> None:
    # The title is all a description needs: not the communities the model loads with it.
    def prefetch(ids: list[Any]) -> list[Any]:
        return load_records(Opportunity, ids, lazyload(Opportunity.communities))

    describe_records(state.app, "opportunity", _describe, prefetch)


@bp.app_template_global()
def opportunity_emails_form(organisations: list[Any]) -> OptInForm:
    """The form on "Your organisations" choosing which of them hear about opportunities,
    ticked as the person chose before (one query)."""
    form = OptInForm(formdata=None, data={"organisations": sorted(services.opted_in(current_user))})
    form.load_organisations(organisations)
    return form


@bp.route("/")
@access(PUBLIC)
def index() -> str:
    form = PublicFiltersForm(request.args)
    form.load_areas([(a.code, a.name) for a in local_authorities()])
    filters = form.filters()
    today = uk_today()
    page = paginate(listing.public_statement(filters, today), per_page=PER_PAGE)
    return render_template(
        "directory/opportunities/index.html",
        form=form,
        filters=filters,
        page=page,
        areas=listing.areas_of([row.id for row in page.items]),
        today=today,
        rules=rules,
    )


@bp.route("/<int:opportunity_id>")
@access(PUBLIC)
def show(opportunity_id: int) -> str:
    opportunity = services.public_opportunity(opportunity_id) or abort(404)
    today = uk_today()
    return render_template(
        "directory/opportunities/show.html",
        opportunity=opportunity,
        status=rules.public_status(opportunity, today),
        takes_responses=rules.takes_responses(opportunity, today),
        communities=[COMMUNITIES.label(code) for code in opportunity.community_codes],
    )


def _your_listed_organisations() -> list[Any]:
    return [o for o in claims.organisations_of(current_user) if o.status == stages.LISTED]


@bp.route("/<int:opportunity_id>/respond", methods=["GET", "POST"])
@access(SIGNED_IN)
def respond(opportunity_id: int) -> str | Response:
    """Only for an organisation the person edits: the form offers only theirs, and the
    service checks again whatever was posted."""
    opportunity = services.public_opportunity(opportunity_id) or abort(404)
    today = uk_today()
    organisations = _your_listed_organisations()
    form = ResponseForm()
    form.load_organisations(organisations)
    is_open = rules.takes_responses(opportunity, today)
    if is_open and organisations and form.validate_on_submit():
        try:
            services.respond(opportunity, form.organisation.data, current_user,
                             form.kind.data, form.message.data or "", today)  # fmt: skip
        except rules.OpportunityRefused as refused:
            db.session.rollback()
            form.organisation.errors = [str(refused)]
        else:
            db.session.commit()
            sent = "application" if form.kind.data == rules.ResponseKind.APPLICATION else "interest"
            flash(f"Your {sent} has been sent. An officer will be in touch.", "success")
            return redirect(url_for("directory.opportunities.show", opportunity_id=opportunity.id))
    elif request.method == "POST" and not is_open:
        flash(rules.CLOSED_TO_RESPONSES + ".", "error")
    return render_template(
        "directory/opportunities/respond.html",
        opportunity=opportunity,
        form=form,
        organisations=organisations,
        is_open=is_open,
        sent=services.responses_by_organisation(opportunity.id, [o.id for o in organisations]),
        rules=rules,
    )


@bp.route("/emails", methods=["POST"])
@access(SIGNED_IN)
def emails() -> str | Response:
    form = OptInForm()
    form.load_organisations(_your_listed_organisations())
    if form.validate_on_submit():
        try:
            services.set_opt_ins(current_user, list(form.organisations.data or []))
        except rules.OpportunityRefused as refused:
            db.session.rollback()
            flash(str(refused) + ".", "error")
        else:
            db.session.commit()
            flash("Your choice of opportunity emails is saved.", "success")
    else:
        flash("Select your organisations from the list.", "error")
    return redirect(url_for("directory.edit.index", _anchor="opportunity-emails"))
