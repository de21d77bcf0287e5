"""What recruitment holds about a person, for their data download: their panel applications
(sent or not) with their answers, choices, access needs, the decisions and reasons given,
their interview time, the agreed score on each criterion, and their own equality monitoring
answers.

Left out on purpose: who reviewed or moderated the application, and each reviewer's own
scores and comments (other people's words and names; the person may ask the Data Protection
Officer for them, who can redact them). Staff-only fields such as the candidate number and
the link secret's hash are not the person's information about themselves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import selectinload

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.monitoring.api import monitoring_records
from engage.recruitment.apply.services import AVAILABILITY, CONNECTIONS, MONITORING_SUBJECT
from engage.recruitment.models import (
    ACCESS_NEEDS,
    Application,
    Criterion,
    InterviewSlot,
    ModeratedScore,
)


def _reference(text: str) -> str:
    return text.strip().upper()


def _whose(subject: DataSubject) -> Any:
    """The condition naming this person's applications."""
    if subject.by_reference:
        return Application.reference == _reference(subject.reference or "")
    conditions = []
    if subject.user_id is not None:
        conditions.append(Application.user_id == subject.user_id)
    if subject.email:
        conditions.append(func.lower(Application.email) == subject.email.strip().lower())
    return or_(*conditions) if conditions else false()


def email_for_reference(reference: str) -> str | None:
    """The email address on the application with this reference, if any: where a link to
    download it may be sent."""
    return (
        db.session.scalar(
            select(Application.email).where(Application.reference == _reference(reference))
        )
        or None
    )


def _labels(codes: list[str] | None, labels: dict[str, str]) -> list[str]:
    return [labels.get(code, code) for code in codes or []]


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """Seven queries whatever the number of applications."""
    applications = db.session.scalars(
        select(Application)
        .where(_whose(subject))
        .options(selectinload(Application.round))
        .order_by(Application.created_at, Application.id)
    ).all()
    if not applications:
        return []
    ids = [application.id for application in applications]
    slots = {
        slot.application_id: slot
        for slot in db.session.scalars(
            select(InterviewSlot).where(InterviewSlot.application_id.in_(ids))
        )
    }
    scores: dict[int, list[tuple[str, Any]]] = {}
    for score, title in db.session.execute(
        select(ModeratedScore, Criterion.title)
        .join(Criterion, Criterion.id == ModeratedScore.criterion_id)
        .where(ModeratedScore.application_id.in_(ids))
        .order_by(ModeratedScore.application_id, Criterion.position)
    ):
        scores.setdefault(score.application_id, []).append((f"Agreed score: {title}", score.score))
    records = []
    for application in applications:
        slot = slots.get(application.id)
        answers = sorted(application.answers, key=lambda answer: answer.question.position)
        records.append(
            record(
                f"Application {application.reference}: {application.round.title}",
                ("Reference", application.reference),
                ("Recruitment round", application.round.title),
                ("Status", application.status_label),
                ("Started", application.created_at),
                (
                    "Panels chosen, first choice first",
                    [c.panel.name for c in application.panel_choices],
                ),
                ("Full name", application.full_name),
                ("Email address", application.email),
                ("Phone number", application.phone),
                ("Connection to the city region", _labels(application.connections, CONNECTIONS)),
                ("Areas", [authority.name for authority in application.local_authorities]),
                ("Availability", _labels(application.availability, AVAILABILITY)),
                ("Access needs", _labels(application.access_needs, ACCESS_NEEDS)),
                ("Access needs, in your words", application.access_needs_other),
                (
                    "Share access needs with interviewers",
                    application.share_access_needs_with_interviewers,
                ),
                *((answer.question.text, answer.text) for answer in answers),
                ("Declaration accepted", application.declaration_accepted_at),
                ("Sent", application.submitted_at),
                ("Withdrawn", application.withdrawn_at),
                ("Reason for the shortlisting decision", application.shortlist_reason),
                ("Reason for the outcome", application.outcome_reason),
                ("Feedback", application.feedback),
                ("Decided", application.decided_at),
                ("Interview", slot.starts_at if slot else None),
                ("Interview place", slot.where if slot else None),
                *scores.get(application.id, []),
            )
        )
    titles = {str(a.id): f"Equality monitoring answers for {a.reference}" for a in applications}
    return sections(
        section("Panel applications", records),
        section(
            "Your equality monitoring answers (applications)",
            monitoring_records(MONITORING_SUBJECT, ids, titles),
        ),
    )
