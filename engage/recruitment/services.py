"""Recruitment services shared by the applicant, officer and report parts."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from flask import abort
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from engage.core.dates import uk_today
from engage.core.db import db
from engage.recruitment.models import Application, RecruitmentRound, round_panel

# No 0/O or 1/I/L: references are read out on the phone and typed from letters.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A reference like EP-7K3F-9Q2M (unique: retried on the rare clash)."""
    while True:
        body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        reference = f"EP-{body[:4]}-{body[4:]}"
        if get_application(reference) is None:
            return reference


def next_candidate_number(round_id: int) -> int:
    highest = db.session.scalar(
        select(func.max(Application.candidate_number)).where(Application.round_id == round_id)
    )
    return (highest or 0) + 1


def get_round(round_id: int) -> RecruitmentRound | None:
    return db.session.get(RecruitmentRound, round_id)


def round_or_404(round_id: int) -> RecruitmentRound:
    """The round a page is for; a missing one is a 404."""
    return get_round(round_id) or abort(404)


def get_application(reference: str) -> Application | None:
    return db.session.scalars(select(Application).where(Application.reference == reference)).first()


def rounds_statement():  # noqa: ANN201 - a SQLAlchemy Select
    return select(RecruitmentRound).order_by(RecruitmentRound.opens_on.desc())


def open_rounds_clause(today: date) -> tuple[Any, ...]:
    """stages.is_open as SQL conditions: between the opening and closing dates, not finished."""
    return (
        RecruitmentRound.opens_on <= today,
        RecruitmentRound.closes_on >= today,
        RecruitmentRound.outcomes_sent_at.is_(None),
    )


def open_rounds_statement(today: date | None = None) -> Select:
    """Rounds taking applications, closing soonest first."""
    return (
        select(RecruitmentRound)
        .where(*open_rounds_clause(today or uk_today()))
        .order_by(RecruitmentRound.closes_on, RecruitmentRound.id)
    )


def open_rounds(today: date | None = None) -> list[RecruitmentRound]:
    statement = open_rounds_statement(today).options(selectinload(RecruitmentRound.panels))
    return list(db.session.scalars(statement))


def latest_lead_officer_id(panel_id: int) -> int | None:
    """The lead officer of the latest round that recruited to this panel (the member of staff
    panel members can contact), or None."""
    return db.session.scalar(
        select(RecruitmentRound.lead_officer_id)
        .join(round_panel, round_panel.c.round_id == RecruitmentRound.id)
        .where(round_panel.c.panel_id == panel_id, RecruitmentRound.lead_officer_id.is_not(None))
        .order_by(RecruitmentRound.opens_on.desc(), RecruitmentRound.id.desc())
        .limit(1)
    )
