"""The access matrix: every GET endpoint, visited as every kind of user, with real ids.

Shared by the status test (test_access_matrix.py), the accessibility sweep
(tests/browser/) and the hostile-input test, so each picks up new endpoints by itself.

When a feature adds a URL argument, add a sample for it in ``SampleData.url_values``; the
matrix test fails with a message naming the argument until then."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask, url_for
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from engage.accounts.models import Invitation
from engage.core.access import Rule, rule_for_endpoint
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.email import queue_email
from engage.reference_data import load_reference_data
from engage.strategy.services import current_strategy
from tests.access_matrix_records import (
    seed_answer_files,
    seed_consultation_answering,
    seed_consultations,
    seed_directory,
    seed_erasure,
    seed_policies,
    seed_recruitment,
    seed_stories,
    seed_theme_coding,
)
from tests.factories import UserFactory

ANONYMOUS = "anonymous"
RESIDENT = "resident"
OFFICER = "officer"
ADMIN = "admin"
EQUALITY_ANALYST = "equality analyst"
PANEL_MEMBER = "panel member"
OTHER_OFFICER = "officer not on the round"
USER_KINDS = [ANONYMOUS, RESIDENT, OFFICER, ADMIN, EQUALITY_ANALYST, PANEL_MEMBER, OTHER_OFFICER]
SIGNED_IN_KINDS = set(USER_KINDS) - {ANONYMOUS}

# Global roles per kind. The scoped ones come from the seeded records: the resident owns the
# sample application, the officer leads and reviews the sample round, the panel member sits
# on the sample panel.
ROLES_FOR_KIND: dict[str, list[str]] = {
    RESIDENT: [],
    OFFICER: ["officer", "equality_data", "safeguarding"],
    ADMIN: ["admin", "officer"],
    EQUALITY_ANALYST: ["equality_data"],
    PANEL_MEMBER: [],
    OTHER_OFFICER: ["officer"],
}

# Which kinds each rule lets in, by the rule's name.
ALLOWED_KINDS: dict[str, set[str]] = {
    "public": set(USER_KINDS),
    "signed in": SIGNED_IN_KINDS,
    "officer": {OFFICER, ADMIN, OTHER_OFFICER},
    "admin": {ADMIN},
    "equality_data": {EQUALITY_ANALYST, OFFICER},
    # The named safeguarding officers (lived-experience stories that suggest someone is at risk).
    "safeguarding": {OFFICER},
    "applicant": {RESIDENT},
    # The resident told the seeded story while signed in.
    "teller of story": {RESIDENT},
    "reviewer of round": {OFFICER, ADMIN},
    "lead officer of round": {OFFICER, ADMIN},
    "member of panel": {PANEL_MEMBER, ADMIN},
    "reader of draft": {PANEL_MEMBER, OFFICER, ADMIN, OTHER_OFFICER},
    "commenter on draft": {PANEL_MEMBER},
    "reader of policy": {PANEL_MEMBER, OFFICER, ADMIN, OTHER_OFFICER},
    # The resident edits the seeded organisation's entry.
    "editor of organisation": {RESIDENT},
    # The officer uploaded the seeded Open Referral UK import; no other officer may see it.
    "officer who uploaded the import": {OFFICER},
    # Only in development settings with no SMTP server; the tests run as "testing".
    "local demo mailbox": set(),
}
# Rules about one record refuse everyone else with 404 rather than 403 (and the demo
# mailbox, which does not exist outside the local demo).
NOT_FOUND_RULES = {"applicant", "teller of story", "local demo mailbox"}

# Endpoints the matrix cannot visit with GET, and why.
NOT_VISITED = {
    "static": "files, not pages",
}


@dataclass
class SampleData:
    users: dict[str, Any] = field(default_factory=dict)
    url_values: dict[str, Any] = field(default_factory=dict)
    # More values to try for an argument, for records in another state (such as a draft
    # application beside a sent one), so pages that only show in that state are visited too.
    other_values: dict[str, list[Any]] = field(default_factory=dict)
    # Values for one endpoint's arguments where the shared records will not do, by endpoint
    # (a sent response's file needs a consultation someone has answered, and an answer
    # would lock the sample consultation's questions for the builder's pages).
    endpoint_values: dict[str, dict[str, Any]] = field(default_factory=dict)


def seed(app: Flask) -> SampleData:
    """Create one user of each kind and one record for every URL argument."""
    data = SampleData()
    with app.app_context():
        load_reference_data()
        strategy = current_strategy()
        objective = strategy.objectives[0]
        for kind, roles in ROLES_FOR_KIND.items():
            email = f"{kind.replace(' ', '.')}@matrix.example"
            data.users[kind] = UserFactory(email=email, roles=roles)
        records = seed_recruitment(data.users)
        records.update(seed_policies(data.users))
        records.update(seed_directory(data.users))
        records.update(seed_consultations(data.users))
        records.update(seed_theme_coding(records))
        records.update(seed_consultation_answering(records, data.users))
        records.update(seed_stories(data.users))
        records.update(seed_erasure())
        answered = seed_answer_files(data.users)
        message = queue_email(
            "someone@matrix.example",
            "verify-email",
            "Sample",
            user=data.users[RESIDENT],
            link="http://localhost/x",
        )
        invitation = Invitation(
            email="invited@matrix.example", roles="officer", invited_by_id=data.users[ADMIN].id
        )
        db.session.add(invitation)
        db.session.commit()
        for user in data.users.values():
            db.session.refresh(user)  # readable after the app context ends
        data.other_values = {"reference": [records.pop("draft_reference")]}
        data.endpoint_values = {
            "consultations.results.files": answered,
            "consultations.results.answer_file": answered,
        }
        data.url_values = {
            "strategy_id": strategy.id,
            "objective_id": objective.id,
            "priority_id": objective.priorities[0].id,
            "item_id": objective.items[0].id,
            "measure_id": objective.measures[0].id,
            "user_id": data.users[RESIDENT].id,
            "message_id": message.id,
            "invitation_id": invitation.id,
            "token": "not-a-valid-token",
            # The annual equality report's year: the current one is always offered.
            "year": uk_today().year,
            **records,
        }
    return data


def get_endpoints(app: Flask, method: str = "GET") -> list[tuple[str, str, Rule]]:
    """(endpoint, URL rule, access rule) for every endpoint the matrix visits with ``method``."""
    found = []
    for url_rule in app.url_map.iter_rules():
        if url_rule.endpoint in NOT_VISITED or method not in (url_rule.methods or ()):
            continue
        rule = rule_for_endpoint(app, url_rule.endpoint)
        assert rule is not None, f"{url_rule.endpoint} ({url_rule.rule}) declares no access rule"
        found.append((url_rule.endpoint, url_rule.rule, rule))
    return sorted(found)


def build_urls(app: Flask, endpoint: str, url_rule: str, data: SampleData) -> list[str]:
    """The endpoint's URL with the sample values, and once more for each other value."""
    arguments = {
        argument for rule in app.url_map.iter_rules(endpoint) for argument in rule.arguments
    }
    samples = {**data.url_values, **data.endpoint_values.get(endpoint, {})}
    missing = arguments - samples.keys()
    assert not missing, (
        f"{endpoint} ({url_rule}) needs a sample value for {sorted(missing)}: "
        "add one in tests/access_matrix.py seed()"
    )
    values = {name: samples[name] for name in arguments}
    variants = [values] + [
        {**values, name: other}
        for name in sorted(arguments)
        for other in data.other_values.get(name, [])
    ]
    with app.test_request_context():
        return [url_for(endpoint, **variant) for variant in variants]


