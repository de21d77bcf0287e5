"""The "who we heard from" view and the question preview, as staff use them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.monitoring.demo import DEMO_SIZE, create_demo_responses
from engage.monitoring.models import MonitoringResponse
from tests.conftest import post_form


@pytest.fixture
def demo_answers(app):
    with app.app_context():
        assert create_demo_responses() == DEMO_SIZE
        assert create_demo_responses() == 0  # only once
        db.session.commit()


def test_analyst_sees_who_we_heard_from_and_the_view_is_audited(
    app, client, make_user, signed_in_as, demo_answers
):
    analyst = make_user(roles=["equality_data"])
    signed_in_as(analyst)
    page = client.get("/admin/equality-monitoring/").get_data(as_text=True)
    assert "Who we heard from" in page
    assert "Ethnic group" in page
    assert "Share of population" in page  # the table
    assert 'class="lcr-chart__bars"' in page  # the chart
    assert "Open Government Licence" in page
    assert "fewer than 10" in page.lower()  # small groups are suppressed
    assert "Under-represented" in page

    page = client.get("/admin/equality-monitoring/?characteristic=sex&areas=E08000012").get_data(
        as_text=True
    )
    assert "Liverpool" in page and "Female" in page

    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()
        assert len(events) == 2
        assert events[0].actor_id == analyst.id
        assert events[1].details["characteristic"] == "sex"


def test_unknown_characteristic_is_refused_with_a_message(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/?characteristic=shoe_size").get_data(as_text=True)
    assert "Choose a characteristic from the list" in page


def test_only_the_equality_data_role_sees_aggregates(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    assert client.get("/admin/equality-monitoring/").status_code == 403


def test_question_preview_saves_nothing(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["officer"]))
    page = client.get("/admin/equality-monitoring/questions").get_data(as_text=True)
    assert "What is your ethnic group?" in page
    assert "Prefer not to say" in page
    response = post_form(
        client,
        "/admin/equality-monitoring/questions",
        {
            "sex": "prefer_not_to_say",
            "ethnic_group": "other_any",
            "ethnic_group_other_any": "Cornish",
        },
    )
    page = response.get_data(as_text=True)
    assert "What would be saved" in page and "prefer_not_to_say" in page and "Cornish" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(MonitoringResponse.id))) == 0
