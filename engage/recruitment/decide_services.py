"""Shortlisting, interviews, outcomes and appointment: the rules for the lead officer.

Decisions are not anonymous (scoring is): the lead sees names here. Equality monitoring
answers are never read by this module. Access needs go to the organiser (the lead officer's
schedule) and reach the interviewers' pack only if the applicant agreed. Each decision is
audited. Shortlisting is emailed at once; outcomes are emailed to everyone together when the
lead sends them (the applicant's status page shows them only then, see
apply_services.outcome_visible), and appointments are recorded after that. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload, selectinload

from engage.accounts.services import external_url, find_user_by_email
from engage.core.audit import record_event
from engage.core.db import as_utc, db, utcnow
from engage.core.email import queue_email
from engage.core.pagination import Page, paginate
from engage.core.templating import UK, format_datetime
from engage.panels import services as panel_services
from engage.panels.models import PanelMembership
from engage.recruitment import apply_services, review_services
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_SHORTLISTED,
    OUTCOMES,
    SHORTLISTED,
    SUBMITTED,
    WITHDRAWN,
    Application,
    Criterion,
    InterviewSlot,
    ModeratedScore,
    RecruitmentRound,
)
from engage.recruitment.services import uk_today


class DecisionRefused(Exception):
    """A decision the rules do not allow now; the message says why."""


class SlotTaken(DecisionRefused):
    pass


SLOT_TAKEN = "Someone else has just booked that time. Choose another time"


# The round and its ranked applications ------------------------------------------------------


def get_candidate(round_id: int, candidate_number: int) -> Application | None:
    """A sent application in this round (drafts are not the lead's to see)."""
    return db.session.scalars(
        select(Application).where(
            Application.round_id == round_id,
            Application.candidate_number == candidate_number,
            Application.status != DRAFT,
        )
    ).first()


def _criteria_count(round_id: int) -> int:
    return db.session.scalar(select(func.count(Criterion.id)).where(Criterion.round_id == round_id))


def ranking_statement(round_id: int) -> Select:
    """Sent applications still in the running (not withdrawn), fully moderated ones first by
    moderated total (highest first), then by candidate number, as review_services ranks them,
    but as one query a page can be cut from."""
    criteria = _criteria_count(round_id)
    total = (
        select(func.sum(ModeratedScore.score))
        .where(ModeratedScore.application_id == Application.id)
        .scalar_subquery()
    )
    moderated = (
        select(func.count(ModeratedScore.id))
        .where(ModeratedScore.application_id == Application.id)
        .scalar_subquery()
    )
    complete_total = case((moderated == criteria, total), else_=-1) if criteria else -1
    return (
        select(Application)
        .where(Application.round_id == round_id, Application.status.not_in((DRAFT, WITHDRAWN)))
        .options(
            selectinload(Application.panel_choices),
            lazyload(Application.answers),
            lazyload(Application.local_authorities),
        )
        .order_by(complete_total.desc(), Application.candidate_number)
    )


def moderated_totals(application_ids: list[int]) -> dict[int, int]:
    """Totals of the fully moderated applications (the reviewers' own definition)."""
    return review_services.moderated_totals(application_ids)


@dataclass
class OverviewRow:
    application: Application
    total: int | None
    appointed: bool  # an appointment (membership) has been recorded


def overview_page(round_: RecruitmentRound) -> tuple[Page, list[OverviewRow]]:
    page = paginate(ranking_statement(round_.id))
    ids = [a.id for a in page.items]
    totals = moderated_totals(ids)
    appointed = appointed_application_ids(ids)
    rows = [OverviewRow(a, totals.get(a.id), a.id in appointed) for a in page.items]
    return page, rows


def status_counts(round_id: int) -> dict[str, int]:
    return dict(
        db.session.execute(
            select(Application.status, func.count(Application.id))
            .where(Application.round_id == round_id)
            .group_by(Application.status)
        ).all()
    )


def appointed_application_ids(application_ids: list[int]) -> set[int]:
    if not application_ids:
        return set()
    return set(
        db.session.scalars(
            select(PanelMembership.application_id).where(
                PanelMembership.application_id.in_(application_ids)
            )
        )
    )


def _require_open_for_decisions(round_: RecruitmentRound, today: date | None = None) -> None:
    if round_.outcomes_sent_at is not None:
        raise DecisionRefused("This round is finished, so its decisions cannot change")
    if (today or uk_today()) <= round_.closes_on:
        raise DecisionRefused(
            f"Applications are open until {round_.closes_on.day} {round_.closes_on:%B %Y}. "
            "You can shortlist after they close"
        )


def _status_link(application: Application) -> str:
    return external_url("apply.status", reference=application.reference)


def _email_applicant(application: Application, kind: str, subject: str, **context: Any) -> None:
    """Applicants without an account reach their application through an emailed link, so
    each email carries a fresh one (it replaces the last: only the newest works)."""
    resume_url = None if application.user_id else apply_services.new_resume_link(application)
    queue_email(
        application.email,
        kind,
        subject,
        application=application,
        round=application.round,
        has_account=application.user_id is not None,
        resume_url=resume_url,
        status_url=_status_link(application),
        **context,
    )


# Shortlisting -------------------------------------------------------------------------------


def shortlist(application: Application, *, shortlisted: bool, reason: str) -> None:
    """Shortlist (and invite to choose an interview time) or not, with a reason the
    applicant reads in the email and on their status page."""
    _require_open_for_decisions(application.round)
    if application.status != SUBMITTED:
        raise DecisionRefused(f"This application is already {application.status_label.lower()}")
    application.status = SHORTLISTED if shortlisted else NOT_SHORTLISTED
    application.shortlist_reason = reason.strip()
    record_event(
        "application_shortlisted" if shortlisted else "application_not_shortlisted",
        object_type="application",
        object_id=application.id,
        round_id=application.round_id,
    )
    if shortlisted:
        _email_applicant(
            application,
            "decision-shortlisted",
            "You are invited to an interview for an Equality Panel",
            choose_url=external_url("decisions.choose_slot", reference=application.reference),
        )
    else:
        _email_applicant(
            application, "decision-not-shortlisted", "Your application to an Equality Panel"
        )


# Interview slots ----------------------------------------------------------------------------


def slot_start(day: date, start: Any) -> datetime:
    """A UK wall-clock date and time as an aware datetime."""
    return datetime.combine(day, start, tzinfo=UK)


def add_slot(round_: RecruitmentRound, *, starts_at: datetime, minutes: int, where: str) -> Any:
    if round_.outcomes_sent_at is not None:
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


def slot_label(slot: InterviewSlot) -> str:
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
    slot: InterviewSlot
    label: str
    application: Application | None


def schedule_page(round_id: int) -> tuple[Page, list[ScheduleRow]]:
    """A page of slots with who booked each (two queries, plus the answers in one more)."""
    page = paginate(slots_statement(round_id))
    ids = [s.application_id for s in page.items if s.application_id]
    applications = (
        {
            a.id: a
            for a in db.session.scalars(
                select(Application)
                .where(Application.id.in_(ids))
                .options(lazyload(Application.local_authorities))
            )
        }
        if ids
        else {}
    )
    rows = [ScheduleRow(s, slot_label(s), applications.get(s.application_id)) for s in page.items]
    return page, rows


def access_needs(application: Application) -> list[str]:
    """The applicant's access needs in words, with what they wrote under "something else"."""
    labels = apply_services.ACCESS_NEEDS
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


def booked_slot(application: Application) -> InterviewSlot | None:
    return db.session.scalars(
        select(InterviewSlot).where(InterviewSlot.application_id == application.id)
    ).first()


def can_choose_slot(application: Application) -> bool:
    """Shortlisted, no outcome yet, and any time already booked has not passed."""
    if application.status != SHORTLISTED or application.round.outcomes_sent_at is not None:
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
    _email_applicant(
        application,
        "interview-booked",
        "Your interview time for an Equality Panel",
        slot_text=slot_label(slot),
        change_url=external_url("decisions.choose_slot", reference=application.reference),
    )
    return slot


# Outcomes and appointment -------------------------------------------------------------------


def can_record_outcome(application: Application) -> bool:
    return application.round.outcomes_sent_at is None and (
        application.status == SHORTLISTED or application.status in OUTCOMES
    )


def record_outcome(application: Application, *, outcome: str, reason: str, feedback: str) -> None:
    """Appointed, reserve or not appointed, with a reason and feedback the applicant reads.
    Nothing is sent yet: every applicant hears at the same time when the lead sends the
    outcomes (send_outcomes), and until then an outcome can be changed."""
    if not can_record_outcome(application):
        raise DecisionRefused(
            "This round is finished, so its decisions cannot change"
            if application.round.outcomes_sent_at is not None
            else "Only a shortlisted applicant can be given an outcome"
        )
    if outcome not in OUTCOMES:
        raise DecisionRefused("Choose the outcome from the list")
    previous = application.status if application.status in OUTCOMES else None
    application.status = outcome
    application.outcome_reason = reason.strip()
    application.feedback = feedback.strip()
    application.decided_at = utcnow()
    record_event(
        "application_outcome",
        object_type="application",
        object_id=application.id,
        round_id=application.round_id,
        outcome=outcome,
        previous=previous,
    )


def send_problems(round_: RecruitmentRound) -> list[str]:
    """What stops the outcomes being sent, in words for the lead officer."""
    if round_.outcomes_sent_at is not None:
        return ["The outcomes have already been sent"]
    problems = []
    counts = status_counts(round_.id)
    if uk_today() <= round_.closes_on:
        problems.append("Applications have not closed yet")
    if counts.get(SUBMITTED):
        problems.append(f"{counts[SUBMITTED]} sent application(s) still need a shortlist decision")
    if counts.get(SHORTLISTED):
        problems.append(f"{counts[SHORTLISTED]} shortlisted applicant(s) still need an outcome")
    return problems


def send_outcomes(round_: RecruitmentRound) -> int:
    """Email every decided applicant their outcome, reason and feedback at the same moment,
    and finish the round. Returns how many were emailed."""
    problems = send_problems(round_)
    if problems:
        raise DecisionRefused(problems[0])
    decided = list(
        db.session.scalars(
            select(Application)
            .where(Application.round_id == round_.id, Application.status.in_(OUTCOMES))
            .options(lazyload(Application.answers), lazyload(Application.local_authorities))
            .order_by(Application.candidate_number)
        )
    )
    for application in decided:
        _email_applicant(
            application,
            "decision-outcome",
            "The outcome of your application to an Equality Panel",
        )
    round_.outcomes_sent_at = utcnow()
    record_event(
        "round_outcomes_sent",
        object_type="recruitment_round",
        object_id=round_.id,
        emailed=len(decided),
    )
    return len(decided)


def appointment_for(application: Application) -> PanelMembership | None:
    return db.session.scalars(
        select(PanelMembership).where(PanelMembership.application_id == application.id)
    ).first()


def can_appoint(application: Application) -> bool:
    """Appointments are recorded once the applicant has been told (outcomes sent)."""
    return (
        application.status == APPOINTED
        and application.round.outcomes_sent_at is not None
        and appointment_for(application) is None
    )


def appoint(
    application: Application,
    *,
    panel_id: Any,
    role: str,
    term_start: date,
    term_end: date,
    listed_publicly: bool,
    public_name: str,
) -> PanelMembership:
    """Create the panel membership for an appointed applicant, linked to their account (or
    to a verified account with their email), and email them how to reach the members' area."""
    if application.status != APPOINTED:
        raise DecisionRefused("Only an appointed applicant can be given a membership")
    if application.round.outcomes_sent_at is None:
        raise DecisionRefused("Send the outcomes first, so the applicant hears of it from us")
    if appointment_for(application) is not None:
        raise DecisionRefused("This appointment has already been recorded")
    panel = next(
        (c.panel for c in application.panel_choices if str(c.panel_id) == str(panel_id)), None
    )
    if panel is None:
        raise DecisionRefused("Choose one of the panels the applicant applied to")
    user_id = application.user_id
    if user_id is None:
        user = find_user_by_email(application.email)
        user_id = user.id if user is not None and user.is_verified else None
    try:
        return panel_services.create_membership(
            panel,
            email=application.email,
            user_id=user_id,
            role=role,
            term_start=term_start,
            term_end=term_end,
            listed_publicly=listed_publicly,
            public_name=public_name,
            application_id=application.id,
        )
    except panel_services.MembershipRefused as refused:
        raise DecisionRefused(str(refused)) from None
