"""Draft policies: a policy, its versions, and each version's numbered paragraphs.

A version's text is kept as paragraphs in document order (headings included), each with the
number people use for it ("paragraph 4.2"), so a comment can later point at one paragraph and
two versions can be compared paragraph by paragraph. A version's text never changes once
saved: a change is a new version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db, utcnow
from engage.policies import stages
from engage.strategy.api import Taggable


class Policy(Taggable, TimestampMixin, db.Model):
    __tablename__ = "policy"
    # The officers' list: most recently changed first.
    __table_args__ = (Index("ix_policy_updated_at_id", "updated_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    # The team or post responsible for the policy, in words ("Transport Policy Team").
    owner: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )

    versions: Mapped[list[PolicyVersion]] = relationship(
        back_populates="policy",
        order_by="PolicyVersion.number",
        cascade="all, delete-orphan",
        lazy="raise_on_sql",
    )


class PolicyVersion(db.Model):
    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("policy_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... within the policy
    # What changed since the last version, in the officer's words.
    change_note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default=stages.PASTED)
    source_filename: Mapped[str] = mapped_column(String(255), default="")
    paragraph_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    policy: Mapped[Policy] = relationship(back_populates="versions")
    paragraphs: Mapped[list[PolicyParagraph]] = relationship(
        back_populates="version",
        order_by="PolicyParagraph.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )

    @property
    def source_label(self) -> str:
        return stages.SOURCE_LABELS.get(self.source, self.source)


class PolicyParagraph(db.Model):
    """One heading or paragraph of a version, in document order."""

    __tablename__ = "policy_paragraph"
    __table_args__ = (
        # Named in full: the naming convention names a constraint by its first column only.
        UniqueConstraint("version_id", "position", name="uq_policy_paragraph_version_position"),
        UniqueConstraint("version_id", "number", name="uq_policy_paragraph_version_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_version.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... in document order
    number: Mapped[str] = mapped_column(String(20))  # "4", "4.2", "0.1": see document_text
    kind: Mapped[str] = mapped_column(String(10))  # document_text.HEADING or TEXT
    level: Mapped[int] = mapped_column(Integer, default=0)  # a heading's level; 0 for text
    text: Mapped[str] = mapped_column(Text)

    version: Mapped[PolicyVersion] = relationship(back_populates="paragraphs")

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"
