"""What accounts holds about a person, for their data download: the account's details, its
roles, and the facts about signing in. Never the password hash, the two-factor secret,
recovery codes or the session token: those prove who someone is and are no use to read."""

from __future__ import annotations

from sqlalchemy import func, select

from engage.accounts.models import Invitation, User, role_name, role_names
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections


def _scope_words(grant_scope_type: str, scope_id: str) -> str:
    # Scoped roles name another feature's record (an organisation, a panel): its number is
    # what accounts knows; the directory and panels sections name it in words.
    return f"{grant_scope_type.replace('_', ' ')} {scope_id}" if grant_scope_type else "Everywhere"


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """The account of a signed-in person (two queries: the account with its roles, and
    staff invitations sent to its address). Someone known by a reference has no account."""
    if subject.user_id is None:
        return []
    user = db.session.get(User, subject.user_id)
    if user is None:
        return []
    account = record(
        "Your account",
        ("Name", user.full_name),
        ("Email address", user.email),
        ("Email address confirmed", user.email_verified_at),
        ("Account created", user.created_at),
        ("Last signed in", user.last_sign_in_at),
        ("Two-factor sign-in set up", user.totp_confirmed_at),
        ("Account turned off", user.is_disabled),
        ("Roles", role_names(user.global_roles, resident=True)),
    )
    roles = [
        record(
            role_name(grant.role),
            ("Where", _scope_words(grant.scope_type, grant.scope_id)),
            ("Given", grant.granted_at),
        )
        for grant in sorted(user.roles, key=lambda grant: (grant.granted_at, grant.id))
    ]
    invitations = db.session.scalars(
        select(Invitation)
        .where(func.lower(Invitation.email) == user.email.lower())
        .order_by(Invitation.created_at)
    ).all()
    invited = [
        record(
            "Invitation to join as staff",
            ("Sent to", invitation.email),
            ("Roles", role_names(invitation.roles)),
            ("Sent", invitation.link_sent_at),
            ("Accepted", invitation.accepted_at),
            ("Cancelled", invitation.cancelled_at),
        )
        for invitation in invitations
    ]
    return sections(
        section("Your account", [account]),
        section("Your roles", roles),
        section("Staff invitations", invited),
    )
