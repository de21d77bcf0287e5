"""Every endpoint, visited as every kind of user with GET and with POST, answers as its
declaration says."""

from __future__ import annotations

import pytest

from engage import create_app
from tests.access_matrix import (
    USER_KINDS,
    build_urls,
    csrf_token_for,
    expected_outcome,
    get_endpoints,
    least_privileged_allowed,
    outcome_of,
    seed,
    sign_in_as,
)
from tests.conftest import TEST_SETTINGS

POST_ENDPOINTS = [
    endpoint
    for endpoint, _, _ in get_endpoints(
        create_app({**TEST_SETTINGS, "DATABASE_URL": "sqlite://"}), "POST"
    )
]


def undeclared_endpoints(app) -> list[str]:
    from engage.core.access import rule_for_endpoint

    return sorted(
        f"{rule.endpoint} ({rule.rule})"
        for rule in app.url_map.iter_rules()
        if rule_for_endpoint(app, rule.endpoint) is None
    )


def test_every_endpoint_declares_who_may_use_it(app):
    missing = undeclared_endpoints(app)
    assert missing == [], f"Endpoints without an @access rule: {missing}"


@pytest.mark.parametrize("kind", USER_KINDS)
def test_every_page_answers_each_kind_of_user_as_declared(app, client, kind):
    data = seed(app)
    sign_in_as(client, kind, data)
    wrong = []
    visited = 0
    for endpoint, url_rule, rule in get_endpoints(app):
        expected = expected_outcome(rule, kind)
        for url in build_urls(app, endpoint, url_rule, data):
            actual = outcome_of(client.get(url))
            visited += 1
            if actual != expected:
                wrong.append(f"{url} ({endpoint}, {rule.name}): expected {expected}, got {actual}")
    assert visited >= 20
    assert wrong == [], f"As {kind}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("kind", USER_KINDS)
def test_every_form_refuses_each_kind_of_user_its_rule_does_not_allow(app, client, kind):
    """A POST is checked by the same rule as the page: someone who may not open a form
    cannot post it either (an officer cannot post another lead's round settings)."""
    data = seed(app)
    sign_in_as(client, kind, data)
    token = csrf_token_for(app, client)
    wrong = []
    refused = 0
    for endpoint, url_rule, rule in get_endpoints(app, "POST"):
        expected = expected_outcome(rule, kind)
        if expected == "allowed":
            continue
        for url in build_urls(app, endpoint, url_rule, data):
            actual = outcome_of(client.post(url, data={"csrf_token": token}))
            refused += 1
            if actual != expected:
                wrong.append(
                    f"POST {url} ({endpoint}, {rule.name}): expected {expected}, got {actual}"
                )
    assert refused > 0
    assert wrong == [], f"As {kind}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS)
def test_every_form_lets_in_the_least_privileged_kind_its_rule_allows(app, client, endpoint):
    """An empty POST from the least privileged person the rule allows reaches the view
    (which answers with its errors or a redirect), never a refusal or a server error. Each
    endpoint gets fresh records, as a POST may change them."""
    data = seed(app)
    (url_rule, rule) = next((u, r) for e, u, r in get_endpoints(app, "POST") if e == endpoint)
    kind = least_privileged_allowed(rule)
    sign_in_as(client, kind, data)
    token = csrf_token_for(app, client)
    url = build_urls(app, endpoint, url_rule, data)[0]
    response = client.post(url, data={"csrf_token": token})
    assert response.status_code < 500, f"POST {url} as {kind}: {response.status_code}"
    assert outcome_of(response) == "allowed", f"POST {url} as {kind}: {response.status_code}"
