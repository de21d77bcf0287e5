"""What lived-experience stories hold about a person, for their data download: each story
they told (withdrawn ones too), the choices they made about its use, the published version if
any, what changed, the replies we sent them, and their own equality monitoring answers.

Left out on purpose: whether and why a story was flagged for safeguarding, and which officers
handled it. Safeguarding notes may be withheld where telling could put someone at risk; the
person may ask the Data Protection Officer, who decides case by case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import selectinload

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.personal_data import PersonalSection, record, section, sections
from engage.monitoring.api import monitoring_records
from engage.reference.api import local_authorities
from engage.stories import stages
from engage.stories.models import Story


def _reference(text: str) -> str:
    return text.strip().upper()


def _whose(subject: DataSubject) -> Any:
    if subject.by_reference:
        return Story.reference == _reference(subject.reference or "")
    conditions = []
    if subject.user_id is not None:
        conditions.append(Story.user_id == subject.user_id)
    if subject.email:
        conditions.append(func.lower(Story.email) == subject.email.strip().lower())
    return or_(*conditions) if conditions else false()


def email_for_reference(reference: str) -> str | None:
    """The email address the story with this reference was told with, if any."""
    return (
        db.session.scalar(select(Story.email).where(Story.reference == _reference(reference)))
        or None
    )


def _area(code: str | None, names: dict[str, str]) -> str | None:
    if code is None:
        return None
    return stages.AREA_OTHER_LABELS.get(code) or names.get(code) or code


def personal_data(subject: DataSubject) -> list[PersonalSection]:
    """Four queries whatever the number of stories."""
    stories = db.session.scalars(
        select(Story)
        .where(_whose(subject))
        .options(selectinload(Story.replies))
        .order_by(Story.told_at, Story.id)
    ).all()
    if not stories:
        return []
    names = {authority.code: authority.name for authority in local_authorities()}
    records = []
    for story in stories:
        replies = [
            (f"Our reply of {reply.sent_at:%d %B %Y}", f"To {reply.sent_to}: {reply.text}")
            for reply in story.replies
        ]
        records.append(
            record(
                f"Story {story.reference}",
                ("Reference", story.reference),
                ("Told", story.told_at),
                ("How it was told", stages.CHANNEL_LABELS.get(story.channel, story.channel)),
                ("Passed on by", story.told_through),
                ("Easy Read", story.easy_read),
                ("What happened", story.what_happened),
                ("Where", _area(story.area_code, names)),
                ("Service or place", story.place),
                ("When it happened", stages.WHEN_LABELS.get(story.when_happened or "")),
                ("What would help", story.what_would_help),
                ("Told anonymously", story.anonymous),
                ("Name", story.name),
                ("Email address", story.email),
                ("Phone number", story.phone),
                ("We may quote it", story.consent_quote),
                ("We may publish it", story.consent_publish),
                ("We may contact you about it", story.consent_contact),
                ("Choices changed", story.consent_changed_at),
                ("Withdrawn", story.withdrawn_at),
                ("Status", stages.STATUS_LABELS.get(story.status, story.status)),
                ("What changed", stages.CHANGE_LABELS.get(story.change, story.change)),
                ("About the change", story.change_description),
                ("Published title", story.public_title),
                ("Published text", story.public_text),
                ("Our published response", story.public_response),
                ("Published", story.published_at),
                *replies,
            )
        )
    titles = {
        str(story.id): f"Equality monitoring answers for {story.reference}" for story in stories
    }
    return sections(
        section("Lived-experience stories", records),
        section(
            "Your equality monitoring answers (stories)",
            monitoring_records(stages.MONITORING_SUBJECT, [s.id for s in stories], titles),
        ),
    )
