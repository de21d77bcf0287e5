""" "You said, we did" for a draft policy (the shared shape is engage/core/you_said_we_did.py):
comments by outcome for each version opened to panels, what changed in each later version,
and every comment with its response, names only where members agreed. Members of the panels
and staff see it all; the public sees only the counts, the changes and the officer's
published summary, never a comment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from engage.accounts.api import User
from engage.core import word
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.pagination import Page, paginate
from engage.core.you_said_we_did import Point, YouSaidWeDid
from engage.panels.api import Panel, panels_of_members
from engage.policies.comments import ANONYMOUS_NAME, DOCUMENT_ORDER, with_places
from engage.policies.models import (
    ImpactSection,
    Policy,
    PolicyComment,
    PolicyParagraph,
    PolicyVersion,
    version_panel,
)
from engage.policies.stages import OUTCOME_LABELS, comment_place

NO_OUTCOME = "No outcome yet"
OUTCOMES = [*OUTCOME_LABELS.values(), NO_OUTCOME]


Counted = list[tuple[int, int | None, str, int]]  # version id, author id, outcome label, count


def comment_counts(policy: Policy) -> Counted:
    """The policy's comments (replies included, withdrawn ones not) counted by version,
    author and outcome, in the database: what summary and by_panel both count from. One
    query."""
    return [
        (version_id, author_id, OUTCOME_LABELS.get(outcome or "", NO_OUTCOME), count)
        for version_id, author_id, outcome, count in db.session.execute(
            select(
                PolicyComment.version_id,
                PolicyComment.author_id,
                PolicyComment.outcome,
                func.count(PolicyComment.id),
            )
            .join(PolicyVersion, PolicyVersion.id == PolicyComment.version_id)
            .where(PolicyVersion.policy_id == policy.id, PolicyComment.withdrawn_at.is_(None))
            .group_by(PolicyComment.version_id, PolicyComment.author_id, PolicyComment.outcome)
        )
    ]


def summary(policy: Policy, counted: Counted | None = None) -> YouSaidWeDid:
    """Comments by outcome for each opened version (with the panels it went to), and each
    version's note of what changed. Two queries (one with ``counted``)."""
    if counted is None:
        counted = comment_counts(policy)
    versions: dict[int, tuple[PolicyVersion, list[str]]] = {}
    for version, panel_name in db.session.execute(
        select(PolicyVersion, Panel.name)
        .outerjoin(version_panel, version_panel.c.version_id == PolicyVersion.id)
        .outerjoin(Panel, Panel.id == version_panel.c.panel_id)
        .where(PolicyVersion.policy_id == policy.id)
        .order_by(PolicyVersion.number, Panel.name)
    ):
        names = versions.setdefault(version.id, (version, []))[1]
        if panel_name:
            names.append(panel_name)
    by_version: dict[int, list[tuple[str, int]]] = {}
    for version_id, _, label, count in counted:
        by_version.setdefault(version_id, []).append((label, count))
    result = YouSaidWeDid(outcomes=OUTCOMES)
    for version, names in versions.values():
        if version.opened_at is not None:
            to = ", ".join(names) or "no panel"
            result.add_row(f"Version {version.number} ({to})", by_version.get(version.id, []))
    for version, _ in list(versions.values())[1:]:
        if version.change_note:
            result.changes.append((f"Version {version.number}", version.change_note))
    return result


NOT_A_MEMBER = "Panel not known (account or seat removed)"


def by_panel(policy: Policy, counted: Counted | None = None) -> YouSaidWeDid:
    """Comments by outcome for each panel their authors sit on, of the panels the policy went
    to; a member of two of them counts under each. One query (two without ``counted``)."""
    if counted is None:
        counted = comment_counts(policy)
    policy_panels = (
        select(version_panel.c.panel_id)
        .join(PolicyVersion, PolicyVersion.id == version_panel.c.version_id)
        .where(PolicyVersion.policy_id == policy.id)
    )
    authors = sorted({author for _, author, _, _ in counted if author is not None})
    seats = panels_of_members(authors, policy_panels) if authors else {}
    by_name: dict[str, list[tuple[str, int]]] = {}
    for _, author, label, count in counted:
        for name in seats.get(author, []) or [NOT_A_MEMBER]:
            by_name.setdefault(name, []).append((label, count))
    result = YouSaidWeDid(outcomes=OUTCOMES)
    for name in sorted(by_name, key=lambda n: (n == NOT_A_MEMBER, n)):
        result.add_row(name, by_name[name])
    return result


