"""The applicant's side of recruitment: starting, saving each section, sending and
withdrawing. The task list is in task_list, and the emailed "come back to your application"
link in resume_links.

Nothing typed is lost: every section save stores what can be stored (answers over their word
limit included), and a section counts as completed only when it was valid. None of these
functions commits: the route commits, with the emails and audit events they queue."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.monitoring import api as monitoring
from engage.monitoring.api import QUESTIONS as MONITORING_QUESTIONS
from engage.monitoring.api import SECTIONS as SECTIONS_OF_MONITORING
from engage.recruitment.models import (
    ACCESS_NEEDS,
    DRAFT,
    OUTCOMES,
    STATUS_LABELS,
    SUBMITTED,
    WITHDRAWN,
    Application,
    ApplicationAnswer,
    InterviewSlot,
    PanelChoice,
    RecruitmentRound,
)
from engage.recruitment.resume_links import is_email_address, new_resume_link
from engage.recruitment.services import new_reference, next_candidate_number
from engage.recruitment.stages import (
    can_withdraw,
    check_can_send,
    check_can_start,
    outcome_visible,
)
from engage.recruitment.task_list import incomplete_sections, mark_section
from engage.reference.api import local_authorities

MONITORING_SUBJECT = "panel_application"  # monitoring_response.subject_type

# Labels other parts of recruitment may import to show what an applicant chose.
CONNECTIONS = {
    "live": "I live in the Liverpool City Region",
    "work": "I work in the Liverpool City Region",
    "study": "I study in the Liverpool City Region",
    "volunteer": "I volunteer in the Liverpool City Region",
}
AVAILABILITY_TIMES = {
    "daytime": "During the day on weekdays",
    "evening": "In the evening",
}
AVAILABILITY_WAYS = {
    "online": "Online, by video call",
    "in_person": "In person, at a venue in the city region",
}
AVAILABILITY = {**AVAILABILITY_TIMES, **AVAILABILITY_WAYS}
NO_ACCESS_NEEDS = "none"  # a form choice only: stored as an empty list, section completed

# Lengths of the Application columns: longer text cannot be stored and is shown back instead.
MAX_LENGTHS = {"full_name": 200, "email": 320, "phone": 40}


# Starting -----------------------------------------------------------------------------------


def reusable_draft(round_id: int, user: Any, references: list[str]) -> Application | None:
    """A draft for this round that this person (account or browser session) already has, so
    pressing Start twice does not make two applications."""
    owners = []
    if getattr(user, "is_authenticated", False):
        owners.append(Application.user_id == user.id)
    if references:
        owners.append(Application.reference.in_(references))
    if not owners:
        return None
    return db.session.scalars(
        select(Application)
        .where(Application.round_id == round_id, Application.status == DRAFT, or_(*owners))
        .order_by(Application.id.desc())
    ).first()


def start_application(round_: RecruitmentRound, user: Any) -> Application:
    """A new draft. Raises RoundClosed if the round is not taking applications."""
    check_can_start(round_)
    signed_in = getattr(user, "is_authenticated", False)
    # Two people pressing Start at the same moment can both read the same next candidate
    # number; the unique constraint refuses one, which then takes the number after.
    for attempt in range(3):
        try:
            with db.session.begin_nested():
                application = Application(
                    round_id=round_.id,
                    reference=new_reference(),
                    candidate_number=next_candidate_number(round_.id),
                    user_id=user.id if signed_in else None,
                    status=DRAFT,
                    connections=[],
                    availability=[],
                    access_needs=[],
                    completed_sections=[],
                )
                db.session.add(application)
                db.session.flush()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    record_event("application_started", object_type="application", object_id=application.id)
    return application


# Saving sections ----------------------------------------------------------------------------


def _known(codes: list[str] | None, allowed: Any) -> list[str]:
    return [code for code in dict.fromkeys(codes or []) if code in allowed]


def about_values(application: Application, user: Any) -> dict[str, Any]:
    """What the About you page shows: what was saved, or the account's name and email."""
    signed_in = getattr(user, "is_authenticated", False)
    return {
        "full_name": application.full_name or (user.full_name if signed_in else ""),
        "email": application.email or (user.email if signed_in else ""),
        "phone": application.phone,
        "connections": list(application.connections or []),
        "local_authorities": [la.code for la in application.local_authorities],
    }


def known_email(application: Application, user: Any) -> str:
    """The address to offer for the emailed link: the one on the application, else the
    signed-in person's (an application started before they signed in has none yet)."""
    signed_in = getattr(user, "is_authenticated", False)
    return application.email or (user.email if signed_in else "")


def save_about(application: Application, values: dict[str, Any]) -> bool:
    """Store name, contact details and connection. Returns False if some text was too long
    to store (the page shows it back with an error instead)."""
    stored = True
    for name, limit in MAX_LENGTHS.items():
        text = (values.get(name) or "").strip()
        if len(text) <= limit:
            setattr(application, name, text)
        else:
            stored = False
    application.connections = _known(values.get("connections"), CONNECTIONS)
    chosen = set(values.get("local_authorities") or [])
    application.local_authorities = [la for la in local_authorities() if la.code in chosen]
    return stored


