"""Erasing a person's panel applications (engage/rights asks; staff carry it out).

- An application that led to a seat on a panel (appointed, or linked to a membership) is kept
  with its equality monitoring answers: it is the basis of the appointment and of the term
  record, and counts in the round's fairness report.
- A sent application in a finished round (its outcomes sent) is anonymised, as the retention
  job does (engage/recruitment/retention.py): the round's fairness report and "who we heard
  from" count it, live, and those figures may already be published. Name, contact details,
  access needs, the applicant's words, reasons, feedback, reviewers' comments and monitoring
  write-ins go; the status, scores and monitoring options stay, tied to no one.
- Every other application is deleted with its answers, panel choices, reviewers' scores and
  equality monitoring answers: drafts, and sent applications in a round still being decided
  (deleting one withdraws the person from the round: they asked for it, and no decision
  about them may rest on data they asked us to erase).

Two queries to plan, whatever the number of applications."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import false, func, or_, select

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, anonymise, delete, keep
from engage.monitoring.api import delete_answers
from engage.panels.api import appointed_application_ids
from engage.recruitment.apply.services import MONITORING_SUBJECT
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    STATUS_LABELS,
    Application,
    RecruitmentRound,
)
from engage.recruitment.retention import anonymise_applications

FEATURE = "Panel recruitment"
KEPT_REASON = (
    "It led to an appointment to an Equality Panel: the authority keeps the application "
    "that a member was appointed from, with the term record, as the basis of the "
    "appointment and for the round's fairness report."
)
FINISHED_REASON = (
    "It is counted in the finished round's fairness report and in who we heard from, which "
    "may already be published: it stays with its status, scores and equality monitoring "
    "choices, but without the name, contact details, access needs or anything the person "
    "wrote."
)


def _whose(subject: DataSubject) -> Any:
    if subject.by_reference:
        return Application.reference == (subject.reference or "").strip().upper()
    conditions = []
    if subject.user_id is not None:
        conditions.append(Application.user_id == subject.user_id)
    if subject.email:
        # Given without signing in under the account's confirmed address.
        conditions.append(
            Application.user_id.is_(None)
            & (func.lower(Application.email) == subject.email.strip().lower())
        )
    return or_(*conditions) if conditions else false()


Row = tuple[int, str, str, bool]


def _applications(subject: DataSubject) -> tuple[list[Row], set[int]]:
    """(id, status, round title, whether the round is finished) of each, and the ids that
    led to a seat."""
    rows = [
        (row.id, row.status, row.title, row.outcomes_sent_at is not None)
        for row in db.session.execute(
            select(
                Application.id,
                Application.status,
                RecruitmentRound.title,
                RecruitmentRound.outcomes_sent_at,
            )
            .join(RecruitmentRound, RecruitmentRound.id == Application.round_id)
            .where(_whose(subject))
            .order_by(Application.id)
        )
    ]
    seated = appointed_application_ids([row[0] for row in rows])
    return rows, seated


def _plan(rows: list[Row], seated: set[int]) -> tuple[ErasurePlan, list[int], list[int]]:
    plan, doomed, counted = ErasurePlan(FEATURE), [], []
    for application_id, status, title, finished in rows:
        label = STATUS_LABELS.get(status, status).lower()
        what = f"An application to \u201c{title}\u201d ({label})"
        if status == APPOINTED or application_id in seated:
            plan.items.append(keep(f"{what}, with its equality monitoring answers", KEPT_REASON))
        elif finished and status != DRAFT:
            counted.append(application_id)
            plan.items.append(anonymise(what, FINISHED_REASON))
        else:
            doomed.append(application_id)
            plan.items.append(
                delete(f"{what}, with its answers, scores and equality monitoring answers")
            )
    return plan, doomed, counted


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    return _plan(*_applications(subject))[0]


def erase(subject: DataSubject) -> ErasureResult:
    """Carry out the plan as it stands now. Does not commit."""
    plan, doomed, counted = _plan(*_applications(subject))
    if counted:
        anonymise_applications(select(Application.id).where(Application.id.in_(counted)))
    for application_id in doomed:
        delete_answers(MONITORING_SUBJECT, application_id)
    if doomed:
        # Answers, choices, reviews and scores go with it (ON DELETE CASCADE); an interview
        # slot it had booked is freed (SET NULL).
        db.session.execute(
            sql_delete(Application)
            .where(Application.id.in_(doomed))
            .execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
