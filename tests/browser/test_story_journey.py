"""Lived-experience stories in a real browser, by keyboard alone: a resident tells a story
anonymously, agreeing that it may be quoted but not published; an officer codes it to a
theme, records "change made" and marks it responded. A second story holding a safeguarding
phrase is emailed to the safeguarding officer and heads their queue. axe on the way."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.core import themes
from engage.core.db import db
from engage.core.email import latest_message
from engage.core.theme_models import ThemeCode
from engage.reference_data import load_reference_data
from engage.stories import stages
from engage.stories.models import Story
from tests.browser.checks import WIDE, axe_violations
from tests.browser.keyboard import Keyboard
from tests.browser.test_panel_journey import staff_context
from tests.factories import UserFactory
from tests.factories.stories import SafeguardingPhraseFactory

OFFICER_EMAIL = "story.officer@example.org"
FIRST = "The ramp at the bus station was blocked by bins every morning for a month."
SECOND = "My neighbour says she is not safe at home and is scared to go back."
CHANGE = "The bus station's cleaners now keep the ramp clear; it is checked each morning."


def check(page: Any) -> None:
    page.set_viewport_size(WIDE)
    assert axe_violations(page) == [], page.url


def choose_radio(keys: Keyboard, label: str, what: str) -> None:
    """Tab into a radio group and arrow to the option called ``label`` (arrows select)."""
    state = keys.tab_until(lambda s: s["type"] == "radio", what)
    for _ in range(8):
        if state["label"] == label:
            keys.press("Space", label)  # selects it if Tab landed on it unselected
            return
        state = keys.press("ArrowDown", label)
    raise AssertionError(f"no {label!r} option in {what}")


def tell_by_keyboard(page: Any, keys: Keyboard, live_server: str, words: str) -> None:
    """Tell a story anonymously: quote it, do not publish it, skip the equality questions."""
    page.goto(f"{live_server}/tell-us")
    keys.tab_to_link("Start now")
    keys.follow("Enter")
    page.wait_for_url("**/tell-us/story")
    check(page)
    keys.tab_until(lambda s: s["tag"] == "textarea", "what happened")
    keys.type(words)
    keys.tab_to_button("Continue")
    keys.follow("Enter")
    page.wait_for_url("**/tell-us/about-you")
    check(page)
    choose_radio(keys, "No, I want to stay anonymous", "whether to give contact details")
    keys.tab_until(lambda s: s["id"] == "consent_quote", "may we quote it")
    keys.press("Space", "yes, quote it")
    keys.press("Tab", "may we publish it")
    keys.press("ArrowRight", "no, do not publish it")
    keys.tab_to_button("Continue")
    keys.follow("Enter")
    page.wait_for_url("**/tell-us/equality")
    keys.tab_to_button("Skip these questions")
    keys.follow("Enter")
    page.wait_for_url("**/tell-us/check")
    check(page)
    keys.tab_to_button("Send your story")
    keys.follow("Enter")
    page.wait_for_url("**/tell-us/sent")


def test_a_story_told_and_handled_by_keyboard_and_a_safeguarding_story_first(
    browser: Any, live_server: str, app: Flask
) -> None:
    with app.app_context():
        load_reference_data()
        UserFactory(email=OFFICER_EMAIL, roles=["officer", "safeguarding"])
        SafeguardingPhraseFactory(phrase="not safe at home")
        codeframe = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        theme = themes.add_theme(codeframe, "Step-free access", "Ramps, lifts and kerbs")
        db.session.commit()
        theme_id = theme.id

    resident = browser.new_context()
    page = resident.new_page()
    keys = Keyboard(page)
    tell_by_keyboard(page, keys, live_server, FIRST)
    tell_by_keyboard(page, keys, live_server, SECOND)
    resident.close()
    with app.app_context():
        first, second = db.session.scalars(select(Story).order_by(Story.id)).all()
        assert first.anonymous and first.consent_quote and not first.consent_publish
        assert not first.safeguarding and second.safeguarding
        email = latest_message(OFFICER_EMAIL, "story-safeguarding")
        assert email is not None and second.reference in email.body
        assert SECOND not in email.body  # the email never repeats the story
        first_id, first_ref, second_ref = first.id, first.reference, second.reference
    # The story's page, perhaps at one of its headings (not its action pages under it).
    story_page = re.compile(rf"/admin/stories/{first_id}(#[a-z]+)?$")

    officer = staff_context(browser, app, live_server, OFFICER_EMAIL)
    page = officer.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server}/admin/stories")
    check(page)
    titles = page.locator(".govuk-summary-card__title").all_inner_texts()
    assert [title.strip() for title in titles[:2]] == [f"Story {second_ref}", f"Story {first_ref}"]
    keys.tab_to_link(f"Story {first_ref}")
    keys.follow("Enter")
    page.wait_for_url(f"**/admin/stories/{first_id}")
    check(page)

    # The link's "of this story" is for screen readers only (visually hidden).
    keys.tab_until(
        lambda s: s["tag"] == "a" and s["text"].startswith("Change the themes"), "themes link"
    )
    keys.follow("Enter")
    page.wait_for_url("**/themes")
    keys.tab_until(lambda s: s["type"] == "checkbox", "the theme")
    keys.press("Space", "Step-free access")
    keys.tab_to_button("Save the themes")
    keys.follow("Enter")
    page.wait_for_url(story_page)

    # Back at the story's themes, below its actions: Shift+Tab up to them.
    keys.tab_until(
        lambda s: s["tag"] == "a" and s["text"] == "Record what changed",
        "the link to record what changed",
        backwards=True,
    )
    keys.follow("Enter")
    page.wait_for_url("**/change")
    check(page)
    choose_radio(keys, "Change made", "what changed")
    keys.tab_until(lambda s: s["tag"] == "textarea", "the description")
    keys.type(CHANGE)
    keys.tab_to_button("Save")
    keys.follow("Enter")
    page.wait_for_url(story_page)

    keys.tab_to_link("Move it to another status")  # "What changed" is above the actions
    keys.follow("Enter")
    page.wait_for_url("**/status")
    choose_radio(keys, "In review", "the status")
    keys.tab_to_button("Move the story")
    keys.follow("Enter")
    page.wait_for_url(story_page)
    keys.tab_to_link("Move it to another status")
    keys.follow("Enter")
    page.wait_for_url("**/status")
    choose_radio(keys, "Responded", "the status")
    keys.tab_to_button("Move the story")
    keys.follow("Enter")
    page.wait_for_url(story_page)
    officer.close()

    with app.app_context():
        story = db.session.get(Story, first_id)
        assert story.change == stages.ChangeMarker.MADE
        assert story.change_description == CHANGE
        assert story.status == stages.RESPONDED and story.first_responded_at is not None
        coded = db.session.scalars(
            select(ThemeCode.theme_id).where(
                ThemeCode.item_type == stages.THEME_ITEM, ThemeCode.item_id == first_id
            )
        ).all()
        assert coded == [theme_id]
    assert keys.moves > 20
