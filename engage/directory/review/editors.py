"""Officers managing who edits an organisation's entry: its editors (and taking someone off),
and inviting someone by email, with the open invitations to resend or cancel."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts.api import User, get_user
from engage.core.access import OFFICER, access
from engage.core.db import db, utcnow
from engage.directory import invitations, services, stages
from engage.directory.forms import InviteEditorForm
from engage.directory.models import EditorInvitation, Organisation
from engage.directory.service_forms import RemoveForm

bp = Blueprint("editors", __name__, url_prefix="/admin/directory/organisations")


def _organisation(organisation_id: int) -> Organisation:
    return services.listed_organisation(organisation_id) or abort(404)


def _invitation(organisation_id: int, editor_invitation_id: int) -> EditorInvitation:
    return invitations.get_invitation(organisation_id, editor_invitation_id) or abort(404)


def _editor(organisation: Organisation, user_id: int) -> User:
    editor = next((u for u in invitations.editors_of(organisation.id) if u.id == user_id), None)
    return editor or abort(404)


def _back(organisation: Organisation) -> Response:
    return redirect(url_for("directory.editors.index", organisation_id=organisation.id))


@bp.route("/<int:organisation_id>/editors", methods=["GET", "POST"])
@access(OFFICER)
def index(organisation_id: int) -> str | Response:
    organisation = _organisation(organisation_id)
    form = InviteEditorForm()
    if form.validate_on_submit():
        try:
            invitation = invitations.invite(organisation, form.email.data, by=current_user)
        except stages.DirectoryRefused as refused:
            form.email.errors.append(str(refused))
        else:
            db.session.commit()
            flash(f"Invitation sent to {invitation.email}. The link works for 7 days.", "success")
            return _back(organisation)
    now = utcnow()
    open_invitations = invitations.open_invitations(organisation.id)
    return render_template(
        "directory/review/editors.html",
        organisation=organisation,
        editors=invitations.editors_of(organisation.id),
        invitations=open_invitations,
        states={i.id: stages.invitation_state(i, now) for i in open_invitations},
        state_words=stages.INVITATION_STATE_WORDS,
        form=form,
    )


@bp.route(
    "/<int:organisation_id>/editors/invitations/<int:editor_invitation_id>/resend", methods=["POST"]
)
@access(OFFICER)
def resend(organisation_id: int, editor_invitation_id: int) -> Response:
    organisation = _organisation(organisation_id)
    invitation = _invitation(organisation.id, editor_invitation_id)
    try:
        invitations.resend(invitation, by=current_user)
    except stages.DirectoryRefused as refused:
        flash(str(refused) + ".", "error")
    else:
        db.session.commit()
        sent = f"A new link was sent to {invitation.email}. Earlier links no longer work."
        flash(sent, "success")
    return _back(organisation)


@bp.route(
    "/<int:organisation_id>/editors/invitations/<int:editor_invitation_id>/cancel", methods=["POST"]
)
@access(OFFICER)
def cancel(organisation_id: int, editor_invitation_id: int) -> Response:
    organisation = _organisation(organisation_id)
    invitation = _invitation(organisation.id, editor_invitation_id)
    try:
        invitations.cancel(invitation, by=current_user)
    except stages.DirectoryRefused as refused:
        flash(str(refused) + ".", "error")
    else:
        db.session.commit()
        flash(f"Cancelled: the invitation to {invitation.email} no longer works.", "success")
    return _back(organisation)


@bp.route("/<int:organisation_id>/editors/<int:user_id>/remove", methods=["GET", "POST"])
@access(OFFICER)
def remove(organisation_id: int, user_id: int) -> str | Response:
    organisation = _organisation(organisation_id)
    editor = _editor(organisation, user_id)
    form = RemoveForm()
    if form.validate_on_submit():
        invitations.remove_editor(organisation, get_user(editor.id), by=current_user)
        db.session.commit()
        flash(f"{editor.full_name} no longer edits {organisation.name}.", "success")
        return _back(organisation)
    return render_template(
        "directory/review/remove_editor.html", organisation=organisation, editor=editor, form=form
    )
