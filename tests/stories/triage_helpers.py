"""Shared by the triage tests: officers (a safeguarding one too) signed in, stories, and
reading back what was stored and audited. Each opens its own short app context."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.stories.models import Story
from tests.conftest import csrf_token
from tests.factories.stories import StoryFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

TELLER = {
    "anonymous": False,
    "name": "Zebedee Quill",
    "email": "zebedee.quill@example.org",
    "consent_contact": True,
}


def officer(app, make_user, *roles: str, **fields: Any):
    """(client signed in, user id) of an officer holding ``roles`` too."""
    ensure_reference_data(app)
    user = make_user(roles=["officer", *roles], **fields)
    return login(app, user), user.id


def story(app, **fields: Any) -> int:
    with app.app_context():
        made = StoryFactory(**fields)
        db.session.commit()
        return made.id


def get(app, story_id: int) -> Story:
    with app.app_context():
        found = db.session.get(Story, story_id)
        found.replies  # noqa: B018 - loaded before the session ends
        db.session.expunge(found)
        return found


def actions(app, story_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.object_type == "story", AuditEvent.object_id == str(story_id))
                .order_by(AuditEvent.id)
            )
        )


def post(client, url: str, data: dict[str, Any], **kwargs: Any):
    """GET the page for its token (it must answer 200), then POST to it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, data={"csrf_token": csrf_token(page), **data}, **kwargs)


def flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _, message in session.pop("_flashes", [])]
