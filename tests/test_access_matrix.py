"""Every GET endpoint, visited as every kind of user, answers as its declaration says."""

from __future__ import annotations

import pytest

from tests.access_matrix import (
    USER_KINDS,
    build_urls,
    expected_outcome,
    get_endpoints,
    outcome_of,
    seed,
    sign_in_as,
)


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
