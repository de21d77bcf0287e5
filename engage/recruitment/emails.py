"""Emails to applicants about their application. Applicants without an account reach it
through an emailed link, so each email carries a fresh one (it replaces the last: only the
newest works)."""

from __future__ import annotations

from typing import Any

from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.recruitment import resume_links
from engage.recruitment.models import Application


def status_link(application: Application) -> str:
    return external_url("recruitment.apply.status", reference=application.reference)


def email_applicant(application: Application, kind: str, subject: str, **context: Any) -> None:
    """Queue ``templates/email/<kind>.txt`` to the applicant, with their links."""
    resume_url = None if application.user_id else resume_links.new_resume_link(application)
    queue_email(
        application.email,
        kind,
        subject,
        application=application,
        round=application.round,
        has_account=application.user_id is not None,
        resume_url=resume_url,
        status_url=status_link(application),
        **context,
    )
