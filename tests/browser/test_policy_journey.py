"""Commenting on a draft policy in a real browser, by keyboard alone: a member of the Disabled
People Panel comments on paragraph 1.1 and replies to a fellow member's thread using only Tab,
Shift+Tab, Enter and Space (focus visible at every step); the officer answers both; the member
sees each outcome and response beside their words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.accounts.models import User
from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel
from engage.policies import comments
from engage.policies.api import PolicyDetails, add_version, create_policy
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.models import Policy, PolicyComment, PolicyVersion
from engage.reference_data import load_reference_data
from tests.browser.keyboard import Keyboard
from tests.browser.test_panel_journey import staff_context
from tests.conftest import csrf_token, sign_in
from tests.factories import PanelMembershipFactory, UserFactory

TEXT = "# Scope\nEvery new bus stop in the city region.\nStops already built, when repaired."
MINE = "Say how high the kerb will be, so that ramps reach it."
REPLY = "Agreed, and the same height at every stop."
REPLY_TO_FAY = "Reply to the comment by Fay Fellow on paragraph 1.2"


def draft_open_to_the_disabled_people_panel(app: Flask) -> tuple[int, str, str]:
    """(policy id, member's email, officer's email), with a fellow member's comment."""
    with app.app_context():
        load_reference_data()
        panel = db.session.scalars(select(Panel).where(Panel.code == "disabled-people")).one()
        officer = UserFactory(email="policy.officer@example.org", roles=["officer"])
        member = UserFactory(email="kay.member@example.org", full_name="Kay Member")
        fellow = UserFactory(email="fay.fellow@example.org", full_name="Fay Fellow")
        for user in (member, fellow):
            PanelMembershipFactory(panel=panel, user=user)
        policy = create_policy(
            PolicyDetails("Accessible stops", "Stops.", "Transport", []), officer
        )
        version = add_version(
            policy,
            number_blocks(blocks_from_text(TEXT)),
            change_note="",
            source="pasted",
            filename="",
            created_by=officer,
        )
        comments.open_version(version, [panel.id], uk_today() + timedelta(days=14))
        comments.add_comment(
            version,
            fellow,
            "Include bus stations too.",
            name_shown=True,
            paragraph=comments.paragraph_by_number(version.id, "1.2"),
        )
        db.session.commit()
        return policy.id, member.email, officer.email


def comment_by_keyboard(page: Any, keys: Keyboard, text: str, submit: str) -> None:
    """On a comment or reply form: type the comment, choose to show the name, send."""
    keys.tab_until(lambda s: s["tag"] == "textarea", "the comment box")
    keys.type(text)
    keys.tab_until(lambda s: s["type"] == "radio", "the first name choice")
    keys.press("Space", "showing the name")
    keys.tab_to_button(submit)
    keys.follow("Enter")


def test_a_member_comments_and_replies_by_keyboard_and_sees_the_answers(
    browser: Any, live_server: str, app: Flask
) -> None:
    policy_id, member_email, officer_email = draft_open_to_the_disabled_people_panel(app)
    context = staff_context(browser, app, live_server, member_email)
    page = context.new_page()
    keys = Keyboard(page)
    base = f"{live_server}/policies/{policy_id}/versions/1"

    page.goto(base)
    keys.tab_to_link("Comment on paragraph 1.1")
    keys.follow("Enter")
    page.wait_for_url("**/comment?paragraph=1.1")
    comment_by_keyboard(page, keys, MINE, "Send comment")
    page.wait_for_url("**/comments*")
    page.wait_for_load_state("load")  # the redirect's page, before the first Tab
    assert MINE in page.content()

    # Each Reply link says whose comment it answers (visually hidden, read out), so a screen
    # reader user can tell the Reply links apart.
    keys.tab_until(
        lambda s: s["tag"] == "a" and " ".join(s["text"].split()) == REPLY_TO_FAY,
        "the Reply link of Fay's thread",
    )
    keys.follow("Enter")
    page.wait_for_url("**/reply")
    comment_by_keyboard(page, keys, REPLY, "Send reply")
    page.wait_for_url("**/comments*")
    page.wait_for_load_state("load")  # the redirect's page, before the first Tab
    shown = page.content()
    assert REPLY in shown and "Kay Member</strong> replied" in shown
    assert keys.moves < 120

    # The officer answers both (their part is not the keyboard test).
    officer = app.test_client()
    sign_in(officer, officer_email)
    with officer.session_transaction() as session:
        session["mfa_verified"] = True
    with app.app_context():
        version_id = db.session.scalar(
            select(PolicyVersion.id).where(PolicyVersion.policy_id == policy_id)
        )
        ids = {
            c.text: c.id
            for c in db.session.scalars(
                select(PolicyComment).where(PolicyComment.version_id == version_id)
            )
        }
    admin_base = f"/admin/policies/{policy_id}/versions/1/comments"
    for text, outcome, response in (
        (MINE, "accepted", "Paragraph 1.1 now gives the height: 180mm."),
        (REPLY, "noted", "Thank you: we will check this with the bus companies."),
    ):
        url = f"{admin_base}/{ids[text]}/answer"
        token = csrf_token(officer.get(url))
        answered = officer.post(
            url, data={"csrf_token": token, "outcome": outcome, "response": response}
        )
        assert answered.status_code == 302

    page.reload()
    seen = page.content()
    assert "Paragraph 1.1 now gives the height: 180mm." in seen
    assert "Thank you: we will check this with the bus companies." in seen
    assert "Accepted" in seen and "Noted" in seen

    # Version 2 changes paragraph 1.1 and is opened to the panel: the accepted comment now
    # links to the paragraph that changed, and the member follows it by keyboard.
    with app.app_context():
        policy = db.session.get(Policy, policy_id)
        second = add_version(
            policy,
            number_blocks(blocks_from_text(TEXT.replace("region.", "region, kerbs 180mm high."))),
            change_note="Kerb height added",
            source="pasted",
            filename="",
            created_by=db.session.get(User, policy.created_by_id),
        )
        panel = db.session.scalars(select(Panel).where(Panel.code == "disabled-people")).one()
        comments.open_version(second, [panel.id], uk_today() + timedelta(days=14))
        db.session.commit()
    page.goto(f"{base}/comments")
    keys.tab_to_link("Paragraph 1.1")
    keys.follow("Enter")
    page.wait_for_url(f"**/policies/{policy_id}/versions/2#paragraph-1.1")
    assert "Every new bus stop in the city region, kerbs 180mm high." in page.content()
    context.close()
