"""The public directory: search finds words in their other forms and ranks names first, every
filter keeps the right organisations and drops the wrong ones, hostile searches are only
words, pages make the same few queries for any number of organisations, an organisation's
page says when it was last confirmed and warns when that was over a year ago."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.core.db import db, utcnow
from engage.directory.api import organisations_serving
from engage.reference.models import LocalAuthority
from tests.factories.directory import OrganisationFactory
from tests.policies.helpers import count_queries
from tests.recruitment.helpers import ensure_reference_data

LIVERPOOL, WIRRAL = "E08000012", "E08000015"


def authority(app, code: str) -> LocalAuthority:
    with app.app_context():
        return db.session.scalars(select(LocalAuthority).where(LocalAuthority.code == code)).one()


@pytest.fixture
def groups(app):
    """Four organisations, each different in every way the filters look at."""
    ensure_reference_data(app)
    liverpool, wirral = authority(app, LIVERPOOL), authority(app, WIRRAL)
    with app.app_context():
        made = {
            "carers": OrganisationFactory(
                name="Anfield Carers Circle", description="Support for unpaid carers.",
                kind="charity", communities=["carers", "older"], areas=[liverpool],
                services=[("Carers' café", "social")],
            ),
            "deaf": OrganisationFactory(
                name="Wallasey Deaf Club", description="A club for Deaf people, run in BSL.",
                kind="community_group", communities=["deaf"], led_by=["disabled"],
                areas=[wirral], services=[("Sign language classes", "language")],
            ),
            "families": OrganisationFactory(
                name="Toxteth Family Pantry", description="Food for families on low incomes.",
                kind="social_enterprise", communities=["low_income"], areas=[liverpool],
                services=[("Food pantry", "food")],
            ),
            "women": OrganisationFactory(
                name="Birkenhead Sisters", description="Women supporting women, and carers.",
                kind="cic", communities=["women"], led_by=["women"], areas=[wirral],
                services=[("Advice line", "advice")],
            ),
        }  # fmt: skip
    return {key: organisation.name for key, organisation in made.items()}


def shown(client, query: str = "") -> str:
    response = client.get(f"/directory/?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_everyone_sees_the_listed_organisations(client, groups):
    page = shown(client)
    assert all(name in page for name in groups.values())
    assert "Showing 1 to 4 of 4 organisations" in page


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("area=E08000012", {"carers", "families"}, {"deaf", "women"}),
        ("area=E08000015", {"deaf", "women"}, {"carers", "families"}),
        ("community=carers", {"carers"}, {"deaf", "families", "women"}),
        ("community=deaf", {"deaf"}, {"carers", "families", "women"}),
        ("category=food", {"families"}, {"carers", "deaf", "women"}),
        ("category=advice", {"women"}, {"carers", "deaf", "families"}),
        ("kind=cic", {"women"}, {"carers", "deaf", "families"}),
        ("led_by=women", {"women"}, {"carers", "deaf", "families"}),
        ("led_by=disabled", {"deaf"}, {"carers", "families", "women"}),
        ("area=E08000015&led_by=women", {"women"}, {"carers", "deaf", "families"}),
        ("community=older&area=E08000015", set(), {"carers", "deaf", "families", "women"}),
    ],
)
def test_each_filter_keeps_the_right_organisations(client, groups, query, found, not_found):
    page = shown(client, query)
    assert all(groups[key] in page for key in found), query
    assert not any(groups[key] in page for key in not_found), query
    if not found:
        assert "No organisations match your search" in page


def test_search_finds_other_forms_of_a_word_and_ranks_names_first(client, groups):
    # "carer" finds "carers" (stemming); the organisation with it in its name comes first.
    page = shown(client, "q=carer")
    assert page.index(groups["carers"]) < page.index(groups["women"])
    assert groups["deaf"] not in page
    assert groups["families"] in shown(client, "q=family")  # "families"
    assert groups["deaf"] in shown(client, "q=sign+languages")  # a service's words
    assert groups["families"] not in shown(client, "q=carer+pantry")  # every word must match
    assert groups["deaf"] in shown(client, "q=wall")  # the last word as it is being typed


@pytest.mark.parametrize(
    "query", ['"', "*", "carers OR", 'NEAR("a" "b")', "^", "a:b", "(((", "💩", "' OR 1=1 --"]
)
def test_hostile_searches_are_only_words(client, groups, query):
    response = client.get("/directory/", query_string={"q": query})
    assert response.status_code == 200


def test_unknown_filter_values_are_ignored(client, groups):
    page = shown(client, "area=nowhere&community=<script>&kind=x&led_by=y&category=z&page=zz")
    assert all(name in page for name in groups.values())


def test_the_list_pages_and_makes_the_same_queries_for_more_organisations(app, client):
    ensure_reference_data(app)
    with app.app_context():
        for n in range(5):
            OrganisationFactory(communities=["carers"], services=[(f"Café {n}", "social")])
    few = count_queries(app, client, "/directory/?community=carers&q=cafe")
    with app.app_context():
        for n in range(40):
            OrganisationFactory(communities=["carers"], services=[(f"Café {n}", "social")])
    many = count_queries(app, client, "/directory/?community=carers&q=cafe")
    assert few == many <= 10
    page = shown(client, "community=carers&q=cafe")
    assert "Showing 1 to 20 of 45 organisations" in page
    assert "community=carers" in page and "page=2" in page  # the pages keep the filters


def test_an_organisations_page_and_its_confirmation(app, client):
    ensure_reference_data(app)
    with app.app_context():
        fresh = OrganisationFactory(name="Fresh Group", services=[("Chat club", "social")])
        stale = OrganisationFactory(
            name="Stale Group", last_confirmed_at=utcnow() - timedelta(days=400)
        )
        hidden = OrganisationFactory(name="Suggested Group", status="suggested")
        odd_link = OrganisationFactory(name="Odd Link", website="javascript:alert(1)")
    page = client.get(f"/directory/{fresh.id}").get_data(as_text=True)
    assert "Chat club" in page and "Last confirmed by the organisation on" in page
    assert "has not been confirmed" not in page
    stale_page = client.get(f"/directory/{stale.id}").get_data(as_text=True)
    assert "has not been confirmed by the organisation for over a year" in stale_page
    assert "Not confirmed for over a year" in shown(client, "q=stale")
    assert client.get(f"/directory/{hidden.id}").status_code == 404
    assert "Suggested Group" not in shown(client)
    odd = client.get(f"/directory/{odd_link.id}").get_data(as_text=True)
    assert 'href="javascript' not in odd and "javascript:alert(1)" in odd


def test_other_features_ask_which_organisations_serve_communities(app, groups):
    with app.app_context():
        found = organisations_serving(["carers", "women"])
        assert [(o.name, o.communities) for o in found] == [
            ("Anfield Carers Circle", ["carers"]),
            ("Birkenhead Sisters", ["women"]),
        ]
        in_wirral = organisations_serving(["carers", "women"], [WIRRAL])
        assert [o.name for o in in_wirral] == ["Birkenhead Sisters"]
        assert organisations_serving([]) == []


def test_so_many_matches_are_shown_newest_first_and_say_so(client, groups, monkeypatch):
    from engage.directory import services

    ranked = shown(client, "q=carer")
    assert "best match first" in ranked
    monkeypatch.setattr(services, "RANKED_UP_TO", 1)  # two match "carer": more than 1
    newest = shown(client, "q=carer")
    assert "newest first" in newest and "not put in order of best match" in newest
    assert newest.index(groups["women"]) < newest.index(groups["carers"])  # added later
    assert groups["deaf"] not in newest
    # With a filter too: the filter still applies.
    in_wirral = shown(client, f"q=carer&area={WIRRAL}")
    assert groups["women"] in in_wirral and groups["carers"] not in in_wirral


def test_communities_answer_to_equality_monitoring_answers():
    from engage.directory.api import communities_for

    assert communities_for("religion", {"muslim"}) == ["muslim"]
    assert communities_for("age_band", {"75_to_84"}) == ["older"]
    assert "deaf" in communities_for("disability", {"limited_a_lot"})
    assert communities_for("religion", {"no_religion"}) == []


def test_a_typo_that_finds_nothing_suggests_the_close_word(client, groups):
    page = shown(client, "q=cerers&area=E08000012")
    assert "No organisations match your search" in page
    assert "Did you mean" in page and ">carer</a>" in page
    link = re.search(r'href="([^"]*q=carer[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "area=E08000012" in link  # the filters stay
    assert groups["carers"] in shown(client, link.split("?", 1)[1])
    # A word the index holds, or nothing close: no suggestion.
    assert "Did you mean" not in shown(client, "q=carers&kind=cic&area=E08000012")
    assert "Did you mean" not in shown(client, "q=xylophone")