def expected_outcome(rule: Rule, kind: str, view_args: dict[str, Any] | None = None) -> str:
    """'allowed', 'sign in', 'forbidden' or 'not found'."""
    refused = "not found" if rule.name in NOT_FOUND_RULES else "forbidden"
    if rule.name not in ALLOWED_KINDS:
        raise AssertionError(
            f"Rule {rule.name!r} is not in the access matrix: add it to ALLOWED_KINDS in "
            "tests/access_matrix.py, with a user kind holding it if it is a new role"
        )
    if kind == ANONYMOUS and rule.needs_sign_in:
        return "sign in"
    return "allowed" if kind in ALLOWED_KINDS[rule.name] else refused


def outcome_of(response: Any) -> str:
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 404:
        return "not found"
    if response.status_code in (301, 302, 303) and response.headers["Location"].startswith(
        "/sign-in"
    ):
        return "sign in"
    if response.status_code in (200, 301, 302, 303):
        return "allowed"
    return f"status {response.status_code}"


def sign_in_as(client: FlaskClient, kind: str, data: SampleData) -> None:
    """Sign ``client`` in as ``kind``, with two-factor sign-in passed for staff."""
    if kind == ANONYMOUS:
        return
    user = data.users[kind]
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["mfa_verified"] = True


# The kind tried first when checking that a rule lets people in: the least privileged.
LEAST_PRIVILEGED_FIRST = [
    ANONYMOUS,
    RESIDENT,
    PANEL_MEMBER,
    EQUALITY_ANALYST,
    OTHER_OFFICER,
    OFFICER,
    ADMIN,
]


def least_privileged_allowed(rule: Rule) -> str:
    return next(k for k in LEAST_PRIVILEGED_FIRST if expected_outcome(rule, k) == "allowed")


def csrf_token_for(app: Flask, client: FlaskClient) -> str:
    """A valid CSRF token for ``client``'s session, as Flask-WTF makes one, so POSTs reach
    the access rules and the views rather than the CSRF check."""
    raw = "access-matrix-csrf"
    with client.session_transaction() as session:
        session["csrf_token"] = raw
    return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)


def reachable_pages(app: Flask, client: FlaskClient, kind: str, data: SampleData) -> list[str]:
    """URLs of the HTML pages ``kind`` can open (status 200)."""
    pages = []
    for endpoint, url_rule, rule in get_endpoints(app):
        if expected_outcome(rule, kind) != "allowed":
            continue
        for url in build_urls(app, endpoint, url_rule, data):
            response = client.get(url)
            if response.status_code == 200 and response.mimetype == "text/html":
                pages.append(url)
    return pages
