"""What the strategy tracker shows of draft policies tagged to priorities: each policy's
comments (replies included, withdrawn ones not, as "you said, we did" counts them), how many
have an outcome, and whether its Equality Impact Assessment and its "you said, we did"
summary are published. One query, counting in the database."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, and_, func, select

from engage.core.db import db
from engage.core.evidence import PRIORITY_IDS, Evidence, priority_ids_given
from engage.core.urls import url_maker
from engage.policies.models import ImpactAssessment, Policy, PolicyComment, PolicyVersion

FEATURE = "Draft policies"


def _comments(*conditions) -> object:  # noqa: ANN002 - SQL conditions
    return (
        select(func.count(PolicyComment.id))
        .join(PolicyVersion, PolicyVersion.id == PolicyComment.version_id)
        .where(
            PolicyVersion.policy_id == Policy.id, PolicyComment.withdrawn_at.is_(None), *conditions
        )
        .correlate(Policy)
        .scalar_subquery()
    )


def evidence_for_priorities(
    priority_ids: list[int], *, detail: bool = True
) -> dict[int, list[Evidence]]:
    """For each priority id, the draft policies tagged to it, oldest first."""
    found: dict[int, list[Evidence]] = {priority_id: [] for priority_id in priority_ids}
    if not priority_ids:  # ``detail`` changes nothing here: one query either way
        return found
    rows = db.session.execute(_policies_statement(), priority_ids_given(priority_ids))
    # Each address built once, not per record (url_for costs about 25 µs a call).
    assessment_at = url_maker("policies.public.assessment", "assessment_id")
    manage = url_maker("policies.manage.show", "policy_id")
    public_summary = url_maker("policies.public.summary", "policy_id")
    for priority_id, policy_id, title, summary_at, comments, answered, assessment_id in rows:
        summary_published = summary_at is not None
        parts = [
            f"{comments:,} {'comment' if comments == 1 else 'comments'}, "
            f"{answered:,} with an outcome",
            "Equality Impact Assessment published"
            if assessment_id
            else "Equality Impact Assessment not published",
            "you said, we did published" if summary_published else "you said, we did not published",
        ]
        public_words = []
        links: list[tuple[str, str]] = []
        if assessment_id:
            assessment_url = assessment_at(assessment_id)
            links.append(("Equality Impact Assessment", assessment_url))
            public_words.append("Equality Impact Assessment published")
        if summary_published:
            public_words.append("What the panels said: published")
        found[priority_id].append(
            Evidence(
                feature=FEATURE,
                title=title,
                summary="; ".join(parts),
                url=manage(policy_id),
                links=tuple(links),
                public=summary_published or assessment_id is not None,
                public_url=(
                    public_summary(policy_id)
                    if summary_published
                    else links[0][1]
                    if links
                    else None
                ),
                public_text="; ".join(public_words),
                # Comment counts are public with the summary, which counts them too.
                public_counts=(
                    (
                        ("Comments with an outcome", answered),
                        ("Comments without an outcome yet", comments - answered),
                    )
                    if summary_published
                    else ()
                ),
            )
        )
    return found


@cache
def _policies_statement() -> Select:
    """Each tagged policy: its comments, those with an outcome, its latest published EqIA."""
    tags = db.metadata.tables["policy_priority"]
    latest_assessment = (
        select(func.max(ImpactAssessment.id))
        .join(PolicyVersion, PolicyVersion.id == ImpactAssessment.version_id)
        .where(
            and_(PolicyVersion.policy_id == Policy.id, ImpactAssessment.published_at.is_not(None))
        )
        .correlate(Policy)
        .scalar_subquery()
    )
    return (
        select(
            tags.c.priority_id,
            Policy.id,
            Policy.title,
            Policy.summary_published_at,
            _comments(),
            _comments(PolicyComment.outcome.is_not(None)),
            latest_assessment,
        )
        .join(Policy, Policy.id == tags.c.record_id)
        .where(tags.c.priority_id.in_(PRIORITY_IDS))
        .order_by(tags.c.priority_id, Policy.id)
    )
