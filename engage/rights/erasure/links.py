"""The emailed link that proves someone without an account holds the address on the record
whose reference they quoted (a story's or a panel application's). Signed (``SECRET_KEY``)
with its own salt, so a data download link cannot be used to ask for erasure; no table holds
it. The URL argument is ``token``, so staff views hide the link."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.accounts.api import normalise_email
from engage.core.audit import record_event
from engage.core.data_subject import DataSubject
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.recruitment.api import email_for_reference as application_email
from engage.stories.api import email_for_reference as story_email

EMAIL_KIND = "erasure-link"
_SALT = "engage.erasure-request"
# Who holds a record with a reference to quote, and the address on it.
REFERENCE_EMAILS = (story_email, application_email)


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


@dataclass(frozen=True)
class Opened:
    reference: str
    email: str

    @property
    def subject(self) -> DataSubject:
        return DataSubject(reference=self.reference, email=self.email)


def link_hours() -> int:
    return int(current_app.config["ERASURE_LINK_HOURS"])


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _same(first: str | None, second: str | None) -> bool:
    return bool(first and second) and normalise_email(first) == normalise_email(second)


def _held(reference: str) -> list[str | None]:
    return [email_of(reference) for email_of in REFERENCE_EMAILS]


def send_link(reference: str, email: str) -> bool:
    """Email a link to ask for the record with this reference to be erased, if the address
    given is the one held on it; otherwise do nothing (the page says the same either way).
    Returns whether a link was sent. Does not commit."""
    reference = reference.strip().upper()
    for held in _held(reference):
        if held and _same(held, email):
            token = _serializer().dumps({"reference": reference, "email": held})
            queue_email(
                held, EMAIL_KIND, "Your link to ask us to delete your data",
                link=external_url("rights.erasure.by_link", token=token),
                hours=link_hours(), reference=reference,
            )  # fmt: skip
            record_event("erasure_link_sent", object_type="erasure_link", object_id=reference)
            return True
    return False


def open_link(token: str) -> Opened:
    """Whose record the link is about, or raise LinkExpired or LinkInvalid (also when the
    record is gone, or its address has changed since the link was sent)."""
    try:
        payload = _serializer().loads(token, max_age=link_hours() * 3600)
    except SignatureExpired as error:
        raise LinkExpired from error
    except BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict):
        raise LinkInvalid
    reference, email = str(payload.get("reference") or ""), str(payload.get("email") or "")
    if not any(_same(held, email) for held in _held(reference)):
        raise LinkInvalid
    return Opened(reference, email)
