"""Lived-experience stories under the retention schedule (``flask apply-retention``).

A story closed (or withdrawn) longer ago than its period, and never published, is
anonymised: what the person wrote (the story, what would help, the place), who told it and
how to reach them, the link to change their choices, the safeguarding reason (it quotes the
story), the officers' replies (they were emailed to the person) and analysts' notes on it
are removed. Its theme codes, area, dates, status and what changed stay, so the counts in
the stories reports, the strategy tracker and "who we heard from" do not move; the
monitoring answers stay with it (their write-ins cleared). Published stories are kept as
published. Stories flagged for safeguarding have their own, longer period
("safeguarding_stories"). Stories still being
written and never sent are deleted after stages.DRAFT_KEPT_FOR (a fixed two days), which
otherwise happens only when someone starts another.

Set-based statements only; the conditions leave out what is already anonymised, so a second
run changes and reports nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, delete, or_, select, update

from engage.core.db import db
from engage.core.retention import (
    ANONYMISED,
    DELETED,
    RetentionAction,
    delete_analyst_notes,
    subtract_period,
)
from engage.monitoring import api as monitoring
from engage.stories import stages
from engage.stories.models import Story, StoryDraft, StoryReply

_QUIET = {"synchronize_session": False}


def _due(before: datetime, safeguarding: bool) -> Select:
    return select(Story.id).where(
        Story.published_at.is_(None),
        Story.safeguarding.is_(safeguarding),
        or_(
            and_(Story.status == stages.CLOSED, Story.closed_at < before),
            Story.withdrawn_at < before,
        ),
        or_(
            Story.what_happened != "",
            Story.what_would_help != "",
            Story.place != "",
            Story.told_through != "",
            Story.name != "",
            Story.email != "",
            Story.phone != "",
            Story.user_id.is_not(None),
            Story.manage_secret_hash.is_not(None),
            Story.safeguarding_reason != "",
        ),
    )


def _anonymise(ids: Select) -> int:
    db.session.execute(
        delete(StoryReply).where(StoryReply.story_id.in_(ids)).execution_options(**_QUIET)
    )
    delete_analyst_notes(stages.THEME_ITEM, ids)
    monitoring.clear_write_ins_of(stages.MONITORING_SUBJECT, ids)
    result = db.session.execute(
        update(Story)
        .where(Story.id.in_(ids))
        .values(
            what_happened="",
            what_would_help="",
            place="",
            told_through="",
            name="",
            email="",
            phone="",
            user_id=None,
            manage_secret_hash=None,
            safeguarding_reason="",
        )
        .execution_options(**_QUIET)
    )
    return result.rowcount or 0


def apply_retention(now: datetime, periods: dict[str, str]) -> list[RetentionAction]:
    """Apply the schedule to stories. Does not commit."""
    stories = _anonymise(_due(subtract_period(now, periods["stories"]), safeguarding=False))
    flagged = _anonymise(
        _due(subtract_period(now, periods["safeguarding_stories"]), safeguarding=True)
    )
    drafts = db.session.execute(
        delete(StoryDraft)
        .where(StoryDraft.updated_at < now - stages.DRAFT_KEPT_FOR)
        .execution_options(**_QUIET)
    ).rowcount
    return [
        RetentionAction("stories", ANONYMISED, stories, "lived-experience stories"),
        RetentionAction("stories", DELETED, drafts or 0, "unsent story drafts (kept 2 days)"),
        RetentionAction(
            "safeguarding_stories", ANONYMISED, flagged, "stories flagged for safeguarding"
        ),
    ]
