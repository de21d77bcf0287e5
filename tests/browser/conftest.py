"""Browser tests: Playwright driving Debian's Chromium against a live server.

The live server serves the same Flask ``app`` object as the rest of the tests, so users made
with ``make_user`` or ``seed(app)`` are visible to the browser, and the autouse
``_clean_database`` fixture empties the database after each test as usual.

Locally the tests skip when Chromium is missing; with CI=true they fail instead, so CI
cannot pass without running them."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.access_matrix import ANONYMOUS, SampleData, sign_in_as
from tests.browser import tally

BROWSER_DIR = Path(__file__).resolve().parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
SESSION_COOKIE = "engage_session"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.is_registered(tally):
        config.pluginmanager.register(tally, "engage-axe-tally")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        # Both messages start with tally.MISSING_BROWSER: the end-of-run warning finds them.
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{tally.MISSING_BROWSER} {path}; CI must run the browser tests "
                "(apt-get install chromium)",
                pytrace=False,
            )
        pytest.skip(
            f"{tally.MISSING_BROWSER} {path}: install Debian's chromium (apt-get install "
            "chromium) to run the browser tests"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class QuietRequestHandler(WSGIRequestHandler):
    """No access log: a page view makes five requests, which would bury test output."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The app on a free local port, in a background thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def axe_tally(request: pytest.FixtureRequest) -> dict[str, int]:
    return tally.tally(request.config)


def sign_in_browser(
    context: Any, client: FlaskClient, live_server: str, kind: str, data: SampleData
) -> None:
    """Sign ``client`` in as ``kind`` and give the browser the same session cookie."""
    if kind == ANONYMOUS:
        return
    sign_in_as(client, kind, data)
    cookie = client.get_cookie(SESSION_COOKIE)
    if cookie is None:  # session_transaction normally sets it; a request certainly does
        client.get("/")
        cookie = client.get_cookie(SESSION_COOKIE)
    assert cookie is not None, f"signing the test client in as {kind} set no session cookie"
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie.value, "url": live_server}])
