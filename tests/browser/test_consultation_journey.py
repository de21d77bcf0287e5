"""A Citizen's Voice consultation in a real browser, by keyboard alone (Tab, Shift+Tab, arrows,
Space and Enter; focus visible at every step), with axe on every page.

An anonymous resident answers page 1 of a routed consultation ("No" skips page 2), saves and
comes back in a fresh browser by the emailed link, which opens page 3 (page 2 is never
shown), answers the free text and "Other, please say", the area and an equality monitoring
question, checks the answers and sends. An officer types in a paper response (through page
2, which "Yes" leads to). The results page counts both, by how they came in and per answer,
and the officer codes the resident's free-text answer to a theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.consultations import services, stages
from engage.consultations.coding import services as coding
from engage.consultations.models import Answer, Consultation, ConsultationResponse
from engage.core import themes
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.email import latest_message
from engage.core.theme_models import ThemeCode
from engage.monitoring.api import response_for
from tests.browser.checks import WIDE, axe_violations
from tests.browser.keyboard import Keyboard, tab_to_id
from tests.browser.test_panel_journey import staff_context
from tests.factories import UserFactory
from tests.factories.consultations import (
    AnswerFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    PageRouteFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.recruitment.helpers import ensure_reference_data

OFFICER_EMAIL = "consultation.officer@example.org"
RESIDENT_EMAIL = "quillon.resident@example.org"
TITLE = "Buses to the hospital"
USE_BUS = "Do you use the bus?"
WHICH_ROUTE = "Which bus route do you use most?"
BETTER = "What would make the buses better for you?"
PAY = "How do you usually pay for the bus?"
RESIDENT_BETTER = "Buses every ten minutes in the evening, with room for my wheelchair."
RESIDENT_PAY = "A monthly ticket that works on the trains too"
PAPER_ROUTE = "The 10A"
PAPER_BETTER = "Cleaner shelters with seats at every stop."
THEME = "Frequency and space"
# Responses already in before the journey, by how they came in and their answer to USE_BUS
# (None: not answered). Chosen so the results are shown and stay shown after the journey:
# online 10 -> 11 (the resident), paper 9 ("fewer than 10") -> 10 (the officer's entry);
# the small phone and event counts, and "Sometimes" and "Did not answer", are suppressed
# together, so nothing else needs hiding.
EARLIER = [
    *[("online", "Yes")] * 10,
    *[("paper", "No")] * 9,
    ("phone", "Sometimes"),
    ("phone", "Sometimes"),
    ("phone", "Sometimes"),
    ("event", None),
    ("event", None),
]


@dataclass
class Made:
    id: int
    pages: list[int]
    questions: dict[str, int]
    theme_id: int


def make_consultation(app: Flask) -> Made:
    """Three pages: "No" on page 1 goes to page 3, past page 2. Opened through the service,
    so the route check has passed."""
    ensure_reference_data(app)
    with app.app_context():
        officer = UserFactory(email=OFFICER_EMAIL, roles=["officer"])
        consultation = ConsultationFactory(title=TITLE, created_by_id=officer.id)
        pages = [
            QuestionPageFactory(consultation_id=consultation.id, position=n, heading=heading)
            for n, heading in ((1, ""), (2, ""), (3, "Making the buses better"))
        ]
        q = {
            "bus": QuestionFactory(
                page_id=pages[0].id, position=1, text=USE_BUS, options=["Yes", "No", "Sometimes"]
            ),
            "route": QuestionFactory(
                page_id=pages[1].id, position=1, kind="short_text", options=[], text=WHICH_ROUTE
            ),
            "better": QuestionFactory(
                page_id=pages[2].id, position=1, kind="long_text", options=[], text=BETTER
            ),
            "pay": QuestionFactory(
                page_id=pages[2].id,
                position=2,
                text=PAY,
                required=False,
                options=["Cash", "Contactless card"],
                allows_other=True,
            ),
        }
        PageRouteFactory(
            question_id=q["bus"].id, page_id=pages[0].id, answer="No", goes_to_page_id=pages[2].id
        )
        db.session.expire_all()
        consultation = db.session.get(Consultation, consultation.id)
        services.open_consultation(consultation, uk_today())
        for channel, choice in EARLIER:
            earlier = ConsultationResponseFactory(consultation_id=consultation.id, channel=channel)
            if choice:
                AnswerFactory(
                    response_id=earlier.id, question_id=q["bus"].id, value={"choice": choice}
                )
        theme = themes.add_theme(
            coding.codeframe_for(consultation.id), THEME, "How often buses come; room on board"
        )
        db.session.commit()
        return Made(
            id=consultation.id,
            pages=[page.id for page in pages],
            questions={name: question.id for name, question in q.items()},
            theme_id=theme.id,
        )


def check(page: Any) -> None:
    page.set_viewport_size(WIDE)
    assert axe_violations(page) == [], page.url


def choose_radio(keys: Keyboard, label: str, what: str, first_id: str = "") -> None:
    """Tab into a radio group (the next one, or the one whose first radio is ``first_id``)
    and arrow to the option called ``label`` (arrows select)."""
    state = keys.tab_until(
        lambda s: s["type"] == "radio" and (not first_id or s["id"] == first_id), what
    )
    for _ in range(12):
        if state["label"] == label:
            keys.press("Space", label)  # selects it if Tab landed on it unselected
            return
        state = keys.press("ArrowDown", label)
    raise AssertionError(f"no {label!r} option in {what}")


def continue_to(keys: Keyboard, button: str, url: str | re.Pattern[str]) -> None:
    keys.tab_to_button(button)
    keys.follow("Enter")
    keys.page.wait_for_url(url)


def record_pages(page: Any) -> list[str]:
    """Every URL the page's main frame shows, in order."""
    seen: list[str] = []
    page.on(
        "framenavigated", lambda frame: seen.append(frame.url) if frame is page.main_frame else None
    )
    return seen


