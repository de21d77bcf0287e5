from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db, utcnow

# Global roles. Everyone signed in is a resident; these add to that.
OFFICER = "officer"
ADMIN = "admin"
# Seeing equality monitoring totals is a separate decision from being an officer or admin.
EQUALITY_DATA = "equality_data"
# The named safeguarding officers: told at once of a lived-experience story that suggests
# someone is at risk, and the only people who can see one. An officer role as well.
SAFEGUARDING = "safeguarding"
GLOBAL_ROLES = {
    OFFICER: "Officer",
    ADMIN: "Administrator",
    EQUALITY_DATA: "Equality data (can see monitoring totals)",
    SAFEGUARDING: "Safeguarding officer (sees and acts on stories that suggest someone is at risk)",
}
STAFF_ROLES = frozenset(GLOBAL_ROLES)
# Short names for lists of roles (GLOBAL_ROLES labels the checkboxes that give them).
ROLE_NAMES = {
    ADMIN: "Administrator",
    OFFICER: "Officer",
    EQUALITY_DATA: "Equality data",
    SAFEGUARDING: "Safeguarding officer",
}


def role_name(code: str) -> str:
    """A role in words, never as its code (``equality_data``)."""
    return ROLE_NAMES.get(code) or code.replace("_", " ").capitalize()


def role_names(codes: list[str] | str, *, resident: bool = False) -> str:
    """Roles in words, joined: "Resident, Administrator, Officer". ``codes`` may be the
    comma-separated form an invitation stores."""
    if isinstance(codes, str):
        codes = [code for code in codes.split(",") if code]
    order = list(ROLE_NAMES)  # the most powerful first, in the same order everywhere
    codes = sorted(codes, key=lambda code: (order.index(code) if code in order else 99, code))
    names = [role_name(code) for code in codes]
    return ", ".join((["Resident"] if resident else []) + names)


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Changing this signs the user out everywhere (it is part of the session id).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_totp_step: Mapped[int | None] = mapped_column()
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_disabled: Mapped[bool] = mapped_column(default=False)

    # Always loaded with the person (the signed-in person's in the same query: see
    # services.load_user_from_session): every page and rule asks them.
    roles: Mapped[list[RoleGrant]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="RoleGrant.user_id",
    )
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to inactive users
        return not self.is_disabled

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def has_role(self, name: str, scope_type: str = "", scope_id: object = None) -> bool:
        wanted_scope = "" if scope_id is None else str(scope_id)
        return any(
            grant.role == name
            and grant.scope_type == (scope_type or "")
            and grant.scope_id == wanted_scope
            for grant in self.roles
        )

    @property
    def global_roles(self) -> list[str]:
        return sorted(g.role for g in self.roles if not g.scope_type)

    @property
    def is_staff(self) -> bool:
        return any(g.role in STAFF_ROLES and not g.scope_type for g in self.roles)

    @property
    def requires_mfa(self) -> bool:
        return self.is_staff

    @property
    def has_totp(self) -> bool:
        return self.totp_confirmed_at is not None


class RoleGrant(db.Model):
    """A role held by a user, optionally for one record (``scope_type``/``scope_id``), such as
    member of panel 3 or editor of organisation 12. Empty strings, not NULLs, mean "global" so
    the unique constraint holds on every database."""

    __tablename__ = "role_grant"
    __table_args__ = (UniqueConstraint("user_id", "role", "scope_type", "scope_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(40))
    scope_type: Mapped[str] = mapped_column(String(40), default="")
    scope_id: Mapped[str] = mapped_column(String(40), default="")
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])


class RecoveryCode(db.Model):
    """One-time codes for staff who lose their authenticator. Stored hashed."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(300))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class Invitation(db.Model):
    """An admin's invitation for someone to join as staff with the given roles."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    roles: Mapped[str] = mapped_column(String(200))  # comma-separated global roles
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the newest link was sent (None for invitations from before resending existed:
    # their link was sent at created_at).
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of the emailed link. Sending a new link changes it, so only the newest link works.
    # Empty for links sent before resending existed, which carry no nonce.
    link_nonce: Mapped[str] = mapped_column(String(32), default="", server_default="")

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    @property
    def link_sent_at(self) -> datetime:
        return self.sent_at or self.created_at
