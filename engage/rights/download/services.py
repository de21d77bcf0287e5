"""Download my data: whose data a request is about, the emailed link that opens it (signed
and expiring, so no table is needed), and gathering every feature's records about them.

Two kinds of link, each working only for what it was issued for:

- an account's link names the account and the address it was sent to, and opens only for
  that account, signed in (a forwarded or leaked email is not enough on its own);
- a reference's link names the one record (a story or a panel application) and the address
  held on it when the link was sent; it is the holder's only proof, so it opens for whoever
  has it, and shows that one record and nothing else. It stops working if the record's
  address changes or is removed (a withdrawn story keeps none)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app

from engage.accounts.api import User, get_user
from engage.accounts.api import personal_data as accounts_data
from engage.consultations.api import personal_data as consultations_data
from engage.core.audit import record_event
from engage.core.data_subject import DataSubject
from engage.core.db import utcnow
from engage.core.email import queue_email
from engage.core.personal_data import PersonalSection
from engage.core.urls import external_url
from engage.directory.api import personal_data as directory_data
from engage.panels.api import personal_data as panels_data
from engage.policies.api import personal_data as policies_data
from engage.recruitment.api import personal_data as recruitment_data
from engage.rights.references import (
    LinkExpired,
    LinkInvalid,
    account_subject,
    address_held,
    read,
    same_address,
    sign,
)
from engage.stories.api import personal_data as stories_data

EMAIL_KIND = "data-download-link"
REQUESTED = "data_download_requested"
OPENED = "data_download_opened"
ACCOUNT = "account"
REFERENCE = "reference"
_SALT = "engage.data-download"

# Each feature's answer to "what do you hold about this person?", in the page's order.
GATHERERS: tuple[Callable[[DataSubject], list[PersonalSection]], ...] = (
    accounts_data,
    recruitment_data,
    panels_data,
    policies_data,
    consultations_data,
    stories_data,
    directory_data,
)
# The link's failures, as the routes name them.
__all__ = ["LinkExpired", "LinkInvalid", "OtherAccount", "subject_of"]


class OtherAccount(Exception):
    """An account's link opened by someone not signed in as that account."""


@dataclass(frozen=True)
class OpenedLink:
    subject: DataSubject
    kind: str
    expires_at: datetime


def link_hours() -> int:
    return int(current_app.config["DATA_DOWNLOAD_LINK_HOURS"])


subject_of = account_subject


def _send(recipient: str, token: str, about: str) -> None:
    hours = link_hours()
    queue_email(
        recipient,
        EMAIL_KIND,
        "Your link to download your data",
        link=external_url("rights.download.view", token=token),
        hours=hours,
        about=about,
    )


def send_account_link(user: User) -> None:
    """Email the account's address a link to its data. Does not commit."""
    token = sign(_SALT, {"kind": ACCOUNT, "user": user.id, "email": user.email})
    _send(user.email, token, "your account")
    record_event(REQUESTED, object_type="user", object_id=user.id, how=ACCOUNT)


def send_reference_link(reference: str, email: str) -> bool:
    """Email a link to the one record with this reference, if the address given is the one
    held on it; otherwise do nothing. Returns whether a link was sent, for tests: the page
    says the same either way. Does not commit."""
    reference = reference.strip().upper()
    held = address_held(reference, email)
    if held is None:
        return False
    token = sign(_SALT, {"kind": REFERENCE, "reference": reference, "email": held})
    _send(held, token, f"the record with reference {reference}")
    record_event(REQUESTED, object_type="data_download", object_id=reference, how=REFERENCE)
    return True


def open_link(token: str, viewer: Any) -> OpenedLink:
    """The person a link is about, or raise LinkExpired, LinkInvalid or OtherAccount."""
    payload, signed_at = read(_SALT, token, link_hours())
    expires_at = signed_at + timedelta(hours=link_hours())
    if payload.get("kind") == ACCOUNT:
        user = get_user(payload.get("user"))
        if user is None or not same_address(user.email, payload.get("email")):
            raise LinkInvalid  # the account is gone, or its address changed since
        if not getattr(viewer, "is_authenticated", False) or viewer.id != user.id:
            raise OtherAccount
        return OpenedLink(subject_of(user), ACCOUNT, expires_at)
    if payload.get("kind") == REFERENCE:
        reference = str(payload.get("reference") or "")
        if address_held(reference, payload.get("email")) is None:
            raise LinkInvalid
        subject = DataSubject(reference=reference, email=payload["email"])
        return OpenedLink(subject, REFERENCE, expires_at)
    raise LinkInvalid


def gather(subject: DataSubject) -> list[PersonalSection]:
    """Everything every feature holds about the person, generated now."""
    return [found for gatherer in GATHERERS for found in gatherer(subject)]


def record_opened(opened: OpenedLink, what: str) -> None:
    subject = opened.subject
    if subject.user_id is not None:
        record_event(OPENED, object_type="user", object_id=subject.user_id, what=what)
    else:
        record_event(OPENED, object_type="data_download", object_id=subject.reference, what=what)


def generated_at() -> datetime:
    return utcnow()
