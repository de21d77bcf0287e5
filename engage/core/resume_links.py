"""Save and come back: the emailed link that reopens a draft for someone without an account.

Each link is a signed, expiring token naming the record and a secret whose hash the record
keeps (``resume_secret_hash``), so a new link replaces the last (only the newest works) and
the database never holds a working link. A feature makes one ``ResumeLinks`` for its records:

    LINKS = ResumeLinks(Application, salt="engage.application-resume", endpoint="apply.resume")
    url = LINKS.new_link(application)       # store it by committing; email it
    application = LINKS.record_for(token)   # raises LinkExpired or LinkInvalid

The endpoint's URL names its argument ``token``, so staff views hide these links
(engage/core/secret_links.py)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.core.db import db
from engage.core.urls import external_url

THIRTY_DAYS = 30 * 24 * 3600


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def is_email_address(address: str | None) -> bool:
    """Whether ``address`` could receive a link (syntax only: nothing is looked up)."""
    if not address:
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ResumeLinks:
    def __init__(
        self, model: type, *, salt: str, endpoint: str, max_age: int = THIRTY_DAYS
    ) -> None:
        self.model, self.salt, self.endpoint, self.max_age = model, salt, endpoint, max_age

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=self.salt)

    def new_link(self, record: Any) -> str:
        """A fresh link. It replaces any earlier one: only the newest works."""
        secret = secrets.token_urlsafe(24)
        record.resume_secret_hash = _hash(secret)
        token = self._serializer().dumps({"a": record.id, "s": secret})
        return external_url(self.endpoint, token=token)

    def record_for(self, token: str, max_age: int | None = None) -> Any:
        """The record a link opens. Raises LinkExpired or LinkInvalid."""
        try:
            payload = self._serializer().loads(token, max_age=max_age or self.max_age)
        except SignatureExpired as error:
            raise LinkExpired from error
        except BadSignature as error:
            raise LinkInvalid from error
        if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
            raise LinkInvalid
        record = db.session.get(self.model, payload["a"])
        secret = payload.get("s")
        if record is None or not record.resume_secret_hash or not isinstance(secret, str):
            raise LinkInvalid
        if not secrets.compare_digest(_hash(secret), record.resume_secret_hash):
            raise LinkInvalid
        return record
