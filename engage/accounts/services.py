"""Account rules: the only code that creates users, checks passwords or changes roles.

Routes call these functions and commit; each function adds audit events and outbox messages
to the same transaction as the change they belong to."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engage.accounts import tokens
from engage.accounts.models import (
    User,
    new_session_token,
)
from engage.accounts.passwords import dummy_hash, hash_password, verify_password
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import RenderedEmail, queue_email, queue_rendered, render_email
from engage.core.urls import external_url


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == normalise_email(email))).first()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def load_user_from_session(session_id: str) -> User | None:
    """Flask-Login's loader: the id carries the session token, so rotating the token signs
    the user out of every other session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    # With the roles in the same query: every page asks them (access rules, the menu).
    user = (
        db.session.scalars(
            select(User).where(User.id == int(user_id)).options(joinedload(User.roles))
        )
        .unique()
        .first()
    )
    if user is None or not token or not secrets.compare_digest(user.session_token, token):
        return None
    return user


# Registration and verification -------------------------------------------------------------


def register(full_name: str, email: str, password: str) -> User | None:
    """Create an unverified account and email a verification link.

    If the address is already registered, nothing is created and the owner is told by email
    instead, so the page shown is the same either way. Returns the new user or None."""
    email = normalise_email(email)
    # Hashed on both paths, so the answer takes as long whether or not the address has an
    # account (the time would otherwise tell who has one).
    password_hash = hash_password(password)
    existing = find_user_by_email(email)
    if existing is not None:
        queue_email(
            email,
            "already-registered",
            "Someone tried to register with your email address",
            user=existing,
            sign_in_url=external_url("accounts.sign_in"),
            reset_url=external_url("accounts.forgotten_password"),
        )
        record_event("register_existing_email", object_type="user", object_id=existing.id)
        return None
    user = User(full_name=full_name.strip(), email=email, password_hash=password_hash)
    db.session.add(user)
    db.session.flush()
    send_verification_email(user)
    record_event("register", object_type="user", object_id=user.id, actor_id=user.id)
    return user


VERIFY_SUBJECT = "Confirm your email address for LCR Engage"


def _verification_email(user: User) -> RenderedEmail:
    token = tokens.make_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": user.email})
    return render_email(
        "verify-email",
        VERIFY_SUBJECT,
        link=external_url("accounts.verify_email", token=token),
    )


def send_verification_email(user: User) -> None:
    queue_rendered(user.email, _verification_email(user))


def resend_verification(email: str) -> None:
    """Email a new confirmation link if the address has an account not yet confirmed; send
    nothing otherwise. Both paths do the same work, so the time tells nothing."""
    email = normalise_email(email)
    user = find_user_by_email(email)
    waiting = user is not None and not user.is_verified
    message = _verification_email(user if waiting else User(id=0, email=email))
    if waiting:
        queue_rendered(email, message)
        record_event("verification_email_resent", object_type="user", object_id=user.id)
    else:
        record_event("verification_email_resent", email=email[:320], reason="nothing to confirm")


def verify_email(token: str) -> User:
    """Mark the account's address as verified. Raises TokenExpired / TokenInvalid."""
    payload = tokens.read_token(tokens.VERIFY_EMAIL, token)
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email"):
        raise tokens.TokenInvalid
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        record_event("email_verified", object_type="user", object_id=user.id, actor_id=user.id)
    return user


# Signing in -------------------------------------------------------------------------------


@dataclass
class SignInResult:
    user: User | None
    problem: str | None = None  # "credentials" or "unverified"


def authenticate(email: str, password: str) -> SignInResult:
    """Check an email and password. The same message is shown for an unknown email and a
    wrong password, and both take the same time."""
    user = find_user_by_email(email)
    if user is None:
        verify_password(dummy_hash(), password)
        record_event("sign_in_failed", email=normalise_email(email)[:320], reason="unknown")
        return SignInResult(None, "credentials")
    if not verify_password(user.password_hash, password) or user.is_disabled:
        record_event(
            "sign_in_failed",
            object_type="user",
            object_id=user.id,
            actor_id=user.id,
            reason="disabled" if user.is_disabled else "password",
        )
        return SignInResult(None, "credentials")
    if not user.is_verified:
        return SignInResult(user, "unverified")
    return SignInResult(user)