def _points_statement(policy: Policy) -> Select:
    """Every first comment (not replies, not withdrawn) on the policy's versions, in order of
    version and document, as rows of what a Point shows: read as rows, not objects, as the
    page of a policy with a thousand comments is one of the longest."""
    return with_places(
        select(
            PolicyVersion.number.label("version_number"),
            PolicyComment.author_id,
            PolicyComment.name_shown,
            PolicyComment.text,
            PolicyComment.outcome,
            PolicyComment.response,
            PolicyParagraph.number.label("paragraph_number"),
            PolicyParagraph.kind.label("paragraph_kind"),
            ImpactSection.characteristic,
            User.full_name.label("author_name"),
        )
        .join(PolicyVersion, PolicyVersion.id == PolicyComment.version_id)
        .outerjoin(User, User.id == PolicyComment.author_id)
        .where(
            PolicyVersion.policy_id == policy.id,
            PolicyComment.parent_id.is_(None),
            PolicyComment.withdrawn_at.is_(None),
        )
    ).order_by(PolicyVersion.number, *DOCUMENT_ORDER)


def _point(row: Any, name_shown: bool) -> Point:
    where = comment_place(row.paragraph_number, row.paragraph_kind, row.characteristic)
    shown = row.author_name is not None and name_shown
    return Point(
        where=f"Version {row.version_number}, {where}",
        said=row.text,
        who=row.author_name if shown else ANONYMOUS_NAME,
        outcome=OUTCOME_LABELS.get(row.outcome or "", NO_OUTCOME),
        did=row.response,
    )


def points_page(policy: Policy, reader: Any, *, staff: bool) -> tuple[Page, list[Point]]:
    """A page of the policy's comments with what was done. Names only where the member agreed
    (staff, and the member themselves, see them all)."""
    page = paginate(_points_statement(policy))
    points = [
        _point(row, row.name_shown or staff or row.author_id == reader.id) for row in page.items
    ]
    return page, points


def publish_summary(policy: Policy, text: str) -> None:
    policy.public_summary = text
    policy.summary_published_at = utcnow() if text else None
    record_event(
        "policy_summary_published" if text else "policy_summary_withdrawn",
        object_type="policy",
        object_id=policy.id,
    )


def published_statement() -> Any:
    """Policies whose summary is public, the latest first."""
    return (
        select(Policy)
        .where(Policy.summary_published_at.is_not(None))
        .order_by(Policy.summary_published_at.desc(), Policy.id.desc())
    )


def all_points(policy: Policy) -> list[Point]:
    """Every comment and its answer, for a document (no paging): names only where the member
    agreed, as anyone reading a committee report might see it."""
    return [_point(row, row.name_shown) for row in db.session.execute(_points_statement(policy))]


def _counts_table(counts: YouSaidWeDid, first_heading: str) -> word.Table:
    return word.Table(
        [first_heading, *counts.outcomes, "All"],
        [
            [row.label, *(row.counts[o] for o in counts.outcomes), row.total]
            for row in [*counts.rows, counts.totals]
        ],
    )


def as_word(policy: Policy) -> bytes:
    """ "You said, we did" as a Word document an officer can edit and attach to a committee
    report: the counts, what changed, and every comment with its answer."""
    counted = comment_counts(policy)
    result = summary(policy, counted)
    blocks: list[word.Block] = [
        word.Heading(f"{policy.title}: you said, we did"),
        word.Paragraph(policy.summary),
        word.Paragraph(f"Owner: {policy.owner}."),
        word.Heading("Comments by outcome", 2),
        _counts_table(result, "What"),
        word.Heading("Comments by panel", 2),
        word.Paragraph("A member of two panels counts under each."),
        _counts_table(by_panel(policy, counted), "Panel"),
        word.Heading("What changed", 2),
    ]
    blocks += [word.Paragraph(f"{what}: {changed}") for what, changed in result.changes] or [
        word.Paragraph("No changes have been recorded yet.")
    ]
    if policy.public_summary:
        blocks += [word.Heading("Summary for the public", 2), word.Paragraph(policy.public_summary)]
    blocks.append(word.Heading("Every comment and its answer", 2))
    for point in all_points(policy):
        blocks += [
            word.Heading(point.where, 3),
            word.Paragraph(f"You said ({point.who}):", bold=True),
            word.Paragraph(point.said),
            word.Paragraph(f"We did: {point.outcome}", bold=True),
            word.Paragraph(point.did or "No response yet."),
        ]
    return word.to_docx(blocks)
