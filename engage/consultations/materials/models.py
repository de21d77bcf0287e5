"""A consultation's documents and events."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db, utcnow


class DocumentFormat(StrEnum):
    STANDARD = "standard"
    EASY_READ = "easy_read"
    LARGE_PRINT = "large_print"
    BSL_VIDEO = "bsl_video"
    OTHER = "other"  # another language or format


FORMAT_LABELS = {
    DocumentFormat.STANDARD: "The document",
    DocumentFormat.EASY_READ: "Easy Read version",
    DocumentFormat.LARGE_PRINT: "Large-print version",
    DocumentFormat.BSL_VIDEO: "British Sign Language (BSL) video",
    DocumentFormat.OTHER: "Another language or format",
}


class EventMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BOTH = "both"


MODE_LABELS = {
    EventMode.IN_PERSON: "In person",
    EventMode.ONLINE: "Online",
    EventMode.BOTH: "In person and online",
}


class ConsultationDocument(db.Model):
    """An uploaded file (kept in the database, so every instance can serve it) or a link,
    such as a BSL video on a video site."""

    __tablename__ = "consultation_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(20))  # DocumentFormat
    link: Mapped[str] = mapped_column(String(500), default="")
    filename: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format, self.format)  # type: ignore[call-overload]


class ConsultationEvent(db.Model):
    __tablename__ = "consultation_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mode: Mapped[str] = mapped_column(String(20))  # EventMode
    where: Mapped[str] = mapped_column(Text, default="")  # the venue and its address
    how_to_join: Mapped[str] = mapped_column(Text, default="")  # online, and how to book
    accessibility: Mapped[str] = mapped_column(Text, default="")

    @property
    def mode_label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)  # type: ignore[call-overload]
