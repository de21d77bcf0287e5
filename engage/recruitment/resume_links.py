"""The emailed "come back to your application" link, for applicants without an account: the
save-and-return links of engage/core/resume_links.py (only the newest works; 30 days), when
they are sent, and finding an application to send a new one for. None of these functions
commits: the route commits."""

from __future__ import annotations

from sqlalchemy import select

from engage.core.audit import record_event
from engage.core.db import db
from engage.core.email import queue_email
from engage.core.resume_links import (  # noqa: F401 - the errors callers catch
    LinkExpired,
    LinkInvalid,
    ResumeLinks,
    is_email_address,
)
from engage.recruitment.models import WITHDRAWN, Application

RESUME_MAX_AGE = 30 * 24 * 3600  # 30 days
LINKS = ResumeLinks(
    Application, salt="engage.application-resume", endpoint="recruitment.apply.resume"
)


def new_resume_link(application: Application) -> str:
    """A fresh emailed link. It replaces any earlier one: only the newest link works."""
    return LINKS.new_link(application)


def application_for_token(token: str) -> Application:
    """The application an emailed link opens. Raises LinkExpired or LinkInvalid."""
    return LINKS.record_for(token, max_age=RESUME_MAX_AGE)


def send_resume_link(application: Application, address: str, first_time: bool = False) -> None:
    queue_email(
        address,
        "application-saved" if first_time else "application-link",
        "Come back to your application to join an Equality Panel",
        link=new_resume_link(application),
        application=application,
        round=application.round,
    )
    record_event("application_link_sent", object_type="application", object_id=application.id)


def after_save(application: Application) -> bool:
    """The first time a draft without an account is saved with an email address, email the
    applicant a link to come back to it. Returns whether an email was queued."""
    if application.user_id is not None or application.resume_secret_hash is not None:
        return False
    if not is_email_address(application.email):
        return False
    send_resume_link(application, application.email, first_time=True)
    return True


def find_for_link(reference: str, email: str) -> Application | None:
    """The application to send a new link for, if the reference and email match one."""
    application = db.session.scalars(
        select(Application).where(Application.reference == reference.strip().upper())
    ).first()
    if application is None or application.status == WITHDRAWN:
        return None
    if application.email.strip().lower() != email.strip().lower():
        return None
    return application
