from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db

MEMBER = "member"
CHAIR = "chair"
VICE_CHAIR = "vice_chair"
MEMBERSHIP_ROLES = {MEMBER: "Member", CHAIR: "Chair", VICE_CHAIR: "Vice-chair"}


class Panel(db.Model):
    """One of the three Equality Panels. The public page's words are officers' plain text."""

    __tablename__ = "panel"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")  # what it does
    who_for: Mapped[str] = mapped_column(Text, default="", server_default="")
    time_commitment: Mapped[str] = mapped_column(Text, default="", server_default="")
    support_offered: Mapped[str] = mapped_column(
        Text, default="", server_default=""
    )  # expenses and support

    memberships: Mapped[list[PanelMembership]] = relationship(back_populates="panel")


class PanelMembership(TimestampMixin, db.Model):
    """A person's seat on a panel for a term. Being a current member is what lets someone
    into the panel's members' area (see engage/panels/access.py)."""

    __tablename__ = "panel_membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel.id"), index=True)
    # Appointed applicants without an account are linked when they sign up with this email.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    # Shown on the public panel page only if the member agreed, and only under this name.
    listed_publicly: Mapped[bool] = mapped_column(default=False)
    public_name: Mapped[str] = mapped_column(String(200), default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_reason: Mapped[str] = mapped_column(Text, default="")
    # The application that led to this seat, if any (kept for the round's fairness report).
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL"), index=True
    )
    renewed_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_membership.id"), index=True
    )

    panel: Mapped[Panel] = relationship(back_populates="memberships", lazy="joined")

    def is_current(self, today: date) -> bool:
        # The same rule in SQL is engage/panels/stages.py current_on(); keep them together.
        return self.ended_at is None and self.term_start <= today <= self.term_end

    @property
    def role_label(self) -> str:
        return MEMBERSHIP_ROLES.get(self.role, self.role)
