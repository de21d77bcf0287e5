"""The Open Referral UK API: every endpoint's answers (lists, single records, empty lists,
filtered lists) pass the standard's schemas with no errors; the validator's own mock feeds
prove the checking helper tells a passing, a warning and a failing feed apart; bad
parameters and unknown ids answer in JSON; any web page may call it; it is rate limited; its
lists make the same few queries for any page size or directory size."""

from __future__ import annotations

import pytest

from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, term_uuid
from tests.directory.oruk_scene import make_directory
from tests.directory.oruk_schemas import MOCKS, OPENAPI, problems, schema_errors, verdict
from tests.factories.directory import OrganisationFactory
from tests.policies.helpers import count_queries
from tests.recruitment.helpers import ensure_reference_data

API = "/api/oruk"


@pytest.fixture
def directory(app):
    return make_directory(app)


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    assert response.mimetype == "application/json"
    return response.get_json()


def test_every_endpoint_answers_in_the_standards_schemas(client, directory):
    service = directory["pantry"]["services"]["Food pantry"]
    carers = term_uuid(COMMUNITIES.key, "carers")
    checked = {
        "/": "/",
        "/services": "/services",
        "/services?per_page=1&page=2": "/services",
        "/services?search=nothing+matches+this": "/services",  # an empty list
        f"/services?taxonomy_term_id={carers}&modified_after=2020-01-01": "/services",
        f"/services/{service}": "/services/{id}",
        "/organizations": "/organizations",
        f"/organizations/{directory['sisters']['organisation']}": "/organizations/{id}",
        "/service_at_locations": "/service_at_locations",
        "/service_at_locations?postcode=L8+1AB&proximity=5000": "/service_at_locations",
        f"/service_at_locations/{directory['carers']['links'][0]}": "/service_at_locations/{id}",
        "/taxonomies": "/taxonomies",
        f"/taxonomies/{CATEGORIES.id}": "/taxonomies/{id}",
        "/taxonomy_terms": "/taxonomy_terms",
        f"/taxonomy_terms?taxonomy_id={COMMUNITIES.id}": "/taxonomy_terms",
        f"/taxonomy_terms/{carers}": "/taxonomy_terms/{id}",
    }
    assert set(checked.values()) == set(OPENAPI["paths"]), "an endpoint of the standard unchecked"
    for url, path in checked.items():
        document = get_json(client, API + url)
        assert problems(document, path) == [], url
        if "{id}" not in path and path != "/":
            assert document["size"] == len(document["contents"]), url


def test_a_full_service_carries_its_organisation_places_terms_schedule_and_cost(
    app, client, directory
):
    with app.app_context():
        from engage.core.db import db
        from engage.directory.models import Service

        service = db.session.query(Service).filter_by(name="Carers' café").one()
        service.schedule, service.cost = "Tuesdays, 10am to noon", "Free"
        db.session.commit()
    cafe = directory["carers"]["services"]["Carers' café"]
    document = get_json(client, f"{API}/services/{cafe}")
    assert schema_errors(document, "/services/{id}") == []
    assert document["organization"]["id"] == directory["carers"]["organisation"]
    assert document["organization"]["phones"][0]["number"] == "0151 496 0001"
    assert document["url"] == "https://example.org/carers"
    assert [a["taxonomy_term"]["code"] for a in document["attributes"]] == ["social"]
    organisation = document["organization"]["attributes"]
    assert {a["taxonomy_term"]["code"] for a in organisation} == {"charity", "carers", "older"}
    assert document["schedules"][0]["description"] == "Tuesdays, 10am to noon"
    assert document["cost_options"][0] | {"id": None} == {
        "id": None, "service_id": document["id"], "option": "Free", "amount": 0
    }  # fmt: skip
    assert [language["name"] for language in document["languages"]] == ["English", "Urdu"]
    place = document["service_at_locations"][0]["location"]
    assert place["id"] == directory["carers"]["location"]
    assert (place["latitude"], place["longitude"]) == (53.437, -2.964)
    assert place["addresses"][0] | {"id": None} == {
        "id": None, "location_id": place["id"], "address_1": "1 Church Road",
        "address_2": "Second floor", "city": "Liverpool", "state_province": "Merseyside",
        "postal_code": "L4 0TH", "country": "GB", "address_type": "physical",
    }  # fmt: skip
    assert place["accessibility"][0]["description"] == "Step-free entrance."
    # The same ids on every request.
    assert get_json(client, f"{API}/services/{document['id']}") == document


def test_a_website_that_is_not_a_web_address_is_left_out(client, directory):
    document = get_json(client, f"{API}/organizations/{directory['sisters']['organisation']}")
    assert "website" not in document and "not a web address" not in str(document)


