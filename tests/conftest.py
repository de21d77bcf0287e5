from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engage import create_app
from engage.core.db import db
from engage.core.extensions import limiter
from tests.checking_client import CheckingClient
from tests.databases import drop_postgres_database, is_postgres, test_database_url
from tests.factories import PASSWORD, UserFactory
from tests.tagging_model import TaggedNote  # noqa: F401 - its tables join db.metadata

# Loaded here, not only by tests/browser/conftest.py, so the accessibility tally is printed
# by the controller under pytest-xdist too.
pytest_plugins = ["tests.browser.tally"]

TEST_SETTINGS: dict[str, Any] = {
    "ENGAGE_ENV": "testing",
    "SECRET_KEY": "test-secret-key",
    "BASE_URL": "http://localhost",
    "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # cheap for tests; production uses the default
    # Generous limits so ordinary tests never meet them; test_rate_limits.py lowers them.
    "LOGIN_RATE_LIMIT": "1000 per minute",
    "REGISTER_RATE_LIMIT": "1000 per minute",
    "RESET_RATE_LIMIT": "1000 per minute",
    "DIRECTORY_RATE_LIMIT": "1000 per minute",
    "CONSULTATION_RATE_LIMIT": "1000 per minute",
    "STORY_RATE_LIMIT": "1000 per minute",
    "DATA_DOWNLOAD_RATE_LIMIT": "1000 per minute",
    "MAIL_SERVER": None,
    "MFA_DISABLED_FOR_DEMO": False,
}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = test_database_url(tmp_path_factory.mktemp("db"), f"tests_{_worker()}")
    yield url
    if is_postgres(url):
        drop_postgres_database(url)
    else:
        shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    app = create_app({**TEST_SETTINGS, "DATABASE_URL": database_url})
    app.test_client_class = CheckingClient
    with app.app_context():
        db.create_all()  # the schema from migrations is tested in test_migrations.py
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(app: Flask) -> Iterator[None]:
    yield
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
    limiter.reset()


@pytest.fixture
def make_user(app: Flask):
    """``make_user(roles=[...], **fields)`` creates a user in its own app context. Tests must
    not hold an app context open while the client makes requests: the requests would share
    its ``g`` and database session, hiding bugs (a signed-out user would stay signed in)."""

    def _make(**kwargs):
        with app.app_context():
            return UserFactory(**kwargs)

    return _make


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, Any], **kwargs: Any):
    """GET the page for its CSRF token, then POST ``data`` to it like a browser would."""
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(page), **data}, **kwargs)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD):
    return post_form(client, "/sign-in", {"email": email, "password": password})


@pytest.fixture
def signed_in_as(client: FlaskClient, app: Flask):
    """``signed_in_as(user)`` signs the client in, passing two-factor sign-in for staff."""

    def _sign_in(user) -> FlaskClient:
        response = sign_in(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        if user.requires_mfa:
            with client.session_transaction() as session:
                session["mfa_verified"] = True
        return client

    return _sign_in
