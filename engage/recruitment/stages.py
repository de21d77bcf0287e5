"""The lifecycle of a recruitment round and its applications: the statuses, the moves between
them, and every "is open / can X" rule. Services and routes ask here; nowhere else decides.

A round is not open yet, then open for applications (from its opening date to the end of its
closing date, UK time), then closed while applications are considered, and finished once its
outcomes have been sent. An application is a draft until sent; then it is shortlisted or not,
and a shortlisted one ends appointed, on the reserve list or not appointed. Applicants may
withdraw until their outcome has been sent.

This module reads the records it is given and imports none (models import the statuses from
here). The rules that need the database (has anyone applied?) take the answer as an argument.
Refusals are ``Refused`` errors (engage/core/errors.py): their message says why, in words."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from engage.core.dates import uk_today
from engage.core.errors import Refused


class ApplicationStatus(StrEnum):
    """Stored as these strings, in the order an application moves through them."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    NOT_SHORTLISTED = "not_shortlisted"
    SHORTLISTED = "shortlisted"
    APPOINTED = "appointed"
    RESERVE = "reserve"
    NOT_APPOINTED = "not_appointed"


DRAFT = ApplicationStatus.DRAFT
SUBMITTED = ApplicationStatus.SUBMITTED
WITHDRAWN = ApplicationStatus.WITHDRAWN
NOT_SHORTLISTED = ApplicationStatus.NOT_SHORTLISTED
SHORTLISTED = ApplicationStatus.SHORTLISTED
APPOINTED = ApplicationStatus.APPOINTED
RESERVE = ApplicationStatus.RESERVE
NOT_APPOINTED = ApplicationStatus.NOT_APPOINTED

STATUS_LABELS = {
    DRAFT: "Not sent yet",
    SUBMITTED: "Sent: being considered",
    WITHDRAWN: "Withdrawn",
    NOT_SHORTLISTED: "Not shortlisted",
    SHORTLISTED: "Shortlisted",
    APPOINTED: "Appointed",
    RESERVE: "On the reserve list",
    NOT_APPOINTED: "Not appointed",
}
OUTCOMES = (APPOINTED, RESERVE, NOT_APPOINTED)
# Reviewers score sent applications still in the running.
NOT_REVIEWABLE = (DRAFT, WITHDRAWN)
WITHDRAWABLE = (DRAFT, SUBMITTED, SHORTLISTED)

# The moves the rules allow. An outcome may be changed until the outcomes are sent.
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    DRAFT: frozenset({SUBMITTED, WITHDRAWN}),
    SUBMITTED: frozenset({SHORTLISTED, NOT_SHORTLISTED, WITHDRAWN}),
    NOT_SHORTLISTED: frozenset({SHORTLISTED}),
    SHORTLISTED: frozenset({NOT_SHORTLISTED, *OUTCOMES, WITHDRAWN}),
    APPOINTED: frozenset({*OUTCOMES, WITHDRAWN}),
    RESERVE: frozenset({*OUTCOMES, WITHDRAWN}),
    NOT_APPOINTED: frozenset({*OUTCOMES, WITHDRAWN}),
    WITHDRAWN: frozenset(),
}


class RoundState(StrEnum):
    """In words, for officers and the public."""

    NOT_OPEN_YET = "Not open yet"
    OPEN = "Open for applications"
    CLOSED = "Closed: applications being considered"
    FINISHED = "Finished"


# Refusals, each with its own kind so a view can tell them apart when it must.
class RoundClosed(Refused):
    """The round is not taking applications."""


class SectionsIncomplete(Refused):
    """Sending an application with required sections not completed."""


class Locked(Refused):
    """A change that would break what applicants or reviewers have already relied on."""


class CannotReview(Refused):
    """Scoring or moderation the rules do not allow now."""


class DecisionRefused(Refused):
    """A decision the rules do not allow now."""


CRITERIA_LOCKED = "The criteria cannot be changed because people have started applying"
QUESTIONS_LOCKED = "The questions cannot be changed because people have started applying"
ROUND_CLOSED = "This round is not taking applications"
FINISHED_FOR_SCORING = "Outcomes have been sent for this round, so its scores can no longer change"
FINISHED_FOR_DECISIONS = "This round is finished, so its decisions cannot change"


# The round --------------------------------------------------------------------------------


def is_finished(round_: Any) -> bool:
    return round_.outcomes_sent_at is not None


def round_state(round_: Any, today: date | None = None) -> RoundState:
    today = today or uk_today()
    if is_finished(round_):
        return RoundState.FINISHED
    if today < round_.opens_on:
        return RoundState.NOT_OPEN_YET
    if today <= round_.closes_on:
        return RoundState.OPEN
    return RoundState.CLOSED


