"""Stories in the audit log, in words (see engage/core/audit_records.py). Every event of the
feature names the story by its reference, never by what it says, so the log shows who looked
at or changed which story without repeating anything the person told us."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.stories.models import Story


def _story(story_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Story, story_id)
    if found is None:
        return Described("A story that has been deleted")
    return Described(f"Story {found.reference}", link("stories.triage.story", story_id=found.id))


def _stories(ids: list[Any]) -> list[Any]:
    return load_records(Story, ids)


def _stories_codeframe(owner_id: Any, details: dict[str, Any]) -> Described:
    # Theme coding writes its events under the codeframe's owner, ("stories", 1).
    return Described("The themes of lived-experience stories", link("stories.triage.themes_index"))


def register(app: Flask) -> None:
    describe_records(app, "story", _story, _stories)
    describe_records(app, "stories", _stories_codeframe)
