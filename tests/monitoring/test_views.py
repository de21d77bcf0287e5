"""The "who we heard from" view and the question preview, as staff use them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.monitoring.demo import DEMO_SIZE, create_demo_responses
from engage.monitoring.models import MonitoringResponse
from tests.conftest import post_form
from tests.page import Page


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
    page = client.get("/admin/equality-monitoring/").page
    assert page.h1 == "Who we heard from"
    assert "Ethnic group" in page.text
    headers = page.table_headers()  # the table
    assert "Share of population" in headers and "Under-represented" in headers
    assert page.find("[class=lcr-chart__bars]") is not None  # the chart
    assert "Open Government Licence" in page.text
    assert "fewer than 10" in page.text.lower()  # small groups are suppressed

    page = client.get("/admin/equality-monitoring/?characteristic=sex&areas=E08000012").page
    assert page.one("input[value=E08000012]").get("checked") is not None  # Liverpool, ticked
    assert "Liverpool" in page.text
    assert "Female" in [row[0] for row in page.table_rows()]

    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "equality_data_viewed")
            .order_by(AuditEvent.id)
        ).all()
        assert len(events) == 2
        assert events[0].actor_id == analyst.id
        assert events[1].details["characteristic"] == "sex"


def test_unknown_characteristic_is_refused_with_a_message(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/?characteristic=shoe_size").page
    assert page.error_summary == [("Choose a characteristic from the list", "#characteristic")]
    assert page.field_error("characteristic") == "Choose a characteristic from the list"


def test_only_the_equality_data_role_sees_aggregates(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    assert client.get("/admin/equality-monitoring/").status_code == 403


def test_question_preview_saves_nothing(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["officer"]))
    page = client.get("/admin/equality-monitoring/questions").page
    assert "What is your ethnic group?" in page.text
    assert "Prefer not to say" in page.text
    response = post_form(
        client,
        "/admin/equality-monitoring/questions",
        {
            "sex": "prefer_not_to_say",
            "ethnic_group": "other_any",
            "ethnic_group_other_any": "Cornish",
        },
    )
    page = response.page
    assert "What would be saved" in page.text
    assert "prefer_not_to_say" in page.text and "Cornish" in page.text
    with app.app_context():
        assert db.session.scalar(select(func.count(MonitoringResponse.id))) == 0


# Whose answers: panel applicants' (sent applications only); the demo's only in a demo database


def panel_answers(app) -> None:
    """30 sent applications from women, 12 from men, 10 who preferred not to say and 10 sent
    without answering; drafts and withdrawn applications that must not count."""
    from engage.recruitment.models import DRAFT, WITHDRAWN
    from tests.recruitment.helpers import ensure_reference_data, make_round, submitted_application

    ensure_reference_data(app)
    round_id = make_round(app)
    for number, sex in enumerate(
        ["female"] * 30 + ["male"] * 12 + ["prefer_not_to_say"] * 10 + [None] * 10
    ):
        submitted_application(
            app,
            round_id,
            email=f"sent{number}@example.org",
            monitoring_answers={"sex": sex} if sex else None,
        )
    for number in range(3):  # started, answered, never sent
        submitted_application(
            app, round_id, email=f"d{number}@example.org", status=DRAFT,
            monitoring_answers={"sex": "male"},
        )  # fmt: skip
    for number in range(2):  # withdrawn: their answers were erased
        submitted_application(app, round_id, email=f"w{number}@example.org", status=WITHDRAWN)


def answered(page: Page) -> dict[str, str]:
    """Each row of the comparison table (by its heading) -> its 'People who answered'."""
    assert page.table_headers()[1] == "People who answered"
    return {row[0]: row[1] for row in page.table_rows()}


def test_the_view_shows_real_panel_applicants_answers(app, client, make_user, signed_in_as):
    panel_answers(app)
    signed_in_as(make_user(roles=["equality_data"]))
    response = client.get("/admin/equality-monitoring/?characteristic=sex")
    page = response.page
    assert "Sex: panel applications" in page.text
    assert "What is counted: Answers given with applications to the Equality" in page.text
    assert "Drafts that were never sent are not counted" in page.text
    assert answered(page)["Female"] == "30"
    assert answered(page)["Male"] == "12"  # not the drafts' 3 more
    assert "Did not answer: 10" in page.text  # sent without answering
    assert "Total responses: 62" in page.text
    # Not a demo database: only the real sources to choose from, no demo warning, no claim
    # the data is fictional.
    offered = [radio.get("value") for radio in page.find_all("input[name=source]")]
    assert offered == ["panel-applications", "consultation-responses", "stories"]
    html = response.get_data(as_text=True).lower()
    assert "fictional" not in html and "demo" not in html
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).one()
        assert event.details["source"] == "panel-applications"
        assert event.details["what"] == "who we heard from: panel applications"


def test_demo_answers_are_offered_only_in_a_demo_database_and_said_to_be_fictional(
    app, client, make_user, signed_in_as, demo_answers
):
    panel_answers(app)
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/?characteristic=sex").page
    assert "This is a local demo database, so the answers on this page are not real" in page.text
    assert page.one("input[name=source][value=demo]").get("type") == "radio"
    assert answered(page)["Female"] == "30"  # panel applications first
    page = client.get("/admin/equality-monitoring/?characteristic=sex&source=demo").page
    assert "Sex: fictional demo answers" in page.text
    assert "240 made-up sets of answers that flask seed-demo adds" in page.text
    assert answered(page)["Female"] != "30"
    page = client.get("/admin/equality-monitoring/?source=elsewhere").page
    assert page.field_error("source") == "Choose whose answers to show from the list"


def test_with_no_answers_yet_the_view_says_so(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/").page
    assert "Ethnic group (five high-level groups): panel applications" in page.text
    assert "Not enough responses to compare" in page.text
