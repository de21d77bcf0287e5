"""Recruitment to the Equality Panels: rounds, applications, anonymised reviews, interviews.

What a reviewer may see is decided in engage/recruitment/anonymise.py, not here: the
applicant's name, contact details and access needs live on ``Application`` but never reach a
reviewer's page or export. Equality monitoring answers are not here at all: they live in
``monitoring_response`` (subject_type "panel_application")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
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

from engage.core.db import TimestampMixin, db
from engage.recruitment import stages
from engage.recruitment.stages import (  # noqa: F401 - the statuses, where models are used
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    NOT_SHORTLISTED,
    OUTCOMES,
    RESERVE,
    SHORTLISTED,
    STATUS_LABELS,
    SUBMITTED,
    WITHDRAWN,
)
from engage.strategy.api import Taggable

# The 0-4 scale every criterion is scored on.
SCORE_SCALE = {
    0: "No evidence",
    1: "Limited evidence",
    2: "Some evidence",
    3: "Good evidence",
    4: "Strong evidence",
}

# Access needs and reasonable adjustments an applicant can ask for (the labels they read).
ACCESS_NEEDS = {
    "bsl": "A British Sign Language (BSL) interpreter",
    "captions": "Live captions",
    "hearing_loop": "A hearing loop",
    "step_free": "Step-free access",
    "easy_read": "Easy Read papers",
    "large_print": "Large-print papers",
    "screen_reader": "Documents that work with a screen reader",
    "support_worker": "A support worker or personal assistant to come with me",
    "expenses": "Help with travel and care costs",
    "other": "Something else",
}

# Documents a round can offer: the information pack and its accessible versions.
DOCUMENT_KINDS = {
    "information_pack": "Information pack",
    "easy_read": "Easy Read information pack",
    "large_print": "Large-print information pack",
}

round_panel = Table(
    "round_panel",
    db.metadata,
    Column("round_id", ForeignKey("recruitment_round.id", ondelete="CASCADE"), primary_key=True),
    Column("panel_id", ForeignKey("panel.id", ondelete="CASCADE"), primary_key=True, index=True),
)

round_reviewer = Table(
    "round_reviewer",
    db.metadata,
    Column("round_id", ForeignKey("recruitment_round.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)

application_local_authority = Table(
    "application_local_authority",
    db.metadata,
    Column("application_id", ForeignKey("application.id", ondelete="CASCADE"), primary_key=True),
    Column("local_authority_id", ForeignKey("local_authority.id"), primary_key=True, index=True),
)


class RecruitmentRound(Taggable, TimestampMixin, db.Model):
    __tablename__ = "recruitment_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    opens_on: Mapped[date] = mapped_column(Date, index=True)
    # Applications are accepted until the end of this day, UK time.
    closes_on: Mapped[date] = mapped_column(Date, index=True)
    places: Mapped[int] = mapped_column(Integer, default=1)
    lead_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # When the outcomes were sent to applicants; the round is finished after that.
    outcomes_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Panels and users are other packages' records: named, not imported.
    panels: Mapped[list[Any]] = relationship("Panel", secondary=round_panel, order_by="Panel.name")
    reviewers: Mapped[list[Any]] = relationship("User", secondary=round_reviewer)
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="round", order_by="Criterion.position", cascade="all, delete-orphan"
    )
    questions: Mapped[list[RoundQuestion]] = relationship(
        back_populates="round", order_by="RoundQuestion.position", cascade="all, delete-orphan"
    )
    documents: Mapped[list[RoundDocument]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )
    applications: Mapped[list[Application]] = relationship(back_populates="round")

    def is_open(self, today: date) -> bool:
        return stages.is_open(self, today)

    @property
    def closing_time(self) -> str:
        """'11:59pm on 14 March 2027': applications are accepted until the end of
        ``closes_on``, UK time. Pages and emails all say it this way."""
        return f"11:59pm on {self.closes_on.day} {self.closes_on:%B %Y}"


class Criterion(db.Model):
    """A published assessment criterion, scored 0-4 (SCORE_SCALE)."""

    __tablename__ = "round_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("recruitment_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[RecruitmentRound] = relationship(back_populates="criteria")


class RoundQuestion(db.Model):
    """A question applicants answer in their own words, with a word limit."""

    __tablename__ = "round_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("recruitment_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")
    word_limit: Mapped[int] = mapped_column(Integer, default=300)

    round: Mapped[RecruitmentRound] = relationship(back_populates="questions")


class RoundDocument(db.Model):
    """An uploaded document (the information pack, Easy Read, large print). Kept in the
    database so every instance behind the load balancer can serve it."""

    __tablename__ = "round_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("recruitment_round.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    round: Mapped[RecruitmentRound] = relationship(back_populates="documents")

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS.get(self.kind, self.kind)


class Application(TimestampMixin, db.Model):
    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("round_id", "candidate_number"),
        # The report, the queue and the decisions page all ask for one round's applications
        # at some stages.
        Index("ix_application_round_id_status", "round_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("recruitment_round.id"))
    # Shown to the applicant and on emails, e.g. "EP-7K3F-9Q2M". Never shown to reviewers.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # What reviewers call the application instead of a name: "Applicant 17".
    candidate_number: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    # A hash of the secret in the emailed "come back to your application" link.
    resume_secret_hash: Mapped[str | None] = mapped_column(String(128))

    # About you (hidden from reviewers)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # Connection to the city region: any of live, work, study, volunteer
    connections: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Availability: daytime / evening, online / in person
    availability: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Access needs and reasonable adjustments (hidden from reviewers and interviewers unless
    # the applicant agrees to share them with interviewers)
    access_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    access_needs_other: Mapped[str] = mapped_column(Text, default="")
    share_access_needs_with_interviewers: Mapped[bool] = mapped_column(default=False)
    # Which sections the applicant has finished (for the task list)
    completed_sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    declaration_accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Decisions, with reasons the applicant can read
    shortlist_reason: Mapped[str] = mapped_column(Text, default="")
    outcome_reason: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    round: Mapped[RecruitmentRound] = relationship(back_populates="applications")
    local_authorities: Mapped[list[Any]] = relationship(
        "LocalAuthority", secondary=application_local_authority, lazy="selectin"
    )
    panel_choices: Mapped[list[PanelChoice]] = relationship(
        back_populates="application",
        order_by="PanelChoice.preference",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    answers: Mapped[list[ApplicationAnswer]] = relationship(
        back_populates="application", cascade="all, delete-orphan", lazy="selectin"
    )
    reviews: Mapped[list[Review]] = relationship(
        back_populates="application", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def anonymous_name(self) -> str:
        return f"Applicant {self.candidate_number}"


class PanelChoice(db.Model):
    """A panel the applicant wants to join, in their order of preference (1 = first)."""

    __tablename__ = "application_panel_choice"
    __table_args__ = (UniqueConstraint("application_id", "panel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel.id"), index=True)
    preference: Mapped[int] = mapped_column(Integer, default=1)

    application: Mapped[Application] = relationship(back_populates="panel_choices")
    panel: Mapped[Any] = relationship("Panel", lazy="joined")


class ApplicationAnswer(db.Model):
    __tablename__ = "application_answer"
    __table_args__ = (UniqueConstraint("application_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("round_question.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="answers")
    question: Mapped[RoundQuestion] = relationship(lazy="joined")


class Review(db.Model):
    """One reviewer's independent scores for one application. Two per application; the
    lead officer's agreed scores are a ``Moderation``."""

    __tablename__ = "application_review"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    application: Mapped[Application] = relationship(back_populates="reviews")
    scores: Mapped[list[CriterionScore]] = relationship(
        back_populates="review", cascade="all, delete-orphan", lazy="selectin"
    )


class CriterionScore(db.Model):
    __tablename__ = "criterion_score"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("application_review.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("round_criterion.id", ondelete="CASCADE"), index=True
    )
    # None in a draft where the reviewer has written a comment but not chosen a score yet;
    # a submitted review has a score for every criterion.
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[Review] = relationship(back_populates="scores")


class ModeratedScore(db.Model):
    """The lead officer's agreed score for one criterion of one application."""

    __tablename__ = "moderated_score"
    __table_args__ = (UniqueConstraint("application_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("round_criterion.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    moderated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    moderated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class InterviewSlot(db.Model):
    """A time for a conversation or interview. Shortlisted applicants choose one."""

    __tablename__ = "interview_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("recruitment_round.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    minutes: Mapped[int] = mapped_column(Integer, default=45)
    where: Mapped[str] = mapped_column(String(300))  # "Online (Teams)" or a venue
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL"), unique=True
    )
