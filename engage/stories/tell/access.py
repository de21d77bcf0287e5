"""Who may open a story from "Your stories": the person who told it (stages.can_manage);
anyone else is told it does not exist (404), so nobody learns which stories there are."""

from __future__ import annotations

from engage.core.access import Rule
from engage.core.db import db
from engage.stories import stages
from engage.stories.models import Story

TELLER = Rule(
    "teller of story",
    lambda user, args: stages.can_manage(db.session.get(Story, args.get("story_id")), user.id),
    refuse_with=404,
)
