"""Staff invitations: an admin invites someone by email to join with chosen roles.

Each emailed link names the invitation and its current ``link_nonce``. Sending a new link
changes the nonce, so only the newest link works; cancelling stops every link. Like the other
account functions these add audit events and emails to the caller's transaction and never
commit."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import Select, select

from engage.accounts import tokens
from engage.accounts.models import GLOBAL_ROLES, Invitation, User
from engage.accounts.roles import grant_role
from engage.accounts.services import normalise_email
from engage.core.audit import record_event
from engage.core.db import as_utc, db, utcnow
from engage.core.email import queue_email
from engage.core.errors import Refused
from engage.core.urls import external_url

WAITING = "waiting"
ACCEPTED = "accepted"
CANCELLED = "cancelled"
EXPIRED = "expired"
STATE_WORDS = {
    WAITING: "Waiting to be accepted",
    ACCEPTED: "Accepted",
    CANCELLED: "Cancelled",
    EXPIRED: "Link expired",
}
LINK_LIFETIME = timedelta(seconds=tokens.MAX_AGE_SECONDS[tokens.INVITATION])


class InvitationClosed(Refused):
    """Refused: the invitation was accepted or cancelled, so it cannot change."""


def invite_staff(email: str, roles: set[str], *, by: User) -> Invitation:
    invitation = Invitation(email=normalise_email(email), roles=",".join(sorted(roles)))
    invitation.invited_by_id = by.id
    db.session.add(invitation)
    db.session.flush()
    _send_link(invitation, by)
    record_event(
        "staff_invited", object_type="invitation", object_id=invitation.id, roles=invitation.roles
    )
    return invitation


def _send_link(invitation: Invitation, sender: User) -> None:
    invitation.link_nonce = secrets.token_urlsafe(16)
    invitation.sent_at = utcnow()
    token = tokens.make_token(tokens.INVITATION, {"inv": invitation.id, "n": invitation.link_nonce})
    queue_email(
        invitation.email,
        "staff-invitation",
        "You have been invited to LCR Engage",
        invited_by=sender,
        roles=[GLOBAL_ROLES.get(r, r) for r in invitation.role_list],
        link=external_url("accounts.accept_invitation", token=token),
    )


def state(invitation: Invitation, now: datetime | None = None) -> str:
    if invitation.accepted_at is not None:
        return ACCEPTED
    if invitation.cancelled_at is not None:
        return CANCELLED
    if as_utc(invitation.link_sent_at) + LINK_LIFETIME < (now or utcnow()):
        return EXPIRED
    return WAITING


def resend(invitation: Invitation, *, by: User) -> None:
    """Email a fresh link, which lasts 7 days from now. Earlier links stop working."""
    if state(invitation) in (ACCEPTED, CANCELLED):
        raise InvitationClosed("This invitation was accepted or cancelled, so it cannot change")
    _send_link(invitation, by)
    record_event("invitation_resent", object_type="invitation", object_id=invitation.id)


def cancel(invitation: Invitation, *, by: User) -> None:
    """Stop every link to this invitation from working."""
    if state(invitation) in (ACCEPTED, CANCELLED):
        raise InvitationClosed("This invitation was accepted or cancelled, so it cannot change")
    invitation.cancelled_at = utcnow()
    record_event("invitation_cancelled", object_type="invitation", object_id=invitation.id)


def invitation_for_token(token: str) -> Invitation:
    """The invitation an emailed link opens. Raises TokenExpired or TokenInvalid."""
    payload = tokens.read_token(tokens.INVITATION, token)
    invitation = db.session.get(Invitation, payload.get("inv"))
    if invitation is None or invitation.accepted_at is not None:
        raise tokens.TokenInvalid
    if invitation.cancelled_at is not None:
        raise tokens.TokenInvalid
    # Links sent before resending existed carry no nonce, and their invitation has none.
    if not secrets.compare_digest(str(payload.get("n", "")), invitation.link_nonce or ""):
        raise tokens.TokenInvalid
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> None:
    """Give ``user`` (whose email matches the invitation) the invited roles."""
    inviter = db.session.get(User, invitation.invited_by_id) if invitation.invited_by_id else None
    for role in invitation.role_list:
        grant_role(user, role, by=inviter)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    invitation.accepted_at = utcnow()
    record_event(
        "invitation_accepted", object_type="invitation", object_id=invitation.id, actor_id=user.id
    )


def get_invitation(invitation_id: int) -> Invitation | None:
    return db.session.get(Invitation, invitation_id)


def invitations_statement() -> Select:
    """Every invitation, newest first."""
    return select(Invitation).order_by(Invitation.created_at.desc(), Invitation.id.desc())


def inviters(invitations: list[Invitation]) -> dict[int, User]:
    ids = {i.invited_by_id for i in invitations if i.invited_by_id}
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
