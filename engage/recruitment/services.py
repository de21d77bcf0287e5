"""Recruitment services shared by the applicant, officer and report parts."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import func, select
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


def get_application(reference: str) -> Application | None:
    return db.session.scalars(select(Application).where(Application.reference == reference)).first()


def rounds_statement():  # noqa: ANN201 - a SQLAlchemy Select
    return select(RecruitmentRound).order_by(RecruitmentRound.opens_on.desc())


def open_rounds(today: date | None = None) -> list[RecruitmentRound]:
    today = today or uk_today()
    return list(
        db.session.scalars(
            select(RecruitmentRound)
            .where(RecruitmentRound.opens_on <= today, RecruitmentRound.closes_on >= today)
            .options(selectinload(RecruitmentRound.panels))
            .order_by(RecruitmentRound.closes_on)
        )
    )


def round_status(round_: RecruitmentRound, today: date | None = None) -> str:
    """In words, for officers and the public: not open yet, open, closed or finished."""
    today = today or uk_today()
    if round_.outcomes_sent_at is not None:
        return "Finished"
    if today < round_.opens_on:
        return "Not open yet"
    if today <= round_.closes_on:
        return "Open for applications"
    return "Closed: applications being considered"


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
