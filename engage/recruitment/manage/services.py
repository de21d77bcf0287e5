"""Officers running a recruitment round: the round itself, its published criteria, its
questions, its documents and its reviewers.

One lock protects what applicants and reviewers have already relied on: once anyone has
started an application, the criteria and the questions cannot change (applicants wrote their
answers to those questions, against those published criteria, and reviewers score against
them).

Who may call the changing functions is decided by the access rules (``access.LEAD_OFFICER``:
the round's lead officer, or an admin), not here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from engage.accounts.api import OFFICER, User, users_with_role
from engage.core.audit import record_event
from engage.core.db import db
from engage.panels.api import Panel
from engage.recruitment import stages
from engage.recruitment.manage import round_parts
from engage.recruitment.models import (
    DRAFT,
    WITHDRAWN,
    Application,
    Criterion,
    RecruitmentRound,
    RoundQuestion,
    round_reviewer,
)
from engage.recruitment.services import rounds_statement
from engage.recruitment.stages import Locked  # noqa: F401 - raised by round_parts
from engage.strategy.api import set_tags

# Rounds --------------------------------------------------------------------------------------


def round_list_statement():  # noqa: ANN201 - a SQLAlchemy Select
    return rounds_statement().options(selectinload(RecruitmentRound.panels))


@dataclass(frozen=True)
class ApplicationCounts:
    """How many applications a round has, counted as the fairness report counts them:
    ``sent`` is every application sent, withdrawn ones included (the report's "Applied")."""

    sent: int = 0
    withdrawn: int = 0
    drafts: int = 0  # started and not sent: not applications yet

    @property
    def being_considered(self) -> int:
        return self.sent - self.withdrawn

    @property
    def started(self) -> bool:
        """Anyone has started applying: the round's criteria and questions are locked."""
        return bool(self.sent or self.drafts)


def application_counts(round_ids: list[int]) -> dict[int, ApplicationCounts]:
    """Applications per round (sent, withdrawn, drafts), in one grouped query."""
    if not round_ids:
        return {}
    found: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        select(Application.round_id, Application.status, func.count(Application.id))
        .where(Application.round_id.in_(round_ids))
        .group_by(Application.round_id, Application.status)
    )
    for round_id, status, count in rows:
        counts = found.setdefault(round_id, {"sent": 0, "withdrawn": 0, "drafts": 0})
        if status == DRAFT:
            counts["drafts"] += count
        else:
            counts["sent"] += count
            if status == WITHDRAWN:
                counts["withdrawn"] += count
    return {round_id: ApplicationCounts(**counts) for round_id, counts in found.items()}


def load_reviewers_without_roles(round_: RecruitmentRound) -> None:
    """The round's reviewers, for a page that shows their names: one query, without loading
    each reviewer's roles (as loading a person does by default)."""
    reviewers = db.session.scalars(
        select(User)
        .join(round_reviewer, round_reviewer.c.user_id == User.id)
        .where(round_reviewer.c.round_id == round_.id)
        .options(lazyload(User.roles))
    ).all()
    set_committed_value(round_, "reviewers", list(reviewers))


def officers() -> list[User]:
    """Staff who can lead or review a round: holders of the global officer role."""
    return users_with_role(OFFICER)


def _panels(panel_ids: list[int]) -> list[Panel]:
    return list(db.session.scalars(select(Panel).where(Panel.id.in_(panel_ids))))


@dataclass
class RoundDetails:
    title: str
    summary: str
    opens_on: date
    closes_on: date
    places: int
    panel_ids: list[int]
    lead_officer_id: int
    priority_ids: list[int]


def _apply(round_: RecruitmentRound, details: RoundDetails) -> None:
    round_.title = details.title
    round_.summary = details.summary
    round_.opens_on = details.opens_on
    round_.closes_on = details.closes_on
    round_.places = details.places
    round_.panels = _panels(details.panel_ids)
    round_.lead_officer_id = details.lead_officer_id
    set_tags(round_, details.priority_ids)
    lead = db.session.get(User, details.lead_officer_id)
    # The lead officer always reviews (access.py lets them in too); listing them keeps the
    # round page and the reviewers form honest.
    if lead is not None and lead not in round_.reviewers:
        round_.reviewers.append(lead)