def table_cells(page: Any, caption_id: str) -> dict[str, str]:
    """The table captioned ``caption_id``: each row's header -> its first cell."""
    rows = page.locator(f"table:has(#{caption_id}) tbody tr")
    found = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        found[row.locator("th").inner_text().strip()] = row.locator("td").first.inner_text().strip()
    return found


def resident_starts_and_saves(
    page: Any, keys: Keyboard, live_server: str, app: Flask, made: Made
) -> str:
    """Start anonymously, answer page 1 "No", save and ask for a link: the link's path."""
    page.goto(f"{live_server}/consultations/{made.id}")
    check(page)
    keys.tab_to_link("Start now")
    keys.follow("Enter")
    page.wait_for_url(f"**/consultations/{made.id}/start")
    check(page)
    continue_to(keys, "Start", f"**/questions/{made.pages[0]}")
    check(page)
    choose_radio(keys, "No", USE_BUS)
    continue_to(keys, "Save and come back later", f"**/consultations/{made.id}/save")
    check(page)
    keys.tab_to_field("Email address")
    keys.type(RESIDENT_EMAIL)
    keys.tab_to_button("Send me a link")
    with page.expect_navigation():  # the form posts back to its own address
        keys.follow("Enter")
    assert page.locator("h1").inner_text().strip() == "Your answers are saved"
    assert RESIDENT_EMAIL in page.content()
    check(page)
    with app.app_context():
        email = latest_message(RESIDENT_EMAIL, "consultation-response-saved")
        assert email is not None, "no save-and-return email in the outbox"
        found = re.search(r"http://localhost(/consultations/resume/\S+)", email.body)
        assert found, email.body
        return found.group(1)


