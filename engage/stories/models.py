"""Lived-experience stories: what a person told the authority, how they agreed it may be
used, the officers' handling of it (status, assignment, due date, replies, what changed),
its published, de-identified version, and the safeguarding phrases that flag a story.
Themes are core theme coding (engage/core/themes.py, codeframe stages.CODEFRAME_OWNER);
strategy priorities are tags (engage/strategy's Taggable: ``priorities``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import db, utcnow
from engage.stories import stages
from engage.strategy.api import Taggable

MAX_STORY = 10_000
MAX_BETTER = 5_000
MAX_PLACE = 200
MAX_NAME = 200
MAX_REPLY = 10_000
MAX_PHRASE = 100


class Story(Taggable, db.Model):
    """One person's story. Contact details are kept only when the person gave them; the
    three consents are separate and the person can change or withdraw them later (by their
    account, or the emailed link whose secret's hash is ``manage_secret_hash``)."""

    __tablename__ = "story"
    __table_args__ = (
        # The queue filtered by status (and "overdue", "nobody's"): counted from the index
        # alone, without reading each story (migration 0029).
        Index(
            "ix_story_status_due_on_assigned_to_id",
            "status",
            "due_on",
            "assigned_to_id",
            "withdrawn_at",
        ),
        # The public page: published stories, newest first.
        Index("ix_story_published_at", "published_at"),
        # The annual report: stories told in a year, counted by what changed from the index
        # alone, and their monitoring answers (migration 0031).
        Index("ix_story_told_at", "told_at", "withdrawn_at", "safeguarding", "change"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The reference the person is given ("LE-4K7Q2M"), to quote when they get in touch.
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    channel: Mapped[str] = mapped_column(String(20), default=stages.Channel.ONLINE)
    # Who passed it on (a support worker, an organisation, an event), when not the person.
    told_through: Mapped[str] = mapped_column(String(MAX_NAME), default="")
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    told_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # When anything about the story last changed: the reports' kept counts are counted again
    # when it moves (engage/stories/reports/counts.py). A bulk UPDATE of anything they count
    # (status, change, dates, area, channel...) must set it too.
    changed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )

    # The story, in the person's words.
    what_happened: Mapped[str] = mapped_column(Text)
    area_code: Mapped[str | None] = mapped_column(String(20))  # see stages.AREA_OTHER_LABELS
    place: Mapped[str] = mapped_column(String(MAX_PLACE), default="")  # a service or place
    when_happened: Mapped[str | None] = mapped_column(String(20))  # stages.WhenItHappened
    what_would_help: Mapped[str] = mapped_column(Text, default="")

    # Who told it: nothing when anonymous.
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(MAX_NAME), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    manage_secret_hash: Mapped[str | None] = mapped_column(String(64))

    # Consents, each on its own.
    consent_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_publish: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The person withdrew the story: kept out of every report and page, and not worked on.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Safeguarding: set by a phrase in the story (the phrases matched are in the reason) or
    # by an officer; once set, only safeguarding officers see the story.
    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding_reason: Mapped[str] = mapped_column(Text, default="")
    safeguarding_flagged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    safeguarding_flagged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    # Handling.
    status: Mapped[str] = mapped_column(String(20), default=stages.NEW)
    # Set when the story is told (stages.due_on), so never empty: the queue's order reads
    # ix_story_queue as it is, with no sort.
    due_on: Mapped[date] = mapped_column(Date)
    assigned_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    first_responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    change: Mapped[str] = mapped_column(String(20), default=stages.ChangeMarker.NOT_YET)
    # What was or will be changed, or why nothing will.
    change_description: Mapped[str] = mapped_column(Text, default="")

    # The published version: the officer's de-identified text, title and public response.
    public_title: Mapped[str] = mapped_column(String(150), default="")
    public_text: Mapped[str] = mapped_column(Text, default="")
    public_response: Mapped[str] = mapped_column(Text, default="")
    checks_ticked: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    replies: Mapped[list[StoryReply]] = relationship(
        order_by="StoryReply.sent_at",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="story",
    )


# The officers' queue, in its order: safeguarding stories first, then by due date (PostgreSQL
# puts NULLs last in an ascending index, as the queue does), so a page reads a few rows.
Index("ix_story_queue", Story.safeguarding.desc(), Story.due_on, Story.id)

# The public stories page: only the stories it may show, newest first. The condition is the
# same as services.public_stories', so both databases use the index for it.
PUBLIC = (
    Story.published_at.is_not(None),
    Story.consent_publish.is_(True),
    Story.safeguarding.is_(False),
    Story.withdrawn_at.is_(None),
)
Index(
    "ix_story_public",
    Story.published_at,
    # The change marker too: "N of M led to a change" is counted from the index alone.
    Story.change,
    sqlite_where=and_(*PUBLIC),
    postgresql_where=and_(*PUBLIC),
)
# The same, filtered by area: read from the area's stories alone (migration 0029).
Index(
    "ix_story_public_area",
    Story.area_code,
    Story.published_at,
    Story.change,
    sqlite_where=and_(*PUBLIC),
    postgresql_where=and_(*PUBLIC),
)


class StoryReply(db.Model):
    """A reply an officer emailed to the person, kept with the story."""

    __tablename__ = "story_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    sent_to: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )

    story: Mapped[Story] = relationship(back_populates="replies")


class SafeguardingPhrase(db.Model):
    """A word or phrase that, found in a story, flags it for safeguarding. Officers keep
    the list (matching ignores case and spacing)."""

    __tablename__ = "story_safeguarding_phrase"

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(MAX_PHRASE), unique=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class StoryDraft(db.Model):
    """A story being told online, kept between its pages until it is sent (then deleted).
    The person's session holds the key; the table keeps only its hash, so a copy of the
    database cannot be used to take over someone's draft. Drafts left for
    stages.DRAFT_KEPT_FOR are deleted when the next draft starts."""

    __tablename__ = "story_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
