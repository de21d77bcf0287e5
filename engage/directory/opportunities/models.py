"""Commissioning opportunities, the editors who want to hear of them, organisations'
responses and the awards. Areas and strategy priorities are tags (engage/strategy's
Taggable: ``local_authorities`` and ``priorities``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db, utcnow
from engage.directory.models import Organisation, new_uuid
from engage.directory.opportunities import rules
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES
from engage.strategy.api import Taggable


class Opportunity(Taggable, TimestampMixin, db.Model):
    __tablename__ = "directory_opportunity"
    __table_args__ = (
        # The public list (open ones by closing date) and the officers' list.
        Index("ix_directory_opportunity_status_closes_on", "status", "closes_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # rules.OpportunityKind
    what_is_wanted: Mapped[str] = mapped_column(Text)
    how_to_apply: Mapped[str] = mapped_column(Text)
    value_pence: Mapped[int] = mapped_column(BigInteger)
    closes_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=rules.DRAFT)
    category: Mapped[str] = mapped_column(String(30), default="")  # taxonomy.CATEGORIES or ""
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when it is published: how many listed organisations matched, and how many of
    # their editors (who asked for these emails) were emailed.
    matched_organisations: Mapped[int] = mapped_column(default=0, server_default="0")
    editors_emailed: Mapped[int] = mapped_column(default=0, server_default="0")

    communities: Mapped[list[OpportunityCommunity]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    created_by: Mapped[Any] = relationship("User", foreign_keys=[created_by_id])

    @property
    def community_codes(self) -> list[str]:
        codes = {c.code for c in self.communities}
        return [code for code, _ in COMMUNITIES.choices() if code in codes]

    @property
    def kind_label(self) -> str:
        return rules.KIND_LABELS.get(self.kind, self.kind)

    @property
    def category_label(self) -> str:
        return CATEGORIES.label(self.category) if self.category else ""

    @property
    def value_label(self) -> str:
        return rules.pounds(self.value_pence)


class OpportunityCommunity(db.Model):
    """A community (taxonomy.COMMUNITIES) the opportunity is for."""

    __tablename__ = "directory_opportunity_community"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("directory_opportunity.id", ondelete="CASCADE"), primary_key=True
    )
    # Indexed: the public list's filter by community.
    code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class OpportunityEmailOptIn(db.Model):
    """An editor asking to be emailed about opportunities that match an organisation of
    theirs. Only acted on while they still edit it."""

    __tablename__ = "directory_opportunity_opt_in"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OpportunityResponse(db.Model):
    """An organisation registering interest in an opportunity, or applying: one per
    organisation per opportunity (interest can become an application)."""

    __tablename__ = "directory_opportunity_response"
    __table_args__ = (UniqueConstraint("opportunity_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("directory_opportunity.id", ondelete="CASCADE")
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # rules.ResponseKind
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[Any] = relationship("User", foreign_keys=[user_id])

    @property
    def kind_label(self) -> str:
        return rules.RESPONSE_LABELS.get(self.kind, self.kind)


class OpportunityAward(db.Model):
    """An award of (part of) an opportunity to an organisation: the measure's source."""

    __tablename__ = "directory_opportunity_award"
    __table_args__ = (
        UniqueConstraint("opportunity_id", "organisation_id"),
        # The report reads awards by date.
        Index("ix_directory_opportunity_award_awarded_on", "awarded_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("directory_opportunity.id", ondelete="CASCADE")
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    value_pence: Mapped[int] = mapped_column(BigInteger)
    awarded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organisation: Mapped[Organisation] = relationship()

    @property
    def value_label(self) -> str:
        return rules.pounds(self.value_pence)
