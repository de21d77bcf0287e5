"""People and invitations in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import lazyload

from engage.accounts.models import Invitation, User
from engage.core.audit_records import Described, describe_records, get_record, link, load_records


def person(user_id: Any, details: dict[str, Any] | None = None) -> Described:
    user = get_record(User, user_id)
    if user is None:
        return Described("A person whose account has been deleted")
    return Described(
        f"{user.full_name} ({user.email})", link("people.user_detail", user_id=user.id)
    )


def _invitation(invitation_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Invitation, invitation_id)
    if found is None:
        return Described("A staff invitation that has been deleted")
    return Described(f"Staff invitation for {found.email}", link("people.invitations"))


def _people(ids: list[Any]) -> list[Any]:
    return load_records(User, ids, lazyload(User.roles))


def _invitations(ids: list[Any]) -> list[Any]:
    return load_records(Invitation, ids)


def register(app: Flask) -> None:
    describe_records(app, "user", person, _people)
    describe_records(app, "invitation", _invitation, _invitations)
