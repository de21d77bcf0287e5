"""Consultations: creating and changing one's details, the officers' list, the route check,
opening and closing. Pages, questions and routes are in builder_services.py. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from engage.consultations import stages
from engage.consultations.models import Consultation, ConsultationResponse, QuestionPage
from engage.consultations.routing import Route, RoutedQuestion, problems
from engage.consultations.stages import ConsultationRefused
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.reference.api import LocalAuthority
from engage.strategy.api import set_tags


@dataclass(frozen=True)
class ConsultationDetails:
    title: str
    summary: str
    deciding: str
    decided_by: str
    audience: str
    opens_on: date | None
    closes_on: date | None
    area_codes: list[str]
    priority_ids: list[int]


def get_consultation(consultation_id: int) -> Consultation | None:
    return db.session.get(Consultation, consultation_id)


def _apply(consultation: Consultation, details: ConsultationDetails) -> None:
    for name in ("title", "summary", "deciding", "decided_by", "audience", "opens_on",
                 "closes_on"):  # fmt: skip
        setattr(consultation, name, getattr(details, name))
    area_ids = list(
        db.session.scalars(
            select(LocalAuthority.id).where(LocalAuthority.code.in_(details.area_codes))
        )
    ) if details.area_codes else []  # fmt: skip
    set_tags(consultation, details.priority_ids, area_ids)


def create_consultation(details: ConsultationDetails, officer: Any) -> Consultation:
    """A draft, with one empty page to put questions on."""
    consultation = Consultation(created_by_id=officer.id, status=stages.DRAFT)
    _apply(consultation, details)
    consultation.pages = [QuestionPage(position=1)]
    db.session.add(consultation)
    db.session.flush()
    record_event("consultation_created", object_type="consultation", object_id=consultation.id)
    return consultation


def update_consultation(consultation: Consultation, details: ConsultationDetails) -> None:
    if not stages.can_edit_details(consultation):
        raise ConsultationRefused(stages.CLOSED_NOT_CHANGED)
    _apply(consultation, details)
    record_event("consultation_changed", object_type="consultation", object_id=consultation.id)


# The officers' list ---------------------------------------------------------------------------


def officer_statement(status: str = "") -> Select:
    """Every consultation (or those with ``status``), the newest first, with its number of
    submitted responses counted in SQL (rows, for a list page)."""
    submitted = (
        select(ConsultationResponse.consultation_id, func.count().label("responses"))
        .where(ConsultationResponse.status == stages.ResponseStatus.SUBMITTED)
        .group_by(ConsultationResponse.consultation_id)
        .subquery()
    )
    statement = (
        select(
            Consultation.id,
            Consultation.title,
            Consultation.status,
            Consultation.opens_on,
            Consultation.closes_on,
            func.coalesce(submitted.c.responses, 0).label("responses"),
        )
        .outerjoin(submitted, submitted.c.consultation_id == Consultation.id)
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    )
    if status in set(stages.ConsultationStatus):
        statement = statement.where(Consultation.status == status)
    return statement


def sent_responses_of_each() -> Any:
    """A scalar subquery: how many sent responses the consultation of the enclosing query has
    (for the tracker and the annual report, which list consultations with their counts)."""
    return (
        select(func.count(ConsultationResponse.id))
        .where(
            ConsultationResponse.consultation_id == Consultation.id,
            ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
        )
        .correlate(Consultation)
        .scalar_subquery()
    )


def submitted_responses(consultation_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(ConsultationResponse.id)).where(
                ConsultationResponse.consultation_id == consultation_id,
                ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
            )
        )
        or 0
    )


def questions_problem(consultation: Consultation) -> str | None:
    """Why its pages, questions and routes cannot change now (None: they can)."""
    return stages.questions_problem(consultation, submitted_responses(consultation.id))


# The route check ------------------------------------------------------------------------------


def route_problems(consultation: Consultation) -> list[str]:
    """What is wrong with the pages' routes (unreachable pages, loops, routes to an answer the
    question no longer offers...), in words naming each page by its number (routing.py)."""
    pages = list(consultation.pages)
    routed = [
        RoutedQuestion(
            id=question.id,
            page_id=page.id,
            options=tuple(question.options or ()),
            required=question.required,
            allows_other=question.allows_other,
        )
        for page in pages
        for question in page.questions
        if question.kind == stages.ROUTABLE
    ]
    routes = [
        Route(
            page_id=route.page_id,
            question_id=route.question_id,
            answer=route.answer,
            goes_to=route.goes_to_page_id,
        )
        for page in pages
        for route in page.routes
    ]
    return [found.message for found in problems([page.id for page in pages], routed, routes)]


def question_counts(consultation: Consultation) -> list[int]:
    return [len(page.questions) for page in consultation.pages]


def check_routes_still_work(consultation: Consultation) -> None:
    """After a change to an open consultation's pages: refuse it when it broke the routes
    (the route check passed when it opened, and must go on passing)."""
    if consultation.status != stages.OPEN:
        return
    db.session.flush()
    db.session.expire(consultation, ["pages"])
    found = route_problems(consultation)
    if not sum(question_counts(consultation)):
        found.append(stages.NO_QUESTIONS)
    if found:
        raise ConsultationRefused(stages.BROKEN_ROUTES.format(problems="; ".join(found)))


# Opening and closing --------------------------------------------------------------------------


def opening_problems(consultation: Consultation, today: date) -> list[str]:
    return stages.opening_problems(
        consultation, today, question_counts(consultation), route_problems(consultation)
    )


def open_consultation(consultation: Consultation, today: date) -> None:
    found = opening_problems(consultation, today)
    if found:
        raise ConsultationRefused("; ".join(found))
    consultation.status, consultation.opened_at = stages.OPEN, utcnow()
    record_event("consultation_opened", object_type="consultation", object_id=consultation.id)


def close_consultation(consultation: Consultation) -> None:
    if not stages.can_close(consultation):
        raise ConsultationRefused(stages.NOT_OPEN)
    consultation.status, consultation.closed_at = stages.CLOSED, utcnow()
    record_event("consultation_closed", object_type="consultation", object_id=consultation.id)


def route_count(consultation: Consultation) -> int:
    return sum(len(page.routes) for page in consultation.pages)
