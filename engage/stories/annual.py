"""Lived-experience stories for a year of the annual equality report: the stories told in the
year by what changed because of them, and the changes themselves, only from stories the public
may see (published with the person's agreement, never a safeguarding story).

A story records what changed but not when the change was recorded, so the year is the year
the story was told, and the marker is the one it holds when the report is made. Withdrawn and
safeguarding stories are not counted. Two queries whatever the number of stories, and the
list of changes is the latest few (with how many there are in all), so the report stays a
readable length however many stories there are. The counts
are raw: the caller publishes them through disclosure control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, bindparam, func, select

from engage.core.db import db
from engage.stories import stages
from engage.stories.models import Story

_START = bindparam("start", type_=DateTime(timezone=True))
_END = bindparam("end", type_=DateTime(timezone=True))
_TOLD_IN = (
    Story.told_at >= _START,
    Story.told_at < _END,
    Story.withdrawn_at.is_(None),
    Story.safeguarding.is_(False),
)
_BY_CHANGE = select(Story.change, func.count()).where(*_TOLD_IN).group_by(Story.change)
# The changes listed are the most recently published, up to this many; the rest are counted.
LISTED_CHANGES = 30
_PUBLIC_CHANGES = (
    select(Story.public_title, Story.change, Story.change_description, func.count().over())
    .where(
        *_TOLD_IN,
        Story.change.in_(stages.LED_TO_CHANGE),
        Story.published_at.is_not(None),
        Story.consent_publish.is_(True),
    )
    .order_by(Story.published_at.desc(), Story.id.desc())
    .limit(LISTED_CHANGES)
)
CHANGE_LABELS: dict[str, str] = {str(key): label for key, label in stages.CHANGE_LABELS.items()}


@dataclass(frozen=True)
class PublicChange:
    title: str
    change: str  # "Change made" or "Change planned"
    description: str


@dataclass(frozen=True)
class StoriesInYear:
    by_change: dict[str, int]  # change label -> stories, every label present, in order
    public_changes: tuple[PublicChange, ...]  # the latest published, LISTED_CHANGES at most
    public_changes_in_all: int  # how many published stories led to a change


def stories_told_between(start: datetime, end: datetime) -> StoriesInYear:
    """Stories told from ``start`` (included) to ``end`` (not)."""
    params = {"start": start, "end": end}
    counts = dict.fromkeys(CHANGE_LABELS.values(), 0)
    for change, count in db.session.execute(_BY_CHANGE, params):
        label = CHANGE_LABELS.get(change, change)
        counts[label] = counts.get(label, 0) + count
    rows = db.session.execute(_PUBLIC_CHANGES, params).all()
    changes = tuple(
        PublicChange(title, CHANGE_LABELS.get(change, change), description)
        for title, change, description, _ in rows
    )
    return StoriesInYear(counts, changes, rows[0][3] if rows else 0)


def first_story_year() -> int | None:
    """The year the first story was told, or None."""
    first = db.session.scalar(select(func.min(Story.told_at)))
    return first.year if first else None
