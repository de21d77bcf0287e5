"""Interview times for shortlisted applicants: the lead officer adds and removes slots, the
applicant books (or moves to) a free one, and the schedule and interviewers' pack show who
comes when, with access needs (audited; the pack shows them only if the applicant agreed).

The rules' errors are in stages.py. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload, load_only, selectinload

from engage.core.audit import record_event
from engage.core.dates import UK
from engage.core.db import as_utc, db, utcnow
from engage.core.pagination import Page, paginate
from engage.core.templating import format_datetime
from engage.core.urls import external_url
from engage.recruitment import stages
from engage.recruitment.emails import email_applicant
from engage.recruitment.models import (
    ACCESS_NEEDS,
    Application,
    InterviewSlot,
    RecruitmentRound,
)
from engage.recruitment.stages import DecisionRefused


class SlotTaken(DecisionRefused):
    pass


SLOT_TAKEN = "Someone else has just booked that time. Choose another time"


def slot_start(day: date, start: Any) -> datetime:
    """A UK wall-clock date and time as an aware datetime."""
    return datetime.combine(day, start, tzinfo=UK)


def add_slot(round_: RecruitmentRound, *, starts_at: datetime, minutes: int, where: str) -> Any:
    if stages.is_finished(round_):
        raise DecisionRefused("This round is finished, so no more interviews can be added")
    if starts_at <= utcnow():
        raise DecisionRefused("The interview must be in the future")
    slot = InterviewSlot(round_id=round_.id, starts_at=starts_at, minutes=minutes, where=where)
    db.session.add(slot)
    db.session.flush()
    record_event("interview_slot_added", object_type="interview_slot", object_id=slot.id)
    return slot


def get_slot(round_id: int, slot_id: int) -> InterviewSlot | None:
    slot = db.session.get(InterviewSlot, slot_id)
    return slot if slot is not None and slot.round_id == round_id else None


def remove_slot(slot: InterviewSlot) -> None:
    if slot.application_id is not None:
        raise DecisionRefused("Someone has booked this time. It cannot be removed")
    record_event("interview_slot_removed", object_type="interview_slot", object_id=slot.id)
    db.session.delete(slot)


def slot_label(slot: InterviewSlot | Row[Any]) -> str:
    start = as_utc(slot.starts_at)
    end = (start + timedelta(minutes=slot.minutes)).astimezone(UK)
    hour = end.strftime("%I").lstrip("0")
    finish = f"{hour}:{end:%M}{end:%p}".lower()
    return f"{start.astimezone(UK):%A} {format_datetime(start)} to {finish}, {slot.where}"


def slots_statement(round_id: int) -> Select:
    return (
        select(InterviewSlot)
        .where(InterviewSlot.round_id == round_id)
        .order_by(InterviewSlot.starts_at, InterviewSlot.id)
    )


@dataclass
class ScheduleRow:
    slot: Row[Any]  # the time's id, starts_at, minutes, where and application_id
    label: str
    application: Application | None


def schedule_page(round_id: int, *, with_answers: bool = False) -> tuple[Page, list[ScheduleRow]]:
    """A page of slots with who booked each: the schedule reads only the columns it shows
    (two queries); ``with_answers`` (the interviewers' pack) adds the answers and panels
    chosen, one query each."""
    # The times as rows, not objects: the page shows a few fields of each.
    page = paginate(
        slots_statement(round_id).with_only_columns(
            InterviewSlot.id,
            InterviewSlot.starts_at,
            InterviewSlot.minutes,
            InterviewSlot.where,
            InterviewSlot.application_id,
        )
    )
    ids = [s.application_id for s in page.items if s.application_id]
    shown = (
        Application.id,
        Application.round_id,
        Application.candidate_number,
        Application.full_name,
        Application.access_needs,
        Application.access_needs_other,
        Application.share_access_needs_with_interviewers,
    )
    options = (
        [selectinload(Application.answers), selectinload(Application.panel_choices)]
        if with_answers
        else [load_only(*shown), lazyload("*")]
    )
    applications = (
        {
            a.id: a
            for a in db.session.scalars(
                select(Application).where(Application.id.in_(ids)).options(*options)
            )
        }
        if ids
        else {}
    )
    rows = [ScheduleRow(s, slot_label(s), applications.get(s.application_id)) for s in page.items]
    return page, rows


def access_needs(application: Application) -> list[str]:
    """The applicant's access needs in words, with what they wrote under "something else"."""
    labels = ACCESS_NEEDS
    codes = list(application.access_needs or [])
    needs = [labels.get(code, str(code)) for code in codes if code != "other"]
    other = (application.access_needs_other or "").strip()
    if other:
        needs.append(other)
    elif "other" in codes:
        needs.append(labels["other"])
    return needs


def record_access_needs_viewed(round_id: int, rows: list[ScheduleRow], *, pack: bool) -> None:
    """Access needs can reveal a disability: every staff view of them is audited."""
    shown = [
        r.application.id
        for r in rows
        if r.application is not None
        and access_needs(r.application)
        and (not pack or r.application.share_access_needs_with_interviewers)
    ]
    if shown:
        record_event(
            "access_needs_viewed",
            object_type="recruitment_round",
            object_id=round_id,
            applications=shown,
            page="interview pack" if pack else "interview schedule",
        )


def free_slots(round_id: int, now: datetime | None = None) -> list[InterviewSlot]:
    now = now or utcnow()
    return list(
        db.session.scalars(
            slots_statement(round_id).where(
                InterviewSlot.application_id.is_(None), InterviewSlot.starts_at > now
            )
        )
    )


def count_free_slots(round_id: int, now: datetime | None = None) -> int:
    """How many times are still free to book, counted by the database."""
    return db.session.scalar(
        select(func.count(InterviewSlot.id)).where(
            InterviewSlot.round_id == round_id,
            InterviewSlot.application_id.is_(None),
            InterviewSlot.starts_at > (now or utcnow()),
        )
    )


def booked_slot(application: Application) -> InterviewSlot | None:
    return db.session.scalars(
        select(InterviewSlot).where(InterviewSlot.application_id == application.id)
    ).first()


def can_choose_slot(application: Application) -> bool:
    """Shortlisted, no outcome yet, and any time already booked has not passed."""
    if not stages.can_choose_slot(application):
        return False
    current = booked_slot(application)
    return current is None or as_utc(current.starts_at) > utcnow()


def book_slot(
    application: Application, slot_id: Any, *, share_access_needs: bool | None = None
) -> InterviewSlot:
    """Book a free slot (or move to one). A slot is taken at most once: the update only
    succeeds while the slot is still free, so of two people pressing at the same moment one
    gets it and the other is told to choose again."""
    if not can_choose_slot(application):
        raise DecisionRefused("You cannot choose an interview time for this application now")
    try:
        wanted = int(slot_id)
    except (TypeError, ValueError):
        raise DecisionRefused("Choose a time from the list") from None
    slot = get_slot(application.round_id, wanted)
    if slot is None or as_utc(slot.starts_at) <= utcnow():
        raise DecisionRefused("Choose a time from the list")
    current = booked_slot(application)
    if current is not None and current.id == slot.id:
        moved_from = None
    else:
        moved_from = current.id if current is not None else None
        if current is not None:
            current.application_id = None
            db.session.flush()  # free it first: an application holds one slot (unique)
        try:
            taken = db.session.execute(
                update(InterviewSlot)
                .where(InterviewSlot.id == slot.id, InterviewSlot.application_id.is_(None))
                .values(application_id=application.id)
                .execution_options(synchronize_session=False)
            )
        except IntegrityError:  # the same applicant booking two times at once
            raise SlotTaken(SLOT_TAKEN) from None
        if taken.rowcount != 1:
            raise SlotTaken(SLOT_TAKEN)
        db.session.refresh(slot)
    if share_access_needs is not None:
        application.share_access_needs_with_interviewers = share_access_needs
    record_event(
        "interview_slot_booked",
        object_type="interview_slot",
        object_id=slot.id,
        application_id=application.id,
        moved_from=moved_from,
    )
    email_applicant(
        application,
        "interview-booked",
        "Your interview time for an Equality Panel",
        slot_text=slot_label(slot),
        change_url=external_url("recruitment.apply.choose_slot", reference=application.reference),
    )
    return slot
