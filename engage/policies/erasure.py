"""Erasing a panel member's comments on draft policies (engage/rights asks).

A comment is anonymised, not deleted, when deleting it would take something else with it or
change a published figure:
- an officer gave it an outcome or a response (the response stays readable, against a
  comment that now says it was removed);
- someone replied to it (deleting it would delete their replies);
- the policy's "you said, we did" summary is published and counts it (the public counts of
  comments by outcome must not change).
Anonymising removes the author and replaces the words. Every other comment is deleted, and
so is every request for support to take part. Two queries to plan."""

from __future__ import annotations

from sqlalchemy import delete as sql_delete
from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, anonymise, counted, delete
from engage.policies.models import Policy, PolicyComment, PolicyVersion, SupportRequest

FEATURE = "Draft policies"
REMOVED_TEXT = "This comment was removed at the request of the person who wrote it."
ANONYMISED_REASON = (
    "An officer answered it, someone replied to it, or it is counted in a published "
    "\u201cyou said, we did\u201d summary: the comment stays, without its author or words, "
    "so the answer, the replies and the published counts still stand."
)

_reply = aliased(PolicyComment)


def _comments(user_id: int) -> list[tuple[int, bool, str]]:
    """(id, whether it must be anonymised, policy title) of each of the person's comments."""
    has_reply = exists().where(_reply.parent_id == PolicyComment.id)
    counted_publicly = Policy.summary_published_at.is_not(None) & PolicyComment.withdrawn_at.is_(
        None
    )
    rows = db.session.execute(
        select(
            PolicyComment.id,
            PolicyComment.outcome.is_not(None)
            | (PolicyComment.response != "")
            | has_reply
            | counted_publicly,
            Policy.title,
        )
        .join(PolicyVersion, PolicyVersion.id == PolicyComment.version_id)
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(PolicyComment.author_id == user_id)
        .order_by(PolicyComment.id)
    )
    return [(comment_id, bool(kept), title) for comment_id, kept, title in rows]


def _support_requests(user_id: int) -> list[int]:
    return list(
        db.session.scalars(select(SupportRequest.id).where(SupportRequest.user_id == user_id))
    )


def _plan(comments: list[tuple[int, bool, str]], support: list[int]) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    for _id, kept, title in comments:
        what = f"A comment on the draft policy \u201c{title}\u201d"
        plan.items.append(anonymise(what, ANONYMISED_REASON) if kept else delete(what))
    if support:
        plan.items.append(
            delete(
                counted(len(support), "request", "requests")
                + " for another format or for support to take part"
            )
        )
    return plan


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    # Comments are written only when signed in: someone known by a reference has none.
    if subject.user_id is None:
        return ErasurePlan(FEATURE)
    return _plan(_comments(subject.user_id), _support_requests(subject.user_id))


def erase(subject: DataSubject) -> ErasureResult:
    """Does not commit."""
    if subject.user_id is None:
        return ErasureResult(FEATURE)
    comments = _comments(subject.user_id)
    support = _support_requests(subject.user_id)
    plan = _plan(comments, support)
    to_anonymise = [comment_id for comment_id, kept, _title in comments if kept]
    to_delete = [comment_id for comment_id, kept, _title in comments if not kept]
    if to_anonymise:
        db.session.execute(
            update(PolicyComment)
            .where(PolicyComment.id.in_(to_anonymise))
            .values(author_id=None, name_shown=False, text=REMOVED_TEXT)
            .execution_options(synchronize_session=False)
        )
    for model, ids in ((PolicyComment, to_delete), (SupportRequest, support)):
        if ids:
            db.session.execute(
                sql_delete(model)
                .where(model.id.in_(ids))
                .execution_options(synchronize_session=False)
            )
    return ErasureResult(FEATURE, list(plan.items))