def record_sign_in(user: User, second_factor: str | None = None) -> None:
    user.last_sign_in_at = utcnow()
    record_event(
        "sign_in", object_type="user", object_id=user.id, actor_id=user.id, mfa=second_factor
    )


def sign_out_everywhere(user: User) -> None:
    """End every session of this account. Sessions are signed cookies that carry the
    session token, so changing the token makes a copied or replayed cookie worthless."""
    user.session_token = new_session_token()
    record_event("sign_out", object_type="user", object_id=user.id, actor_id=user.id)


# Passwords --------------------------------------------------------------------------------


RESET_SUBJECT = "Reset your LCR Engage password"


def request_password_reset(email: str) -> None:
    """Email a reset link if the address has an account; send nothing otherwise.

    Both paths do the same work (make a link, write the email, write an audit event), so the
    answer takes as long either way: the time must not tell who has an account."""
    email = normalise_email(email)
    user = find_user_by_email(email)
    has_account = user is not None and not user.is_disabled
    if not has_account:
        user = User(id=0, full_name="", email=email, password_hash=dummy_hash())
    # The token names the current hash, so it stops working once the password changes.
    token = tokens.make_token(
        tokens.RESET_PASSWORD, {"uid": user.id, "pw": user.password_hash[-16:]}
    )
    message = render_email(
        "reset-password",
        RESET_SUBJECT,
        user=user,
        link=external_url("accounts.reset_password", token=token),
    )
    if has_account:
        queue_rendered(user.email, message)
        record_event("password_reset_requested", object_type="user", object_id=user.id)
    else:
        record_event("password_reset_requested", email=email[:320], reason="no account")


def user_for_reset_token(token: str) -> User:
    payload = tokens.read_token(tokens.RESET_PASSWORD, token)
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.password_hash[-16:] != payload.get("pw") or user.is_disabled:
        raise tokens.TokenInvalid
    return user


def set_password(user: User, new_password: str, *, reason: str) -> None:
    """Change the password, sign out every other session and tell the owner by email."""
    user.password_hash = hash_password(new_password)
    user.session_token = new_session_token()
    if reason == "reset" and user.email_verified_at is None:
        user.email_verified_at = utcnow()  # they proved they can read the mailbox
    queue_email(
        user.email,
        "password-changed",
        "Your LCR Engage password was changed",
        user=user,
        reset_url=external_url("accounts.forgotten_password"),
    )
    record_event("password_changed", object_type="user", object_id=user.id, reason=reason)


def change_name(user: User, full_name: str) -> bool:
    """Change the name on the account. Returns False if it was already this name."""
    full_name = full_name.strip()
    if full_name == user.full_name:
        return False
    user.full_name = full_name
    record_event("name_changed", object_type="user", object_id=user.id)
    return True


# Changing email ---------------------------------------------------------------------------


def request_email_change(user: User, new_email: str) -> None:
    new_email = normalise_email(new_email)
    token = tokens.make_token(
        tokens.CHANGE_EMAIL, {"uid": user.id, "new": new_email, "old": user.email}
    )
    queue_email(
        new_email,
        "confirm-new-email",
        "Confirm your new email address for LCR Engage",
        user=user,
        link=external_url("accounts.confirm_email_change", token=token),
    )
    queue_email(
        user.email,
        "email-change-requested",
        "A change to your LCR Engage email address was requested",
        user=user,
        new_email=new_email,
    )
    record_event("email_change_requested", object_type="user", object_id=user.id)


def confirm_email_change(token: str) -> User:
    """Apply an email change. Raises TokenExpired / TokenInvalid, or EmailTaken."""
    payload = tokens.read_token(tokens.CHANGE_EMAIL, token)
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("old"):
        raise tokens.TokenInvalid
    new_email = payload["new"]
    if find_user_by_email(new_email) is not None:
        raise EmailTaken
    old_email = user.email
    user.email = new_email
    user.email_verified_at = utcnow()
    record_event("email_changed", object_type="user", object_id=user.id, old=old_email)
    return user


class EmailTaken(Exception):
    pass
