"""Keyboard only: register, verify, sign in and sign out with Tab, Shift+Tab, Enter and Space.

No mouse, no ``click`` and no ``fill``: focus moves only by key presses and text arrives by
typing into whatever has focus. After every Tab and Shift+Tab the focused element must show
that it has focus (WCAG 2.4.7): its computed style while focused must differ from its style
without focus. Following the emailed link with ``goto`` stands in for opening the email."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.browser.keyboard import Keyboard, emailed_link, navigation_links

NAME = "Kay Board"
EMAIL = "kay.board@example.org"
NEW_PASSWORD = "tab space enter keyboard 2026"


def test_register_verify_sign_in_and_out_by_keyboard(
    page: Any, live_server: str, app: Flask
) -> None:
    keys = Keyboard(page)
    page.goto(live_server + "/")

    # Home page: Tab to "Create an account" and follow it.
    keys.tab_to_link("Create an account")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/register")

    # Register: type into each field in turn.
    keys.tab_to_field("Full name")
    keys.type(NAME)
    keys.tab_to_field("Email address")
    keys.type(EMAIL)
    # Shift+Tab back to the name, check it kept its text, then Tab forward again.
    keys.tab_to_field("Full name", backwards=True)
    assert page.evaluate("document.activeElement.value") == NAME
    keys.tab_to_field("Email address")
    keys.tab_to_field("Create a password")
    keys.type(NEW_PASSWORD)
    # Space on the password's "Show" button reveals it: Space works on buttons.
    toggle = keys.press("Tab")
    assert toggle["tag"] == "button" and toggle["text"] == "Show", toggle
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('password').type") == "text"
    keys.focused("Space")
    keys.tab_to_field("Confirm password")
    keys.type(NEW_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/register/check-your-email")
    assert EMAIL in page.locator("main").inner_text()

    # Verify: open the link from the email.
    page.goto(live_server + emailed_link(app, EMAIL, "verify-email"))
    page.wait_for_url(live_server + "/sign-in")
    assert "Your email address is confirmed" in page.locator("main").inner_text()

    # Sign in.
    keys.tab_to_field("Email address")
    keys.type(EMAIL)
    keys.tab_to_field("Password")
    keys.type(NEW_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/account")
    assert "Sign out" in navigation_links(page)

    # Sign out: the navigation link, then the button on the confirmation page.
    keys.tab_to_link("Sign out")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/sign-out")
    keys.tab_to_button("Sign out")
    page.keyboard.press("Space")
    page.wait_for_url(live_server + "/")
    assert "You have signed out" in page.locator("main").inner_text()
    assert "Sign in" in navigation_links(page)
    assert "Sign out" not in navigation_links(page)
    assert keys.moves >= 15, keys.moves
