"""Shared by the reports tests: officers signed in, stories with theme codes and monitoring
answers made straight in the database, and a page's text without its markup."""

from __future__ import annotations

import re
from typing import Any

from engage.core import themes
from engage.core.db import db
from engage.monitoring.api import save_answers
from engage.stories import stages
from tests.factories.stories import StoryFactory
from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data

URL = "/admin/stories/reports/"
DISABLED = {"long_term_condition": "yes", "day_to_day_limited": "a_lot"}


def officer(app, make_user, *roles: str):
    ensure_reference_data(app)
    return login(app, make_user(roles=["officer", *roles]))


def theme_ids(app, *labels: str) -> list[int]:
    """The stories codeframe with these themes (made once)."""
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        found = {theme.label: theme.id for theme in frame.themes}
        for label in labels:
            if label not in found:
                found[label] = themes.add_theme(frame, label).id
        db.session.commit()
        return [found[label] for label in labels]


def stories(app, count: int, *, themed: list[int] = (), monitoring: dict | None = None,
            **fields: Any) -> list[int]:  # fmt: skip
    """``count`` stories with ``fields``, each coded to ``themed`` and with ``monitoring``
    answers when given."""
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        made = []
        for _ in range(count):
            story = StoryFactory(**fields)
            if themed:
                themes.set_item_themes(frame, stages.THEME_ITEM, story.id, themed)
            if monitoring is not None:
                save_answers(stages.MONITORING_SUBJECT, story.id, monitoring)
            made.append(story.id)
        db.session.commit()
        return made


def text(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