@pytest.mark.parametrize(
    "folder", ["V3.0-UK-Default", "V3.0-UK-Warn", "V3.0-UK-Fail"], ids=["pass", "warn", "fail"]
)
def test_the_validators_mock_feeds_are_judged_as_upstream_judges_them(folder):
    judged, found = verdict(MOCKS / folder)
    assert judged == {"V3.0-UK-Default": "pass", "V3.0-UK-Warn": "warn"}.get(folder, "fail")
    if folder == "V3.0-UK-Default":
        assert all(listed == [] for listed in found.values())
    if folder == "V3.0-UK-Warn":
        # Its required endpoints answer as the passing feed's do; an optional one breaks the
        # schema (a term without its description, a term_uri that is not a URI).
        assert found["api_details.json"] == found["service_list.json"] == []
        assert found["service_full.json"] == []
        assert len(found["taxonomy_term.json"]) == 2
    if folder == "V3.0-UK-Fail":
        assert len(found["api_details.json"]) == 2 and len(found["service_full.json"]) == 2


def test_api_details_point_at_the_served_openapi_document(client):
    details = get_json(client, API + "/")
    assert details["version"] == "HSDS-UK-3.0"
    assert details["openapi_url"] == "http://localhost/api/oruk/openapi.json"
    served = get_json(client, "/api/oruk/openapi.json")
    assert served["servers"] == [
        {"url": "http://localhost/api/oruk", "description": "LCR Engage's VCFSE directory"}
    ]
    assert (
        served["paths"] == OPENAPI["paths"]
        and served["info"]["license"] == OPENAPI["info"]["license"]
    )
    assert "YOUR CONTACT" not in str(served) and "an Open Referral UK resource" in str(served)
    assert "centre of its postcode district" in served["info"]["description"]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/services/not-a-uuid", "id must be a UUID"),
        ("/services?taxonomy_term_id=carers", "taxonomy_term_id must be a UUID"),
        ("/services?taxonomy_id=1", "taxonomy_id must be a UUID"),
        ("/services?organization_id=x", "organization_id must be a UUID"),
        ("/services?modified_after=yesterday", "modified_after must be an ISO 8601"),
        ("/services?page=0", "page must be a whole number"),
        ("/services?page=-1", "page must be a whole number"),
        ("/services?per_page=lots", "per_page must be a whole number"),
        ("/services?format=ndjson", "only json"),
        ("/service_at_locations?postcode=M1+1AA", "Liverpool City Region"),
        ("/service_at_locations?postcode=nonsense", "Liverpool City Region"),
        ("/service_at_locations?postcode=L8&proximity=far", "proximity must be a distance"),
        ("/service_at_locations?postcode=L8&proximity=-5", "proximity must be a distance"),
        ("/service_at_locations?proximity=500", "proximity needs a postcode"),
        ("/taxonomy_terms?parent_id=x", "parent_id must be a UUID"),
    ],
)
def test_bad_parameters_answer_400_in_json_saying_why(client, url, says):
    document = get_json(client, API + url, 400)
    assert document["status"] == 400 and says in document["message"]


@pytest.mark.parametrize(
    "path", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_ids_answer_404_in_json(client, directory, path):
    document = get_json(client, f"{API}/{path}/00000000-0000-4000-8000-000000000000", 404)
    assert document["status"] == 404 and document["error"] == "Not Found"


def test_any_web_page_may_call_it(client, directory):
    for url in ("/", "/services", "/services/nope", "/openapi.json"):
        response = client.get(API + url)
        assert response.headers["Access-Control-Allow-Origin"] == "*", url
    preflight = client.options(
        f"{API}/services",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]


def test_too_many_requests_answer_429_in_json(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ORUK_RATE_LIMIT", "3 per minute")
    for url in ("/", "/services", "/taxonomies"):  # one count across the API
        assert client.get(API + url).status_code == 200
    response = client.get(f"{API}/taxonomy_terms")
    assert response.status_code == 429 and response.mimetype == "application/json"
    assert response.get_json()["status"] == 429
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/directory/").status_code == 200  # the web pages are not counted


def test_lists_make_the_same_queries_for_any_page_size_or_directory_size(app, client):
    ensure_reference_data(app)
    urls = [
        f"{API}/services?per_page={{n}}",
        f"{API}/services?per_page={{n}}&search=cafe&taxonomy_id={CATEGORIES.id}",
        f"{API}/organizations?per_page={{n}}",
        f"{API}/service_at_locations?per_page={{n}}&postcode=L8&proximity=50000",
    ]

    def counts() -> list[int]:
        return [count_queries(app, client, url.format(n=n)) for url in urls for n in (1, 100)]

    def add(count: int) -> None:
        with app.app_context():
            for n in range(count):
                organisation = OrganisationFactory(services=[(f"Café {n}", "social")])
                from tests.factories.directory import LocationFactory, ServiceAtLocationFactory

                place = LocationFactory(
                    organisation_id=organisation.id, latitude=53.39, longitude=-2.96
                )
                ServiceAtLocationFactory(
                    service_id=organisation.services[0].id, location_id=place.id
                )

    add(3)
    few = counts()
    add(30)
    many = counts()
    assert few == many and max(many) <= 10, (few, many)
    detail = get_json(client, f"{API}/services?per_page=1")["contents"][0]["id"]
    assert count_queries(app, client, f"{API}/services/{detail}") <= 4
