"""The tables of theme coding (engage/core/themes.py has what to do with them): a codeframe
belongs to an owner named by type and id, holds themes in order; a theme code links a theme
to an item named by type and id; an analyst's note is one per item in a codeframe. No foreign
key reaches a feature's table (core knows no feature); those between these tables cascade
on delete."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import db, utcnow

MAX_LABEL = 100
MAX_DESCRIPTION = 1_000
MAX_NOTE = 5_000
MAX_THEMES = 100


class Codeframe(db.Model):
    """The themes an owner's free text is coded to."""

    __tablename__ = "theme_codeframe"
    __table_args__ = (UniqueConstraint("owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    themes: Mapped[list[Theme]] = relationship(
        order_by="Theme.position", cascade="all, delete-orphan", passive_deletes=True
    )


class Theme(db.Model):
    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("codeframe_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(
        ForeignKey("theme_codeframe.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(MAX_LABEL))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)


class ThemeCode(db.Model):
    """One item coded to one theme."""

    __tablename__ = "theme_code"
    __table_args__ = (
        # Counting a theme's items (and no item twice under one theme).
        UniqueConstraint("theme_id", "item_type", "item_id"),
        # An item's themes, and "not coded yet".
        Index("ix_theme_code_item_type_item_id", "item_type", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    item_type: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(Integer)
    coded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    coded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AnalystNote(db.Model):
    """An analyst's note on one item, in one codeframe."""

    __tablename__ = "theme_note"
    __table_args__ = (UniqueConstraint("codeframe_id", "item_type", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codeframe_id: Mapped[int] = mapped_column(ForeignKey("theme_codeframe.id", ondelete="CASCADE"))
    item_type: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