def is_open(round_: Any, today: date | None = None) -> bool:
    """Taking applications (the SQL form is services.open_rounds_clause)."""
    return round_state(round_, today) == RoundState.OPEN


def has_opened(round_: Any, today: date | None = None) -> bool:
    """Its papers are public from its opening date (officers see them before)."""
    return round_.opens_on <= (today or uk_today())


def applications_closed(round_: Any, today: date | None = None) -> bool:
    return (today or uk_today()) > round_.closes_on


def check_criteria_changeable(anyone_applied: bool) -> None:
    if anyone_applied:
        raise Locked(CRITERIA_LOCKED)


def check_questions_changeable(anyone_applied: bool) -> None:
    if anyone_applied:
        raise Locked(QUESTIONS_LOCKED)


# Applying ---------------------------------------------------------------------------------


def can_edit(application: Any, today: date | None = None) -> bool:
    """The applicant may change and send it: a draft, in a round taking applications."""
    return application.status == DRAFT and is_open(application.round, today)


def check_can_start(round_: Any) -> None:
    if not is_open(round_):
        raise RoundClosed(ROUND_CLOSED)


def check_can_send(application: Any, incomplete: list[str]) -> None:
    if not is_open(application.round):
        raise RoundClosed(ROUND_CLOSED)
    if incomplete:
        raise SectionsIncomplete("Complete every required section before you send it")


def outcome_visible(application: Any) -> bool:
    """Shortlisting shows as soon as it is recorded; appointment outcomes only once the
    round's outcomes have been sent."""
    if application.status in (SHORTLISTED, NOT_SHORTLISTED):
        return True
    return application.status in OUTCOMES and is_finished(application.round)


def can_withdraw(application: Any) -> bool:
    if application.status in WITHDRAWABLE:
        return True
    return application.status in OUTCOMES and not outcome_visible(application)


# Scoring and moderation -------------------------------------------------------------------


def can_score(round_: Any) -> bool:
    return not is_finished(round_)


def check_can_score(round_: Any) -> None:
    if not can_score(round_):
        raise CannotReview(FINISHED_FOR_SCORING)


# Decisions --------------------------------------------------------------------------------


def check_open_for_decisions(round_: Any, today: date | None = None) -> None:
    """Shortlisting and outcomes wait until applications close, and stop once sent."""
    if is_finished(round_):
        raise DecisionRefused(FINISHED_FOR_DECISIONS)
    if not applications_closed(round_, today):
        raise DecisionRefused(
            f"Applications close at {round_.closing_time}. You can shortlist after they close"
        )


def can_shortlist(application: Any, today: date | None = None) -> bool:
    round_ = application.round
    return (
        not is_finished(round_)
        and applications_closed(round_, today)
        and application.status == SUBMITTED
    )


def can_record_outcome(application: Any) -> bool:
    return not is_finished(application.round) and (
        application.status == SHORTLISTED or application.status in OUTCOMES
    )


def can_appoint(application: Any, already_appointed: bool) -> bool:
    """A membership may be recorded for an appointed applicant once they have been told."""
    return (
        application.status == APPOINTED and is_finished(application.round) and not already_appointed
    )


def can_choose_slot(application: Any) -> bool:
    """A shortlisted applicant chooses an interview time until the outcomes are sent."""
    return application.status == SHORTLISTED and not is_finished(application.round)


def check_move(application: Any, to: ApplicationStatus) -> None:
    if to not in TRANSITIONS[ApplicationStatus(application.status)]:
        label = STATUS_LABELS[ApplicationStatus(application.status)].lower()
        raise DecisionRefused(f"This application is already {label}")


# The fairness report ------------------------------------------------------------------------


class ReportLevel(StrEnum):
    """What a person with the equality data role may see of a round's monitoring figures.

    ICO recruitment guidance: those who shortlist and decide must not see equality data. So
    people taking part in the round's decisions (its lead officer and reviewers) see nothing
    until its outcomes are sent, then the shared tables that anyone may see, with small
    numbers suppressed. Analysts outside the round see exact counts, on screen only."""

    RESTRICTED = "restricted"
    SHARED = "shared"
    NONE = "none"


def report_level(round_: Any, *, takes_part_in_decisions: bool) -> ReportLevel:
    if takes_part_in_decisions:
        return ReportLevel.SHARED if is_finished(round_) else ReportLevel.NONE
    return ReportLevel.RESTRICTED


def check_can_export_figures(round_: Any, *, takes_part_in_decisions: bool) -> None:
    """Exports are always the shared tables; decision-makers get them once outcomes are sent."""
    if report_level(round_, takes_part_in_decisions=takes_part_in_decisions) == ReportLevel.NONE:
        raise Refused(
            "You take part in this round's decisions, so its equality figures are not shown "
            "to you until its outcomes have been sent"
        )
