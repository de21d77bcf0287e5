"""An officer's import of an Open Referral UK file, kept between its preview and "Import
these": the organisations read from the file (in our own fields, see importing.py), never
the file itself. Kept in the database rather than on one server's disk or in the session, so
any instance can finish it; bound to the officer who uploaded it (stages.may_confirm_import).
Once imported, only the counts stay."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class DirectoryImport(db.Model):
    __tablename__ = "directory_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="waiting")  # stages.ImportStatus
    # importing.Parsed as JSON: {"entries": [...], "refused": [...]}.
    parsed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the import did: {"created": n, "updated": n}.
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
