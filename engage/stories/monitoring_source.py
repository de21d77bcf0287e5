"""Offers the equality monitoring answers given with lived-experience stories to the "who we
heard from" view: every story told, online or typed in by an officer, except those the person
withdrew. A story told without answering the questions counts as "did not answer"."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Select, bindparam, select

from engage.monitoring.api import AnswerSource, register_source
from engage.stories import stages
from engage.stories.models import Story


def told_stories() -> Select:
    return select(Story.id).where(Story.withdrawn_at.is_(None))


_TOLD_BETWEEN = select(Story.id).where(
    Story.withdrawn_at.is_(None),
    Story.told_at >= bindparam("start"),
    Story.told_at < bindparam("end"),
)


def told_stories_between() -> Select:
    """Those told from ``start`` to ``end`` (bindparams), for a report of a year: built once."""
    return _TOLD_BETWEEN


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
    subjects_between=told_stories_between,
    dated_by="told",
)


def register(app: Flask) -> None:
    register_source(app, STORIES)
