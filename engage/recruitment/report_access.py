"""Who may see a round's fairness report and its exports, and at which level.

- The report and the equality monitoring export: anyone holding the equality data role
  (``monitoring``'s EQUALITY_DATA rule). What they see depends on whether they take part in
  the round's decisions (stages.report_level): its lead officer and reviewers see nothing
  until the outcomes are sent, then the shared tables; analysts outside the round see exact
  counts, marked restricted, on screen only. Exports are always the shared tables.
- The applications export (decisions and scores, no equality data): the round's lead
  officer or an admin (LEAD_OFFICER).

Admins are not treated as taking part unless they lead or review the round: taking part is
what decides, not power."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, exists, select

from engage.core.db import db
from engage.monitoring.api import EQUALITY_DATA, EQUALITY_DATA_ROLE
from engage.recruitment.access import lead_officer_id
from engage.recruitment.models import round_reviewer
from engage.recruitment.stages import ReportLevel, report_level

ROUND_REPORT = EQUALITY_DATA


# Built once (asked on every view of a report): the round and the person are parameters.
_REVIEWS = select(
    exists().where(
        round_reviewer.c.round_id == bindparam("round_id"),
        round_reviewer.c.user_id == bindparam("user_id"),
    )
)


def takes_part_in_decisions(user: Any, round_id: Any) -> bool:
    """The round's lead officer or one of its reviewers."""
    if not user.is_authenticated:
        return False
    if lead_officer_id(round_id) == user.id:
        return True
    return bool(db.session.scalar(_REVIEWS, {"round_id": round_id, "user_id": user.id}))


def level_for(user: Any, round_: Any) -> ReportLevel:
    return report_level(round_, takes_part_in_decisions=takes_part_in_decisions(user, round_.id))


def may_see_round_report(user: Any, round_id: Any) -> bool:
    """For links to the report: holds the role (the page says what they may see)."""
    return user.is_authenticated and user.has_role(EQUALITY_DATA_ROLE)
