"""Organisations' editors: claiming an entry (by an emailed code or an officer's check) or
accepting an officer's emailed invitation, the
organisations they edit, proposing changes for review, and confirming an entry is still
right."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, SIGNED_IN, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.core.resume_links import LinkExpired, LinkInvalid
from engage.directory import claims, editing, invitations, service_changes, services, stages
from engage.directory.access import ORGANISATION_EDITOR
from engage.directory.forms import ClaimForm, CodeForm, ProposeForm
from engage.directory.models import Organisation
from engage.reference.api import local_authorities

bp = Blueprint("edit", __name__, url_prefix="/directory")


def _listed(organisation_id: int) -> Organisation:
    return services.listed_organisation(organisation_id) or abort(404)


@bp.route("/your-organisations")
@access(SIGNED_IN)
def index() -> str:
    organisations = claims.organisations_of(current_user)
    today = uk_today()
    return render_template(
        "directory/edit/index.html",
        organisations=organisations,
        pending=editing.pending_by_organisation([o.id for o in organisations]),
        due={o.id: stages.confirmation_due(o.last_confirmed_at) for o in organisations},
        overdue={o.id for o in organisations if stages.is_overdue(o, today)},
    )


@bp.route("/<int:organisation_id>/claim", methods=["GET", "POST"])
@access(SIGNED_IN)
@limit_posts("DIRECTORY_RATE_LIMIT")  # each claim by email sends the organisation a code
def claim(organisation_id: int) -> str | Response:
    organisation = _listed(organisation_id)
    if claims.is_editor(current_user, organisation.id):
        flash("You already edit this organisation's entry.", "success")
        return redirect(url_for("directory.edit.index"))
    form = ClaimForm()
    form.load_choices(organisation.email)
    if form.validate_on_submit():
        if form.method.data == stages.BY_EMAIL:
            claims.claim_by_email(organisation, current_user)
            db.session.commit()
            return redirect(url_for("directory.edit.code", organisation_id=organisation.id))
        claims.claim_by_officer(organisation, current_user, form.role.data)
        db.session.commit()
        flash("Thank you. An officer will check and email you.", "success")
        return redirect(url_for("directory.public.organisation", organisation_id=organisation.id))
    return render_template("directory/edit/claim.html", form=form, organisation=organisation)


@bp.route("/<int:organisation_id>/claim/code", methods=["GET", "POST"])
@access(SIGNED_IN)
def code(organisation_id: int) -> str | Response:
    organisation = _listed(organisation_id)
    pending = claims.open_claim(organisation.id, current_user.id)
    if pending is None or pending.method != stages.BY_EMAIL:
        return redirect(url_for("directory.edit.claim", organisation_id=organisation.id))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            claims.check_code(pending, form.code.data)
        except stages.DirectoryRefused as refused:
            db.session.commit()  # the attempt counts
            form.code.errors = [str(refused)]
        else:
            db.session.commit()
            flash(f"You can now edit the entry for {organisation.name}.", "success")
            return redirect(url_for("directory.edit.edit", organisation_id=organisation.id))
    return render_template(
        "directory/edit/code.html", form=form, organisation=organisation, claim=pending
    )


@bp.route("/your-organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def edit(organisation_id: int) -> str | Response:
    organisation = _listed(organisation_id)
    waiting = editing.pending_change(organisation.id, current_user.id)
    # From their waiting proposal, services and venues included, so sending keeps all of it.
    start = editing.starting_values(organisation, waiting)
    form = ProposeForm(data=ProposeForm.data_from(start) if request.method == "GET" else None)
    form.load_areas([(a.code, a.name) for a in local_authorities()])
    if form.validate_on_submit():
        note = form.note.data or (waiting.note if waiting else "")
        change = editing.propose_change(
            organisation, current_user, {**start, **form.values()}, note
        )
        db.session.commit()
        if change is None:
            flash("Nothing has changed, so nothing was sent.", "success")
        else:
            flash("Your changes have been sent. An officer will review them and email you.",
                  "success")  # fmt: skip
        return redirect(url_for("directory.edit.index"))
    services_waiting = bool(
        waiting and service_changes.record_differences(editing.proposal_values(organisation), start)
    )
    return render_template(
        "directory/edit/edit.html", form=form, organisation=organisation, waiting=waiting,
        waiting_services=services_waiting,
    )  # fmt: skip


@bp.route("/your-organisations/<int:organisation_id>/confirm", methods=["POST"])
@access(ORGANISATION_EDITOR)
def confirm(organisation_id: int) -> Response:
    organisation = _listed(organisation_id)
    editing.confirm_still_right(organisation, current_user)
    db.session.commit()
    flash(f"Thank you: the entry for {organisation.name} is confirmed for another year.",
          "success")  # fmt: skip
    return redirect(url_for("directory.edit.index"))


@bp.route("/editor-invitation/<token>", methods=["GET", "POST"])
@access(PUBLIC)
def accept_invitation(token: str) -> str | Response:
    """An officer's emailed invitation: only the account with the address it was sent to may
    accept it, so a forwarded link makes nobody else an editor."""
    try:
        invitation = invitations.invitation_for_token(token)
    except LinkExpired:
        return render_template("accounts/link_problem.html", problem="expired", kind="invite")
    except LinkInvalid:
        return render_template("accounts/link_problem.html", problem="invalid", kind="invite")
    if not current_user.is_authenticated:
        session["next_url"] = request.path
    is_for_them = invitations.is_for(invitation, current_user)
    if request.method == "POST" and is_for_them:
        invitations.accept(invitation, current_user)
        db.session.commit()
        flash(f"You can now edit the entry for {invitation.organisation.name}.", "success")
        return redirect(url_for("directory.edit.index"))
    return render_template(
        "directory/edit/invitation.html",
        invitation=invitation,
        organisation=invitation.organisation,
        is_for_them=is_for_them,
        wrong_account=stages.WRONG_ACCOUNT,
    )
