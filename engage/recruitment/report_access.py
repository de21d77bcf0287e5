"""Who may see a round's fairness report and its exports.

The report shows equality monitoring aggregates for one round, so it needs both:

- to run the round: its lead officer, or an admin (``access.is_lead``, which lets admins in);
- to see monitoring totals: the ``equality_data`` role (``monitoring.access``). Admins do
  not hold it by default: seeing special-category data is a separate decision.

Reviewers who are not the lead never pass, whatever roles they hold: nobody scoring an
application may see monitoring answers or totals for the round they score. The exports use
the same rule (the applications export carries each application's reference, stage, choices,
moderated total and the reasons given, but no names or contact details; the monitoring
export carries the aggregates)."""

from __future__ import annotations

from typing import Any

from engage.core.access import Rule
from engage.monitoring.api import EQUALITY_DATA_ROLE
from engage.recruitment.access import is_lead

ROUND_REPORT_RULE_NAME = "lead officer of round with equality data"


def may_see_round_report(user: Any, round_id: Any) -> bool:
    """Lead officer of the round (or admin) who also holds the equality data role."""
    if not user.is_authenticated or not user.has_role(EQUALITY_DATA_ROLE):
        return False
    return is_lead(user, round_id)


ROUND_REPORT = Rule(
    ROUND_REPORT_RULE_NAME,
    lambda user, args: may_see_round_report(user, args.get("round_id")),
)