def save_panels(application: Application, panel_ids: list[int]) -> None:
    """Replace the chosen panels, keeping the order already given for panels still chosen."""
    allowed = {panel.id for panel in application.round.panels}
    wanted = [pid for pid in dict.fromkeys(panel_ids) if pid in allowed]
    kept = [c for c in application.panel_choices if c.panel_id in wanted]
    kept.sort(key=lambda c: c.preference)
    new = [pid for pid in wanted if pid not in {c.panel_id for c in kept}]
    choices = kept + [PanelChoice(panel_id=pid) for pid in new]
    for preference, choice in enumerate(choices, start=1):
        choice.preference = preference
    application.panel_choices = choices


def save_panel_order(application: Application, order: dict[int, int]) -> None:
    """``order``: panel id -> preference (1 = first). Ties are stored; the form flags them."""
    for choice in application.panel_choices:
        if choice.panel_id in order:
            choice.preference = order[choice.panel_id]


def word_count(text: str | None) -> int:
    # The same rule as GOV.UK's character count: runs of non-space characters.
    return len((text or "").split())


def save_answers(application: Application, texts: dict[int, str]) -> None:
    """Store each answer as typed, however long: the word limit is checked by the form."""
    by_question = {answer.question_id: answer for answer in application.answers}
    question_ids = {question.id for question in application.round.questions}
    for question_id, text in texts.items():
        if question_id not in question_ids:
            continue
        answer = by_question.get(question_id)
        if answer is None:
            application.answers.append(ApplicationAnswer(question_id=question_id, text=text))
        else:
            answer.text = text


def answer_texts(application: Application) -> dict[int, str]:
    return {answer.question_id: answer.text for answer in application.answers}


def save_availability(application: Application, codes: list[str]) -> None:
    application.availability = _known(codes, AVAILABILITY)


def save_access_needs(application: Application, needs: list[str], other: str, share: bool) -> None:
    needs = _known(needs, ACCESS_NEEDS)
    if other.strip() and "other" not in needs:
        needs.append("other")  # typing in the box says there is something else
    application.access_needs = needs
    application.access_needs_other = other
    application.share_access_needs_with_interviewers = share


def save_monitoring(application: Application, answers: dict[str, str | None]) -> None:
    monitoring.save_answers(MONITORING_SUBJECT, application.id, answers)
    mark_section(application, "monitoring", True)


def monitoring_answers(application: Application) -> dict[str, str | None] | None:
    """The applicant's own answers, for their check-your-answers page only."""
    return monitoring.answers_of(MONITORING_SUBJECT, application.id)


def monitoring_response(application: Application) -> Any:
    return monitoring.response_for(MONITORING_SUBJECT, application.id)


def monitoring_summary(application: Application) -> list[tuple[str, str]] | None:
    """(question, answer) pairs of the applicant's own monitoring answers, in the form's
    order, for their check-your-answers page only. None if they have not answered."""
    answers = monitoring_answers(application)
    if answers is None:
        return None
    rows = []
    for _title, keys in SECTIONS_OF_MONITORING:
        for key in keys:
            question = MONITORING_QUESTIONS[key]
            code = answers.get(key)
            answer = question.label_for(code) if code else "Not answered"
            write_in = answers.get(question.write_in_column) if question.write_in_column else None
            rows.append((question.text, f"{answer}: {write_in}" if write_in else answer))
    return rows


def _email_context(application: Application) -> dict[str, Any]:
    return {"application": application, "round": application.round}


# Sending and withdrawing --------------------------------------------------------------------


def submit_application(application: Application) -> bool:
    """Send a draft. Returns True if this call sent it, False if it had been sent already
    (a second press of the button): one application, one email.

    Raises RoundClosed or SectionsIncomplete."""
    if application.status != DRAFT:
        return False
    check_can_send(application, incomplete_sections(application))
    now = utcnow()
    # Conditional on still being a draft, so two requests at once cannot both send it.
    result = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == DRAFT)
        .values(status=SUBMITTED, submitted_at=now, declaration_accepted_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(application)
    if result.rowcount != 1:
        return False
    link = (
        external_url("recruitment.apply.status", reference=application.reference)
        if application.user_id
        else new_resume_link(application)
    )
    queue_email(
        application.email,
        "application-submitted",
        f"We have received your application: {application.reference}",
        link=link,
        **_email_context(application),
    )
    record_event("application_submitted", object_type="application", object_id=application.id)
    return True


def applicant_status(application: Application) -> str:
    """The stage as the applicant may see it (an outcome not yet sent reads as "being
    considered")."""
    if application.status in OUTCOMES and not outcome_visible(application):
        return STATUS_LABELS[SUBMITTED]
    return application.status_label


def withdraw_application(application: Application) -> bool:
    """Withdraw, erase the monitoring answers, free any interview slot and confirm by email.
    Returns False if the application cannot be withdrawn (already withdrawn or decided)."""
    if not can_withdraw(application):
        return False
    application.status = WITHDRAWN
    application.withdrawn_at = utcnow()
    monitoring.delete_answers(MONITORING_SUBJECT, application.id)
    db.session.execute(
        update(InterviewSlot)
        .where(InterviewSlot.application_id == application.id)
        .values(application_id=None)
    )
    if is_email_address(application.email):
        queue_email(
            application.email,
            "application-withdrawn",
            f"You have withdrawn your application: {application.reference}",
            **_email_context(application),
        )
    record_event("application_withdrawn", object_type="application", object_id=application.id)
    return True


def applications_of(user_id: int) -> Select:
    """A person's applications, newest first, for their account page."""
    return (
        select(Application)
        .where(Application.user_id == user_id)
        .options(joinedload(Application.round))
        .order_by(Application.id.desc())
    )
