"""Shortlisting, interviews, outcomes and appointment: the rules for the lead officer.
Interview times (slots, booking, the schedule and the interviewers' pack) are in
engage/recruitment/interviews.py; the applicant emails are in emails.py.

Decisions are not anonymous (scoring is): the lead sees names here. Equality monitoring
answers are never read by this module. Access needs go to the organiser (the lead officer's
schedule) and reach the interviewers' pack only if the applicant agreed. Each decision is
audited. Shortlisting is emailed at once; outcomes are emailed to everyone together when the
lead sends them (the applicant's status page shows them only then, see
apply_services.outcome_visible), and appointments are recorded after that. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import lazyload

from engage.accounts.api import find_user_by_email
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.pagination import Page, paginate
from engage.core.urls import external_url
from engage.panels import api as panel_services
from engage.panels.api import MembershipRefused, Panel
from engage.recruitment import stages
from engage.recruitment.emails import email_applicant
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_SHORTLISTED,
    OUTCOMES,
    SHORTLISTED,
    STATUS_LABELS,
    SUBMITTED,
    WITHDRAWN,
    Application,
    Criterion,
    ModeratedScore,
    PanelChoice,
    RecruitmentRound,
)
from engage.recruitment.review import moderation as moderation_services
from engage.recruitment.stages import DecisionRefused

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


def ranking_statement(round_id: int) -> Select:
    """Sent applications still in the running (not withdrawn), fully moderated ones first by
    moderated total (highest first), then by candidate number, as moderation_services ranks them,
    but as one query a page can be cut from. Each row: the columns the overview shows and
    ``total``, the moderated total once every criterion has an agreed score (else -1)."""
    criteria = (
        select(func.count(Criterion.id)).where(Criterion.round_id == round_id).scalar_subquery()
    )
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
    # -1 (no total is negative) puts the unmoderated last on every database; the overview
    # shows it as None.
    complete_total = case((and_(criteria > 0, moderated == criteria), total), else_=-1).label(
        "total"
    )
    return (
        select(
            Application.id,
            Application.candidate_number,
            Application.full_name,
            Application.status,
            complete_total,
        )
        .where(Application.round_id == round_id, Application.status.not_in((DRAFT, WITHDRAWN)))
        .order_by(complete_total.desc(), Application.candidate_number)
    )


def moderated_totals(application_ids: list[int]) -> dict[int, int]:
    """Totals of the fully moderated applications (the reviewers' own definition)."""
    return moderation_services.moderated_totals(application_ids)


@dataclass(frozen=True)
class OverviewRow:
    """One line of the lead officer's ranking: plain values, read in three queries a page."""

    candidate_number: int
    full_name: str
    status: str
    panels: str  # the panels' names in the applicant's order of preference
    total: int | None  # None until every criterion has a moderated score
    appointed: bool  # an appointment (membership) has been recorded

    @property
    def anonymous_name(self) -> str:
        return f"Applicant {self.candidate_number}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def _panel_names(application_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    for application_id, name in db.session.execute(
        select(PanelChoice.application_id, Panel.name)
        .join(Panel, Panel.id == PanelChoice.panel_id)
        .where(PanelChoice.application_id.in_(application_ids))
        .order_by(PanelChoice.application_id, PanelChoice.preference)
    ):
        names.setdefault(application_id, []).append(name)
    return {application_id: ", ".join(panels) for application_id, panels in names.items()}


def overview_page(round_: RecruitmentRound) -> tuple[Page, list[OverviewRow]]:
    page = paginate(ranking_statement(round_.id))
    ids = [row.id for row in page.items]
    panels = _panel_names(ids)
    appointed = panel_services.appointed_application_ids(ids)
    rows = [
        OverviewRow(
            candidate_number=row.candidate_number,
            full_name=row.full_name,
            status=row.status,
            panels=panels.get(row.id, ""),
            total=int(row.total) if row.total >= 0 else None,
            appointed=row.id in appointed,
        )
        for row in page.items
    ]
    return page, rows


def status_counts(round_id: int) -> dict[str, int]:
    return dict(
        db.session.execute(
            select(Application.status, func.count(Application.id))
            .where(Application.round_id == round_id)
            .group_by(Application.status)
        ).all()
    )


# Shortlisting -------------------------------------------------------------------------------


def shortlist(application: Application, *, shortlisted: bool, reason: str) -> None:
    """Shortlist (and invite to choose an interview time) or not, with a reason the
    applicant reads in the email and on their status page."""
    stages.check_open_for_decisions(application.round)
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
        email_applicant(
            application,
            "decision-shortlisted",
            "You are invited to an interview for an Equality Panel",
            choose_url=external_url(
                "recruitment.apply.choose_slot", reference=application.reference
            ),
        )
    else:
        email_applicant(
            application, "decision-not-shortlisted", "Your application to an Equality Panel"
        )


# Outcomes and appointment -------------------------------------------------------------------


def record_outcome(application: Application, *, outcome: str, reason: str, feedback: str) -> None:
    """Appointed, reserve or not appointed, with a reason and feedback the applicant reads.
    Nothing is sent yet: every applicant hears at the same time when the lead sends the
    outcomes (send_outcomes), and until then an outcome can be changed."""
    if not stages.can_record_outcome(application):
        raise DecisionRefused(
            stages.FINISHED_FOR_DECISIONS
            if stages.is_finished(application.round)
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


def send_problems(round_: RecruitmentRound, counts: dict[str, int] | None = None) -> list[str]:
    """What stops the outcomes being sent, in words for the lead officer. ``counts``: the
    round's status_counts, when the caller has them already."""
    if stages.is_finished(round_):
        return ["The outcomes have already been sent"]
    problems = []
    counts = status_counts(round_.id) if counts is None else counts
    if not stages.applications_closed(round_):
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
        email_applicant(
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


def appointment_for(application: Application) -> Any:
    """The membership this application led to (a panels record), or None."""
    return panel_services.appointment_for_application(application.id)


def can_appoint(application: Application) -> bool:
    """Appointments are recorded once the applicant has been told (outcomes sent)."""
    return stages.can_appoint(
        application, already_appointed=appointment_for(application) is not None
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
) -> Any:
    """Create the panel membership for an appointed applicant, linked to their account (or
    to a verified account with their email), and email them how to reach the members' area."""
    if application.status != APPOINTED:
        raise DecisionRefused("Only an appointed applicant can be given a membership")
    if not stages.is_finished(application.round):
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
    except MembershipRefused as refused:
        raise DecisionRefused(str(refused)) from None
