"""The emailed link that proves someone without an account holds the address on the record
whose reference they quoted (a story's or a panel application's). Signed (``SECRET_KEY``)
with its own salt, so a data download link cannot be used to ask for erasure; no table holds
it. The URL argument is ``token``, so staff views hide the link."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from engage.core.audit import record_event
from engage.core.data_subject import DataSubject
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.rights.references import (
    LinkExpired,
    LinkInvalid,
    address_held,
    read,
    sign,
)

EMAIL_KIND = "erasure-link"
_SALT = "engage.erasure-request"

# The link's failures, as the routes name them.
__all__ = ["LinkExpired", "LinkInvalid", "Opened", "link_hours", "open_link", "send_link"]


@dataclass(frozen=True)
class Opened:
    reference: str
    email: str

    @property
    def subject(self) -> DataSubject:
        return DataSubject(reference=self.reference, email=self.email)


def link_hours() -> int:
    return int(current_app.config["ERASURE_LINK_HOURS"])


def send_link(reference: str, email: str) -> bool:
    """Email a link to ask for the record with this reference to be erased, if the address
    given is the one held on it; otherwise do nothing (the page says the same either way).
    Returns whether a link was sent. Does not commit."""
    reference = reference.strip().upper()
    held = address_held(reference, email)
    if held is None:
        return False
    token = sign(_SALT, {"reference": reference, "email": held})
    queue_email(
        held, EMAIL_KIND, "Your link to ask us to delete your data",
        link=external_url("rights.erasure.by_link", token=token),
        hours=link_hours(), reference=reference,
    )  # fmt: skip
    record_event("erasure_link_sent", object_type="erasure_link", object_id=reference)
    return True


def open_link(token: str) -> Opened:
    """Whose record the link is about, or raise LinkExpired or LinkInvalid (also when the
    record is gone, or its address has changed since the link was sent)."""
    payload, _ = read(_SALT, token, link_hours())
    reference, email = str(payload.get("reference") or ""), str(payload.get("email") or "")
    if address_held(reference, email) is None:
        raise LinkInvalid
    return Opened(reference, email)
