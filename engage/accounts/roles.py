"""Roles and the people who hold them: granting and revoking (audited), an admin setting
someone's global roles (never removing the last administrator), staff lists and search."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select

from engage.accounts.models import ADMIN, GLOBAL_ROLES, RoleGrant, User, new_session_token
from engage.accounts.passwords import hash_password
from engage.accounts.services import normalise_email
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.errors import Refused


def grant_role(
    user: User, role: str, *, scope_type: str = "", scope_id: object = None, by: User | None = None
) -> bool:
    """Give ``user`` a role; returns False if they already had it."""
    if user.has_role(role, scope_type=scope_type, scope_id=scope_id):
        return False
    grant = RoleGrant(
        role=role,
        scope_type=scope_type,
        scope_id="" if scope_id is None else str(scope_id),
        granted_by_id=by.id if by else None,
    )
    user.roles.append(grant)
    record_event(
        "role_granted",
        object_type="user",
        object_id=user.id,
        actor_id=by.id if by else None,
        role=role,
        scope_type=scope_type,
        scope_id=grant.scope_id,
    )
    return True


def revoke_role(
    user: User, role: str, *, scope_type: str = "", scope_id: object = None, by: User | None = None
) -> bool:
    wanted = "" if scope_id is None else str(scope_id)
    for grant in list(user.roles):
        if grant.role == role and grant.scope_type == scope_type and grant.scope_id == wanted:
            user.roles.remove(grant)
            record_event(
                "role_revoked",
                object_type="user",
                object_id=user.id,
                actor_id=by.id if by else None,
                role=role,
                scope_type=scope_type,
                scope_id=wanted,
            )
            return True
    return False


class LastAdmin(Refused):
    """Refused: this would leave nobody able to manage the service."""


def count_admins() -> int:
    return db.session.scalar(
        select(func.count(RoleGrant.id)).where(RoleGrant.role == ADMIN, RoleGrant.scope_type == "")
    )


def set_global_roles(user: User, roles: set[str], *, by: User) -> list[str]:
    """Make ``user``'s global roles exactly ``roles``. Returns the changes made, in words."""
    unknown = roles - set(GLOBAL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    current = set(user.global_roles)
    if ADMIN in current and ADMIN not in roles and count_admins() <= 1:
        raise LastAdmin("You cannot remove the last administrator. Add another first")
    changes = []
    for role in sorted(roles - current):
        grant_role(user, role, by=by)
        changes.append(f"added {GLOBAL_ROLES[role].lower()}")
    for role in sorted(current - roles):
        revoke_role(user, role, by=by)
        changes.append(f"removed {GLOBAL_ROLES[role].lower()}")
    if changes:
        # Someone losing a role must not keep using it in a session already open.
        user.session_token = new_session_token()
    return changes


def create_verified_user(full_name: str, email: str, password: str) -> User:
    user = User(
        full_name=full_name.strip(),
        email=normalise_email(email),
        password_hash=hash_password(password),
        email_verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    return user


def users_with_role(role: str) -> list[User]:
    """Active users holding a global role, by name (e.g. the officers who can lead a round)."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.is_disabled.is_(False),
                User.roles.any((RoleGrant.role == role) & (RoleGrant.scope_type == "")),
            )
            .order_by(User.full_name, User.id)
        )
    )


def holders_of_scoped_role(
    role: str, scope_type: str, scope_ids: list[Any]
) -> dict[str, list[User]]:
    """Active users holding ``role`` for each of these records (scope ids as strings), for
    another feature to email, such as an organisation's editors. One query."""
    if not scope_ids:
        return {}
    found: dict[str, list[User]] = {}
    for scope_id, user in db.session.execute(
        select(RoleGrant.scope_id, User)
        .join(User, User.id == RoleGrant.user_id)
        .where(
            User.is_disabled.is_(False),
            RoleGrant.role == role,
            RoleGrant.scope_type == scope_type,
            RoleGrant.scope_id.in_([str(i) for i in scope_ids]),
        )
        .order_by(User.full_name, User.id)
    ):
        found.setdefault(scope_id, []).append(user)
    return found


def users_statement(search: str = "") -> Select:
    statement = select(User).order_by(User.email)
    if search:
        term = search.strip().lower()  # % and _ are matched literally, not as wildcards
        statement = statement.where(
            or_(
                func.lower(User.email).contains(term, autoescape=True),
                func.lower(User.full_name).contains(term, autoescape=True),
            )
        )
    return statement


def user_ids_matching(search: str) -> Select:
    """The ids of people whose name or email contains ``search``, as a subquery."""
    return users_statement(search).with_only_columns(User.id).order_by(None)
