"""What both data rights (download and erasure) share: whose data a signed-in person's
request is about, how someone without an account proves they hold a record (its reference
and the address held on it), and the signed, expiring links emailed to prove it. Each right
signs with its own salt, so a link for one cannot be used for the other; no table holds them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.accounts.api import normalise_email
from engage.core.data_subject import DataSubject
from engage.recruitment.api import email_for_reference as application_email
from engage.stories.api import email_for_reference as story_email

# Who holds a record that has a reference to quote, and the address on it.
REFERENCE_EMAILS: tuple[Callable[[str], str | None], ...] = (story_email, application_email)


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def account_subject(user: Any) -> DataSubject:
    """A signed-in person: their account, and what they gave without signing in under its
    address once they have confirmed it."""
    return DataSubject(user_id=user.id, email=user.email if user.is_verified else None)


def same_address(first: str | None, second: str | None) -> bool:
    return bool(first and second) and normalise_email(first) == normalise_email(second)


def address_held(reference: str, email: str | None) -> str | None:
    """The address held on the record with this reference, when ``email`` is it (case and
    spaces ignored); None when there is no such record or the address is another."""
    for email_of in REFERENCE_EMAILS:
        held = email_of(reference)
        if held and same_address(held, email):
            return held
    return None


def sign(salt: str, payload: dict[str, Any]) -> str:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt).dumps(payload)


def read(salt: str, token: str, hours: int) -> tuple[dict[str, Any], datetime]:
    """The payload and when it was signed, or raise LinkExpired or LinkInvalid."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)
    try:
        payload, signed_at = serializer.loads(token, max_age=hours * 3600, return_timestamp=True)
    except SignatureExpired as error:
        raise LinkExpired from error
    except BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict):
        raise LinkInvalid
    return payload, signed_at
