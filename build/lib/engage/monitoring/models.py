"""Equality monitoring answers, kept in their own table.

A row belongs to the record it came with (``subject_type`` + ``subject_id``, for example a
panel application or a consultation response) but has no foreign key to it: other features
never join to this table, and nothing here holds a name or contact details. Each question
column is NULL when the question was not answered and ``"prefer_not_to_say"`` when the person
chose that, so the two stay distinct.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow

CODE_LENGTH = 40


class MonitoringResponse(db.Model):
    __tablename__ = "monitoring_response"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the answers came with, e.g. "panel_application", "consultation_response".
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(40))
    collected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # One column per question in engage.monitoring.questions.QUESTIONS (same names).
    age_band: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    sex: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    gender_identity: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    sexual_orientation: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    ethnic_group: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    religion: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    long_term_condition: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    day_to_day_limited: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    unpaid_care: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    school_type: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    free_school_meals: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    parent_occupation: Mapped[str | None] = mapped_column(String(CODE_LENGTH))

    # Write-ins, kept only with the "any other" option they describe.
    ethnic_group_other: Mapped[str | None] = mapped_column(Text)
    gender_identity_other: Mapped[str | None] = mapped_column(Text)
    sexual_orientation_other: Mapped[str | None] = mapped_column(Text)
    religion_other: Mapped[str | None] = mapped_column(Text)
