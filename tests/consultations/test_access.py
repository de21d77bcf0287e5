"""Only officers use the builder: every page and every form of it, visited as every kind of
user with GET and with POST, answers as its rule says (the whole-app access matrix, for the
builder's endpoints alone); a resident and a panel member are refused everywhere."""

from __future__ import annotations

import pytest

from tests.access_matrix import (
    PANEL_MEMBER,
    RESIDENT,
    USER_KINDS,
    build_urls,
    csrf_token_for,
    expected_outcome,
    get_endpoints,
    outcome_of,
    seed,
    sign_in_as,
)


def consultation_endpoints(app, method: str) -> list:
    return [e for e in get_endpoints(app, method) if e[0].startswith("consultations.builder.")]


@pytest.mark.parametrize("kind", USER_KINDS)
def test_every_builder_page_and_form_answers_each_kind_of_user_as_declared(app, client, kind):
    data = seed(app)
    sign_in_as(client, kind, data)
    token = csrf_token_for(app, client)
    wrong, visited = [], 0
    for method in ("GET", "POST"):
        for endpoint, url_rule, rule in consultation_endpoints(app, method):
            expected = expected_outcome(rule, kind)
            if method == "POST" and expected == "allowed":
                continue  # a POST that is let in changes the records: see the journeys
            for url in build_urls(app, endpoint, url_rule, data):
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.post(url, data={"csrf_token": token})
                visited += 1
                if outcome_of(response) != expected:
                    wrong.append(f"{method} {url}: expected {expected}, got {response.status_code}")
    assert visited >= 10
    assert wrong == [], f"As {kind}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("kind", [RESIDENT, PANEL_MEMBER])
def test_residents_and_panel_members_are_refused_every_builder_page(app, client, kind):
    data = seed(app)
    sign_in_as(client, kind, data)
    token = csrf_token_for(app, client)
    endpoints = consultation_endpoints(app, "GET") + consultation_endpoints(app, "POST")
    assert len({e for e, _, _ in endpoints}) >= 17
    for method in ("GET", "POST"):
        for endpoint, url_rule, rule in consultation_endpoints(app, method):
            if rule.name == "public":  # the residents' own pages (answer/)
                continue
            for url in build_urls(app, endpoint, url_rule, data):
                if method == "GET":
                    assert client.get(url).status_code == 403, url
                else:
                    assert client.post(url, data={"csrf_token": token}).status_code == 403, url
