"""Lived-experience stories: a story (anonymous, told online, nothing agreed unless given),
an officer's reply to it, and a safeguarding phrase."""

from __future__ import annotations

from datetime import timedelta

import factory

from engage.core.dates import uk_today
from engage.core.db import utcnow
from engage.stories import stages
from engage.stories.models import SafeguardingPhrase, Story, StoryDraft, StoryReply
from tests.factories.base import ModelFactory


class StoryFactory(ModelFactory):
    class Meta:
        model = Story

    reference = factory.Sequence(lambda n: f"LE-T{n:05d}")
    what_happened = "The lift at the station was broken for a week and nobody said so."
    place = "Lime Street station"
    area_code = "E08000012"
    when_happened = stages.WhenItHappened.THIS_MONTH
    what_would_help = "A sign at the entrance saying the lift is out."
    told_at = factory.LazyFunction(utcnow)
    due_on = factory.LazyFunction(lambda: stages.due_on(uk_today()))


class StoryReplyFactory(ModelFactory):
    class Meta:
        model = StoryReply

    story_id = factory.LazyFunction(
        lambda: StoryFactory(anonymous=False, email="teller@example.org", consent_contact=True).id
    )
    text = "Thank you for telling us. We have asked Merseyrail to put up signs."
    sent_to = "teller@example.org"
    sent_at = factory.LazyFunction(lambda: utcnow() + timedelta(seconds=1))


class SafeguardingPhraseFactory(ModelFactory):
    class Meta:
        model = SafeguardingPhrase

    phrase = factory.Sequence(lambda n: f"at risk {n}")


class StoryDraftFactory(ModelFactory):
    class Meta:
        model = StoryDraft

    key_hash = factory.Sequence(lambda n: f"{n:064x}")
    answers = factory.LazyFunction(lambda: {"easy_read": False})


__all__ = ["SafeguardingPhraseFactory", "StoryDraftFactory", "StoryFactory", "StoryReplyFactory"]
