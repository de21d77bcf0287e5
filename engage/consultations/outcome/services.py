"""Writing, publishing and reading a consultation's "we asked, you said, we did". Counts of
people go through disclosure control: a theme raised by fewer than 10 people says so rather
than a number, and the table of who answered suppresses small cells. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from engage.consultations import stages
from engage.consultations.coding import services as coding
from engage.consultations.models import Answer as ConsultationAnswer
from engage.consultations.models import Consultation, ConsultationResponse
from engage.consultations.outcome.models import ConsultationOutcome, ThemeOutcome
from engage.core import themes
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.core.you_said_we_did import Point
from engage.monitoring.api import THRESHOLD, PublishedTable, publish_table


@dataclass(frozen=True)
class ThemeRow:
    theme: themes.Theme
    people: int  # sent responses with an answer coded to it
    response: ThemeOutcome | None

    @property
    def people_words(self) -> str:
        return people_words(self.people)


def people_words(count: int) -> str:
    """How many people, through disclosure control."""
    if count < THRESHOLD:
        return f"fewer than {THRESHOLD} people"
    return f"{count:,} people"


def get_outcome(consultation_id: int) -> ConsultationOutcome | None:
    return db.session.scalars(
        select(ConsultationOutcome).where(ConsultationOutcome.consultation_id == consultation_id)
    ).first()


def outcome_for(consultation: Consultation) -> ConsultationOutcome:
    found = get_outcome(consultation.id)
    if found is None:
        found = ConsultationOutcome(consultation_id=consultation.id)
        db.session.add(found)
        db.session.flush()
    return found


def _people_by_theme(consultation_id: int, codeframe: themes.Codeframe) -> dict[int, int]:
    """Sent responses with any answer coded to each theme, counted by the database (a person
    who raised a theme in two answers counts once)."""
    rows = db.session.execute(
        select(themes.ThemeCode.theme_id, func.count(distinct(ConsultationAnswer.response_id)))
        .join(ConsultationAnswer, ConsultationAnswer.id == themes.ThemeCode.item_id)
        .join(ConsultationResponse, ConsultationResponse.id == ConsultationAnswer.response_id)
        .join(themes.Theme, themes.Theme.id == themes.ThemeCode.theme_id)
        .where(
            themes.ThemeCode.item_type == coding.ITEM,
            themes.Theme.codeframe_id == codeframe.id,
            ConsultationResponse.consultation_id == consultation_id,
            ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
        )
        .group_by(themes.ThemeCode.theme_id)
    )
    return {theme_id: people for theme_id, people in rows}


def theme_rows(consultation_id: int, outcome: ConsultationOutcome | None) -> list[ThemeRow]:
    """The consultation's themes, those raised by the most people first (three queries)."""
    codeframe = coding.codeframe(consultation_id)
    if codeframe is None:
        return []
    people = _people_by_theme(consultation_id, codeframe)
    responses = {}
    if outcome is not None:
        responses = {
            r.theme_id: r
            for r in db.session.scalars(
                select(ThemeOutcome).where(ThemeOutcome.outcome_id == outcome.id)
            )
        }
    rows = [ThemeRow(t, people.get(t.id, 0), responses.get(t.id)) for t in codeframe.themes]
    return sorted(rows, key=lambda row: (-row.people, row.theme.position, row.theme.id))


def get_theme(consultation_id: int, theme_id: int) -> themes.Theme | None:
    return themes.get_theme(coding.codeframe(consultation_id), theme_id)


def save_summary(
    outcome: ConsultationOutcome, *, what_we_asked: str, decision: str, changes: str
) -> None:
    outcome.what_we_asked, outcome.decision, outcome.changes = what_we_asked, decision, changes
    outcome.updated_at = utcnow()
    record_event(
        "consultation_outcome_saved", object_type="consultation",
        object_id=outcome.consultation_id,
    )  # fmt: skip


def save_theme_outcome(
    outcome: ConsultationOutcome, theme: themes.Theme, *, result: str, we_did: str
) -> None:
    found = db.session.scalars(
        select(ThemeOutcome).where(
            ThemeOutcome.outcome_id == outcome.id, ThemeOutcome.theme_id == theme.id
        )
    ).first()
    if found is None:
        found = ThemeOutcome(outcome_id=outcome.id, theme_id=theme.id)
        db.session.add(found)
    found.result, found.we_did = result, we_did
    outcome.updated_at = utcnow()
    record_event(
        "consultation_theme_outcome_saved", object_type="consultation",
        object_id=outcome.consultation_id, theme=theme.label,
    )  # fmt: skip


def publish_problems(
    consultation: Consultation, outcome: ConsultationOutcome | None, rows: list[ThemeRow]
) -> list[str]:
    missing = [
        row.theme.label for row in rows if row.people and row.response is None
    ]  # fmt: skip
    return stages.outcome_problems(consultation, outcome, missing)


def to_tell(consultation_id: int) -> list[str]:
    """Everyone who sent a response and asked to be told, once each."""
    return list(
        db.session.scalars(
            select(ConsultationResponse.email)
            .distinct()
            .where(
                ConsultationResponse.consultation_id == consultation_id,
                ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
                ConsultationResponse.wants_outcome.is_(True),
                ConsultationResponse.email != "",
            )
            .order_by(ConsultationResponse.email)
        )
    )


def publish(consultation: Consultation, outcome: ConsultationOutcome, by: object) -> int:
    """Publish it and email everyone who asked to be told (only the first time: later
    corrections are published without emailing again). Returns how many were emailed."""
    first_time = outcome.published_at is None
    if first_time:
        outcome.published_at = utcnow()
    outcome.published_by_id = getattr(by, "id", None)
    told = 0
    if first_time:
        link = external_url("consultations.outcome_public.show", consultation_id=consultation.id)
        for address in to_tell(consultation.id):
            # None: the person turned these emails off in their account.
            message = queue_email(
                address, "consultation-outcome-published",
                f"What we did after you told us: {consultation.title}",
                consultation=consultation, link=link,
            )  # fmt: skip
            told += message is not None
    record_event(
        "consultation_outcome_published", object_type="consultation", object_id=consultation.id,
        emailed=told,
    )  # fmt: skip
    return told


def who_answered(consultation_id: int) -> PublishedTable:
    """Sent responses by how they came in, through disclosure control."""
    counted = {
        channel: count
        for channel, count in db.session.execute(
            select(ConsultationResponse.channel, func.count())
            .where(
                ConsultationResponse.consultation_id == consultation_id,
                ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
            )
            .group_by(ConsultationResponse.channel)
        )
    }
    return publish_table({channel: counted.get(channel, 0) for channel in stages.Channel})


def points(rows: list[ThemeRow]) -> list[Point]:
    """The themes people raised as "you said, we did" points (engage/core/you_said_we_did.py),
    shown the same way as every feature's."""
    return [
        Point(
            where=row.theme.label,
            said=row.theme.description or row.theme.label,
            who=f"raised by {row.people_words}",
            outcome=row.response.result_label if row.response else "No response yet",
            did=row.response.we_did if row.response else "",
        )
        for row in rows
        if row.people
    ]
