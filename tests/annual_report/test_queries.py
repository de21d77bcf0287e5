"""The annual report makes the same, fixed number of queries whatever the amount of data:
every count is made by the database."""

from __future__ import annotations

from engage.core.db import db
from tests.annual_report.helpers import answers, at, current_strategy_with_value, records_of
from tests.factories.consultations import ConsultationResponseFactory
from tests.factories.panels import PanelFactory, PanelMembershipFactory
from tests.factories.recruitment import ApplicationFactory
from tests.factories.stories import StoryFactory
from tests.policies.helpers import count_queries

YEAR = 2024
MOST_QUERIES = 20


def _more(times: int) -> None:
    """More of everything in the year: rounds, applicants with answers, members, responses,
    stories, outcomes and policies."""
    for _ in range(times):
        found = records_of(YEAR, panel=PanelFactory())
        for n in range(12):
            application = ApplicationFactory(
                round=found["round"], submitted_at=at(YEAR, 3, 20), status="shortlisted"
            )
            answers("panel_application", application.id, sex="female" if n % 2 else "male")
            PanelMembershipFactory(
                panel=found["panel"],
                application_id=application.id,
                term_start=at(YEAR).date(),
                term_end=at(YEAR + 1).date(),
            )
            response = ConsultationResponseFactory(submitted_at=at(YEAR, 5))
            answers("consultation_response", response.id, age_band="25_to_34")
            story = StoryFactory(told_at=at(YEAR, 4), change="planned")
            answers("story", story.id, religion="no_religion")
    db.session.flush()


def test_the_report_makes_the_same_queries_at_two_sizes(app, make_user, signed_in_as):
    with app.app_context():
        current_strategy_with_value(YEAR)
        _more(1)
        db.session.commit()
    client = signed_in_as(make_user(roles=["officer"]))
    url = f"/admin/annual-report/{YEAR}"
    client.get(url)  # warm: things loaded once per process
    small = count_queries(app, client, url)
    word_small = count_queries(app, client, url + ".docx")
    with app.app_context():
        _more(3)
        db.session.commit()
    assert count_queries(app, client, url) == small
    assert count_queries(app, client, url + ".docx") == word_small
    assert small <= MOST_QUERIES, small


def test_the_year_list_makes_a_few_queries(app, make_user, signed_in_as):
    with app.app_context():
        _more(2)
        db.session.commit()
    client = signed_in_as(make_user(roles=["officer"]))
    client.get("/admin/annual-report/")
    assert count_queries(app, client, "/admin/annual-report/") <= 8