def create_round(details: RoundDetails) -> RecruitmentRound:
    round_ = RecruitmentRound()
    _apply(round_, details)
    db.session.add(round_)
    db.session.flush()
    record_event("recruitment_round_created", object_type="recruitment_round", object_id=round_.id)
    return round_


def update_round(round_: RecruitmentRound, details: RoundDetails) -> None:
    _apply(round_, details)
    record_event("recruitment_round_edited", object_type="recruitment_round", object_id=round_.id)


def round_details(round_: RecruitmentRound) -> dict[str, Any]:
    """The round as form data, for the edit form."""
    return {
        "title": round_.title,
        "summary": round_.summary,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "places": round_.places,
        "panels": [panel.id for panel in round_.panels],
        "lead_officer_id": str(round_.lead_officer_id or ""),
        "priorities": [priority.id for priority in round_.priorities],
    }


def round_warnings(
    round_: RecruitmentRound, today: date | None = None, *, started: bool | None = None
) -> list[str]:
    """What still needs doing for the round to run well, in words that fit its state: before
    it opens, while it is open, or after it closes (a finished round needs nothing)."""
    state = stages.round_state(round_, today)
    if state == stages.RoundState.FINISHED:
        return []
    not_open, is_open = state == stages.RoundState.NOT_OPEN_YET, state == stages.RoundState.OPEN
    if started is None:
        started = round_parts.applications_started(round_)
    warnings = []
    when = "before the round opens" if not_open else "now: the round is open"
    if not round_.criteria:
        if started:
            warnings.append(
                "This round has no assessment criteria, and people have started applying, so "
                "none can be added: its applications cannot be scored."
            )
        elif not_open or is_open:
            warnings.append(f"Add at least one assessment criterion {when}.")
    if not round_.questions and not started and (not_open or is_open):
        warnings.append(f"Add the questions applicants will answer {when}.")
    if not any(doc.kind == "information_pack" for doc in round_.documents):
        if not_open:
            warnings.append("Upload the information pack before the round opens.")
        elif is_open:
            warnings.append(
                "Upload the information pack now: the round is open and applicants cannot read "
                "it yet."
            )
    people = {user.id for user in round_.reviewers}
    if round_.lead_officer_id is not None:
        people.add(round_.lead_officer_id)
    if len(people) < 2:
        warnings.append("Choose at least two reviewers: every application is scored twice.")
    return warnings


# Criteria and questions ----------------------------------------------------------------------


# The criteria and the questions are parts of a round kept in order, with the same rules:
# engage/recruitment/manage/round_parts.py. These name them as the tests and routes call them.


def save_criterion(
    round_: RecruitmentRound,
    criterion: Criterion | None,
    *,
    title: str,
    description: str,
    position: int | None,
) -> Criterion:
    values = {"title": title, "description": description}
    return round_parts.save(round_, round_parts.CRITERIA, criterion, values, position)


def remove_criterion(round_: RecruitmentRound, criterion: Criterion) -> None:
    round_parts.remove(round_, round_parts.CRITERIA, criterion)


def save_question(
    round_: RecruitmentRound,
    question: RoundQuestion | None,
    *,
    text: str,
    hint: str,
    word_limit: int,
    position: int | None,
) -> RoundQuestion:
    values = {"text": text, "hint": hint, "word_limit": word_limit}
    return round_parts.save(round_, round_parts.QUESTIONS, question, values, position)


def remove_question(round_: RecruitmentRound, question: RoundQuestion) -> None:
    round_parts.remove(round_, round_parts.QUESTIONS, question)


# Reviewers -----------------------------------------------------------------------------------


def set_reviewers(round_: RecruitmentRound, user_ids: list[int]) -> None:
    """Reviewers are officers; the lead officer is always one of them."""
    chosen = {user.id: user for user in officers() if user.id in set(user_ids)}
    if round_.lead_officer_id is not None and round_.lead_officer_id not in chosen:
        lead = db.session.get(User, round_.lead_officer_id)
        if lead is not None:
            chosen[lead.id] = lead
    round_.reviewers = list(chosen.values())
    record_event(
        "recruitment_reviewers_changed",
        object_type="recruitment_round",
        object_id=round_.id,
        reviewer_ids=sorted(chosen),
    )
