"""Consultations: a consultation's details, its question pages in order, the questions on
each page, the routes from a page's answer to a later page, and the responses with their
answers. Areas and strategy priorities are tags (engage/strategy's Taggable:
``local_authorities`` and ``priorities``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.consultations import stages
from engage.core.db import TimestampMixin, db, utcnow
from engage.strategy.api import Taggable


class Consultation(Taggable, TimestampMixin, db.Model):
    __tablename__ = "consultation"
    __table_args__ = (
        # The officers' list, newest first.
        Index("ix_consultation_created_at_id", "created_at", "id"),
        Index("ix_consultation_status_closes_on", "status", "closes_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    # What is being decided, and who decides it (a person, board or committee, in words).
    deciding: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(Text, default="")
    # Needed before it opens (stages.opening_problems), not while it is a draft.
    opens_on: Mapped[date | None] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=stages.DRAFT)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    pages: Mapped[list[QuestionPage]] = relationship(
        back_populates="consultation",
        order_by="QuestionPage.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    created_by: Mapped[Any] = relationship("User", foreign_keys=[created_by_id])

    @property
    def status_label(self) -> str:
        return stages.status_label(self.status)


class QuestionPage(db.Model):
    """One page of questions, answered together; residents see them in ``position`` order
    unless a route sends them further on."""

    __tablename__ = "consultation_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(String(200), default="")

    consultation: Mapped[Consultation] = relationship(back_populates="pages")
    questions: Mapped[list[Question]] = relationship(
        back_populates="page",
        order_by="Question.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    routes: Mapped[list[PageRoute]] = relationship(
        foreign_keys="PageRoute.page_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PageRoute.id",
    )


class Question(db.Model):
    __tablename__ = "consultation_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_page.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # stages.QuestionKind
    text: Mapped[str] = mapped_column(String(500))
    hint: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # The choices (stages.WITH_OPTIONS; a matrix's scale), and a matrix's rows.
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    allows_other: Mapped[bool] = mapped_column(Boolean, default=False)
    matrix_rows: Mapped[list[str]] = mapped_column(JSON, default=list)

    page: Mapped[QuestionPage] = relationship(back_populates="questions")

    @property
    def kind_label(self) -> str:
        return stages.KIND_LABELS.get(self.kind, self.kind)  # type: ignore[call-overload]

    @property
    def choices(self) -> list[str]:
        """What a resident chooses from (an agreement question's fixed scale)."""
        if self.kind == stages.QuestionKind.AGREEMENT:
            return list(stages.AGREEMENT_SCALE)
        return list(self.options or [])


class PageRoute(db.Model):
    """If the answer to ``question`` (a single choice on ``page``) is ``answer``, go to
    ``goes_to_page`` next, or to the end when it is None."""

    __tablename__ = "consultation_route"
    __table_args__ = (UniqueConstraint("question_id", "answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_page.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE")
    )
    answer: Mapped[str] = mapped_column(String(200))
    # Deleting the page a route goes to deletes the route (it never becomes "the end").
    goes_to_page_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_page.id", ondelete="CASCADE"), index=True
    )

    question: Mapped[Question] = relationship()
    goes_to_page: Mapped[QuestionPage | None] = relationship(foreign_keys=[goes_to_page_id])


class ConsultationResponse(db.Model):
    """One person's response, online or entered by an officer from paper, a phone call or
    an event. Its answers lock the questions once it is submitted."""

    __tablename__ = "consultation_response"
    __table_args__ = (
        # Counting each consultation's submitted responses (the officers' list, the lock),
        # and the latest sent, read from the index's end (the results' kept counts).
        Index(
            "ix_consultation_response_consultation_id_status",
            "consultation_id",
            "status",
            "submitted_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(20), default=stages.Channel.ONLINE)
    status: Mapped[str] = mapped_column(String(20), default=stages.ResponseStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Answering (engage/consultations/answering.py). A signed-in resident's draft is kept on
    # their account; anyone else may give an email address, for an emailed link to come back
    # (only the newest link works: resume_secret_hash) and/or to be told of the results.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), default="")
    wants_outcome: Mapped[bool] = mapped_column(Boolean, default=False)
    resume_secret_hash: Mapped[str | None] = mapped_column(String(64))
    # "Which area do you live in?": a local authority's code, or stages.AREA_ELSEWHERE /
    # stages.AREA_PREFER_NOT_TO_SAY; None when not answered.
    area_code: Mapped[str | None] = mapped_column(String(20))
    # The pages the person has been through with "Continue" (ids), so coming back finds the
    # first page they have not yet seen, even one of optional questions left blank.
    pages_done: Mapped[list[int]] = mapped_column(JSON, default=list)
    # When the person passed the optional "about you" step (area and equality monitoring).
    about_you_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The officer who typed in a paper, phone or event response.
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )


class Answer(db.Model):
    """One question's answer in a response: text, a list of choices, or a grid's choices by
    row, as JSON."""

    __tablename__ = "consultation_answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_response.id", ondelete="CASCADE")
    )
    # A question a submitted response answered is never deleted (the lock refuses it); the
    # answers of responses not yet sent go with it.
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[Any] = mapped_column(JSON)


class AnswerFile(db.Model):
    """A file a resident uploaded to answer a file question. The answer names it by ``key``
    (``{"file": {"name", "key", "size"}}``); it goes with its response."""

    __tablename__ = "consultation_answer_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FormatRequest(db.Model):
    """Someone asking for a consultation in another format or language, or for support to
    take part: a reasonable adjustment for its officer to arrange."""

    __tablename__ = "consultation_format_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(Text)  # how to reach them, in their words
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)  # stages.FORMAT_NEEDS
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    @property
    def needs_labels(self) -> list[str]:
        return [stages.FORMAT_NEEDS.get(code, code) for code in self.needs or []]
