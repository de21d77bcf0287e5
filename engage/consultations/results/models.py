"""What a consultation's results were counted from, kept so that a large consultation's
results page does not count 2,000,000 answers on every view.

One row per consultation and set of filters: the rows of the counting statement
(results/counts.py, raw counts, never shown without disclosure control) and the fingerprint of
the responses they were counted from (how many, and their ids' largest value and sum). A view
whose fingerprint differs counts again and replaces the row, so results follow every
response sent, withdrawn or erased. Kept in the database, not in a process, so every
instance shares it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class ResultsSnapshot(db.Model):
    __tablename__ = "consultation_results_snapshot"
    __table_args__ = (UniqueConstraint("consultation_id", "filter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    # "" for every response; else the filters ("area=E08000012;group=disability:disabled").
    filter_key: Mapped[str] = mapped_column(String(120), default="")
    fingerprint: Mapped[str] = mapped_column(String(120))
    rows: Mapped[list[Any]] = mapped_column(JSON, default=list)
    counted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
