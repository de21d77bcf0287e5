"""An organisation's editor keeps its entry right, in a real browser, by keyboard alone: from
the public entry they ask to edit it, enter the code emailed to the entry's address, change
what the organisation does and send it for review; an officer, also by keyboard, sees the
change old and new and approves it; the public entry and the Open Referral UK API show the new
words. axe on the editor's and the officer's pages on the way."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from engage.core.email import latest_message
from engage.reference_data import load_reference_data
from tests.browser.checks import WIDE, axe_violations
from tests.browser.keyboard import Keyboard
from tests.browser.test_panel_journey import staff_context
from tests.factories import UserFactory
from tests.factories.directory import OrganisationFactory

NEW_WORDS = "A weekly café and advice for unpaid carers."


def check(page: Any) -> None:
    page.set_viewport_size(WIDE)
    assert axe_violations(page) == [], page.url


def test_an_editor_claims_changes_and_an_officer_approves_by_keyboard(
    browser: Any, live_server: str, app: Flask
) -> None:
    with app.app_context():
        load_reference_data()
        UserFactory(email="ed.editor@example.org", full_name="Ed Editor")
        UserFactory(email="dir.officer@example.org", roles=["officer"])
        entry = OrganisationFactory(
            name="Kirkby Carers", description="Help for carers.", kind="charity",
            email="hello@kirkby-carers.example",
        )  # fmt: skip
        entry_id, entry_uuid = entry.id, entry.uuid
    editor = staff_context(browser, app, live_server, "ed.editor@example.org")
    page = editor.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server}/directory/{entry_id}")
    keys.tab_to_link("Ask to edit this entry")
    keys.follow("Enter")
    page.wait_for_url("**/claim")
    check(page)
    keys.tab_until(lambda s: s["type"] == "radio", "the first way to check")
    keys.press("Space", "emailing a code")
    keys.tab_to_button("Continue")
    keys.follow("Enter")
    page.wait_for_url("**/claim/code")
    with app.app_context():
        body = latest_message("hello@kirkby-carers.example", "directory-claim-code").body
    code = re.search(r"^(\d{6})$", body, re.M).group(1)
    keys.tab_to_field("Code")
    keys.type(code)
    keys.tab_to_button("Check the code")
    keys.follow("Enter")
    page.wait_for_url("**/edit")
    check(page)
    keys.tab_until(lambda s: s["tag"] == "textarea", "what the organisation does")
    page.keyboard.press("Control+A")
    keys.type(NEW_WORDS)
    keys.tab_until(lambda s: s["type"] == "checkbox", "the first area")
    keys.press("Space", "Halton")
    keys.tab_to_button("Send for review")
    keys.follow("Enter")
    page.wait_for_url("**/your-organisations")
    assert "waiting for an officer" in page.content()
    editor.close()

    officer = staff_context(browser, app, live_server, "dir.officer@example.org")
    page = officer.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server}/admin/directory/")
    keys.tab_to_link("Kirkby Carers")
    keys.follow("Enter")
    page.wait_for_url("**/changes/*")
    check(page)
    shown = page.content()
    assert "<del>Help for carers.</del>" in shown and f"<ins>{NEW_WORDS}</ins>" in shown
    keys.tab_to_button("Approve and publish")
    keys.follow("Enter")
    page.wait_for_url("**/admin/directory/")
    page.goto(f"{live_server}/directory/{entry_id}")
    public = page.content()
    assert NEW_WORDS in public and "Halton" in public
    # The Open Referral UK API gives the new words too, to anyone.
    shared = page.request.get(f"{live_server}/api/oruk/organizations/{entry_uuid}")
    assert shared.ok and shared.json()["description"] == NEW_WORDS
    assert shared.headers["access-control-allow-origin"] == "*"
    officer.close()
