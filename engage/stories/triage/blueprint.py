"""The triage blueprint and what its views share: finding a story the officer may see."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, url_for
from flask_login import current_user

from engage.stories import services, stages
from engage.stories.models import Story
from engage.stories.triage import services as triage

bp = Blueprint("triage", __name__)


def is_safeguarding_officer() -> bool:
    return current_user.has_role(stages.SAFEGUARDING_ROLE)


def officer_story(story_id: int, page: str | None = None) -> Story:
    """The story, or 404 when there is none or it needs safeguarding and the officer does
    not hold the role (as services.visible_to). ``page``: a view of it, which is audited
    when the story needs safeguarding (the route commits)."""
    story = services.get_story(story_id)
    if story is None or (story.safeguarding and not is_safeguarding_officer()):
        abort(404)
    if page is not None:
        triage.viewed(story, page)
    return story


def link_to(endpoint: str, fallback: str, **values: object) -> str:
    """A link to a page another stage builds, or its address while it is being built."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return fallback
