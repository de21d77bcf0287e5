"""Telling and finding stories, shared by the feature's stages: making a story (online or
typed in by an officer) with its reference, due date and safeguarding check, and the rule of
who may see which story. Functions add to the session; routes commit."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, true
from sqlalchemy.sql.elements import ColumnElement

from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.stories import safeguarding, stages
from engage.stories.models import PUBLIC, Story

# No letters or digits that are easily confused when read out (0/O, 1/I/L, 5/S, 2/Z, 8/B).
REFERENCE_LETTERS = "ACDEFGHJKMNPQRTUVWXY34679"
STORY_FIELDS = (
    "what_happened",
    "area_code",
    "place",
    "when_happened",
    "what_would_help",
    "anonymous",
    "name",
    "email",
    "phone",
    "consent_quote",
    "consent_publish",
    "consent_contact",
    "easy_read",
    "channel",
    "told_through",
)


def new_reference() -> str:
    """A reference no other story has: "LE-" and six characters."""
    while True:
        reference = "LE-" + "".join(secrets.choice(REFERENCE_LETTERS) for _ in range(6))
        if db.session.scalar(select(Story.id).where(Story.reference == reference)) is None:
            return reference


def create_story(
    details: dict[str, Any],
    *,
    user_id: int | None = None,
    entered_by_id: int | None = None,
    told_at: datetime | None = None,
) -> Story:
    """A new story from ``details`` (keys of STORY_FIELDS), its due date counted from the
    day it was told, checked for safeguarding phrases. Anonymous stories keep no contact
    details, whatever was typed."""
    values = {key: details[key] for key in STORY_FIELDS if key in details}
    if values.get("anonymous", True):
        values.update(name="", email="", phone="", consent_contact=False)
        user_id = None
    story = Story(
        reference=new_reference(),
        user_id=user_id,
        entered_by_id=entered_by_id,
        told_at=told_at or utcnow(),
        **values,
    )
    story.due_on = stages.due_on(uk_today(story.told_at))
    db.session.add(story)
    db.session.flush()
    record_event(
        "story_told" if entered_by_id is None else "story_entered",
        object_type="story",
        object_id=story.id,
        channel=story.channel,
    )
    safeguarding.check_new_story(story)
    return story


def visible_to(is_safeguarding_officer: bool) -> ColumnElement[bool]:
    """Which stories an officer may see: a safeguarding story only by a safeguarding
    officer. Withdrawn stories stay listed (marked) so nobody works on them by mistake."""
    return true() if is_safeguarding_officer else Story.safeguarding.is_(False)


def stories_for_officer(is_safeguarding_officer: bool) -> Select:
    return select(Story).where(visible_to(is_safeguarding_officer))


def get_story(story_id: int) -> Story | None:
    return db.session.get(Story, story_id)


def public_stories() -> Select:
    """The stories the public may see now (see stages.is_public), newest first."""
    return select(Story).where(*PUBLIC).order_by(Story.published_at.desc(), Story.id.desc())
