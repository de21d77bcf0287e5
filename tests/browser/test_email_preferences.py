"""The "Email preferences" page in a real browser: axe at desktop width, no sideways
scrolling at 320px, and unticking a box by keyboard and saving it works."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from engage.accounts.notifications import EmailOptOut
from engage.core.db import db
from tests.browser.test_accessibility import check_page
from tests.conftest import sign_in

SESSION_COOKIE = "engage_session"


def test_email_preferences_page_is_accessible_and_works(
    app: Flask,
    client: FlaskClient,
    context: Any,
    page: Any,
    live_server: str,
    make_user: Any,
    axe_tally: dict[str, int],
) -> None:
    person = make_user(email="prefs@example.org")
    assert sign_in(client, person.email).status_code == 302
    cookie = client.get_cookie(SESSION_COOKIE)
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie.value, "url": live_server}])

    problems = check_page(page, live_server + "/account/emails", axe_tally)
    assert problems == []

    box = page.get_by_label("Comments close soon")
    box.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save email preferences").click()
    page.wait_for_url(live_server + "/account")
    assert "Your email preferences have been saved." in page.content()
    with app.app_context():
        kinds = select(EmailOptOut.kind).where(EmailOptOut.user_id == person.id)
        assert db.session.scalars(kinds).all() == ["policy-draft-closing"]
