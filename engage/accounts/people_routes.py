"""Admins' pages for people: the list and search, each person's roles, resetting two-factor
sign-in, inviting staff and the invitations sent (/admin/people, /admin/invitations)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts import invitations, mfa, roles, services
from engage.accounts.forms import InviteStaffForm, RolesForm
from engage.accounts.people_forms import PeopleSearchForm
from engage.core.access import ADMIN, access
from engage.core.db import db
from engage.core.pagination import paginate

bp = Blueprint("people", __name__, url_prefix="/admin")


@bp.route("/people")
@access(ADMIN)
def users() -> str:
    form = PeopleSearchForm(request.args)
    search = (form.q.data or "") if form.validate() else ""
    page = paginate(roles.users_statement(search))
    return render_template("accounts/people/users.html", page=page, search=search, form=form)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@access(ADMIN)
def user_detail(user_id: int) -> str | Response:
    user = services.get_user(user_id) or abort(404)
    form = RolesForm(roles=user.global_roles)
    if form.validate_on_submit():
        try:
            changes = roles.set_global_roles(user, set(form.roles.data), by=current_user)
        except roles.LastAdmin:
            form.roles.errors = ["You cannot remove the last administrator. Add another first"]
        else:
            db.session.commit()
            if changes:
                flash(f"Roles for {user.email} saved: {', '.join(changes)}.", "success")
            else:
                flash("No roles were changed.", "success")
            return redirect(url_for("people.user_detail", user_id=user.id))
    return render_template("accounts/people/user_detail.html", user=user, form=form)


@bp.route("/people/<int:user_id>/reset-two-factor", methods=["POST"])
@access(ADMIN)
def reset_two_factor(user_id: int) -> Response:
    user = services.get_user(user_id) or abort(404)
    mfa.reset_mfa(user, by=current_user)
    db.session.commit()
    flash(f"Two-factor sign-in reset for {user.email}. They will set it up again.", "success")
    return redirect(url_for("people.user_detail", user_id=user.id))


@bp.route("/people/invite", methods=["GET", "POST"])
@access(ADMIN)
def invite() -> str | Response:
    form = InviteStaffForm()
    if form.validate_on_submit():
        invitations.invite_staff(form.email.data, set(form.roles.data), by=current_user)
        db.session.commit()
        flash(f"Invitation sent to {services.normalise_email(form.email.data)}.", "success")
        return redirect(url_for("people.users"))
    return render_template("accounts/people/invite.html", form=form)


@bp.route("/invitations", endpoint="invitations")
@access(ADMIN)
def invitations_sent() -> str:
    page = paginate(invitations.invitations_statement())
    return render_template(
        "accounts/people/invitations.html",
        page=page,
        inviters=invitations.inviters(page.items),
        state=invitations.state,
        state_words=invitations.STATE_WORDS,
        open_states=(invitations.WAITING, invitations.EXPIRED),
    )


@bp.route("/invitations/<int:invitation_id>/resend", methods=["POST"])
@access(ADMIN)
def resend_invitation(invitation_id: int) -> Response:
    return _change_invitation(
        invitation_id,
        invitations.resend,
        closed="The invitation for {email} is closed, so it was not sent.",
        done="A new link has been sent to {email}. It lasts 7 days; earlier links no longer work.",
    )


@bp.route("/invitations/<int:invitation_id>/cancel", methods=["POST"])
@access(ADMIN)
def cancel_invitation(invitation_id: int) -> Response:
    return _change_invitation(
        invitation_id,
        invitations.cancel,
        closed="The invitation for {email} was already closed.",
        done="The invitation for {email} is cancelled. Its link no longer works.",
    )


def _change_invitation(
    invitation_id: int, change: Callable[..., object], *, closed: str, done: str
) -> Response:
    """Resend or cancel, then say what happened ("{email}" in the messages is the address)."""
    invitation = invitations.get_invitation(invitation_id) or abort(404)
    try:
        change(invitation, by=current_user)
    except invitations.InvitationClosed:
        flash(closed.format(email=invitation.email), "important")
    else:
        db.session.commit()
        flash(done.format(email=invitation.email), "success")
    return redirect(url_for("people.invitations"))
