"""Emails to panel members about draft policies: when a draft opens to their panel, a week
before comments close, and when the officer has answered every comment (to each member who
commented). Queued in the outbox in the caller's transaction; the outbox sends them."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from engage.accounts.api import get_user
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.panels import api as panels
from engage.policies.models import PolicyComment, PolicyVersion, version_panel

REMIND_DAYS_BEFORE = 7


def _draft_url(version: PolicyVersion) -> str:
    return external_url(
        "policies.comment.draft", policy_id=version.policy_id, version_number=version.number
    )


def _members_of(version: PolicyVersion) -> list[str]:
    panel_ids = list(
        db.session.scalars(
            select(version_panel.c.panel_id).where(version_panel.c.version_id == version.id)
        )
    )
    return panels.current_member_emails(panel_ids)


def email_draft_opened(version: PolicyVersion) -> int:
    """Returns how many were queued: a member may have turned these emails off."""
    queued = 0
    for email in _members_of(version):
        message = queue_email(
            email,
            "policy-draft-opened",
            f"A draft policy is open for your comments: {version.policy.title}",
            version=version,
            policy=version.policy,
            draft_url=_draft_url(version),
        )
        queued += message is not None
    return queued


def send_closing_reminders(today: date) -> int:
    """Remind the members of each version whose comments close in a week or less. Safe to
    run often and on several instances at once: each version is claimed by one atomic update,
    committed with its emails, so its members are reminded once. Returns how many emails were
    queued."""
    due = list(
        db.session.scalars(
            select(PolicyVersion.id).where(
                PolicyVersion.opened_at.is_not(None),
                PolicyVersion.answered_at.is_(None),
                PolicyVersion.closing_reminder_sent_at.is_(None),
                PolicyVersion.closes_on >= today,
                PolicyVersion.closes_on <= today + timedelta(days=REMIND_DAYS_BEFORE),
            )
        )
    )
    queued = 0
    for version_id in due:
        claimed = db.session.execute(
            update(PolicyVersion)
            .where(
                PolicyVersion.id == version_id,
                PolicyVersion.closing_reminder_sent_at.is_(None),
            )
            .values(closing_reminder_sent_at=utcnow())
        ).rowcount
        if not claimed:
            continue  # another run took it
        version = db.session.get(PolicyVersion, version_id)
        for email in _members_of(version):
            message = queue_email(
                email,
                "policy-draft-closing",
                f"Comments close soon on a draft policy: {version.policy.title}",
                version=version,
                policy=version.policy,
                draft_url=_draft_url(version),
            )
            queued += message is not None  # None: the member turned these off
        db.session.commit()
    return queued


def email_comments_answered(version: PolicyVersion) -> int:
    """One email to each member who commented (replies included, withdrawn ones not)."""
    authors = db.session.scalars(
        select(PolicyComment.author_id)
        .where(
            PolicyComment.version_id == version.id,
            PolicyComment.withdrawn_at.is_(None),
            PolicyComment.author_id.is_not(None),
        )
        .distinct()
    ).all()
    sent = 0
    for author_id in authors:
        user = get_user(author_id)
        if user is None:
            continue
        queue_email(
            user.email,
            "policy-comments-answered",
            f"Your comments have been answered: {version.policy.title}",
            name=user.full_name,
            version=version,
            policy=version.policy,
            comments_url=external_url(
                "policies.comment.comments",
                policy_id=version.policy_id,
                version_number=version.number,
            ),
        )
        sent += 1
    return sent
