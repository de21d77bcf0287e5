"""The whole recruitment story in a real browser.

A keyboard-only resident applies to the Disabled People Panel with access needs, saves, comes
back by the emailed link, sends the application and gets the reference by email. Two
officers score it without seeing who it is from, the lead moderates, shortlists and
appoints, and the new member sees the members' area. The applicant's part uses only Tab,
Shift+Tab, Enter and Space (focus visible at every step); the officers use the mouse."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.accounts.models import User
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.email import latest_message
from engage.recruitment.models import Application, Criterion, RecruitmentRound, RoundQuestion
from tests.browser.conftest import SESSION_COOKIE
from tests.browser.keyboard import Keyboard, emailed_link, tab_to_id
from tests.conftest import sign_in
from tests.factories import PASSWORD, UserFactory
from tests.recruitment.helpers import DISABLED_PEOPLE, make_round

NAME = "Zephyrine Quillfeather"
EMAIL = "zephyrine.quillfeather@example.org"
PHONE = "07700 900123"
RELIGION_WRITE_IN = "Quillfaith of the Lantern"
ANSWERS = (
    "I have used a wheelchair for twenty years and I know where the city region's buses fail.",
    "I want disabled people's experience to shape transport and housing decisions early.",
)
# Whatever reviewers see must not contain these.
IDENTITY = (NAME, EMAIL, PHONE, "British Sign Language", "Step-free", RELIGION_WRITE_IN)


def officers(app: Flask, round_id: int) -> tuple[str, str]:
    """Emails of a lead officer (who also reviews) and a second reviewer for the round."""
    with app.app_context():
        lead = UserFactory(email="lead.officer@example.org", roles=["officer"])
        second = UserFactory(email="second.reviewer@example.org", roles=["officer"])
        round_ = db.session.get(RecruitmentRound, round_id)
        round_.lead_officer_id = lead.id
        round_.reviewers = [db.session.get(User, lead.id), db.session.get(User, second.id)]
        db.session.commit()
    return "lead.officer@example.org", "second.reviewer@example.org"


def staff_context(browser: Any, app: Flask, live_server: str, email: str) -> Any:
    """A browser context signed in as ``email`` (two-factor passed), via the test client."""
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    with client.session_transaction() as session:
        session["mfa_verified"] = True
    client.get("/")
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": SESSION_COOKIE,
                "value": client.get_cookie(SESSION_COOKIE).value,
                "url": live_server,
            }
        ]
    )
    return context


def apply_by_keyboard(page: Any, live_server: str, app: Flask, round_id: int) -> str:
    keys = Keyboard(page)
    page.goto(f"{live_server}/recruitment/{round_id}")
    keys.tab_until(lambda s: s["text"].startswith("Start your application"), "Start button")
    keys.follow("Enter")
    page.wait_for_url("**/tasks")
    keys.tab_to_link("About you")
    keys.follow("Enter")
    page.wait_for_url("**/about-you")

    tab_to_id(keys, "full_name")
    keys.type(NAME)
    keys.press("Tab")
    keys.type(EMAIL)
    keys.press("Shift+Tab")  # back to the name, and on again: nothing typed is lost
    keys.press("Tab")
    keys.press("Tab")
    keys.type(PHONE)
    tab_to_id(keys, "connections")  # I live in the city region
    keys.press("Space")
    tab_to_id(keys, "local_authorities-3")  # Liverpool
    keys.press("Space")
    keys.tab_to_button("Save and come back later")
    keys.follow("Enter")
    page.wait_for_url("**/tasks")
    assert "Your answers have been saved" in page.content()
    return emailed_link(app, EMAIL, "application-saved")


def finish_by_keyboard(page: Any, live_server: str, app: Flask, link: str) -> str:
    """Come back by the emailed link in a fresh browser and complete every section."""
    keys = Keyboard(page)
    page.goto(live_server + link)
    page.wait_for_url("**/tasks")
    assert "Completed" in page.content()  # About you was kept

    keys.tab_to_link("Which panels you want to join")
    keys.follow("Enter")
    page.wait_for_url("**/panels")
    tab_to_id(keys, "panels")
    keys.press("Space")
    keys.tab_to_button("Save and continue")
    keys.follow("Enter")

    page.wait_for_url("**/experience")
    with app.app_context():  # one box per question, named by the question's id
        question_ids = db.session.scalars(
            select(RoundQuestion.id).order_by(RoundQuestion.position)
        ).all()
    for question_id, answer in zip(question_ids, ANSWERS, strict=True):
        tab_to_id(keys, f"answer_{question_id}")
        keys.type(answer)
    keys.tab_to_button("Save and continue")
    keys.follow("Enter")

    page.wait_for_url("**/availability")
    tab_to_id(keys, "times-2")  # evenings
    keys.press("Space")
    tab_to_id(keys, "ways")  # online
    keys.press("Space")
    keys.tab_to_button("Save and continue")
    keys.follow("Enter")

    page.wait_for_url("**/access-needs")
    tab_to_id(keys, "needs")  # a BSL interpreter
    keys.press("Space")
    tab_to_id(keys, "needs-4")  # step-free access
    keys.press("Space")
    keys.tab_to_button("Save and continue")
    keys.follow("Enter")

    page.wait_for_url("**/equality-monitoring")
    tab_to_id(keys, "religion")  # a radio group is one Tab stop: arrows move within it
    for _ in range(7):
        keys.press("ArrowDown")  # to "Any other religion", which has a write-in box
    assert page.evaluate("document.activeElement.id") == "religion-8"
    tab_to_id(keys, "religion_other")
    keys.type(RELIGION_WRITE_IN)
    keys.tab_to_button("Save and continue")
    keys.follow("Enter")

    page.wait_for_url("**/check-your-answers")
    assert NAME in page.content() and ANSWERS[0] in page.content()
    tab_to_id(keys, "declaration")
    keys.press("Space")
    keys.tab_until(lambda s: s["text"] == "Accept and send", "Accept and send")
    keys.follow("Enter")
    page.wait_for_url("**/sent")
    with app.app_context():
        reference = db.session.scalars(
            select(Application.reference).where(Application.email == EMAIL)
        ).one()
    assert reference in page.content()
    return reference


def score(page: Any, live_server: str, round_id: int, criteria: list[int], mark: int) -> None:
    page.goto(f"{live_server}/review/rounds/{round_id}/applications/1")
    html = page.content()
    for secret in IDENTITY:
        assert secret not in html, f"the reviewer's page shows {secret!r}"
    assert "Applicant 1" in html and ANSWERS[0] in html
    for criterion_id in criteria:
        page.check(f"input[name='score_{criterion_id}'][value='{mark}']")
        page.fill(f"textarea[name='comment_{criterion_id}']", f"Scored {mark}: clear evidence.")
    page.get_by_role("button", name="Submit scores").click()
    page.wait_for_load_state()


def test_apply_score_moderate_shortlist_appoint_and_join(
    browser: Any, page: Any, live_server: str, app: Flask
) -> None:
    round_id = make_round(app, panels=[DISABLED_PEOPLE])
    lead, second = officers(app, round_id)
    with app.app_context():
        criteria = list(
            db.session.scalars(select(Criterion.id).where(Criterion.round_id == round_id))
        )

    # The resident, by keyboard: start, save, come back by the emailed link, send.
    link = apply_by_keyboard(page, live_server, app, round_id)
    returning = browser.new_context()
    reference = finish_by_keyboard(returning.new_page(), live_server, app, link)
    returning.close()
    with app.app_context():
        confirmation = latest_message(EMAIL, "application-submitted")
        assert reference in confirmation.subject and reference in confirmation.body

    # Two officers score it, each without seeing who it is from.
    for officer, mark in ((lead, 3), (second, 4)):
        context = staff_context(browser, app, live_server, officer)
        score(context.new_page(), live_server, round_id, criteria, mark)
        context.close()

    # The lead moderates, then (after the closing date) shortlists, decides and appoints.
    context = staff_context(browser, app, live_server, lead)
    officer_page = context.new_page()
    officer_page.goto(f"{live_server}/review/rounds/{round_id}/moderation/1")
    html = officer_page.content()
    for secret in IDENTITY:
        assert secret not in html, f"the moderation page shows {secret!r}"
    for criterion_id in criteria:
        officer_page.check(f"input[name='agreed_{criterion_id}'][value='4']")
    officer_page.get_by_role("button", name="Save agreed scores").click()
    officer_page.wait_for_load_state()

    with app.app_context():
        db.session.get(RecruitmentRound, round_id).closes_on = uk_today() - timedelta(days=1)
        db.session.commit()
    decisions = f"{live_server}/admin/decisions/rounds/{round_id}/applications/1"
    officer_page.goto(decisions)
    officer_page.get_by_label("Yes: invite them to an interview").check()
    officer_page.get_by_label("Reason", exact=True).fill(
        "Strong lived experience of transport barriers."
    )
    officer_page.get_by_role("button", name="Save and email the applicant").click()
    officer_page.wait_for_load_state()
    officer_page.goto(decisions)
    officer_page.get_by_label("Appointed", exact=True).check()
    officer_page.get_by_label("Reason for the outcome").fill("The strongest evidence.")
    officer_page.get_by_label("Feedback for the applicant").fill("Thank you: clear and honest.")
    officer_page.get_by_role("button", name="Save outcome").click()
    officer_page.wait_for_load_state()
    officer_page.goto(f"{live_server}/admin/decisions/rounds/{round_id}")
    officer_page.get_by_role("button", name="Send outcomes").click()
    officer_page.wait_for_load_state()
    officer_page.goto(f"{decisions}/appoint")
    officer_page.get_by_label("Disabled People Panel").check()
    officer_page.get_by_label("Name the member goes by").fill("Zeph Q")
    officer_page.get_by_role("button", name="Appoint and email the member").click()
    officer_page.wait_for_load_state()
    context.close()
    # They have no account yet, so the welcome email sends them to create one.
    assert emailed_link(app, EMAIL, "membership-appointed") == "/register"

    # The new member creates an account with the same email and finds the members' area.
    with app.app_context():
        UserFactory(email=EMAIL, full_name=NAME)
    member = browser.new_context().new_page()
    member.goto(f"{live_server}/sign-in")
    member.fill("#email", EMAIL)
    member.fill("#password", PASSWORD)
    member.get_by_role("button", name="Sign in").click()
    member.wait_for_url("**/account")
    member.goto(f"{live_server}/members/disabled-people")
    assert "Disabled People Panel" in member.content()
    assert "Zeph Q" in member.content() or NAME in member.content()
