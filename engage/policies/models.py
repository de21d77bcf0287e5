"""Draft policies: a policy, its versions, and each version's numbered paragraphs.

A version's text is kept as paragraphs in document order (headings included), each with the
number people use for it ("paragraph 4.2"), so a comment can later point at one paragraph and
two versions can be compared paragraph by paragraph. A version's text never changes once
saved: a change is a new version."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db, utcnow
from engage.policies import stages
from engage.strategy.api import Taggable

# The panels a version is open to (the panels' own table is theirs: named, not imported).
version_panel = Table(
    "policy_version_panel",
    db.metadata,
    Column("version_id", ForeignKey("policy_version.id", ondelete="CASCADE"), primary_key=True),
    Column("panel_id", ForeignKey("panel.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Policy(Taggable, TimestampMixin, db.Model):
    __tablename__ = "policy"
    # The officers' list: most recently changed first.
    __table_args__ = (
        Index("ix_policy_updated_at_id", "updated_at", "id"),
        # The public list of published summaries, the latest first.
        Index("ix_policy_summary_published_at", "summary_published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    # The team or post responsible for the policy, in words ("Transport Policy Team").
    owner: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The officer's anonymised "you said, we did" summary, public once published.
    public_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

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
    # Opened to panels for comment until the end of closes_on (UK time); answered once the
    # officer has given every comment an outcome and closed it as answered.
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_on: Mapped[date | None] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When members were reminded that comments close in a week (once per version).
    closing_reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    policy: Mapped[Policy] = relationship(back_populates="versions")
    panels: Mapped[list[Any]] = relationship(
        "Panel", secondary=version_panel, order_by="Panel.name"
    )
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


class PolicyComment(db.Model):
    """A panel member's comment on a paragraph, an impact assessment section, or the whole
    draft (when both are None), or a reply to another comment; and the officer's outcome and
    response."""

    __tablename__ = "policy_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), index=True
    )
    paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_paragraph.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_comment.id", ondelete="CASCADE"), index=True
    )
    # A comment on one characteristic's section of the version's Equality Impact Assessment
    # (paragraph_id is then None).
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_impact_section.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    # Whether other members see the author's name ("A panel member" when not).
    name_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(20))
    response: Mapped[str] = mapped_column(Text, default="")
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    responded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    author: Mapped[Any] = relationship("User", foreign_keys=[author_id], lazy="joined")
    paragraph: Mapped[PolicyParagraph | None] = relationship(lazy="joined")
    section: Mapped[ImpactSection | None] = relationship(lazy="joined")

    @property
    def where(self) -> str:
        """What the comment is on, to follow "on": "paragraph 4.2", "the whole draft"..."""
        paragraph, section = self.paragraph, self.section
        return stages.comment_place(
            paragraph.number if paragraph else None,
            paragraph.kind if paragraph else None,
            section.characteristic if section else None,
        )

    @property
    def where_title(self) -> str:
        """The same as a heading: "Paragraph 4.2", "Impact assessment: Age"..."""
        if self.section is not None:
            return f"Impact assessment: {self.section.label}"
        return self.where[0].upper() + self.where[1:]

    @property
    def outcome_label(self) -> str:
        return stages.OUTCOME_LABELS.get(self.outcome or "", "No outcome yet")


class VersionDocument(db.Model):
    """An alternative format of a version (Easy Read, large print...), uploaded by an officer
    for the panels to download."""

    __tablename__ = "policy_version_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # stages.FORMAT_KINDS
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def kind_label(self) -> str:
        return stages.FORMAT_KINDS.get(self.kind, self.kind)


class SupportRequest(db.Model):
    """A member asking for another format of a draft, or for support to take part: a
    reasonable adjustment for the officer to arrange."""

    __tablename__ = "policy_support_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)  # stages.SUPPORT_NEEDS
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[Any] = relationship("User", foreign_keys=[user_id], lazy="joined")

    @property
    def needs_labels(self) -> list[str]:
        return [stages.SUPPORT_NEEDS.get(code, code) for code in self.needs or []]


class ImpactAssessment(db.Model):
    """A version's Equality Impact Assessment: a section for each characteristic, and the
    officer's overall conclusion. Opened to panels with its version, and fixed from then on
    (comments refer to it); the next version's assessment starts as a copy."""

    __tablename__ = "policy_impact_assessment"
    # The public list, the latest published first.
    __table_args__ = (Index("ix_policy_impact_assessment_published_at", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), unique=True
    )
    conclusion: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    version: Mapped[PolicyVersion] = relationship()
    sections: Mapped[list[ImpactSection]] = relationship(
        back_populates="assessment",
        order_by="ImpactSection.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class ImpactSection(db.Model):
    """The likely impact on people with one characteristic, the evidence for it and what will
    be done about a negative impact."""

    __tablename__ = "policy_impact_section"
    __table_args__ = (
        UniqueConstraint(
            "assessment_id", "characteristic", name="uq_policy_impact_section_characteristic"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("policy_impact_assessment.id", ondelete="CASCADE")
    )
    characteristic: Mapped[str] = mapped_column(String(40))  # stages.CHARACTERISTICS
    position: Mapped[int] = mapped_column(Integer)
    impact: Mapped[str | None] = mapped_column(String(20))  # stages.Impact; None: not done yet
    evidence: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")

    assessment: Mapped[ImpactAssessment] = relationship(back_populates="sections")

    @property
    def label(self) -> str:
        return stages.CHARACTERISTICS.get(self.characteristic, self.characteristic)

    @property
    def impact_label(self) -> str:
        return stages.IMPACT_LABELS.get(self.impact or "", "Not assessed yet")
