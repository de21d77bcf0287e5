"""The panels' public pages, officers' membership pages and the members' area."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, PUBLIC, SIGNED_IN, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.pagination import paginate
from engage.panels import services
from engage.panels.access import PANEL_MEMBER
from engage.panels.forms import EndForm, RenewForm
from engage.panels.models import Panel, PanelMembership
from engage.panels.stages import MembershipRefused

bp = Blueprint("panels", __name__)


def _panel(panel_code: str) -> Panel:
    return services.get_panel(panel_code) or abort(404)


# Public pages -------------------------------------------------------------------------------


@bp.route("/panels")
@access(PUBLIC)
def index() -> str:
    return render_template(
        "panels/index.html",
        panels=services.panels(),
        recruiting=services.recruiting_rounds(),
    )


@bp.route("/panels/<panel_code>")
@access(PUBLIC)
def show(panel_code: str) -> str:
    panel = _panel(panel_code)
    return render_template(
        "panels/show.html",
        panel=panel,
        members=services.listed_members(panel),
        rounds=services.recruiting_rounds().get(panel.id, []),
    )


# Officers: memberships ----------------------------------------------------------------------


@bp.route("/admin/panels")
@access(OFFICER)
def manage() -> str:
    return render_template("panels/manage.html", panels=services.panels())


@bp.route("/admin/panels/<panel_code>/members")
@access(OFFICER)
def memberships(panel_code: str) -> str:
    panel = _panel(panel_code)
    page = paginate(services.memberships_statement(panel))
    return render_template(
        "panels/memberships.html",
        panel=panel,
        page=page,
        rows=services.membership_rows(page.items),
        renewed=services.renewed_ids(page.items),
    )


def _membership(panel: Panel, membership_id: int) -> PanelMembership:
    return services.get_membership(panel, membership_id) or abort(404)


@bp.route("/admin/panels/<panel_code>/members/<int:membership_id>/renew", methods=["GET", "POST"])
@access(OFFICER)
def renew(panel_code: str, membership_id: int) -> str | Response:
    panel = _panel(panel_code)
    membership = _membership(panel, membership_id)
    name = services.member_names([membership])[membership.id]
    form = RenewForm()
    if not form.is_submitted():
        form.role.data = membership.role
        start = max(membership.term_end + timedelta(days=1), uk_today())
        form.term_start.data, form.term_end.data = services.default_term(start)
    if form.validate_on_submit():
        try:
            services.renew_membership(
                membership,
                role=form.role.data,
                term_start=form.term_start.data,
                term_end=form.term_end.data,
            )
        except MembershipRefused as refused:
            db.session.rollback()
            form.term_start.errors = [str(refused)]
        else:
            db.session.commit()
            flash(f"Membership renewed for {name}. We have emailed them.", "success")
            return redirect(url_for("panels.memberships", panel_code=panel.code))
    return render_template(
        "panels/renew.html", panel=panel, membership=membership, name=name, form=form
    )


@bp.route("/admin/panels/<panel_code>/members/<int:membership_id>/end", methods=["GET", "POST"])
@access(OFFICER)
def end(panel_code: str, membership_id: int) -> str | Response:
    panel = _panel(panel_code)
    membership = _membership(panel, membership_id)
    name = services.member_names([membership])[membership.id]
    form = EndForm()
    if form.validate_on_submit():
        try:
            services.end_membership(membership, reason=form.reason.data)
        except MembershipRefused as refused:
            db.session.rollback()
            flash(str(refused), "important")
        else:
            db.session.commit()
            flash(f"Membership ended for {name}. We have emailed them.", "success")
        return redirect(url_for("panels.memberships", panel_code=panel.code))
    return render_template(
        "panels/end.html", panel=panel, membership=membership, name=name, form=form
    )


# The members' area --------------------------------------------------------------------------


@bp.route("/members")
@access(SIGNED_IN)
def members_home() -> str:
    # Catches memberships appointed to this email before the account existed or was
    # confirmed, in case sign-in or verification has not linked them yet.
    if services.link_memberships_to_user(current_user):
        db.session.commit()
    page = paginate(services.memberships_of_user(current_user))
    return render_template(
        "panels/members_home.html",
        page=page,
        rows=services.membership_rows(page.items),
    )


@bp.route("/members/<panel_code>")
@access(PANEL_MEMBER)
def members_area(panel_code: str) -> str:
    panel = _panel(panel_code)
    page = paginate(services.fellow_members_statement(panel))
    return render_template(
        "panels/members_area.html",
        panel=panel,
        mine=services.current_membership(current_user, panel),
        page=page,
        names=services.member_names(page.items, fallback=services.NO_NAME),
        contact=services.panel_contact(panel),
    )
