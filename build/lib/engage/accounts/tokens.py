"""Signed, expiring tokens for emailed links."""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

VERIFY_EMAIL = "verify-email"
RESET_PASSWORD = "reset-password"  # noqa: S105 - a salt name, not a password
CHANGE_EMAIL = "change-email"
INVITATION = "invitation"

MAX_AGE_SECONDS = {
    VERIFY_EMAIL: 3 * 24 * 3600,
    RESET_PASSWORD: 3600,
    CHANGE_EMAIL: 24 * 3600,
    INVITATION: 7 * 24 * 3600,
}


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"engage.{purpose}")


def make_token(purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str) -> dict[str, Any]:
    """Return the payload, or raise TokenExpired / TokenInvalid."""
    try:
        payload = _serializer(purpose).loads(token, max_age=MAX_AGE_SECONDS[purpose])
    except SignatureExpired as error:
        raise TokenExpired from error
    except BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict):
        raise TokenInvalid
    return payload
