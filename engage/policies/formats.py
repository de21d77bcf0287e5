"""Alternative formats of a version (Easy Read, large print...) that officers upload, and the
requests members make for another format or for support to take part, which reach the officer
as reasonable adjustments (an email, and a list on the version's page). Routes commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engage.accounts.api import get_user
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.filenames import clean_filename
from engage.core.uploads import DOCUMENT_TYPES, document_problem, extension_of
from engage.core.urls import external_url
from engage.policies.models import PolicyVersion, SupportRequest, VersionDocument

# A request shows who made it: not the roles an account loads with it.
_USER_ONLY = joinedload(SupportRequest.user).lazyload("*")


def documents_of(version_id: int) -> list[VersionDocument]:
    return list(
        db.session.scalars(
            select(VersionDocument)
            .where(VersionDocument.version_id == version_id)
            .order_by(VersionDocument.kind, VersionDocument.id)
        )
    )


def get_document(version_id: int, document_id: int) -> VersionDocument | None:
    return db.session.scalars(
        select(VersionDocument).where(
            VersionDocument.version_id == version_id, VersionDocument.id == document_id
        )
    ).first()


def add_document(version: PolicyVersion, kind: str, filename: str, content: bytes) -> None:
    problem = document_problem(filename, content)
    if problem:
        raise ValueError(problem)
    document = VersionDocument(
        version_id=version.id,
        kind=kind,
        filename=clean_filename(filename),
        content_type=DOCUMENT_TYPES[extension_of(filename)][0],
        size=len(content),
        content=content,
    )
    db.session.add(document)
    db.session.flush()
    record_event(
        "policy_format_uploaded",
        object_type="policy",
        object_id=version.policy_id,
        version=version.number,
        kind=kind,
        filename=document.filename,
    )


def delete_document(version: PolicyVersion, document: VersionDocument) -> None:
    record_event(
        "policy_format_deleted",
        object_type="policy",
        object_id=version.policy_id,
        version=version.number,
        filename=document.filename,
    )
    db.session.delete(document)


def ask_for_support(version: PolicyVersion, user: Any, needs: list[str], details: str) -> None:
    """Record the request and email the officer who owns the draft (its creator)."""
    request = SupportRequest(version_id=version.id, user_id=user.id, needs=needs, details=details)
    db.session.add(request)
    db.session.flush()
    record_event(
        "policy_support_requested", object_type="policy", object_id=version.policy_id,
        version=version.number,
    )  # fmt: skip
    officer = get_user(version.policy.created_by_id) if version.policy.created_by_id else None
    if officer is not None:
        queue_email(
            officer.email,
            "policy-support-requested",
            f"A panel member asked for support: {version.policy.title}",
            request=request,
            version=version,
            policy=version.policy,
            member=user,
            version_url=external_url(
                "policies.manage.version",
                policy_id=version.policy_id,
                version_number=version.number,
            ),
        )


def requests_of(version_id: int) -> list[SupportRequest]:
    return list(
        db.session.scalars(
            select(SupportRequest)
            .where(SupportRequest.version_id == version_id)
            .options(_USER_ONLY)
            .order_by(SupportRequest.done_at.is_not(None), SupportRequest.created_at)
        )
    )


def mark_done(version: PolicyVersion, request_id: int) -> None:
    found = db.session.scalars(
        select(SupportRequest).where(
            SupportRequest.version_id == version.id, SupportRequest.id == request_id
        )
    ).first()
    if found is None or found.done_at is not None:
        return
    found.done_at = utcnow()
    record_event(
        "policy_support_arranged", object_type="policy", object_id=version.policy_id,
        version=version.number,
    )  # fmt: skip
