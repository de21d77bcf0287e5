"""What draft policies hold about a person, for their data download: the comments and replies
they wrote, with the outcome and the officer's response to each, and the support they asked
for to take part. Not other members' comments or replies, even on their own comment, and not
which officer answered (two queries)."""

from __future__ import annotations

from sqlalchemy import select

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.policies import stages
from engage.policies.models import Policy, PolicyComment, PolicyVersion, SupportRequest


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """Comments are written only when signed in, so only an account has any."""
    if subject.user_id is None:
        return []
    comments = db.session.execute(
        select(PolicyComment, Policy.title, PolicyVersion.number)
        .join(PolicyVersion, PolicyVersion.id == PolicyComment.version_id)
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(PolicyComment.author_id == subject.user_id)
        .order_by(PolicyComment.created_at, PolicyComment.id)
    ).all()
    requests = db.session.execute(
        select(SupportRequest, Policy.title, PolicyVersion.number)
        .join(PolicyVersion, PolicyVersion.id == SupportRequest.version_id)
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(SupportRequest.user_id == subject.user_id)
        .order_by(SupportRequest.created_at, SupportRequest.id)
    ).all()
    return sections(
        section(
            "Comments on draft policies",
            [
                record(
                    f"{'Reply' if comment.parent_id else 'Comment'} on {title}, version {number}",
                    ("Draft policy", title),
                    ("Version", number),
                    ("On", comment.where_title),
                    ("A reply to another comment", comment.parent_id is not None),
                    ("Your comment", comment.text),
                    ("Your name shown to other members", comment.name_shown),
                    ("Written", comment.created_at),
                    ("Changed", comment.edited_at),
                    ("Withdrawn", comment.withdrawn_at),
                    ("Outcome", comment.outcome_label if comment.outcome else None),
                    ("Our response", comment.response),
                    ("Responded", comment.responded_at),
                )
                for comment, title, number in comments
            ],
        ),
        section(
            "Support asked for to comment on draft policies",
            [
                record(
                    f"Support for {title}, version {number}",
                    ("Draft policy", title),
                    ("Version", number),
                    ("What you asked for", [stages.SUPPORT_NEEDS.get(n, n) for n in req.needs]),
                    ("Details", req.details),
                    ("Asked", req.created_at),
                    ("Arranged", req.done_at),
                )
                for req, title, number in requests
            ],
        ),
    )
