"""People and invitations in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from engage.accounts import invitations
from engage.accounts.models import Invitation, User
from engage.accounts.services import get_user
from engage.core.audit_records import Described, describe_records, link, record_id, record_ids
from engage.core.db import db


def person(user_id: Any, details: dict[str, Any] | None = None) -> Described:
    user = get_user(record_id(user_id) or 0)
    if user is None:
        return Described("A person whose account has been deleted")
    return Described(
        f"{user.full_name} ({user.email})", link("people.user_detail", user_id=user.id)
    )


def _invitation(invitation_id: Any, details: dict[str, Any]) -> Described:
    found = invitations.get_invitation(record_id(invitation_id) or 0)
    if found is None:
        return Described("A staff invitation that has been deleted")
    return Described(f"Staff invitation for {found.email}", link("people.invitations"))


def _people(ids: list[Any]) -> list[Any]:
    return list(
        db.session.scalars(
            select(User).where(User.id.in_(record_ids(ids))).options(lazyload(User.roles))
        )
    )


def _invitations(ids: list[Any]) -> list[Any]:
    return list(db.session.scalars(select(Invitation).where(Invitation.id.in_(record_ids(ids)))))


def register(app: Flask) -> None:
    describe_records(app, "user", person, _people)
    describe_records(app, "invitation", _invitation, _invitations)
