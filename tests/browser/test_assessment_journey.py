"""An officer writes an Equality Impact Assessment in a real browser, by keyboard alone: starts
it, assesses one characteristic (first forgetting what will be done about a negative impact,
which the error summary links to), and reads it back. axe and 320px reflow on every page of
the way, the form with its error included (the access matrix only reaches a fixed
assessment, whose forms redirect)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core.db import db
from engage.policies.api import PolicyDetails, add_version, create_policy
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.reference_data import load_reference_data
from tests.browser.checks import NARROW, WIDE, axe_violations, horizontal_overflow
from tests.browser.keyboard import Keyboard
from tests.browser.test_panel_journey import staff_context
from tests.factories import UserFactory


def check(page: Any) -> None:
    page.set_viewport_size(WIDE)
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(NARROW)
    assert horizontal_overflow(page) is None, page.url
    page.set_viewport_size(WIDE)


def test_an_officer_assesses_a_characteristic_by_keyboard(
    browser: Any, live_server: str, app: Flask
) -> None:
    with app.app_context():
        load_reference_data()
        officer = UserFactory(email="eqia.officer@example.org", roles=["officer"])
        policy = create_policy(PolicyDetails("Fair buying", "Spending.", "Commercial", []), officer)
        add_version(
            policy, number_blocks(blocks_from_text("# Scope\nEveryone.")), change_note="",
            source="pasted", filename="", created_by=officer,
        )  # fmt: skip
        db.session.commit()
        policy_id = policy.id
    context = staff_context(browser, app, live_server, "eqia.officer@example.org")
    page = context.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server}/admin/policies/{policy_id}/versions/1/impact-assessment")
    check(page)
    keys.tab_to_button("Start the impact assessment")
    keys.follow("Enter")
    page.wait_for_selector("text=0 of 11 sections assessed")
    check(page)
    keys.tab_until(
        lambda s: s["tag"] == "a" and " ".join(s["text"].split()) == "Assess the impact on carers",
        "the Assess link for carers",
    )
    keys.follow("Enter")
    page.wait_for_url("**/impact-assessment/carers")
    check(page)
    keys.tab_until(lambda s: s["type"] == "radio", "the first impact choice")
    keys.press("ArrowDown", "Negative")  # radios in a group move with the arrow keys
    keys.tab_until(lambda s: s["tag"] == "textarea", "the evidence box")
    keys.type("Carers need two seats together.")
    keys.tab_to_button("Save")
    keys.follow("Enter")
    page.wait_for_selector(".govuk-error-summary")
    # The error summary links to the box that needs an answer.
    assert "Say what will be done to remove or reduce the negative impact" in page.content()
    check(page)
    keys.tab_until(lambda s: s["tag"] == "a" and "Say what will be done" in s["text"], "error")
    keys.follow("Enter")
    focused = keys.focused()
    assert focused["tag"] == "textarea"
    keys.type("Space for a companion beside the wheelchair space.")
    keys.tab_to_button("Save")
    keys.follow("Enter")
    page.wait_for_url("**/impact-assessment#section-carers")
    shown = page.content()
    assert "Carers need two seats together." in shown
    assert "Space for a companion beside the wheelchair space." in shown
    assert "1 of 11 sections assessed" in shown
    context.close()