def resident_returns_and_sends(
    page: Any, keys: Keyboard, live_server: str, made: Made, link: str
) -> None:
    page.goto(live_server + link)
    # The first page not answered on the resident's way: page 3, "No" having skipped page 2.
    page.wait_for_url(f"**/consultations/{made.id}/questions/{made.pages[2]}")
    check(page)
    keys.tab_until(lambda s: s["tag"] == "textarea", BETTER)
    keys.type(RESIDENT_BETTER)
    choose_radio(keys, stages.OTHER_LABEL, PAY)
    tab_to_id(keys, f"question-{made.questions['pay']}-other")
    keys.type(RESIDENT_PAY)
    # Back to the options and on again: "Other" is still the one chosen, the text kept.
    assert keys.press("Shift+Tab", PAY)["label"] == stages.OTHER_LABEL
    assert page.evaluate("document.activeElement.checked")
    assert keys.press("Tab", "the other answer")["text"] == RESIDENT_PAY
    continue_to(keys, "Continue", f"**/consultations/{made.id}/about-you")
    check(page)
    choose_radio(keys, "Liverpool", "which area you live in")
    choose_radio(keys, "Female", "the equality monitoring question on sex", first_id="sex")
    continue_to(keys, "Continue", f"**/consultations/{made.id}/check")
    check(page)
    text = page.locator("main").inner_text()
    assert USE_BUS in text and BETTER in text and RESIDENT_BETTER in text and RESIDENT_PAY in text
    assert WHICH_ROUTE not in text  # off the resident's path
    assert "Liverpool" in text
    monitoring = page.locator(".govuk-summary-list__row", has_text="Equality monitoring questions")
    assert monitoring.locator(".govuk-summary-list__value").inner_text().strip() == "Answered"
    continue_to(keys, "Send your response", f"**/consultations/{made.id}/sent")
    check(page)
    assert page.locator("h1").inner_text().strip() == "Your response has been sent"


def officer_enters_paper(page: Any, keys: Keyboard, live_server: str, made: Made) -> None:
    page.goto(f"{live_server}/admin/consultations/{made.id}/responses/")
    check(page)
    choose_radio(keys, "Paper", "how the response came in")
    continue_to(keys, "Start typing it in", re.compile(rf"/questions/{made.pages[0]}$"))
    check(page)
    choose_radio(keys, "Yes", USE_BUS)
    continue_to(keys, "Continue", re.compile(rf"/questions/{made.pages[1]}$"))
    check(page)
    tab_to_id(keys, f"question-{made.questions['route']}")
    keys.type(PAPER_ROUTE)
    continue_to(keys, "Continue", re.compile(rf"/questions/{made.pages[2]}$"))
    keys.tab_until(lambda s: s["tag"] == "textarea", BETTER)
    keys.type(PAPER_BETTER)
    choose_radio(keys, "Cash", PAY)
    continue_to(keys, "Continue", re.compile(r"/responses/\d+/check$"))
    check(page)
    text = page.locator("main").inner_text()
    assert PAPER_ROUTE in text and PAPER_BETTER in text
    continue_to(keys, "Save the response", f"**/admin/consultations/{made.id}/responses/")
    assert "It is marked \u201cPaper\u201d" in page.locator("main").inner_text()


