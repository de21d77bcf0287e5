"""Opening a version to panels, panel members' comments and replies, and the officer's
outcome and response for each. Used by both stages (members comment, officers answer).
Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import contains_eager, joinedload

from engage.core.access import per_request
from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.pagination import Page, paginate
from engage.panels import api as panels
from engage.policies import emails, stages
from engage.policies.compare import compare_versions
from engage.policies.models import (
    ImpactSection,
    Policy,
    PolicyComment,
    PolicyParagraph,
    PolicyVersion,
    version_panel,
)
from engage.policies.services import paragraphs_of
from engage.policies.stages import VersionRefused

ANONYMOUS_NAME = "A panel member"


# Opening a version ---------------------------------------------------------------------------


def open_version(version: PolicyVersion, panel_ids: list[int], closes_on: date) -> None:
    latest = db.session.scalar(
        select(func.max(PolicyVersion.number)).where(PolicyVersion.policy_id == version.policy_id)
    )
    if not stages.can_open(version, latest or 0):
        raise VersionRefused(
            stages.ALREADY_OPENED if version.opened_at else stages.ONLY_LATEST_OPENED
        )
    version.panels = panels.panels_with_ids(panel_ids)
    version.closes_on = closes_on
    version.opened_at = utcnow()
    record_event(
        "policy_version_opened",
        object_type="policy",
        object_id=version.policy_id,
        version=version.number,
        panels=[p.name for p in version.panels],
        closes_on=closes_on.isoformat(),
    )
    emails.email_draft_opened(version)


def panel_ids_of(version_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(version_panel.c.panel_id).where(version_panel.c.version_id == version_id)
        )
    )


# Who may read a draft ------------------------------------------------------------------------


def may_read(user: Any, version: PolicyVersion | None) -> bool:
    """Staff; and, once a version has been opened (published to panels), current members of
    a panel any version of the policy was opened to, so members who commented on version 1
    can read version 2 and see what changed."""
    if version is None or not user.is_authenticated:
        return False
    if user.has_role("officer") or user.has_role("admin"):
        return True
    if version.opened_at is None:
        return False
    return may_read_policy(user, version.policy_id)


def _seats_of(user_id: int) -> set[int]:
    """The panels this person sits on today, asked once per request: a draft's page asks
    whether they may read it (the access rule) and whether they may comment."""
    return per_request(("current panels", user_id), lambda: panels.current_panel_ids(user_id))


def may_read_policy(user: Any, policy_id: int | None) -> bool:
    """Staff, and current members of a panel any version of the policy was opened to (its
    "you said, we did")."""
    if policy_id is None or not user.is_authenticated:
        return False
    if user.has_role("officer") or user.has_role("admin"):
        return True
    given = set(
        db.session.scalars(
            select(version_panel.c.panel_id)
            .join(PolicyVersion, PolicyVersion.id == version_panel.c.version_id)
            .where(PolicyVersion.policy_id == policy_id)
        )
    )
    return bool(given & _seats_of(user.id))


def may_comment(user: Any, version: PolicyVersion | None) -> bool:
    """Current members of a panel the version was opened to."""
    if version is None or version.opened_at is None or not user.is_authenticated:
        return False
    return bool(panel_ids_of(version.id) & _seats_of(user.id))


def drafts_for_member_statement(user_id: int, today: date | None = None) -> Select:
    """Versions opened to a panel this person sits on, open ones first, latest closing last
    (rows: the policy's title, the version and its closing date)."""
    mine = panels.current_panel_ids(user_id, today or uk_today())
    shared = exists().where(
        and_(version_panel.c.version_id == PolicyVersion.id, version_panel.c.panel_id.in_(mine))
    )
    return (
        select(
            Policy.id.label("policy_id"),
            Policy.title,
            PolicyVersion.number,
            PolicyVersion.closes_on,
            PolicyVersion.answered_at,
        )
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(PolicyVersion.opened_at.is_not(None), shared)
        .order_by(PolicyVersion.closes_on.desc(), PolicyVersion.id.desc())
    )


# Comments ------------------------------------------------------------------------------------


def _about(comment: PolicyComment, version: PolicyVersion) -> dict[str, Any]:
    """What a comment's audit event records: every event of the feature names the policy, so
    the audit log describes them all with one query, and says which version and paragraph."""
    return {
        "object_type": "policy",
        "object_id": version.policy_id,
        "version": version.number,
        "paragraph": comment.where,
        "comment": comment.id,
    }


# Comments as the document reads: the whole draft, then its paragraphs, then the impact
# assessment's sections; in each, oldest first (with_places joins what these order by).
DOCUMENT_ORDER = (
    ImpactSection.position.is_not(None),
    PolicyParagraph.position.is_not(None),
    PolicyParagraph.position,
    ImpactSection.position,
    PolicyComment.created_at,
    PolicyComment.id,
)


def with_places(statement: Select) -> Select:
    """``statement`` joined to the paragraph or section each comment is on (if any)."""
    return statement.outerjoin(
        PolicyParagraph, PolicyParagraph.id == PolicyComment.paragraph_id
    ).outerjoin(ImpactSection, ImpactSection.id == PolicyComment.section_id)


def in_document_order(statement: Select) -> Select:
    """Comment objects in DOCUMENT_ORDER, each with the paragraph and section it is on loaded
    from the same joins (not joined a second time to load them)."""
    return (
        with_places(statement)
        .options(contains_eager(PolicyComment.paragraph), contains_eager(PolicyComment.section))
        .order_by(*DOCUMENT_ORDER)
    )


def paragraph_by_number(version_id: int, number: str) -> PolicyParagraph | None:
    return db.session.scalars(
        select(PolicyParagraph).where(
            PolicyParagraph.version_id == version_id, PolicyParagraph.number == number
        )
    ).first()


def get_comment(version_id: int, comment_id: int) -> PolicyComment | None:
    return db.session.scalars(
        select(PolicyComment).where(
            PolicyComment.version_id == version_id, PolicyComment.id == comment_id
        )
    ).first()


def add_comment(
    version: PolicyVersion,
    author: Any,
    text: str,
    *,
    name_shown: bool,
    paragraph: PolicyParagraph | None = None,
    section: ImpactSection | None = None,
    reply_to: PolicyComment | None = None,
) -> PolicyComment:
    """A comment on a paragraph, an impact assessment section or (neither) the whole draft,
    or a reply, which is on what its thread is on."""
    if not stages.is_open_for_comments(version, uk_today()):
        raise VersionRefused(stages.NOT_OPEN)
    if reply_to is not None:
        paragraph, section = reply_to.paragraph, reply_to.section
    comment = PolicyComment(
        version_id=version.id,
        paragraph=paragraph,
        section=section,
        parent_id=reply_to.id if reply_to else None,
        author_id=author.id,
        text=text,
        name_shown=name_shown,
    )
    db.session.add(comment)
    db.session.flush()
    record_event("policy_comment_added", **_about(comment, version))
    return comment


def edit_comment(comment: PolicyComment, version: PolicyVersion, user: Any, text: str,
                 name_shown: bool) -> None:  # fmt: skip
    if not stages.can_change_comment(comment, user, version, uk_today()):
        raise VersionRefused("This comment can no longer be changed")
    comment.text, comment.name_shown, comment.edited_at = text, name_shown, utcnow()
    record_event("policy_comment_edited", **_about(comment, version))


def withdraw_comment(comment: PolicyComment, version: PolicyVersion, user: Any) -> None:
    if not stages.can_change_comment(comment, user, version, uk_today()):
        raise VersionRefused("This comment can no longer be withdrawn")
    comment.withdrawn_at = utcnow()
    record_event("policy_comment_withdrawn", **_about(comment, version))


def answer_comment(
    comment: PolicyComment, version: PolicyVersion, officer: Any, outcome: str, response: str
) -> None:
    if not stages.can_answer(version):
        raise VersionRefused("Comments on this version can no longer be answered")
    if outcome in stages.REASON_NEEDED and not response.strip():
        raise VersionRefused("Give the reason, which the member reads")
    comment.outcome, comment.response = outcome, response
    comment.responded_at, comment.responded_by_id = utcnow(), officer.id
    record_event(
        "policy_comment_answered",
        **_about(comment, version),
        outcome=outcome,
    )


@dataclass(frozen=True)
class NextVersionChange:
    """What became of a paragraph in the next version, for the comments on it."""

    next_number: int  # the next version's number
    status: str  # compare.CHANGED, UNCHANGED or REMOVED
    paragraph: str | None  # its number in the next version (None when removed)


def changes_in_next_version(
    version: PolicyVersion, *, opened_only: bool
) -> dict[str, NextVersionChange]:
    """For each paragraph number of ``version``: what happened to it in the next version,
    when there is one (``opened_only``: only once the next version has been opened to
    panels, for members). Empty when there is no next version. Three queries."""
    following = db.session.scalars(
        select(PolicyVersion).where(
            PolicyVersion.policy_id == version.policy_id,
            PolicyVersion.number == version.number + 1,
        )
    ).first()
    if following is None or (opened_only and following.opened_at is None):
        return {}
    compared = compare_versions(paragraphs_of(version.id), paragraphs_of(following.id))
    return {
        row.old_number: NextVersionChange(following.number, row.status, row.new_number)
        for row in compared.paragraphs
        if row.old_number is not None
    }


def counts_by_paragraph(version_id: int) -> dict[int | None, int]:
    """How many comments (not withdrawn, replies included) each paragraph has; None is the
    whole draft."""
    return dict(
        db.session.execute(
            select(PolicyComment.paragraph_id, func.count(PolicyComment.id))
            .where(PolicyComment.version_id == version_id, PolicyComment.withdrawn_at.is_(None))
            .group_by(PolicyComment.paragraph_id)
        ).all()
    )


def unanswered_count(version_id: int) -> int:
    return db.session.scalar(
        select(func.count(PolicyComment.id)).where(
            PolicyComment.version_id == version_id,
            PolicyComment.withdrawn_at.is_(None),
            PolicyComment.outcome.is_(None),
        )
    )


def close_as_answered(version: PolicyVersion) -> None:
    problem = stages.close_problem(version, uk_today(), unanswered_count(version.id))
    if problem:
        raise VersionRefused(problem)
    version.answered_at = utcnow()
    emails.email_comments_answered(version)
    record_event(
        "policy_version_answered",
        object_type="policy",
        object_id=version.policy_id,
        version=version.number,
    )


@dataclass(frozen=True)
class Thread:
    """A comment with its replies, where it sits in the document."""

    comment: PolicyComment
    replies: list[PolicyComment]


THREADS_PER_PAGE = 25  # as every list: a thousand comments are 40 pages
# Comments show their author's name: not the roles an account loads with it.
AUTHOR_ONLY = joinedload(PolicyComment.author).lazyload("*")


def threads_page(version_id: int) -> tuple[Page, list[Thread]]:
    """A page of the version's comments in document order (in_document_order), each with
    its replies in the order they were written. Three queries, however
    many comments there are."""
    first_comments = in_document_order(
        select(PolicyComment)
        .where(PolicyComment.version_id == version_id, PolicyComment.parent_id.is_(None))
        .options(AUTHOR_ONLY)
    )
    page = paginate(first_comments, per_page=THREADS_PER_PAGE)
    replies: dict[int, list[PolicyComment]] = {}
    if page.items:
        for reply in db.session.scalars(
            select(PolicyComment)
            .where(PolicyComment.parent_id.in_([c.id for c in page.items]))
            .options(AUTHOR_ONLY)
            .order_by(PolicyComment.created_at, PolicyComment.id)
        ):
            replies.setdefault(reply.parent_id, []).append(reply)
    return page, [Thread(c, replies.get(c.id, [])) for c in page.items]


def shown_name(comment: PolicyComment, reader: Any, *, staff: bool) -> str:
    """The author's name where they chose to show it, to staff, and to themselves."""
    if comment.author is None:
        return "A former member"
    if comment.name_shown or staff or comment.author_id == reader.id:
        return comment.author.full_name
    return ANONYMOUS_NAME
