from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts import invitations, mfa, services
from engage.accounts.forms import InviteStaffForm, RolesForm
from engage.admin import audit_view
from engage.admin.email_words import STATUS_FILTERS, purpose, status_words
from engage.admin.forms import PeopleSearchForm
from engage.core.access import ADMIN, OFFICER, access
from engage.core.db import db
from engage.core.email import demo_mailbox_enabled, outbox_statement, smtp_configured
from engage.core.pagination import paginate
from engage.core.secret_links import redact_secret_links

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@access(OFFICER)
def index() -> str:
    return render_template("admin/index.html")


@bp.route("/people")
@access(ADMIN)
def users() -> str:
    form = PeopleSearchForm(request.args)
    search = (form.q.data or "") if form.validate() else ""
    page = paginate(services.users_statement(search))
    return render_template("admin/users.html", page=page, search=search, form=form)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@access(ADMIN)
def user_detail(user_id: int) -> str | Response:
    user = services.get_user(user_id) or abort(404)
    form = RolesForm(roles=user.global_roles)
    if form.validate_on_submit():
        try:
            changes = services.set_global_roles(user, set(form.roles.data), by=current_user)
        except services.LastAdmin:
            form.roles.errors = ["You cannot remove the last administrator. Add another first"]
        else:
            db.session.commit()
            if changes:
                flash(f"Roles for {user.email} saved: {', '.join(changes)}.", "success")
            else:
                flash("No roles were changed.", "success")
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template("admin/user_detail.html", user=user, form=form)


@bp.route("/people/<int:user_id>/reset-two-factor", methods=["POST"])
@access(ADMIN)
def reset_two_factor(user_id: int) -> Response:
    user = services.get_user(user_id) or abort(404)
    mfa.reset_mfa(user, by=current_user)
    db.session.commit()
    flash(f"Two-factor sign-in reset for {user.email}. They will set it up again.", "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/people/invite", methods=["GET", "POST"])
@access(ADMIN)
def invite() -> str | Response:
    form = InviteStaffForm()
    if form.validate_on_submit():
        invitations.invite_staff(form.email.data, set(form.roles.data), by=current_user)
        db.session.commit()
        flash(f"Invitation sent to {services.normalise_email(form.email.data)}.", "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/invite.html", form=form)


@bp.route("/invitations", endpoint="invitations")
@access(ADMIN)
def invitations_sent() -> str:
    page = paginate(invitations.invitations_statement())
    return render_template(
        "admin/invitations.html",
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
    return redirect(url_for("admin.invitations"))


@bp.route("/audit-log")
@access(ADMIN)
def audit_log() -> str:
    form = audit_view.AuditFilterForm(request.args)
    valid = form.validate()
    page = paginate(audit_view.filtered_events(form, valid), per_page=50)
    filtered = any(request.args.get(name) for name in ("who", "what", "since", "until"))
    return render_template(
        "admin/audit_log.html",
        form=form,
        page=page,
        rows=audit_view.rows(page.items),
        filtered=filtered and valid,
        filters_wrong=filtered and not valid,
    )


@bp.route("/outbox")
@access(ADMIN)
def outbox() -> str:
    """The delivery log: that a message went, not what it said."""
    status = request.args.get("status") or None
    if status not in {value for value, _ in STATUS_FILTERS}:
        status = None
    page = paginate(outbox_statement(status))
    return render_template(
        "admin/outbox.html",
        page=page,
        status=status,
        status_filters=STATUS_FILTERS,
        smtp_configured=smtp_configured(),
        demo_mailbox=demo_mailbox_enabled(),
        purpose=purpose,
        status_words=status_words,
        redact=redact_secret_links,
    )
