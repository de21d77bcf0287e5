"""A consultation's published outcome, and what was done about each theme people raised."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class ThemeResult(StrEnum):
    CHANGED = "changed"
    ALREADY = "already"
    NOT_CHANGED = "not_changed"


THEME_RESULT_LABELS = {
    ThemeResult.CHANGED: "We changed our plans",
    ThemeResult.ALREADY: "Our plans already did this",
    ThemeResult.NOT_CHANGED: "We did not change our plans",
}


class ConsultationOutcome(db.Model):
    __tablename__ = "consultation_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), unique=True
    )
    what_we_asked: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")  # what the authority decided
    changes: Mapped[str] = mapped_column(Text, default="")  # what changed because of it
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class ThemeOutcome(db.Model):
    """What the authority did about one theme of the consultation's codeframe."""

    __tablename__ = "consultation_theme_outcome"
    __table_args__ = (UniqueConstraint("outcome_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_outcome.id", ondelete="CASCADE")
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    result: Mapped[str] = mapped_column(String(20))  # ThemeResult
    we_did: Mapped[str] = mapped_column(Text)

    @property
    def result_label(self) -> str:
        return THEME_RESULT_LABELS.get(self.result, self.result)  # type: ignore[call-overload]
