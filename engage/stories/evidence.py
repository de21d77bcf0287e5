"""What the strategy tracker shows of lived-experience stories tagged to priorities: for each
priority, how many stories, how many led to a change, their themes, and the latest published
ones with their change markers. Three queries for any number of priorities and stories;
withdrawn stories are left out everywhere, and only published ones can reach the public."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import url_for
from sqlalchemy import Select, and_, case, func, select

from engage.core.db import db
from engage.core.evidence import PRIORITY_IDS, Evidence, priority_ids_given
from engage.core.theme_models import Codeframe, Theme, ThemeCode
from engage.core.urls import url_maker
from engage.stories import stages
from engage.stories.models import Story

FEATURE = "Lived-experience stories"
LATEST_PUBLISHED = 5  # the public page lists a priority's latest few published stories

_PUBLIC = and_(
    Story.published_at.is_not(None),
    Story.consent_publish.is_(True),
    Story.safeguarding.is_(False),
)


def _count(condition) -> object:  # noqa: ANN001 - a SQL condition
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def evidence_for_priorities(
    priority_ids: list[int], *, detail: bool = True
) -> dict[int, list[Evidence]]:
    """For each priority id: one summary of its stories (if any), then its latest published
    stories, newest first. ``detail=False`` (a page of counts): the summaries without their
    themes, and no stories listed (one query instead of three)."""
    found: dict[int, list[Evidence]] = {priority_id: [] for priority_id in priority_ids}
    if not priority_ids:
        return found
    given = priority_ids_given(priority_ids)
    totals = db.session.execute(_totals_statement(), given).all()
    themes = _themes(given) if detail else {}
    queue_url, public_url = url_for("stories.triage.queue"), url_for("stories.publish.index")
    for priority_id, total, made, planned, published, published_made, published_planned in totals:
        coded = themes.get(priority_id, [])
        staff_themes = ", ".join(f"{label} ({count:,})" for label, count, _ in coded)
        public_themes = ", ".join(label for label, _, shown in coded if shown)
        summary = (
            f"{_plural(total, 'story', 'stories')} ({published:,} published); "
            f"{made:,} led to a change made, {planned:,} to a change planned"
            + (
                f"; themes: {staff_themes}"
                if staff_themes
                else "; no themes coded yet"
                if detail
                else ""
            )
        )
        found[priority_id].append(
            Evidence(
                feature=FEATURE,
                title="Stories tagged to this priority",
                count=total,
                summary=summary,
                url=queue_url,
                public=published > 0,
                public_url=public_url,
                public_text=f"Themes: {public_themes}" if public_themes else "",
                # Published stories only, in cells that do not overlap.
                public_counts=(
                    ("Published stories that led to a change made", published_made),
                    ("Published stories that led to a change planned", published_planned),
                    (
                        "Other published stories",
                        published - published_made - published_planned,
                    ),
                ),
            )
        )
    latest = _latest_published(given) if detail else []
    # Each address built once, not per story (url_for costs about 25 µs a call).
    officer_story = url_maker("stories.triage.story", "story_id")
    public_story = url_maker("stories.publish.show", "story_id")
    for priority_id, story_id, title, change in latest:
        label = stages.CHANGE_LABELS.get(change, change)
        found[priority_id].append(
            Evidence(
                feature=FEATURE,
                title=title,
                summary=f"Published; {label.lower()}",
                url=officer_story(story_id),
                public=True,
                public_url=public_story(story_id),
                public_text=label,
                count=0,
            )
        )
    return found


def _tags_and_tagged() -> tuple[Any, Any]:
    """The tags table, and "tagged to one of the priorities asked for, not withdrawn"."""
    tags = db.metadata.tables["story_priority"]
    return tags, and_(tags.c.priority_id.in_(PRIORITY_IDS), Story.withdrawn_at.is_(None))


@cache
def _totals_statement() -> Select:
    """Each priority's stories: how many, how many led to a change, how many published."""
    tags, tagged = _tags_and_tagged()
    return (
        select(
            tags.c.priority_id,
            func.count(Story.id),
            _count(Story.change == stages.ChangeMarker.MADE),
            _count(Story.change == stages.ChangeMarker.PLANNED),
            _count(_PUBLIC),
            _count(and_(_PUBLIC, Story.change == stages.ChangeMarker.MADE)),
            _count(and_(_PUBLIC, Story.change == stages.ChangeMarker.PLANNED)),
        )
        .join(Story, Story.id == tags.c.record_id)
        .where(tagged)
        .group_by(tags.c.priority_id)
    )


def _themes(given: dict) -> dict[int, list[tuple[str, int, bool]]]:
    """Each priority's themes: (label, stories, whether a published story has it), the most
    used first. One query."""
    found: dict[int, list[tuple[str, int, bool]]] = {}
    for priority_id, label, count, published in db.session.execute(_themes_statement(), given):
        found.setdefault(priority_id, []).append((label, count, published > 0))
    return found


@cache
def _themes_statement() -> Select:
    tags, tagged = _tags_and_tagged()
    owner_type, owner_id = stages.CODEFRAME_OWNER
    return (
        select(
            tags.c.priority_id,
            Theme.label,
            func.count(func.distinct(Story.id)),
            _count(_PUBLIC),
        )
        .join(Story, Story.id == tags.c.record_id)
        .join(
            ThemeCode,
            and_(ThemeCode.item_type == stages.THEME_ITEM, ThemeCode.item_id == Story.id),
        )
        .join(Theme, Theme.id == ThemeCode.theme_id)
        .join(Codeframe, Codeframe.id == Theme.codeframe_id)
        .where(tagged, Codeframe.owner_type == owner_type, Codeframe.owner_id == owner_id)
        .group_by(tags.c.priority_id, Theme.id, Theme.label)
        .order_by(tags.c.priority_id, func.count(func.distinct(Story.id)).desc(), Theme.label)
    )


def _latest_published(given: dict) -> list[tuple[int, int, str, str]]:
    """Each priority's latest published stories (a window in SQL, not every story)."""
    return [tuple(row) for row in db.session.execute(_latest_statement(), given)]


@cache
def _latest_statement() -> Select:
    tags, tagged = _tags_and_tagged()
    number = (
        func.row_number()
        .over(
            partition_by=tags.c.priority_id,
            order_by=(Story.published_at.desc(), Story.id.desc()),
        )
        .label("number")
    )
    ranked = (
        select(
            tags.c.priority_id,
            Story.id.label("story_id"),
            Story.public_title,
            Story.change,
            Story.published_at,
            number,
        )
        .join(Story, Story.id == tags.c.record_id)
        .where(tagged, _PUBLIC)
        .subquery()
    )
    return (
        select(ranked.c.priority_id, ranked.c.story_id, ranked.c.public_title, ranked.c.change)
        .where(ranked.c.number <= LATEST_PUBLISHED)
        .order_by(ranked.c.priority_id, ranked.c.published_at.desc(), ranked.c.story_id.desc())
    )
