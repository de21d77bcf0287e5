"""Officers inviting someone by email to be an editor of an organisation's entry, and taking
editors off an entry. The emailed link is a secret link (engage/core/resume_links.py): only
the newest link to an invitation works, for 7 days, and only for the account whose email
address it was sent to. Accepting gives the scoped role "organisation editor", as an
approved claim does (engage/directory/claims.py). Routes commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.accounts.api import (
    User,
    get_user,
    grant_role,
    holders_of_scoped_role,
    normalise_email,
    revoke_role,
)
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.resume_links import LinkInvalid, ResumeLinks
from engage.directory import stages
from engage.directory.models import EditorInvitation, Organisation

LINKS = ResumeLinks(
    EditorInvitation,
    salt="engage.directory-editor-invitation",
    endpoint="directory.edit.accept_invitation",
    max_age=int(stages.INVITATION_LASTS.total_seconds()),
)


def editors_of(organisation_id: int) -> list[User]:
    """The people who edit this entry, by name."""
    holders = holders_of_scoped_role(stages.EDITOR_ROLE, stages.EDITOR_SCOPE, [organisation_id])
    return sorted(holders.get(str(organisation_id), []), key=lambda u: u.full_name.lower())


def open_invitations(organisation_id: int) -> list[EditorInvitation]:
    """Invitations to this entry nobody has accepted or cancelled, newest first."""
    return list(
        db.session.scalars(
            select(EditorInvitation)
            .where(
                EditorInvitation.organisation_id == organisation_id,
                EditorInvitation.accepted_at.is_(None),
                EditorInvitation.cancelled_at.is_(None),
            )
            .order_by(EditorInvitation.created_at.desc(), EditorInvitation.id.desc())
        )
    )


def get_invitation(organisation_id: int, invitation_id: int) -> EditorInvitation | None:
    invitation = db.session.get(EditorInvitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation_id:
        return None
    return invitation


def invite(organisation: Organisation, email: str, *, by: Any) -> EditorInvitation:
    """Email an invitation. Inviting an address again sends its open invitation a new link."""
    email = normalise_email(email)
    if any(editor.email == email for editor in editors_of(organisation.id)):
        raise stages.DirectoryRefused(stages.ALREADY_EDITOR.format(email=email))
    invitation = next((i for i in open_invitations(organisation.id) if i.email == email), None)
    if invitation is not None:
        resend(invitation, by=by)
        return invitation
    invitation = EditorInvitation(organisation_id=organisation.id, email=email)
    invitation.invited_by_id = by.id
    db.session.add(invitation)
    db.session.flush()
    _send_link(invitation, by)
    record_event(
        "directory_editor_invited", object_type="organisation", object_id=organisation.id,
        invitation_id=invitation.id,
    )  # fmt: skip
    return invitation


def _send_link(invitation: EditorInvitation, sender: Any) -> None:
    invitation.sent_at = utcnow()
    queue_email(
        invitation.email,
        "directory-editor-invitation",
        f"You are invited to edit {invitation.organisation.name} in the directory",
        organisation=invitation.organisation,
        invited_by=sender,
        link=LINKS.new_link(invitation),
        days=stages.INVITATION_LASTS.days,
    )


def resend(invitation: EditorInvitation, *, by: Any) -> None:
    """A new link, which lasts 7 days from now. Earlier links stop working."""
    if not stages.can_change_invitation(invitation, utcnow()):
        raise stages.DirectoryRefused(stages.INVITATION_CLOSED)
    _send_link(invitation, by)
    record_event(
        "directory_invitation_resent", object_type="organisation",
        object_id=invitation.organisation_id, invitation_id=invitation.id,
    )  # fmt: skip


def cancel(invitation: EditorInvitation, *, by: Any) -> None:
    """Stop every link to this invitation working."""
    if not stages.can_change_invitation(invitation, utcnow()):
        raise stages.DirectoryRefused(stages.INVITATION_CLOSED)
    invitation.cancelled_at = utcnow()
    record_event(
        "directory_invitation_cancelled", object_type="organisation",
        object_id=invitation.organisation_id, invitation_id=invitation.id,
    )  # fmt: skip


def invitation_for_token(token: str) -> EditorInvitation:
    """The open invitation an emailed link names. Raises LinkExpired or LinkInvalid (also for
    an invitation already accepted or cancelled, or an entry no longer listed)."""
    invitation: EditorInvitation = LINKS.record_for(token)
    if stages.invitation_state(invitation, utcnow()) != stages.InvitationState.WAITING:
        raise LinkInvalid
    if invitation.organisation.status != stages.LISTED:
        raise LinkInvalid
    return invitation


def is_for(invitation: EditorInvitation, user: Any) -> bool:
    """Whether this signed-in person is the one the invitation was sent to."""
    return user.is_authenticated and normalise_email(user.email) == invitation.email


def accept(invitation: EditorInvitation, user: Any) -> None:
    if not is_for(invitation, user):
        raise stages.DirectoryRefused(stages.WRONG_ACCOUNT)
    inviter = get_user(invitation.invited_by_id) if invitation.invited_by_id else None
    grant_role(
        user, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE,
        scope_id=invitation.organisation_id, by=inviter,
    )  # fmt: skip
    invitation.accepted_at, invitation.accepted_by_id = utcnow(), user.id
    invitation.resume_secret_hash = ""  # the link has done its work
    record_event(
        "directory_editor_added", object_type="organisation",
        object_id=invitation.organisation_id, actor_id=user.id, method="invitation",
    )  # fmt: skip


def remove_editor(organisation: Organisation, user: User, *, by: Any) -> bool:
    """Take the person off this entry's editors; False if they were not one."""
    removed = revoke_role(
        user, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE, scope_id=organisation.id, by=by
    )
    if removed:
        record_event(
            "directory_editor_removed", object_type="organisation", object_id=organisation.id,
            user_id=user.id,
        )  # fmt: skip
    return removed
