"""The demo's stories: about 150, mixed channels and statuses, coded, some replied to and
overdue, 20 published with responses and changes, one safeguarding case flagged by a phrase,
and nothing added a second time; and the scale data's stories in bulk."""

from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import func, select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.theme_models import ThemeCode
from engage.monitoring.models import MonitoringResponse
from engage.stories import stages
from engage.stories.demo import DEFAULT_PHRASES, add_scale_stories, create_demo_stories
from engage.stories.models import SafeguardingPhrase, Story, StoryReply
from tests.factories import UserFactory
from tests.recruitment.helpers import ensure_reference_data


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count(model.id)).where(*where))


def test_the_demo_stories(app):
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
        added = create_demo_stories(officer)
        db.session.commit()
        assert added["stories"] >= 140 and added["published"] == 20
        assert added["safeguarding"] == 1 and added["overdue"] >= 3
        stories = list(db.session.scalars(select(Story)))
        assert len(stories) == 150
        today = uk_today()
        counted = [s for s in stories if s.withdrawn_at is None]
        assert len(counted) == added["stories"]
        assert sum(stages.is_overdue(s, today) for s in counted) == added["overdue"]
        [flagged] = [s for s in stories if s.safeguarding]
        assert "not safe at home" in flagged.safeguarding_reason and flagged.published_at is None
        public = [s for s in stories if stages.is_public(s)]
        assert len(public) == 20 and all(s.public_response for s in public)
        changes = Counter(s.change for s in public)
        assert changes[stages.ChangeMarker.MADE] >= 3 and changes[stages.ChangeMarker.PLANNED]
        assert len({s.channel for s in stories}) >= 4
        assert len({s.status for s in stories}) == 4
        assert len({s.area_code for s in stories}) >= 6
        assert _count(StoryReply) > 10
        coded = db.session.scalar(
            select(func.count(func.distinct(ThemeCode.item_id))).where(
                ThemeCode.item_type == stages.THEME_ITEM
            )
        )
        assert coded > len(stories) // 2
        assert _count(MonitoringResponse, MonitoringResponse.subject_type == "story") > 20
        assert {p for p in db.session.scalars(select(SafeguardingPhrase.phrase))} >= set(
            DEFAULT_PHRASES
        )
        # A second time adds nothing.
        assert create_demo_stories(officer)["stories"] == 0
        db.session.commit()
        assert _count(Story) == 150
        assert _count(SafeguardingPhrase) == len(DEFAULT_PHRASES)


def test_scale_stories_in_bulk(app):
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(roles=["officer"])
        assert add_scale_stories(random.Random(1), officer.id, 300) == 300
        db.session.commit()
        assert _count(Story) == 300
        assert len(set(db.session.scalars(select(Story.reference)))) == 300
        assert _count(ThemeCode, ThemeCode.item_type == stages.THEME_ITEM) > 100
        assert _count(MonitoringResponse, MonitoringResponse.subject_type == "story") > 50
        assert _count(Story, Story.published_at.is_not(None)) > 0
