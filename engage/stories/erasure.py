"""Erasing a person's lived-experience stories (engage/rights asks).

Every story they told is deleted with the replies sent to them, its theme codes, strategy
tags and equality monitoring answers; a published story comes off the public pages by being
deleted. The one exception is a story flagged for safeguarding: it is kept, because the
authority must keep safeguarding records to protect someone who may be at risk, a duty the
right to erasure does not override; the safeguarding officers decide what happens to it.
One query to plan."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import false, func, or_, select

from engage.core import themes
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, delete, keep
from engage.monitoring.api import delete_answers
from engage.stories import stages
from engage.stories.models import Story

FEATURE = "Stories"
SAFEGUARDING_REASON = (
    "It was flagged for safeguarding: the authority keeps safeguarding records to protect "
    "someone who may be at risk, which the right to erasure does not override. Only the "
    "safeguarding officers see it."
)


def _whose(subject: DataSubject) -> Any:
    if subject.by_reference:
        return Story.reference == (subject.reference or "").strip().upper()
    conditions = []
    if subject.user_id is not None:
        conditions.append(Story.user_id == subject.user_id)
    if subject.email:
        conditions.append(
            Story.user_id.is_(None) & (func.lower(Story.email) == subject.email.strip().lower())
        )
    return or_(*conditions) if conditions else false()


def _stories(subject: DataSubject) -> list[tuple[int, bool, bool]]:
    """(id, flagged for safeguarding, published) of each."""
    return [
        (story_id, bool(safeguarding), published_at is not None)
        for story_id, safeguarding, published_at in db.session.execute(
            select(Story.id, Story.safeguarding, Story.published_at)
            .where(_whose(subject))
            .order_by(Story.id)
        )
    ]


def _plan(stories: list[tuple[int, bool, bool]]) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    for _id, safeguarding, published in stories:
        if safeguarding:
            plan.items.append(keep("A story flagged for safeguarding", SAFEGUARDING_REASON))
        elif published:
            plan.items.append(
                delete(
                    "A published story (taken off the public pages), with the replies sent, "
                    "its themes and equality monitoring answers"
                )
            )
        else:
            plan.items.append(
                delete("A story, with the replies sent, its themes and equality monitoring answers")
            )
    return plan


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    return _plan(_stories(subject))


def erase(subject: DataSubject) -> ErasureResult:
    """Does not commit."""
    stories = _stories(subject)
    plan = _plan(stories)
    doomed = [story_id for story_id, safeguarding, _published in stories if not safeguarding]
    if doomed:
        themes.forget_items(stages.THEME_ITEM, select(Story.id).where(Story.id.in_(doomed)))
        for story_id in doomed:
            delete_answers(stages.MONITORING_SUBJECT, story_id)
        # Replies and tags go with it (ON DELETE CASCADE).
        db.session.execute(
            sql_delete(Story)
            .where(Story.id.in_(doomed))
            .execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
