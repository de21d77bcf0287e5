"""The reports page keeps its counts between views (engage/core/count_snapshots.py) and counts
again whenever the stories change: a story told, moved, withdrawn, deleted or coded, the day,
or who is in a monitoring group."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select, update

from engage.core import themes
from engage.core.count_snapshots import CountSnapshot
from engage.core.db import db, utcnow
from engage.monitoring.api import monitoring_group
from engage.stories import stages
from engage.stories.models import Story
from engage.stories.reports.counts import Filters, count_stories
from engage.stories.tell.services import withdraw
from engage.stories.triage.services import code_themes
from tests.factories import UserFactory
from tests.stories.reports_helpers import DISABLED, stories, theme_ids

TODAY = date(2026, 11, 20)


def counted(app: Any, today: date = TODAY) -> Any:
    with app.app_context():
        counts = count_stories(Filters(), False, today)
        db.session.commit()
        return counts


def test_counts_are_kept_and_read_back_the_same(app):
    stories(app, 3, status=stages.NEW)
    first = counted(app)
    with app.app_context():
        assert db.session.scalar(select(func.count(CountSnapshot.id))) == 1
    assert counted(app) == first
    assert first.stories == 3


def test_a_story_told_moved_withdrawn_or_deleted_is_counted_again(app):
    made = stories(app, 3, status=stages.NEW)
    assert counted(app).statuses == {stages.NEW: 3}
    stories(app, 1, status=stages.NEW)
    assert counted(app).statuses == {stages.NEW: 4}
    with app.app_context():
        db.session.get(Story, made[0]).status = stages.CLOSED
        db.session.commit()
    assert counted(app).statuses == {stages.NEW: 3, stages.CLOSED: 1}
    with app.app_context():
        db.session.get(Story, made[1]).withdrawn_at = utcnow()
        db.session.commit()
    assert counted(app).stories == 3
    with app.app_context():
        db.session.delete(db.session.get(Story, made[2]))
        db.session.commit()
    assert counted(app).stories == 2


def test_a_bulk_update_that_sets_changed_at_is_counted_again(app):
    stories(app, 2, status=stages.NEW)
    assert counted(app).statuses == {stages.NEW: 2}
    with app.app_context():
        db.session.execute(update(Story).values(status=stages.CLOSED, changed_at=utcnow()))
        db.session.commit()
    assert counted(app).statuses == {stages.CLOSED: 2}


def test_coding_a_theme_is_counted_again(app):
    fares, ramps = theme_ids(app, "Fares", "Ramps")
    made = stories(app, 2, themed=[fares])
    assert set(counted(app).themes) == {fares}
    with app.app_context():
        frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        themes.set_item_themes(frame, stages.THEME_ITEM, made[0], [ramps])
        db.session.commit()
    found = counted(app).themes
    assert sum(found[fares].values()) == 1 and sum(found[ramps].values()) == 1


def test_a_theme_taken_off_then_another_ticked_is_counted_again(app):
    """Taking the newest theme code off one story and ticking a theme on another, with no
    view between, leaves as many codes as before, and on SQLite the new code can take the
    removed one's id: each coding moves the story's changed_at, which the check reads."""
    fares, ramps = theme_ids(app, "Fares", "Ramps")
    made = stories(app, 2, status=stages.NEW, themed=[fares])
    stories(app, 1, status=stages.NEW)
    assert {theme: sum(n.values()) for theme, n in counted(app).themes.items()} == {fares: 2}
    with app.app_context():
        officer = UserFactory()
        code_themes(db.session.get(Story, made[-1]), [], by_id=officer.id)
        db.session.commit()
        code_themes(db.session.get(Story, made[0]), [fares, ramps], by_id=officer.id)
        db.session.commit()
    found = counted(app).themes
    assert {theme: sum(n.values()) for theme, n in found.items()} == {fares: 1, ramps: 1}


def test_a_new_day_is_counted_again(app):
    stories(app, 1, status=stages.NEW)
    counted(app)
    counted(app, date(2026, 11, 21))
    with app.app_context():
        kept = db.session.scalars(select(CountSnapshot)).one()
        assert kept.fingerprint.startswith("2026-11-21:")


def test_who_is_in_a_monitoring_group_is_counted_again_when_a_story_leaves_or_comes(app):
    """The kept counts do not read the monitoring answers: a story's answers are saved when
    it is told and deleted with it, and both change the stories."""
    made = stories(app, 3, status=stages.NEW, monitoring=DISABLED)
    stories(app, 2, status=stages.NEW)

    def in_group() -> int:
        with app.app_context():
            group = monitoring_group("disability:disabled")
            counts = count_stories(Filters(group=group), False, TODAY)
            db.session.commit()
            return counts.stories

    assert in_group() == 3
    with app.app_context():
        withdraw(db.session.get(Story, made[0]))
        db.session.commit()
    assert in_group() == 2
    stories(app, 1, status=stages.NEW, monitoring=DISABLED)
    assert in_group() == 3
    with app.app_context():
        db.session.delete(db.session.get(Story, made[1]))
        db.session.commit()
    assert in_group() == 2
