"""Each filter of the Open Referral UK API keeps the right records and drops the wrong ones;
paging says where a page is, also on the last page and beyond it."""

from __future__ import annotations

import pytest

from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, KINDS, LED_BY, term_uuid
from tests.directory.oruk_scene import make_directory
from tests.directory.oruk_schemas import expected_distance_order, problems

API = "/api/oruk"


@pytest.fixture
def directory(app):
    return make_directory(app)


def listed(client, url: str) -> dict:
    response = client.get(API + url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    document = response.get_json()
    assert problems(document, url.split("?")[0]) == []
    return document


def service_names(client, query: str) -> set[str]:
    return {item["name"] for item in listed(client, f"/services?{query}")["contents"]}


def services_of(directory, *keys: str) -> set[str]:
    return {name for key in keys for name in directory[key]["services"]}


ALL = ("carers", "deaf", "pantry", "sisters")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", ALL),
        ("search=carers", ("carers",)),
        ("search=carer", ("carers",)),  # stemmed, as the directory's own search
        ("search=sign+languages", ("deaf",)),  # a service's words find its organisation's
        ("search=pantry+carers", ()),  # every word must match
        (f"taxonomy_term_id={term_uuid(COMMUNITIES.key, 'deaf')}", ("deaf",)),
        (f"taxonomy_term_id={term_uuid(LED_BY.key, 'women')}", ("sisters",)),
        (f"taxonomy_term_id={term_uuid(KINDS.key, 'charity')}", ("carers",)),
        (f"taxonomy_id={LED_BY.id}", ("deaf", "sisters")),
        (f"taxonomy_id={CATEGORIES.id}", ALL),
        ("taxonomy_id=00000000-0000-4000-8000-000000000000", ()),  # not one of ours
        ("taxonomy_term_id=00000000-0000-4000-8000-000000000000", ()),
    ],
)
def test_services_by_words_and_classification(client, directory, query, found):
    assert service_names(client, query) == services_of(directory, *found), query


def test_services_by_their_own_category(client, directory):
    food = term_uuid(CATEGORIES.key, "food")
    assert service_names(client, f"taxonomy_term_id={food}") == {"Food pantry"}


def test_services_of_one_organisation(client, directory):
    pantry = directory["pantry"]["organisation"]
    assert service_names(client, f"organization_id={pantry}") == {"Food pantry", "Debt advice"}
    unknown = "00000000-0000-4000-8000-000000000000"
    assert service_names(client, f"organization_id={unknown}") == set()


def test_services_modified_after(client, directory):
    # Everything was last changed in January 2024, but the food pantry a minute ago.
    assert service_names(client, "modified_after=2025-01-01T00:00:00Z") == {"Food pantry"}
    assert service_names(client, "modified_after=2023-12-31") == services_of(directory, *ALL)
    # An offset is understood: 2024-01-01T00:30+01:00 is before midnight UTC.
    assert service_names(client, "modified_after=2024-01-01T00:30:00%2B01:00") == (
        services_of(directory, *ALL)
    )
    assert service_names(client, "modified_after=2024-01-01T00:00:01Z") == {"Food pantry"}


def test_organizations_by_words(client, directory):
    names = {o["name"] for o in listed(client, "/organizations?search=women")["contents"]}
    assert names == {directory["sisters"]["name"]}


def places(client, query: str) -> list[dict]:
    return listed(client, f"/service_at_locations?{query}")["contents"]


def test_service_at_locations_near_a_postcode_nearest_first(client, directory):
    # From L8's centre: the pantry's venue is about 100 m away, Anfield's 5 km, Wallasey's 6.5
    near_l8 = places(client, "postcode=l81ab&proximity=1000")
    assert {p["service"]["name"] for p in near_l8} == {"Food pantry", "Debt advice"}
    wider = places(client, "postcode=L8+1AB&proximity=7000")
    names = [p["service"]["name"] for p in wider]
    assert set(names) == services_of(directory, "pantry", "carers", "deaf")  # Bootle unplaced
    assert names.index("Carers' café") < names.index("Sign language classes")
    distances = expected_distance_order(
        [(p["location"]["latitude"], p["location"]["longitude"]) for p in wider], (53.39, -2.965)
    )
    assert distances == sorted(distances)
    # A district alone, any spacing and case; without proximity every venue, nearest first
    # and those with no position last.
    everything = places(client, "postcode=%20ch44%20")
    assert everything[0]["service"]["name"] == "Sign language classes"
    assert everything[-1]["service"]["name"] == "Advice line"
    assert len(everything) == 5


def test_service_at_locations_take_the_service_filters_too(client, directory):
    deaf = term_uuid(COMMUNITIES.key, "deaf")
    found = places(client, f"taxonomy_term_id={deaf}&postcode=L8")
    assert [p["service"]["name"] for p in found] == ["Sign language classes"]


def test_taxonomy_terms_of_one_taxonomy_and_by_words(client):
    terms = listed(client, f"/taxonomy_terms?taxonomy_id={KINDS.id}&per_page=100")["contents"]
    assert [t["code"] for t in terms] == [t.code for t in KINDS.terms]
    found = listed(client, "/taxonomy_terms?search=carers")["contents"]
    assert [t["code"] for t in found] == ["carers"]
    parent = "00000000-0000-4000-8000-000000000000"
    assert listed(client, f"/taxonomy_terms?parent_id={parent}")["contents"] == []
    assert [t["name"] for t in listed(client, "/taxonomies?search=led")["contents"]] == ["Led by"]


def test_paging_fields_on_every_page_and_beyond_the_last(client, directory):
    first = listed(client, "/services?per_page=2")
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 5, "total_pages": 3, "page_number": 1, "size": 2,
        "first_page": True, "last_page": False, "empty": False,
    }  # fmt: skip
    last = listed(client, "/services?per_page=2&page=3")
    assert {k: v for k, v in last.items() if k != "contents"} == {
        "total_items": 5, "total_pages": 3, "page_number": 3, "size": 1,
        "first_page": False, "last_page": True, "empty": False,
    }  # fmt: skip
    beyond = listed(client, "/services?per_page=2&page=9")
    assert {k: v for k, v in beyond.items()} == {
        "total_items": 5, "total_pages": 3, "page_number": 9, "size": 0,
        "first_page": False, "last_page": True, "empty": True, "contents": [],
    }  # fmt: skip
    pages = [listed(client, f"/services?per_page=2&page={n}") for n in (1, 2, 3)]
    seen = [item["id"] for page in pages for item in page["contents"]]
    assert len(seen) == len(set(seen)) == 5
    # per_page is capped at 100, and the default is 50.
    assert listed(client, "/taxonomy_terms?per_page=1000")["size"] == 54
    assert listed(client, "/taxonomy_terms")["size"] == 50
    nothing = listed(client, "/services?search=zzzz")
    assert nothing["total_items"] == nothing["total_pages"] == 0 and nothing["empty"]
