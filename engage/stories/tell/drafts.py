"""The story being told, kept on the server between the form's pages: a story can be long
(up to models.MAX_STORY characters), far more than the 4,096-byte session cookie holds. The
session keeps a random key; the ``story_draft`` row keeps the key's hash and the answers.
Sending the story deletes its draft; drafts not touched for stages.DRAFT_KEPT_FOR are deleted
whenever a new one starts, so nothing half-told is kept for long."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from flask import g, session
from sqlalchemy import delete, select

from engage.core.db import db, utcnow
from engage.stories import stages
from engage.stories.models import StoryDraft

SESSION_KEY = "story_draft_key"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _row() -> StoryDraft | None:
    """This session's draft, looked up once per request (each page asks several times)."""
    if "story_draft" not in g:
        key = session.get(SESSION_KEY)
        g.story_draft = (
            db.session.scalar(select(StoryDraft).where(StoryDraft.key_hash == _hash(key)))
            if isinstance(key, str)
            else None
        )
    return g.story_draft


def draft() -> dict[str, Any]:
    """The answers so far ({} when nothing has been kept, or the draft has expired)."""
    found = _row()
    return dict(found.answers or {}) if found is not None else {}


def keep(changes: dict[str, Any]) -> None:
    """Add ``changes`` to the draft (starting one if needed), and commit."""
    found = _row()
    if found is None:
        db.session.execute(
            delete(StoryDraft).where(StoryDraft.updated_at < utcnow() - stages.DRAFT_KEPT_FOR)
        )
        key = secrets.token_urlsafe(32)
        session[SESSION_KEY] = key
        found = g.story_draft = StoryDraft(key_hash=_hash(key), answers={})
        db.session.add(found)
    # A new dict, so the JSON column sees the change.
    found.answers = {**(found.answers or {}), **changes}
    found.updated_at = utcnow()
    db.session.commit()


def forget() -> None:
    """Delete the draft (in this transaction) and its key."""
    found = _row()
    if found is not None:
        db.session.delete(found)
    g.story_draft = None
    session.pop(SESSION_KEY, None)