def test_a_routed_consultation_answered_saved_resumed_entered_counted_and_coded(
    browser: Any, live_server: str, app: Flask
) -> None:
    made = make_consultation(app)

    # Before: 10 online responses, and 9 on paper shown as "fewer than 10".
    officer = staff_context(browser, app, live_server, OFFICER_EMAIL)
    staff_page = officer.new_page()
    staff_page.goto(f"{live_server}/admin/consultations/{made.id}/results/")
    before = table_cells(staff_page, "responses-caption")
    assert before["Online"] == "10" and before["Paper"] == "fewer than 10", before

    # The resident, anonymous: page 1, save, the emailed link.
    first = browser.new_context()
    page = first.new_page()
    shown = record_pages(page)
    keys = Keyboard(page)
    link = resident_starts_and_saves(page, keys, live_server, app, made)
    moves = keys.moves
    first.close()

    # Back by the link, in a fresh browser (no session): on to the end and send.
    returning = browser.new_context()
    page = returning.new_page()
    shown += record_pages(page)
    keys = Keyboard(page)
    resident_returns_and_sends(page, keys, live_server, made, link)
    moves += keys.moves
    returning.close()
    skipped = f"/questions/{made.pages[1]}"
    assert shown and not [url for url in shown if skipped in url], shown

    with app.app_context():
        response = db.session.scalars(
            select(ConsultationResponse).where(
                ConsultationResponse.consultation_id == made.id,
                ConsultationResponse.email == RESIDENT_EMAIL,
            )
        ).one()
        assert response.status == stages.ResponseStatus.SUBMITTED
        assert response.channel == stages.Channel.ONLINE and response.user_id is None
        assert response.area_code == "E08000012"  # Liverpool
        answers = dict(
            db.session.execute(
                select(Answer.question_id, Answer.value).where(Answer.response_id == response.id)
            ).all()
        )
        q = made.questions
        assert answers == {
            q["bus"]: {"choice": "No"},
            q["better"]: {"text": RESIDENT_BETTER},
            q["pay"]: {"choice": stages.OTHER, "other": RESIDENT_PAY},
        }
        monitoring = response_for(stages.MONITORING_SUBJECT, response.id)
        assert monitoring is not None and monitoring.sex == "female"
        resident_answer_id = db.session.scalars(
            select(Answer.id).where(
                Answer.response_id == response.id, Answer.question_id == q["better"]
            )
        ).one()

    # The officer types in a paper response, by keyboard, through page 2 ("Yes").
    keys = Keyboard(staff_page)
    officer_enters_paper(staff_page, keys, live_server, made)
    with app.app_context():
        paper = db.session.scalars(
            select(ConsultationResponse).where(
                ConsultationResponse.consultation_id == made.id,
                ConsultationResponse.entered_by_id.is_not(None),
            )
        ).one()
        assert paper.channel == stages.Channel.PAPER
        assert paper.status == stages.ResponseStatus.SUBMITTED

    # The results count both: by how they came in, and per answer.
    staff_page.goto(f"{live_server}/admin/consultations/{made.id}/results/")
    check(staff_page)
    channels = table_cells(staff_page, "responses-caption")
    assert channels["Online"] == "11" and channels["Paper"] == "10", channels
    assert channels["Total"] == str(len(EARLIER) + 2)
    use_bus = table_cells(staff_page, "question-1-1-caption")
    assert use_bus["Yes"] == "11" and use_bus["No"] == "10", (
        use_bus
    )  # the officer's, the resident's

    # Code the resident's free-text answer to the theme.
    keys.tab_to_link("theme coding page")
    keys.follow("Enter")
    staff_page.wait_for_url(f"**/admin/consultations/{made.id}/themes/")
    check(staff_page)
    keys.tab_to_link(f"Question 3: {BETTER}")
    keys.follow("Enter")
    staff_page.wait_for_url(f"**/themes/questions/{made.questions['better']}")
    check(staff_page)
    cards = staff_page.locator(".govuk-summary-card").all_inner_texts()
    assert len(cards) == 2 and RESIDENT_BETTER in cards[0] and PAPER_BETTER in cards[1]
    box = keys.tab_until(
        lambda s: s["type"] == "checkbox" and s["id"].startswith(f"answer-{resident_answer_id}-"),
        f"the themes of answer {resident_answer_id}",
    )
    assert box["label"] == THEME
    keys.press("Space", THEME)
    keys.tab_until(
        lambda s: s["type"] == "submit" and s["text"].endswith(f"answer {resident_answer_id}"),
        f"the button saving answer {resident_answer_id}",
    )
    with staff_page.expect_navigation():  # back to the same page, at the answer
        keys.follow("Enter")
    assert f"Answer {resident_answer_id} is coded to: {THEME}" in staff_page.content()
    check(staff_page)
    moves += keys.moves
    officer.close()

    with app.app_context():
        coded = db.session.execute(
            select(ThemeCode.item_id, ThemeCode.theme_id).where(ThemeCode.item_type == coding.ITEM)
        ).all()
        assert coded == [(resident_answer_id, made.theme_id)]
    assert moves > 30
