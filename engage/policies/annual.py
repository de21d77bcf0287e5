"""Draft policies for a year of the annual equality report: for each policy, the panel
members' comments an officer answered in the year by outcome (accepted or partly accepted
comments are the ones that led to change), and what each version made in the year says it
changed. Two queries whatever the number of policies or comments. Withdrawn comments are not
counted; no comment's text or author is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, bindparam, func, select

from engage.core.db import db
from engage.policies.models import Policy, PolicyComment, PolicyVersion
from engage.policies.stages import OUTCOME_LABELS, Outcome

_START = bindparam("start", type_=DateTime(timezone=True))
_END = bindparam("end", type_=DateTime(timezone=True))
_ANSWERED = (
    select(Policy.id, Policy.title, PolicyComment.outcome, func.count(PolicyComment.id))
    .join(PolicyVersion, PolicyVersion.policy_id == Policy.id)
    .join(PolicyComment, PolicyComment.version_id == PolicyVersion.id)
    .where(
        PolicyComment.responded_at >= _START,
        PolicyComment.responded_at < _END,
        PolicyComment.withdrawn_at.is_(None),
        PolicyComment.outcome.is_not(None),
    )
    .group_by(Policy.id, Policy.title, PolicyComment.outcome)
)
_NEW_VERSIONS = (
    select(Policy.id, Policy.title, PolicyVersion.number, PolicyVersion.change_note)
    .join(PolicyVersion, PolicyVersion.policy_id == Policy.id)
    .where(
        PolicyVersion.number > 1,
        PolicyVersion.created_at >= _START,
        PolicyVersion.created_at < _END,
        PolicyVersion.change_note != "",
    )
    .order_by(Policy.id, PolicyVersion.number)
)
LED_TO_CHANGE = (OUTCOME_LABELS[Outcome.ACCEPTED], OUTCOME_LABELS[Outcome.PARTLY_ACCEPTED])


@dataclass
class PolicyInYear:
    policy_id: int
    title: str
    comments: dict[str, int] = field(default_factory=dict)  # outcome label -> comments
    changes: list[tuple[str, str]] = field(default_factory=list)  # ("Version 2", its note)

    @property
    def led_to_change(self) -> int:
        """Comments answered in the year that were accepted or partly accepted."""
        return sum(self.comments.get(label, 0) for label in LED_TO_CHANGE)


def policies_answered_between(start: datetime, end: datetime) -> list[PolicyInYear]:
    """Policies with comments answered, or a new version made, from ``start`` (included) to
    ``end`` (not), by title."""
    params = {"start": start, "end": end}
    found: dict[int, PolicyInYear] = {}
    for policy_id, title, outcome, count in db.session.execute(_ANSWERED, params):
        policy = found.setdefault(policy_id, PolicyInYear(policy_id, title))
        policy.comments[OUTCOME_LABELS.get(outcome, outcome)] = count
    for policy_id, title, number, note in db.session.execute(_NEW_VERSIONS, params):
        policy = found.setdefault(policy_id, PolicyInYear(policy_id, title))
        policy.changes.append((f"Version {number}", note))
    for policy in found.values():
        policy.comments = {
            label: policy.comments.get(label, 0) for label in OUTCOME_LABELS.values()
        }
    return sorted(found.values(), key=lambda policy: (policy.title.casefold(), policy.policy_id))


def first_policy_year() -> int | None:
    """The year the first comment was answered, or None."""
    first = db.session.scalar(select(func.min(PolicyComment.responded_at)))
    return first.year if first else None
