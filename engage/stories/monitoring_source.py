"""Offers the equality monitoring answers given with lived-experience stories to the "who we
heard from" view: every story told, online or typed in by an officer, except those the person
withdrew. A story told without answering the questions counts as "did not answer"."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Select, select

from engage.monitoring.api import AnswerSource, register_source
from engage.stories import stages
from engage.stories.models import Story


def told_stories() -> Select:
    return select(Story.id).where(Story.withdrawn_at.is_(None))


STORIES = AnswerSource(
    key="stories",
    label="Lived-experience stories",
    subject_type=stages.MONITORING_SUBJECT,
    description=(
        "Answers given with lived-experience stories: every story told online, and those an "
        "officer typed in (officers do not type in equality monitoring answers, so those count "
        "as \u201cdid not answer\u201d). Stories the person withdrew are not counted."
    ),
    subjects=told_stories,
)


def register(app: Flask) -> None:
    register_source(app, STORIES)
