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
            select(AuditEvent)
            .where(AuditEvent.action == "equality_data_viewed")
            .order_by(AuditEvent.id)
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


def table_cell(page: str, row: str) -> str:
    """The 'People who answered' cell of a row of the comparison table."""
    after = page.split(f'<th scope="row" class="govuk-table__header">{row}</th>', 1)[1]
    return after.split("</td>", 1)[0].rsplit(">", 1)[1].strip()


def test_the_view_shows_real_panel_applicants_answers(app, client, make_user, signed_in_as):
    panel_answers(app)
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/?characteristic=sex").get_data(as_text=True)
    assert "Sex: panel applications" in page
    assert "What is counted:</strong> Answers given with applications to the Equality" in page
    assert "Drafts that were never sent are not counted" in page
    assert table_cell(page, "Female") == "30"
    assert table_cell(page, "Male") == "12"  # not the drafts' 3 more
    assert "Did not answer: 10" in page  # sent without answering
    assert "Total responses: 62" in page
    # Not a demo database: no demo choice, no demo warning, no claim the data is fictional.
    assert 'name="source"' not in page
    assert "fictional" not in page.lower() and "demo" not in page.lower()
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
    page = client.get("/admin/equality-monitoring/?characteristic=sex").get_data(as_text=True)
    assert "This is a local demo database, so the answers on this page are not real" in page
    assert 'name="source" type="radio" value="demo"' in page
    assert table_cell(page, "Female") == "30"  # panel applications first
    page = client.get("/admin/equality-monitoring/?characteristic=sex&source=demo").get_data(
        as_text=True
    )
    assert "Sex: fictional demo answers" in page
    assert "240 made-up sets of answers that flask seed-demo adds" in page
    assert table_cell(page, "Female") != "30"
    page = client.get("/admin/equality-monitoring/?source=elsewhere").get_data(as_text=True)
    assert "Choose whose answers to show from the list" in page


def test_with_no_answers_yet_the_view_says_so(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["equality_data"]))
    page = client.get("/admin/equality-monitoring/").get_data(as_text=True)
    assert "Ethnic group (five high-level groups): panel applications" in page
    assert "Not enough responses to compare" in page
