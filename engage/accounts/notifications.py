"""Email preferences: which emails a person with an account gets, beyond those they must.

The one list of optional kinds is ``OPTIONAL_EMAILS`` (news-like messages: something new to
look at, a reminder). Every other kind is one a person must get: their account and its
security, what they started or asked for (links to come back, replies, outcomes they asked
to hear about through a reply), decisions about their applications and membership, and
safeguarding. A person turns optional kinds off on "Email preferences"; only the kinds turned
off are stored, so a new optional kind starts on for everyone.

How it is honoured: core's outbox asks accounts, through the filter registered at start-up
(``register``), before queuing any email. That is the one place every email passes, so a
feature cannot forget to ask, and core still imports no feature. The filter answers at once
for a required kind; for an optional one it asks the database whether the account with that
address turned it off. An address with no account always gets it (they have no preferences
to keep).

Emails about new commissioning opportunities are not here: an editor already chooses them
for each organisation they edit (engage/directory/opportunities, opt-in), and the page says
where."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, delete, exists, select
from sqlalchemy.orm import Mapped, mapped_column

from engage.accounts.models import User
from engage.accounts.services import normalise_email
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import set_recipient_filter

# kind (a template in templates/email/) -> (what it is, a hint saying when it comes)
OPTIONAL_EMAILS: dict[str, tuple[str, str]] = {
    "policy-draft-opened": (
        "A draft policy is open to your panel",
        "When a draft policy opens for your panel's comments. Open drafts are always listed "
        "on the draft policies page.",
    ),
    "policy-draft-closing": (
        "Comments close soon",
        "A reminder a week before comments close on a draft policy open to your panel.",
    ),
    "consultation-outcome-published": (
        "What we did after a consultation",
        "When we publish what happened after a consultation you asked to hear about.",
    ),
    "directory-confirm-reminder": (
        "Reminders to confirm your directory entry",
        "30 and 14 days before, and on the day, your organisation's entry is due to be "
        "confirmed as still right.",
    ),
}

# What everyone gets whatever they choose, in words for the page.
ALWAYS_SENT = (
    "your account and its security: confirming your email address, password changes and resets",
    "links to come back to something you started, such as a panel application or a "
    "consultation response",
    "what happens to your panel applications, and your panel membership",
    "replies to your comments, stories and requests",
    "decisions about the directory entries you edit or asked to edit",
)

CHANGED_EVENT = "email_preferences_changed"


class EmailOptOut(db.Model):
    """An optional kind of email a person turned off (``OPTIONAL_EMAILS``)."""

    __tablename__ = "email_opt_out"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    turned_off_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def is_optional(kind: str) -> bool:
    return kind in OPTIONAL_EMAILS


def wants_email(address: str, kind: str) -> bool:
    """Whether an email of ``kind`` to ``address`` should be queued: always for a kind they
    must get; for an optional kind, unless the account with that address turned it off."""
    if not is_optional(kind):
        return True
    turned_off = select(EmailOptOut.id).join(User, User.id == EmailOptOut.user_id)
    turned_off = turned_off.where(User.email == normalise_email(address), EmailOptOut.kind == kind)
    return not db.session.scalar(select(exists(turned_off)))


def wanted_kinds(user: User) -> list[str]:
    """The optional kinds this person gets, in ``OPTIONAL_EMAILS``' order."""
    off = set(db.session.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == user.id)))
    return [kind for kind in OPTIONAL_EMAILS if kind not in off]


def set_wanted_kinds(user: User, wanted: list[str]) -> bool:
    """Keep exactly ``wanted`` of the optional kinds on, and record what changed in the
    audit log. Returns whether anything changed. Does not commit."""
    unknown = set(wanted) - set(OPTIONAL_EMAILS)
    if unknown:
        raise ValueError(f"Not optional emails: {sorted(unknown)}")
    before = set(wanted_kinds(user))
    turned_on = [kind for kind in OPTIONAL_EMAILS if kind in wanted and kind not in before]
    turned_off = [kind for kind in OPTIONAL_EMAILS if kind not in wanted and kind in before]
    if not turned_on and not turned_off:
        return False
    if turned_on:
        db.session.execute(
            delete(EmailOptOut).where(
                EmailOptOut.user_id == user.id, EmailOptOut.kind.in_(turned_on)
            )
        )
    db.session.add_all(EmailOptOut(user_id=user.id, kind=kind) for kind in turned_off)
    record_event(
        CHANGED_EVENT,
        object_type="user",
        object_id=user.id,
        emails_turned_on=turned_on,
        emails_turned_off=turned_off,
    )
    return True


def register(app: Flask) -> None:
    """Have the outbox ask ``wants_email`` before queuing any email."""
    set_recipient_filter(app, wants_email)


def in_words(user: User) -> str:
    """For "Your account": how many of the optional emails the person gets."""
    wanted, every = len(wanted_kinds(user)), len(OPTIONAL_EMAILS)
    if wanted == every:
        return "You get every email we send"
    if wanted == 0:
        return "Only the emails you must get"
    return f"{wanted} of {every} optional emails, and those you must get"
