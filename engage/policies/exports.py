"""Every comment on a version, with its thread, outcome and response, as a spreadsheet for
officers (CSV or XLSX through engage/core/exports.py, which defuses formulas)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engage.core.db import db
from engage.core.exports import Sheet
from engage.policies.comments import in_document_order
from engage.policies.models import PolicyComment, PolicyVersion
from engage.policies.stages import OUTCOME_LABELS

HEADERS = (
    "Comment",
    "Reply to comment",
    "On",
    "Text commented on",
    "Written by",
    "Name shown to other members",
    "Written on",
    "Changed on",
    "Withdrawn on",
    "Comment text",
    "Outcome",
    "Officer's response",
    "Answered on",
)


def _date(value: object) -> object:
    return value.date() if value is not None else None  # type: ignore[attr-defined]


def _commented_text(comment: PolicyComment) -> str:
    if comment.paragraph is not None:
        return comment.paragraph.text
    if comment.section is not None:
        return f"Likely impact: {comment.section.impact_label}. {comment.section.evidence}"
    return ""


def comments_sheet(version: PolicyVersion) -> Sheet:
    """One row per comment or reply, in document order, each reply after its thread's first
    comment. One query."""
    rows = list(
        db.session.scalars(
            in_document_order(
                select(PolicyComment)
                .where(PolicyComment.version_id == version.id)
                .options(joinedload(PolicyComment.author).lazyload("*"))
            )
        )
    )
    replies: dict[int, list[PolicyComment]] = {}
    for comment in rows:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    ordered = []
    for comment in rows:
        if comment.parent_id is None:
            ordered += [comment, *replies.get(comment.id, [])]
    sheet = Sheet(f"Comments on version {version.number}", HEADERS)
    for c in ordered:
        sheet.rows.append(
            (
                c.id,
                c.parent_id,
                c.where_title,
                _commented_text(c),
                c.author.full_name if c.author else "A former member",
                "Yes" if c.name_shown else "No",
                _date(c.created_at),
                _date(c.edited_at),
                _date(c.withdrawn_at),
                "" if c.withdrawn_at else c.text,
                OUTCOME_LABELS.get(c.outcome or "", "No outcome yet"),
                c.response,
                _date(c.responded_at),
            )
        )
    return sheet
