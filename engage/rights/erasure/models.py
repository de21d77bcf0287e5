"""An erasure request: who asked (until they have been told the outcome), when, its status,
who handled it and when, and the plain record of what was deleted, anonymised and kept.

Once the request is handled and the person emailed, the request keeps nothing that
identifies them: the account link, the reference and the email address are cleared (the
account itself is usually gone by then). What stays is what the authority needs to show it
handled the request: when it was asked and handled, by which member of staff, the refusal
reason, and the record of what was done, in words that name kinds of record and their
context (a round's title), never the person (engage/core/erasure.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow
from engage.rights.erasure.stages import Status, status_label


class ErasureRequest(db.Model):
    __tablename__ = "erasure_request"
    # The staff list: waiting requests first, oldest first.
    __table_args__ = (Index("ix_erasure_request_status_requested_at", "status", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Who asked: a signed-in person's account, or (without one) a record's reference.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str] = mapped_column(String(20), default="")
    # Where to tell them the outcome; cleared once told.
    email: Mapped[str] = mapped_column(String(320), default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=Status.REQUESTED)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    # [{"feature": ..., "items": [{"action", "what", "reason"}]}] once carried out.
    record: Mapped[list[Any]] = mapped_column(JSON, default=list)
    told_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def by_reference(self) -> bool:
        return self.user_id is None and bool(self.reference)
