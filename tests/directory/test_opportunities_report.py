"""The strategy measure from awards, by financial year (April to March): organisations
awarded and how many are diverse-led, organisations newly listed, value and the diverse-led
share, summed by the database in the same two queries for any number of awards; the
opportunity lists filter, page, and make the same queries at two sizes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from engage.core.dates import uk_today
from engage.core.db import db
from engage.directory.api import supplier_diversity_by_year
from tests.directory.opportunity_helpers import KNOWSLEY, LIVERPOOL, WIRRAL, authority
from tests.factories.directory import OrganisationFactory
from tests.factories.opportunities import OpportunityAwardFactory, OpportunityFactory
from tests.panels.helpers import login
from tests.policies.helpers import count_queries
from tests.recruitment.helpers import ensure_reference_data


def when(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def awards(app):
    ensure_reference_data(app)
    with app.app_context():
        led = OrganisationFactory(name="Led Group", led_by=["black"],
                                  created_at=when(date(2025, 5, 1)))  # fmt: skip
        plain = OrganisationFactory(name="Plain Group", created_at=when(date(2025, 1, 10)))
        OrganisationFactory(status="removed", led_by=["women"], created_at=when(date(2025, 6, 1)))
        first, second, third = (OpportunityFactory(status="awarded") for _ in range(3))
        for opportunity, organisation, pounds, day in (
            (first, led, 10_000, date(2025, 3, 31)),  # the last day of 2024 to 2025
            (first, plain, 30_000, date(2025, 3, 31)),
            (second, led, 5_000, date(2025, 4, 1)),  # the first day of 2025 to 2026
            (third, led, 5_000, date(2026, 3, 31)),
        ):
            OpportunityAwardFactory(opportunity_id=opportunity.id, organisation_id=organisation.id,
                                    value_pence=pounds * 100, awarded_on=day)  # fmt: skip
    return {"led": led, "plain": plain}


def by_year(app) -> dict[int, object]:
    with app.app_context():
        return {year.start_year: year for year in supplier_diversity_by_year()}


def test_the_measure_by_financial_year(app, awards):
    years = by_year(app)
    assert sorted(years) == [2024, 2025]
    earlier, later = years[2024], years[2025]
    assert earlier.label == "April 2024 to March 2025"
    assert (earlier.organisations_awarded, earlier.diverse_led_awarded) == (2, 1)
    assert (earlier.value_pence, earlier.diverse_led_value_pence) == (4_000_000, 1_000_000)
    assert earlier.diverse_led_share == pytest.approx(0.25)
    assert (earlier.newly_onboarded, earlier.newly_onboarded_diverse_led) == (1, 0)  # plain
    # Two awards to one organisation: one organisation, both values.
    assert (later.organisations_awarded, later.diverse_led_awarded) == (1, 1)
    assert later.value_pence == later.diverse_led_value_pence == 1_000_000
    assert later.diverse_led_share == pytest.approx(1.0)
    # Led Group joined in May 2025; the removed organisation is not listed, so not counted.
    assert (later.newly_onboarded, later.newly_onboarded_diverse_led) == (1, 1)


def test_the_database_sums_it_in_two_queries_for_any_number_of_awards(app, awards):
    def queries() -> int:
        seen: list[str] = []
        with app.app_context():
            listener = lambda *args: seen.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                supplier_diversity_by_year()
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    few = queries()
    with app.app_context():
        for n in range(30):
            OpportunityAwardFactory(awarded_on=date(2023, 1 + n % 12, 1), value_pence=100 * n)
    assert queries() == few == 2
    assert by_year(app)[2022].organisations_awarded > 0


def test_officers_see_the_report_and_download_it(app, awards, make_user):
    officer = login(app, make_user(roles=["officer"]))
    page = officer.get("/admin/directory/opportunities/report").get_data(as_text=True)
    assert "April 2024 to March 2025" in page and "25.0%" in page and "£40,000" in page
    assert "count organisations and money, not people" in page
    csv = officer.get("/admin/directory/opportunities/report.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "April 2025 to March 2026,1,1,1,1,10000.0,10000.0,100.0%" in text
    assert officer.get("/admin/directory/opportunities/report.xlsx").status_code == 200
    resident = login(app, make_user())
    assert resident.get("/admin/directory/opportunities/report").status_code == 403


@pytest.fixture
def placed(app):
    ensure_reference_data(app)
    liverpool, wirral = authority(app, LIVERPOOL), authority(app, WIRRAL)
    with app.app_context():
        made = {
            "carers_liverpool": OpportunityFactory(title="Carers in Liverpool",
                                                   communities=["carers"],
                                                   local_authorities=[liverpool]),
            "deaf_wirral": OpportunityFactory(title="Deaf people in Wirral", communities=["deaf"],
                                              local_authorities=[wirral]),
            "closed": OpportunityFactory(title="Closed one", status="closed",
                                         local_authorities=[liverpool]),
            "past": OpportunityFactory(title="Past its date", local_authorities=[liverpool],
                                       closes_on=uk_today() - timedelta(days=1)),
            "draft": OpportunityFactory(title="Secret draft", status="draft",
                                        local_authorities=[liverpool]),
        }  # fmt: skip
    return {key: o.title for key, o in made.items()}


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("", {"carers_liverpool", "deaf_wirral"}, {"closed", "past", "draft"}),
        (f"area={LIVERPOOL}", {"carers_liverpool"}, {"deaf_wirral", "closed", "draft"}),
        ("community=deaf", {"deaf_wirral"}, {"carers_liverpool", "draft"}),
        (f"area={KNOWSLEY}", set(), {"carers_liverpool", "deaf_wirral"}),
        ("show=closed", {"closed", "past"}, {"carers_liverpool", "deaf_wirral", "draft"}),
        ("area=<script>&community=x&show=y&page=zz", {"carers_liverpool", "deaf_wirral"},
         {"closed", "draft"}),
    ],
)  # fmt: skip
def test_the_public_list_filters(client, placed, query, found, not_found):
    page = client.get(f"/directory/opportunities/?{query}").get_data(as_text=True)
    assert all(placed[key] in page for key in found), query
    assert not any(placed[key] in page for key in not_found), query


def test_the_lists_page_and_make_the_same_queries_for_more(app, make_user):
    ensure_reference_data(app)
    liverpool = authority(app, LIVERPOOL)
    officer = login(app, make_user(roles=["officer"]))
    public_url = f"/directory/opportunities/?area={LIVERPOOL}&community=carers"
    staff_url = "/admin/directory/opportunities/"

    def add(n: int) -> None:
        with app.app_context():
            for _ in range(n):
                OpportunityFactory(communities=["carers"], local_authorities=[liverpool])

    add(5)
    few = (
        count_queries(app, app.test_client(), public_url),
        count_queries(app, officer, staff_url),
    )
    add(40)
    many = (
        count_queries(app, app.test_client(), public_url),
        count_queries(app, officer, staff_url),
    )
    assert few == many and max(many) <= 10
    page = app.test_client().get(public_url).get_data(as_text=True)
    assert "Showing 1 to 20 of 45 opportunities" in page
    assert "community=carers" in page and "page=2" in page
    assert "Showing 1 to 25 of 45 opportunities" in officer.get(staff_url).get_data(as_text=True)
