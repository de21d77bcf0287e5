"""Telling a story and looking after it afterwards: the answers' choices (areas, themes),
sending a story kept as a draft (with its themes, monitoring answers and the "story
received" email), the emailed link to see and change one's choices (signed, naming a secret
whose hash the story keeps, so only the newest link works), changing consents and
withdrawing. None of these functions commits: the route commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from engage.core import themes
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.monitoring import api as monitoring
from engage.reference.api import local_authorities
from engage.stories import services, stages
from engage.stories.models import Story

# A person may come back to their story for a long time: a link works for a year, or until
# a newer one is sent.
LINK_MAX_AGE = 365 * 24 * 3600
LINK_SALT = "engage.story-manage"
MANAGE_ENDPOINT = "stories.tell.manage"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


# Choices ----------------------------------------------------------------------------------------


def area_choices() -> list[tuple[str, str]]:
    """The answers to "Where did it happen?": the six local authorities, then the others."""
    return [(a.code, a.name) for a in local_authorities()] + list(stages.AREA_OTHER_LABELS.items())


def theme_choices() -> list[tuple[int, str]]:
    """The stories codeframe's themes (none until an officer adds some)."""
    codeframe = themes.get_codeframe(*stages.CODEFRAME_OWNER)
    return [(theme.id, theme.label) for theme in codeframe.themes] if codeframe else []


# Sending ----------------------------------------------------------------------------------------


def send(
    details: dict[str, Any],
    theme_ids: list[int],
    monitoring_answers: dict[str, str | None] | None,
    *,
    user_id: int | None = None,
    entered_by_id: int | None = None,
    told_at: datetime | None = None,
) -> Story:
    """Make the story, code it to the themes chosen, keep the monitoring answers and, when
    an email address was given, email the reference and the link to change one's choices."""
    story = services.create_story(
        details, user_id=user_id, entered_by_id=entered_by_id, told_at=told_at
    )
    chosen = {theme_id for theme_id, _ in theme_choices()} & set(theme_ids)
    if chosen:
        codeframe = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        themes.set_item_themes(codeframe, stages.THEME_ITEM, story.id, chosen, by_id=None)
    if monitoring_answers is not None:
        monitoring.save_answers(stages.MONITORING_SUBJECT, story.id, monitoring_answers)
    if story.email:
        queue_email(
            story.email,
            "story-received",
            f"We have your story: {story.reference}",
            story=story,
            link=new_link(story),
        )
    return story


# The link to see and change one's choices --------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=LINK_SALT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_link(story: Story) -> str:
    """A fresh link to the story's page. It replaces any earlier one: only the newest works."""
    secret = secrets.token_urlsafe(24)
    story.manage_secret_hash = _hash(secret)
    token = _serializer().dumps({"s": story.id, "k": secret})
    return external_url(MANAGE_ENDPOINT, token=token)


def story_for_token(token: str) -> Story:
    """The story a link opens. Raises LinkExpired or LinkInvalid."""
    try:
        payload = _serializer().loads(token, max_age=LINK_MAX_AGE)
    except SignatureExpired as error:
        raise LinkExpired from error
    except BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise LinkInvalid
    story = db.session.get(Story, payload["s"])
    secret = payload.get("k")
    if story is None or not story.manage_secret_hash or not isinstance(secret, str):
        raise LinkInvalid
    if not secrets.compare_digest(_hash(secret), story.manage_secret_hash):
        raise LinkInvalid
    return story


def send_new_link(reference: str, email: str) -> None:
    """Email a new link if a story with this reference was told with this email address
    (and not withdrawn); otherwise do nothing. The caller says the same either way."""
    story = db.session.scalars(
        select(Story).where(
            Story.reference == reference.strip().upper(),
            func.lower(Story.email) == email.strip().lower(),
            Story.email != "",
            Story.withdrawn_at.is_(None),
        )
    ).first()
    if story is None:
        return
    queue_email(
        story.email,
        "story-link",
        f"A new link to your story: {story.reference}",
        story=story,
        link=new_link(story),
    )
    record_event("story_link_sent", object_type="story", object_id=story.id)


def stories_of(user_id: int) -> Any:
    """A signed-in resident's own stories, newest first (a query, for paginating)."""
    return (
        select(Story)
        .where(Story.user_id == user_id, Story.withdrawn_at.is_(None))
        .order_by(Story.told_at.desc(), Story.id.desc())
    )


# Changing one's choices ------------------------------------------------------------------------


def seen_by_teller(story: Story) -> None:
    """A safeguarding story's every view is logged, the person's own too."""
    if story.safeguarding:
        record_event("story_seen_by_teller", object_type="story", object_id=story.id)


def change_choices(story: Story, wanted: dict[str, bool]) -> bool:
    """Set the consents given in ``wanted``; returns whether any changed. "Contact you" can
    only be agreed with an email address."""
    if story.withdrawn_at is not None:
        raise stages.StoryRefused(stages.WITHDRAWN_STORY)
    if not story.email:
        wanted = {**wanted, "consent_contact": False}
    changed = {
        key: value for key, value in wanted.items()
        if key in ("consent_quote", "consent_publish", "consent_contact")
        and getattr(story, key) != value
    }  # fmt: skip
    if not changed:
        return False
    for key, value in changed.items():
        setattr(story, key, value)
    story.consent_changed_at = utcnow()
    record_event(
        "story_choices_changed",
        object_type="story",
        object_id=story.id,
        **{key: ("yes" if value else "no") for key, value in changed.items()},
    )
    return True


def withdraw(story: Story) -> None:
    """Withdraw the story: out of every page and report, not worked on, and keeping nothing
    that says who told it (contact details, account, link, monitoring answers)."""
    if story.withdrawn_at is not None:
        return
    story.withdrawn_at = utcnow()
    story.name = story.email = story.phone = ""
    story.consent_contact = False
    story.user_id = None
    story.manage_secret_hash = None
    monitoring.delete_answers(stages.MONITORING_SUBJECT, story.id)
    record_event("story_withdrawn", object_type="story", object_id=story.id)
