"""Safeguarding: a story that suggests someone is at risk is flagged, by a phrase officers
keep (``SafeguardingPhrase``) found in what the person wrote, or by any officer. A flagged
story goes to the top of the safeguarding officers' queue, each of them is emailed at once
(the email names the story's reference and links to it, never repeats what it says), only
they can see it, and it is never published. Functions add to the session; routes commit."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select

from engage.accounts.api import SAFEGUARDING, users_with_role
from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.email import queue_email
from engage.core.urls import external_url
from engage.stories.models import SafeguardingPhrase, Story

FLAGGED_BY_OFFICER = "An officer set the safeguarding flag"
EMAIL_KIND = "story-safeguarding"


def _folded(text: str) -> str:
    """Lower case, every run of spaces and punctuation one space: "Hurt  me!" -> "hurt me"."""
    return " " + re.sub(r"[\W_]+", " ", text.casefold()).strip() + " "


def phrase_key(text: str) -> str:
    """What a phrase matches, as matching sees it: "Hurt  me!" and "hurt me" are the same
    phrase ("" when it has no letter or digit, and so can never match)."""
    return _folded(text).strip()


def phrases() -> list[SafeguardingPhrase]:
    return list(db.session.scalars(select(SafeguardingPhrase).order_by(SafeguardingPhrase.phrase)))


def matching_phrases(texts: Iterable[str]) -> list[str]:
    """The safeguarding phrases found in any of ``texts``, as whole words ("hit" is not
    found in "white")."""
    folded = _folded(" ".join(texts))
    return [
        phrase.phrase
        for phrase in phrases()
        if _folded(phrase.phrase).strip() and _folded(phrase.phrase) in folded
    ]


def flag(story: Story, reason: str, by_user_id: int | None = None) -> None:
    """Flag the story (if it is not already), tell every safeguarding officer, and log it."""
    if story.safeguarding:
        return
    story.safeguarding = True
    story.safeguarding_reason = reason
    story.safeguarding_flagged_at = utcnow()
    story.safeguarding_flagged_by_id = by_user_id
    db.session.flush()
    url = external_url("stories.triage.story", story_id=story.id)
    for officer in users_with_role(SAFEGUARDING):
        queue_email(
            officer.email,
            EMAIL_KIND,
            f"Safeguarding: story {story.reference} needs you now",
            story=story,
            url=url,
            reason=reason,
        )
    record_event(
        "story_safeguarding_flagged", object_type="story", object_id=story.id, reason=reason
    )


def check_new_story(story: Story) -> None:
    """Flag a story just told if a safeguarding phrase is in it."""
    found = matching_phrases([story.what_happened, story.place, story.what_would_help])
    if found:
        flag(story, "Contains: " + ", ".join(f"\u201c{phrase}\u201d" for phrase in found))
