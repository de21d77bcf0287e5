"""The emailed "come back to your application" link, for applicants without an account.

Each link is a signed token naming the application and a secret whose hash the application
stores, so a new link replaces the last (only the newest works); links expire after
RESUME_MAX_AGE. None of these functions commits: the route commits."""

from __future__ import annotations

import hashlib
import secrets

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from engage.core.audit import record_event
from engage.core.db import db
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.recruitment.models import WITHDRAWN, Application

RESUME_SALT = "engage.application-resume"
RESUME_MAX_AGE = 30 * 24 * 3600  # 30 days


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


# Coming back by email -----------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESUME_SALT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def is_email_address(address: str | None) -> bool:
    if not address:
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def new_resume_link(application: Application) -> str:
    """A fresh emailed link. It replaces any earlier one: only the newest link works."""
    secret = secrets.token_urlsafe(24)
    application.resume_secret_hash = _hash(secret)
    token = _serializer().dumps({"a": application.id, "s": secret})
    return external_url("recruitment.apply.resume", token=token)


def application_for_token(token: str) -> Application:
    """The application an emailed link opens. Raises LinkExpired or LinkInvalid."""
    try:
        payload = _serializer().loads(token, max_age=RESUME_MAX_AGE)
    except SignatureExpired as error:
        raise LinkExpired from error
    except BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
        raise LinkInvalid
    application = db.session.get(Application, payload["a"])
    secret = payload.get("s")
    if application is None or not application.resume_secret_hash or not isinstance(secret, str):
        raise LinkInvalid
    if not secrets.compare_digest(_hash(secret), application.resume_secret_hash):
        raise LinkInvalid
    return application


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
