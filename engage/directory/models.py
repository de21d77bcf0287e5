"""The VCFSE directory: organisations, the services they run, the places they run them, and
how each is classified (engage/directory/taxonomy.py). Every record has a UUID as well as its
number, for the Open Referral UK API, which names records by UUID."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db, utcnow
from engage.directory import stages
from engage.directory.taxonomy import CATEGORIES, KINDS


def new_uuid() -> str:
    return str(uuid.uuid4())


# The local authority areas an organisation works in (the reference data's table is named,
# not imported: it belongs to engage.reference).
organisation_area = Table(
    "directory_organisation_area",
    db.metadata,
    Column(
        "organisation_id",
        ForeignKey("directory_organisation.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "local_authority_id",
        ForeignKey("local_authority.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "directory_organisation"
    __table_args__ = (
        # The public list, by name; the officers' view of what is stale.
        Index("ix_directory_organisation_status_name", "status", "name"),
        Index("ix_directory_organisation_status_confirmed", "status", "last_confirmed_at"),
        # The latest change, read by the kept counts of organisations per community.
        Index("ix_directory_organisation_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(30))  # taxonomy.KINDS
    website: Mapped[str] = mapped_column(String(500), default="")
    # The organisation's public contact details, as it publishes them.
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")  # of its venues, in words
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=stages.LISTED)
    last_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # How many of the reminders to confirm (stages.REMIND_DAYS_BEFORE) have gone to its
    # editors since it was last confirmed; confirming sets it back to 0.
    reminders_sent: Mapped[int] = mapped_column(default=0, server_default="0")

    areas: Mapped[list[Any]] = relationship(
        "LocalAuthority", secondary=organisation_area, order_by="LocalAuthority.name"
    )
    terms: Mapped[list[OrganisationTerm]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    services: Mapped[list[Service]] = relationship(
        back_populates="organisation",
        order_by="Service.name",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="organisation",
        order_by="Location.name",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def kind_label(self) -> str:
        return KINDS.label(self.kind)

    @property
    def website_link(self) -> str:
        """The website as a link target only when it is a web address (never javascript:)."""
        return self.website if self.website.startswith(("https://", "http://")) else ""

    def codes(self, taxonomy: str) -> list[str]:
        return [term.code for term in self.terms if term.taxonomy == taxonomy]


class OrganisationTerm(db.Model):
    """One classification of an organisation: a community it serves, or who leads it."""

    __tablename__ = "directory_organisation_term"
    __table_args__ = (
        # "Organisations serving carers": the filters and the other features' question.
        Index("ix_directory_organisation_term_taxonomy_code", "taxonomy", "code"),
    )

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), primary_key=True
    )
    taxonomy: Mapped[str] = mapped_column(String(20), primary_key=True)  # community, led_by
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class Service(TimestampMixin, db.Model):
    __tablename__ = "directory_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(30), index=True)  # taxonomy.CATEGORIES
    # When it runs and what it costs, in the organisation's words ("Tuesdays, 10am to noon").
    schedule: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")  # Open Referral's

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    locations: Mapped[list[Location]] = relationship(
        secondary="directory_service_at_location", order_by="Location.name", viewonly=True
    )

    @property
    def category_label(self) -> str:
        return CATEGORIES.label(self.category)


class Location(db.Model):
    """A place an organisation runs services: a venue with its address and accessibility."""

    __tablename__ = "directory_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")  # the lines before the town
    town: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accessibility: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="locations")


class ServiceAtLocation(db.Model):
    __tablename__ = "directory_service_at_location"
    __table_args__ = (UniqueConstraint("service_id", "location_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[int] = mapped_column(
        ForeignKey("directory_location.id", ondelete="CASCADE"), index=True
    )


class SearchText(db.Model):
    """The words an organisation is found by (its name, description, services, places and
    classifications), one row per listed organisation. The database indexes it for full-text
    search: an FTS5 table on SQLite, a GIN index on PostgreSQL (engage/directory/search.py)."""

    __tablename__ = "directory_search_text"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Its area, kind, categories and classifications as search tokens (search.facet_token),
    # so on SQLite a search with filters is one look-up in the full-text index.
    facets: Mapped[str] = mapped_column(Text, default="", server_default="")


class ClaimRequest(db.Model):
    """Someone asking to become an editor of an organisation's entry: proved by a code
    emailed to the entry's published address, or checked by an officer."""

    __tablename__ = "directory_claim"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # Who they are to the organisation, in their words (for the officer).
    role_at_organisation: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(20))  # stages.BY_EMAIL or BY_OFFICER
    code_hash: Mapped[str] = mapped_column(String(64), default="")
    code_sent_to: Mapped[str] = mapped_column(String(320), default="")
    code_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # stages.ClaimStatus
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was refused

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[Any] = relationship("User", foreign_keys=[user_id])


class ChangeRequest(db.Model):
    """An editor's proposed new version of an entry's details, for an officer to approve,
    change and approve, or reject with a reason. ``before`` is the entry as the editor saw
    it; ``proposed`` what they want it to say (both as services.EntryValues dicts)."""

    __tablename__ = "directory_change"
    __table_args__ = (Index("ix_directory_change_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    proposed: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")  # the editor's note to the officer
    status: Mapped[str] = mapped_column(String(20), default="pending")  # stages.ChangeStatus
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was rejected

    organisation: Mapped[Organisation] = relationship()
    proposed_by: Mapped[Any] = relationship("User", foreign_keys=[proposed_by_id])


class EntryReport(db.Model):
    """Someone telling us an entry is wrong, for an officer to look into."""

    __tablename__ = "directory_report"
    __table_args__ = (Index("ix_directory_report_resolved_created", "resolved_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    what_is_wrong: Mapped[str] = mapped_column(Text)
    # Optional: to reply to them. Never shown publicly.
    contact_email: Mapped[str] = mapped_column(String(320), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    organisation: Mapped[Organisation] = relationship()


class EditorInvitation(db.Model):
    """An officer's invitation for someone, by email, to become an editor of an entry. The
    emailed link carries a secret whose hash is kept here (engage/core/resume_links.py), so
    sending a new link stops the old one working and the database holds no working link."""

    __tablename__ = "directory_editor_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("directory_organisation.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resume_secret_hash: Mapped[str] = mapped_column(String(64), default="")
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()
