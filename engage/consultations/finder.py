"""The public list of consultations: those taking answers first (closing soonest first), then
those opening later, then closed ones (the most recently closed first), filtered by area and
by Equality Strategy objective. Drafts are never public."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, case, select
from sqlalchemy.orm import selectinload

from engage.consultations import stages
from engage.consultations.models import Consultation
from engage.core.db import db
from engage.strategy.api import filter_by_tags

TAKING, OPENING_LATER, CLOSED = 0, 1, 2


def public_statement(today: date, *, area: str = "", objective: str = "") -> Select:
    taking = and_(
        Consultation.status == stages.OPEN,
        Consultation.opens_on <= today,
        Consultation.closes_on >= today,
    )
    later = and_(Consultation.status == stages.OPEN, Consultation.opens_on > today)
    group = case((taking, TAKING), (later, OPENING_LATER), else_=CLOSED)
    statement = (
        select(Consultation)
        .where(Consultation.status.in_((stages.OPEN, stages.CLOSED)))
        .options(selectinload(Consultation.local_authorities))
        .order_by(
            group,
            case((taking, Consultation.closes_on), else_=None),
            case((later, Consultation.opens_on), else_=None),
            Consultation.closes_on.desc(),
            Consultation.id.desc(),
        )
    )
    return filter_by_tags(
        statement, Consultation, objective=objective or None, local_authority=area or None
    )


def public_consultation(consultation_id: int) -> Consultation | None:
    """A consultation the public may see: open (taking answers or not yet) or closed."""
    found = db.session.get(Consultation, consultation_id)
    if found is None or found.status not in (stages.OPEN, stages.CLOSED):
        return None
    return found


def state_of(consultation: Consultation, today: date) -> int:
    if stages.takes_answers(consultation, today):
        return TAKING
    if (
        consultation.status == stages.OPEN
        and consultation.opens_on is not None
        and consultation.opens_on > today
    ):
        return OPENING_LATER
    return CLOSED
