"""Becoming an editor of an organisation's entry. Someone signed in claims it: by a code
emailed to the address the entry publishes (whoever reads the organisation's own email is
trusted to edit it), or by asking an officer, who checks and approves or refuses. An editor
holds the scoped role "organisation editor" for that organisation; an organisation can have
several editors and an editor several organisations. Routes commit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Select, select

from engage.accounts.api import User, get_user, grant_role
from engage.core.audit import record_event
from engage.core.db import as_utc, db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.directory import stages
from engage.directory.models import ClaimRequest, Organisation

CODE_LIFETIME = timedelta(minutes=30)
MAX_ATTEMPTS = 5


def is_editor(user: Any, organisation_id: int | None) -> bool:
    return (
        bool(organisation_id)
        and user.is_authenticated
        and user.has_role(
            stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE, scope_id=organisation_id
        )
    )


def organisations_of(user: Any) -> list[Organisation]:
    """The organisations this person edits, by name."""
    ids = [
        int(grant.scope_id)
        for grant in user.roles
        if grant.role == stages.EDITOR_ROLE and grant.scope_type == stages.EDITOR_SCOPE
    ]
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
        )
    )


def _hash(claim_id: int, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{claim_id}:{code}".encode(), hashlib.sha256).hexdigest()


def open_claim(organisation_id: int, user_id: int) -> ClaimRequest | None:
    return db.session.scalars(
        select(ClaimRequest)
        .where(
            ClaimRequest.organisation_id == organisation_id,
            ClaimRequest.user_id == user_id,
            ClaimRequest.status == stages.ClaimStatus.PENDING,
        )
        .order_by(ClaimRequest.id.desc())
    ).first()


def _new_claim(organisation: Organisation, user: User, method: str, role: str) -> ClaimRequest:
    previous = open_claim(organisation.id, user.id)
    if previous is not None:
        previous.status = stages.ClaimStatus.WITHDRAWN
    claim = ClaimRequest(
        organisation_id=organisation.id, user_id=user.id, method=method, role_at_organisation=role
    )
    db.session.add(claim)
    db.session.flush()
    return claim


def claim_by_email(organisation: Organisation, user: User) -> ClaimRequest:
    """Email a six-digit code to the entry's published address. Only its hash is kept."""
    if not organisation.email:
        raise stages.DirectoryRefused(stages.NO_PUBLISHED_EMAIL)
    claim = _new_claim(organisation, user, stages.BY_EMAIL, "")
    code = f"{secrets.randbelow(1_000_000):06d}"
    claim.code_hash = _hash(claim.id, code)
    claim.code_sent_to = organisation.email
    claim.code_expires_at = utcnow() + CODE_LIFETIME
    queue_email(
        organisation.email,
        "directory-claim-code",
        f"Your code to edit {organisation.name} in the directory",
        organisation=organisation,
        claimant=user,
        code=code,
        minutes=int(CODE_LIFETIME.total_seconds() // 60),
    )
    record_event(
        "directory_claim_started", object_type="organisation", object_id=organisation.id,
        method=stages.BY_EMAIL,
    )  # fmt: skip
    return claim


def check_code(claim: ClaimRequest, code: str) -> None:
    """Make the claimant an editor when the code is right; otherwise say why not."""
    if claim.status != stages.ClaimStatus.PENDING or claim.method != stages.BY_EMAIL:
        raise stages.DirectoryRefused(stages.CLAIM_CLOSED)
    if claim.attempts >= MAX_ATTEMPTS:
        raise stages.DirectoryRefused(stages.TOO_MANY_ATTEMPTS)
    if as_utc(claim.code_expires_at) < utcnow():
        raise stages.DirectoryRefused(stages.CODE_EXPIRED)
    claim.attempts += 1
    if not hmac.compare_digest(claim.code_hash, _hash(claim.id, code.strip())):
        left = MAX_ATTEMPTS - claim.attempts
        raise stages.DirectoryRefused(
            stages.WRONG_CODE.format(left=left) if left else stages.TOO_MANY_ATTEMPTS
        )
    _make_editor(claim, by=None)


def claim_by_officer(organisation: Organisation, user: User, role: str) -> ClaimRequest:
    claim = _new_claim(organisation, user, stages.BY_OFFICER, role)
    record_event(
        "directory_claim_started", object_type="organisation", object_id=organisation.id,
        method=stages.BY_OFFICER,
    )  # fmt: skip
    return claim


def claims_to_check_statement() -> Select:
    """Claims waiting for an officer, the oldest first (rows for a list page)."""
    return (
        select(
            ClaimRequest.id,
            ClaimRequest.created_at,
            ClaimRequest.role_at_organisation,
            Organisation.id.label("organisation_id"),
            Organisation.name,
        )
        .join(Organisation, Organisation.id == ClaimRequest.organisation_id)
        .where(
            ClaimRequest.status == stages.ClaimStatus.PENDING,
            ClaimRequest.method == stages.BY_OFFICER,
            # A suggested organisation's claim is decided with the suggestion.
            Organisation.status == stages.LISTED,
        )
        .order_by(ClaimRequest.created_at, ClaimRequest.id)
    )


def get_claim(claim_id: int) -> ClaimRequest | None:
    return db.session.get(ClaimRequest, claim_id)


def approve_claim(claim: ClaimRequest, officer: Any) -> None:
    if claim.status != stages.ClaimStatus.PENDING or claim.method != stages.BY_OFFICER:
        raise stages.DirectoryRefused(stages.CLAIM_CLOSED)
    _make_editor(claim, by=officer)
    _tell_claimant(claim, "directory-claim-approved", "You can now edit")


def refuse_claim(claim: ClaimRequest, officer: Any, reason: str) -> None:
    if claim.status != stages.ClaimStatus.PENDING or claim.method != stages.BY_OFFICER:
        raise stages.DirectoryRefused(stages.CLAIM_CLOSED)
    claim.status, claim.reason = stages.ClaimStatus.REFUSED, reason
    claim.decided_at, claim.decided_by_id = utcnow(), officer.id
    record_event(
        "directory_claim_refused", object_type="organisation", object_id=claim.organisation_id
    )
    _tell_claimant(claim, "directory-claim-refused", "We could not make you an editor of")


def decide_with_suggestion(claim: ClaimRequest, officer: Any, *, approved: bool) -> None:
    """A claim made with a suggested organisation is decided with the suggestion (the
    person hears about the suggestion, which says so, rather than separately)."""
    if claim.status != stages.ClaimStatus.PENDING:
        return
    if approved:
        _make_editor(claim, by=officer)
        return
    claim.status, claim.reason = stages.ClaimStatus.REFUSED, "The suggestion was not listed"
    claim.decided_at, claim.decided_by_id = utcnow(), officer.id


def _make_editor(claim: ClaimRequest, by: Any) -> None:
    claim.status = stages.ClaimStatus.APPROVED
    claim.decided_at, claim.decided_by_id = utcnow(), by.id if by else None
    user = get_user(claim.user_id)
    grant_role(
        user, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE, scope_id=claim.organisation_id,
        by=by,
    )  # fmt: skip
    record_event(
        "directory_editor_added", object_type="organisation", object_id=claim.organisation_id,
        method=claim.method,
    )  # fmt: skip


def _tell_claimant(claim: ClaimRequest, kind: str, subject_start: str) -> None:
    user = get_user(claim.user_id)
    if user is None:
        return
    queue_email(
        user.email,
        kind,
        f"{subject_start} {claim.organisation.name}",
        user=user,
        claim=claim,
        organisation=claim.organisation,
        manage_url=external_url("directory.edit.index"),
    )
