"""Shared by the publishing tests: a published story, officers (a safeguarding one too),
and the stories codeframe's themes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from engage.core import themes
from engage.core.db import db, utcnow
from engage.core.theme_models import Theme, ThemeCode
from engage.stories import stages
from tests.factories.stories import StoryFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

ALL_CHECKS = list(stages.DEIDENTIFICATION_CHECKS)
TELLER = {"anonymous": False, "name": "Zebedee Quill", "email": "zebedee.quill@example.org"}
ORIGINAL = "Zebedee Quill was refused help at the Kirkby office by Mr Hargreaves on 3 March."


def published(minutes_ago: int = 0, **fields: Any):
    """A story the person agreed to publish, published ``minutes_ago``. Call in an app
    context."""
    values: dict[str, Any] = {
        **TELLER,
        "what_happened": ORIGINAL,
        "place": "Kirkby One Stop Shop",
        "consent_publish": True,
        "public_title": "Refused help at a council office",
        "public_text": "I was refused help at a local office by a member of staff.",
        "public_response": "We are sorry. We have trained the staff at our offices again.",
        "checks_ticked": ALL_CHECKS,
        "published_at": utcnow() - timedelta(minutes=minutes_ago),
    }
    values.update(fields)
    return StoryFactory(**values)


def story_theme(label: str) -> Theme:
    """A theme in the stories codeframe (made the first time). Call in an app context."""
    return themes.add_theme(themes.codeframe_for(*stages.CODEFRAME_OWNER), label)


def code(story_id: int, theme: Theme) -> None:
    db.session.add(ThemeCode(theme_id=theme.id, item_type=stages.THEME_ITEM, item_id=story_id))
    db.session.flush()


def officer_client(app, make_user, *roles: str):
    ensure_reference_data(app)
    return login(app, make_user(roles=["officer", *roles]))
