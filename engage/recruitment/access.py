"""Who may do what in recruitment. Every recruitment view's rule is here.

- Applicants reach their own application only: signed in as its owner, or holding it in
  this browser session after following the emailed link (see ``apply`` services). Anyone
  else gets 404, so references cannot be probed.
- Reviewers are the officers assigned to a round (and its lead officer).
- The lead officer (or an admin) runs the round: changes its details, criteria, questions,
  documents and reviewers, hands the lead to another officer, moderates, shortlists and
  decides (LEAD_OFFICER). Any officer may create a round and leads it unless they choose
  someone else; other officers may see a round's page but not change it, so nobody can make
  themselves a round's lead or reviewer."""

from __future__ import annotations

from typing import Any

from flask import session
from sqlalchemy import exists, select

from engage.core.access import Rule, per_request
from engage.core.db import db
from engage.recruitment.models import Application, RecruitmentRound, round_reviewer

SESSION_APPLICATIONS = "applications"  # references this browser session may open


def holds_application(user: Any, reference: str | None) -> bool:
    if not reference:
        return False
    if reference in session.get(SESSION_APPLICATIONS, []):
        return True
    if not user.is_authenticated:
        return False
    return bool(
        db.session.scalar(
            select(
                exists().where(Application.reference == reference, Application.user_id == user.id)
            )
        )
    )


def lead_officer_id(round_id: Any) -> int | None:
    """The round's lead. The round is loaded whole, once per request: the page it guards
    finds it in the session afterwards instead of asking the database again."""
    if not str(round_id).isdigit():
        return None
    # Kept for the request (the session's identity map holds it only while someone does).
    round_ = per_request(
        ("round", int(round_id)), lambda: db.session.get(RecruitmentRound, int(round_id))
    )
    return round_.lead_officer_id if round_ is not None else None


def is_lead(user: Any, round_id: Any) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role("admin"):
        return True
    lead = lead_officer_id(round_id)
    return lead is not None and lead == user.id


def is_reviewer(user: Any, round_id: Any) -> bool:
    if not user.is_authenticated or not user.has_role("officer"):
        return False
    if is_lead(user, round_id):
        return True
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    round_reviewer.c.round_id == round_id, round_reviewer.c.user_id == user.id
                )
            )
        )
    )


APPLICANT = Rule(
    "applicant",
    lambda user, args: holds_application(user, args.get("reference")),
    needs_sign_in=False,
    refuse_with=404,
)
REVIEWER = Rule("reviewer of round", lambda user, args: is_reviewer(user, args.get("round_id")))
LEAD_OFFICER = Rule("lead officer of round", lambda user, args: is_lead(user, args.get("round_id")))
