"""The public progress page: the current strategy's objectives and priorities with only what
may be published, and every count of people through disclosure control (never a count under
the threshold, nor one that would let a small count be worked out)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.core.db import db, utcnow
from engage.core.evidence import Evidence
from engage.monitoring.api import THRESHOLD
from engage.stories import stages as story_stages
from engage.strategy.models import Priority
from engage.tracker.services import FEATURE_NAMES, PriorityEvidence, public_items
from tests.factories import (
    ConsultationFactory,
    ConsultationResponseFactory,
    PolicyFactory,
    RoundFactory,
    StoryFactory,
)
from tests.tracker.world import make_world

COUNT = re.compile(r'<span class="app-count">([^<]*)</span>')


def shown_counts(html: str) -> list[str]:
    return COUNT.findall(html)


def small_numbers(html: str) -> list[int]:
    """Every count printed as a number under the threshold."""
    return [
        int(text.replace(",", ""))
        for text in shown_counts(html)
        if text.replace(",", "").isdigit() and int(text.replace(",", "")) < THRESHOLD
    ]


def add_unpublished(priority_id: int) -> None:
    """Records tagged to the priority that must never reach the public page."""
    priority = db.session.get(Priority, priority_id)
    ConsultationFactory(title="Secret draft consultation", status="draft", priorities=[priority])
    PolicyFactory(title="Unpublished draft policy", priorities=[priority])
    RoundFactory(title="Panel round A", priorities=[priority])
    StoryFactory(
        priorities=[priority], public_title="Story without consent", published_at=utcnow(),
        consent_publish=False,
    )  # fmt: skip
    StoryFactory(
        priorities=[priority], public_title="Story needing safeguarding", published_at=utcnow(),
        consent_publish=True, safeguarding=True,
    )  # fmt: skip
    StoryFactory(
        priorities=[priority], public_title="Withdrawn story", published_at=utcnow(),
        consent_publish=True, withdrawn_at=utcnow(),
    )  # fmt: skip


def test_public_page_shows_published_records_only(app, client):
    with app.app_context():
        world = make_world()
        add_unpublished(world.priority_id)
        db.session.commit()
    page = client.get("/progress")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<title>Progress on our equality objectives" in html
    for published in (
        "Travel consultation A",
        "Bus policy A",
        "Broken lift story A0",
        "Engagement commission A",
        "Residents who feel heard",
        "47%",
    ):
        assert published in html, published
    for hidden in (
        "Secret draft consultation",
        "Unpublished draft policy",
        "Panel round A",  # recruitment fairness is published in its own report
        "Story without consent",
        "Story needing safeguarding",
        "Withdrawn story",
        "Lived-experience stories: 2 stories",  # staff summaries never
    ):
        assert hidden not in html, hidden
    # 3 responses and 2 stories: fewer than the threshold, so never printed as numbers.
    assert small_numbers(html) == []
    assert f"fewer than {THRESHOLD}" in html


def test_public_page_is_linked_from_the_home_page(app, client):
    with app.app_context():
        make_world()
    assert 'href="/progress"' in client.get("/").get_data(as_text=True)


def test_counts_at_and_over_the_threshold_are_shown(app, client):
    with app.app_context():
        world = make_world(responses=12, stories=1)
        consultation = ConsultationFactory(status="open", title="Open consultation A")
        consultation.priorities = [db.session.get(Priority, world.priority_id)]
        ConsultationResponseFactory(consultation_id=consultation.id)
        db.session.commit()
    html = client.get("/progress").get_data(as_text=True)
    assert "12" in shown_counts(html)
    assert "Open consultation A" in html
    assert small_numbers(html) == []


EVIDENCE_COUNTS = st.lists(
    st.tuples(st.booleans(), st.lists(st.integers(min_value=0, max_value=40), max_size=4)),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(EVIDENCE_COUNTS)
def test_public_items_never_show_a_count_under_the_threshold(found):
    """For any records and small counts: unpublished records are left out, and every count
    shown (cells and totals) is at or over the threshold; the rest are words."""
    evidence = PriorityEvidence({name: [] for name in FEATURE_NAMES})
    for number, (public, counts) in enumerate(found):
        evidence.by_feature[FEATURE_NAMES[number % len(FEATURE_NAMES)]].append(
            Evidence(
                feature="x",
                title=f"Record {number}",
                summary="staff only",
                public=public,
                public_counts=tuple((f"cell {i}", count) for i, count in enumerate(counts)),
            )
        )
    items = public_items(evidence)
    assert sorted(item.title for item in items) == sorted(
        f"Record {number}" for number, (public, _) in enumerate(found) if public
    )
    for item in items:
        if item.counts is None:
            continue
        for cell in item.counts.cells:
            assert cell.count is None or cell.count >= THRESHOLD
        assert item.counts.total is None or item.counts.total >= THRESHOLD
        # A suppressed cell cannot be worked out from the total and the cells shown.
        hidden = [cell for cell in item.counts.cells if cell.count is None]
        if item.counts.total is not None and len(hidden) == 1:
            pytest.fail("one hidden cell with the total shown gives it away")


@settings(max_examples=15, deadline=None)
@given(
    responses=st.integers(min_value=0, max_value=14),
    stories=st.integers(min_value=0, max_value=12),
    changed=st.integers(min_value=0, max_value=12),
)
def test_public_page_never_prints_a_small_count(app, responses, stories, changed):
    """The page itself, over records made with random small counts."""
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        world = make_world(responses=responses, stories=stories)
        priority = db.session.get(Priority, world.priority_id)
        for _ in range(min(changed, stories)):
            StoryFactory(
                priorities=[priority], public_title="Planned change story",
                change=story_stages.ChangeMarker.PLANNED, consent_publish=True,
                published_at=utcnow(),
            )  # fmt: skip
    html = app.test_client().get("/progress").get_data(as_text=True)
    assert small_numbers(html) == []
