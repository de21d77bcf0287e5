"""Applying to an Equality Panel: the round page, the task list and its sections, save and
come back by the emailed link, sending once, withdrawing, and who can open an application."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.monitoring.models import MonitoringResponse
from engage.recruitment import resume_links, task_list
from engage.recruitment.apply import services as apply_services
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    SUBMITTED,
    WITHDRAWN,
    Application,
    RecruitmentRound,
)
from engage.recruitment.services import get_application
from tests.conftest import csrf_token, sign_in
from tests.recruitment.helpers import (
    DISABLED_PEOPLE,
    GENDER,
    RACE,
    about_you,
    apply_through_pages,
    emails,
    latest_email,
    link_in,
    make_round,
    panel_id,
    post_page,
    session_csrf_token,
    start,
    submit_through_pages,
    submitted_application,
)

EMAIL = "kay.applicant@example.org"


def count_applications(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Application))


def stored(app, reference: str) -> Application:
    with app.app_context():
        application = get_application(reference)
        _ = (application.answers, application.panel_choices, application.local_authorities)
        db.session.expunge(application)
        return application


def question_ids(app, round_id: int) -> list[int]:
    with app.app_context():
        return [q.id for q in db.session.get(RecruitmentRound, round_id).questions]


# The round as residents see it ---------------------------------------------------------------


def test_rounds_page_lists_open_rounds_and_says_when_none_are_open(app, client):
    assert "No panels are recruiting at the moment" in client.get("/recruitment").text
    make_round(app, title="Race Panel recruitment", panels=[RACE])
    make_round(app, title="Long closed", closes_on=uk_today() - timedelta(days=1))
    page = client.get("/recruitment").text
    assert "Race Panel recruitment" in page and "Long closed" not in page


def test_round_page_shows_what_applicants_need_to_know_and_a_start_button(app, client):
    round_id = make_round(
        app, panels=[DISABLED_PEOPLE, GENDER], document=("Pack.pdf", "application/pdf", b"%PDF")
    )
    page = client.get(f"/recruitment/{round_id}").text
    for expected in (
        "Disabled People Panel",
        "Gender Panel",
        "at 11:59pm",
        "Lived experience",  # a criterion
        "Strong evidence",  # the 0-4 scale
        "Why do you want to join the panel? (100 words or fewer)",
        "Information pack",
        "British Sign Language",
        "Start your application",
    ):
        assert expected in page, expected
    assert f'action="/recruitment/{round_id}/start"' in page


def test_documents_download_as_attachments_with_a_safe_name(app, client):
    round_id = make_round(
        app, document=("../../Info pack <v2>.pdf", "application/pdf", b"%PDF-1.7 pack")
    )
    with app.app_context():
        document_id = db.session.get(RecruitmentRound, round_id).documents[0].id
    response = client.get(f"/recruitment/{round_id}/documents/{document_id}")
    assert response.status_code == 200 and response.data == b"%PDF-1.7 pack"
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition
    other_round = make_round(app, title="Another round")
    assert client.get(f"/recruitment/{other_round}/documents/{document_id}").status_code == 404


@pytest.mark.parametrize(
    ("opens", "closes", "heading"),
    [(-30, -1, "This round is closed"), (3, 30, "This round is not open yet")],
)
def test_a_round_that_is_not_open_refuses_applications_with_a_clear_page(
    app, client, opens, closes, heading
):
    today = uk_today()
    round_id = make_round(
        app, opens_on=today + timedelta(days=opens), closes_on=today + timedelta(days=closes)
    )
    page = client.get(f"/recruitment/{round_id}")
    assert page.status_code == 200 and heading in page.text
    assert "Start your application" not in page.text
    token = session_csrf_token(client)
    response = client.post(f"/recruitment/{round_id}/start", data={"csrf_token": token})
    assert response.status_code == 409 and heading in response.text
    assert count_applications(app) == 0


# The whole journey ---------------------------------------------------------------------------


def test_applying_without_an_account_from_start_to_reference_email(app, client):
    round_id = make_round(app, panels=[DISABLED_PEOPLE, RACE])
    reference = start(client, round_id)
    base = f"/applications/{reference}"
    tasks = client.get(f"{base}/tasks").text
    assert tasks.count("Not yet started") == 6 and "Cannot start yet" in tasks

    assert (
        post_page(client, f"{base}/about-you", about_you(app))
        .headers["Location"]
        .endswith("/panels")
    )
    # The first save emails a link to come back, as there is no account.
    assert "/applications/resume/" in latest_email(app, EMAIL, "application-saved").body
    disabled, race = panel_id(app, DISABLED_PEOPLE), panel_id(app, RACE)
    response = post_page(
        client, f"{base}/panels", {"panels": [str(disabled), str(race)], "save": "continue"}
    )
    assert response.headers["Location"].endswith("/panels/order")
    response = post_page(
        client,
        f"{base}/panels/order",
        {f"panel_{disabled}": "2", f"panel_{race}": "1", "save": "continue"},
    )
    assert response.headers["Location"].endswith("/experience")
    answers = {f"answer_{q}": f"Answer {q}" for q in question_ids(app, round_id)}
    post_page(client, f"{base}/experience", {**answers, "save": "continue"})
    post_page(client, f"{base}/availability", {"times": ["daytime"], "ways": ["in_person"]})
    response = post_page(
        client,
        f"{base}/access-needs",
        {"needs": ["bsl", "other"], "other": "A quiet room", "share": "yes", "save": "continue"},
    )
    assert response.headers["Location"].endswith("/equality-monitoring")
    response = post_page(client, f"{base}/equality-monitoring", {"sex": "female"})
    assert response.headers["Location"].endswith("/check-your-answers")

    assert client.get(f"{base}/tasks").text.count("Completed") == 6
    check = client.get(f"{base}/check-your-answers").text
    assert "Kay Applicant" in check and "A quiet room" in check
    assert check.index("Race Panel") < check.index("Disabled People Panel")  # preference
    assert "Your equality monitoring answers" in check and "Female" in check
    assert "never see them" in check

    response = submit_through_pages(client, reference)
    assert response.headers["Location"] == f"{base}/sent"
    confirmation = client.get(f"{base}/sent").text
    assert "Application sent" in confirmation and reference in confirmation
    email = latest_email(app, EMAIL, "application-submitted")
    assert reference in email.subject and reference in email.body
    application = stored(app, reference)
    assert application.status == SUBMITTED and application.declaration_accepted_at
    assert [c.preference for c in application.panel_choices] == [1, 2]
    assert application.panel_choices[0].panel_id == race
    assert application.access_needs == ["bsl", "other"]
    assert application.share_access_needs_with_interviewers is True
    status = client.get(base).text
    assert "Sent: being considered" in status and "Withdraw your application" in status
    # Once sent, the sections cannot be changed.
    assert client.get(f"{base}/about-you").headers["Location"] == base


def test_save_and_come_back_by_the_emailed_link_in_another_browser(app, client):
    round_id = make_round(app)
    reference = start(client, round_id)
    question = question_ids(app, round_id)[0]
    post_page(client, f"/applications/{reference}/about-you", about_you(app))
    response = post_page(
        client,
        f"/applications/{reference}/experience",
        {f"answer_{question}": "Half-written thoughts about buses", "save": "later"},
    )
    assert response.headers["Location"] == f"/applications/{reference}/tasks"
    assert "Your answers have been saved" in client.get(response.headers["Location"]).text

    link = link_in(latest_email(app, EMAIL, "application-saved").body)
    other_browser = app.test_client()
    assert other_browser.get(f"/applications/{reference}/tasks").status_code == 404
    response = other_browser.get(link)
    assert response.headers["Location"] == f"/applications/{reference}/tasks"
    page = other_browser.get(f"/applications/{reference}/experience").text
    assert "Half-written thoughts about buses" in page


def test_come_back_later_offers_the_address_we_know(app, client, make_user):
    """Issue 8: the 'come back later' email field was empty though the address was known."""
    round_id = make_round(app)
    reference = start(client, round_id)
    tasks = f"/applications/{reference}/tasks"
    # Saved before any address is given: only this browser can open it, and the page says so.
    response = post_page(client, f"/applications/{reference}/about-you", {"save": "later"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Without an email address, only this browser can open your application" in page
    # Signed in after starting: the account's address is offered.
    user = make_user(email="known@example.org")
    assert sign_in(client, user.email).status_code == 302
    page = client.get(tasks).get_data(as_text=True)
    assert re.search(r'name="email"[^>]*value="known@example.org"', page)
    # Once the application has an address, that one.
    post_page(client, f"/applications/{reference}/about-you", about_you(app, save="later"))
    page = client.get(tasks).get_data(as_text=True)
    assert re.search(rf'name="email"[^>]*value="{EMAIL}"', page)


def test_only_the_newest_emailed_link_works_and_bad_links_explain_what_to_do(app, client):
    round_id = make_round(app)
    reference = start(client, round_id)
    post_page(client, f"/applications/{reference}/about-you", about_you(app))
    first = link_in(latest_email(app, EMAIL, "application-saved").body)
    page = client.get(f"/applications/{reference}/tasks")
    response = client.post(
        f"/applications/{reference}/send-link",
        data={"csrf_token": csrf_token(page), "email": "kay.other@example.org"},
    )
    assert "Check your email" in response.text
    newest = link_in(latest_email(app, "kay.other@example.org", "application-link").body)
    fresh = app.test_client()
    assert "This link does not work" in fresh.get(first).text
    assert "Get a new link" in fresh.get("/applications/resume/nonsense").text
    assert fresh.get(newest).status_code == 302
    assert fresh.get(f"/applications/{reference}/tasks").status_code == 200


def test_an_expired_link_says_so(app, client, monkeypatch):
    round_id = make_round(app)
    reference = start(client, round_id)
    post_page(client, f"/applications/{reference}/about-you", about_you(app))
    link = link_in(latest_email(app, EMAIL, "application-saved").body)
    monkeypatch.setattr(resume_links, "RESUME_MAX_AGE", -1)
    assert "This link has expired" in app.test_client().get(link).text


def test_a_new_link_is_sent_only_when_reference_and_email_match(app, client):
    round_id = make_round(app)
    reference = submitted_application(app, round_id, email="sam@example.org")
    wrong = post_page(client, "/applications/find", {"reference": reference, "email": "x@y.org"})
    right = post_page(
        client, "/applications/find", {"reference": reference.lower(), "email": "SAM@example.org"}
    )
    assert "Check your email" in wrong.text and "Check your email" in right.text
    assert [m.recipient for m in emails(app, "application-link")] == ["sam@example.org"]


def test_emails_to_an_address_nobody_has_confirmed_carry_none_of_the_text_typed(app, client):
    """Issue 8: starting an application made the authority's server send whatever was typed
    as a name to any address. The emails say only what the person needs: the round, the
    reference, the link."""
    advert = "Cheap pills at http://spam.example call 0900 123"
    round_id = make_round(app)
    reference = start(client, round_id)
    base = f"/applications/{reference}"
    post_page(client, f"{base}/about-you", about_you(app, full_name=advert, phone="0900 123"))
    page = client.get(f"{base}/tasks")
    client.post(
        f"{base}/send-link", data={"csrf_token": csrf_token(page), "email": "victim@example.org"}
    )
    apply_through_pages(client, app, round_id)  # sends a complete one, as Kay Applicant
    sent = [m for m in emails(app) if m.kind.startswith("application-")]
    assert {m.kind for m in sent} >= {"application-saved", "application-link"}
    for message in sent:
        for text in (message.subject, message.body):
            assert "spam.example" not in text and "0900" not in text, message.kind
            assert "Kay Applicant" not in text, message.kind
        assert message.body.startswith("Hello,\n"), message.kind
    submitted = latest_email(app, EMAIL, "application-submitted").body
    assert 'recruitment round "Equality Panels recruitment 2026"' in submitted
    assert "join an Equality Panel: Equality Panels" not in submitted


# Nothing typed is lost ---------------------------------------------------------------------


def test_an_answer_over_its_word_limit_is_kept_and_shown_with_an_error(app, client):
    round_id = make_round(app, questions=[("Why?", 5)])
    reference = start(client, round_id)
    question = question_ids(app, round_id)[0]
    long_answer = "one two three four five six seven"
    response = post_page(
        client,
        f"/applications/{reference}/experience",
        {f"answer_{question}": long_answer, "save": "continue"},
    )
    assert response.status_code == 200
    assert "must be 5 words or fewer: it is 7 words" in response.text
    assert f'href="#answer_{question}"' in response.text  # the error summary links to it
    assert long_answer in response.text
    assert 'data-maxwords="5"' in response.text
    assert stored(app, reference).answers[0].text == long_answer
    assert "experience" not in stored(app, reference).completed_sections
    assert "Incomplete" in client.get(f"/applications/{reference}/tasks").text


def test_invalid_about_you_keeps_what_was_typed_and_saves_what_it_can(app, client):
    round_id = make_round(app)
    reference = start(client, round_id)
    data = about_you(app, full_name="Kay", email="not-an-email", connections=[])
    response = post_page(client, f"/applications/{reference}/about-you", data)
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.text
    assert "Select how you are connected" in response.text
    assert 'value="not-an-email"' in response.text
    assert stored(app, reference).full_name == "Kay"
    # Save and come back later still saves and leaves.
    response = post_page(client, f"/applications/{reference}/about-you", {**data, "save": "later"})
    assert response.headers["Location"].endswith("/tasks")
    assert "Incomplete" in client.get(response.headers["Location"]).text


def test_access_needs_none_cannot_be_mixed_and_other_needs_words(app, client):
    round_id = make_round(app)
    reference = start(client, round_id)
    url = f"/applications/{reference}/access-needs"
    page = client.get(url).text
    assert 'value="no" checked' in page  # sharing defaults to no
    mixed = post_page(client, url, {"needs": ["none", "bsl"], "share": "no", "save": "continue"})
    assert "not both" in mixed.text
    other = post_page(client, url, {"needs": ["other"], "share": "no", "save": "continue"})
    assert "Tell us what other support would help you" in other.text
    empty = post_page(client, url, {"share": "no", "save": "continue"})
    assert "Select the support you need" in empty.text
    typed = post_page(client, url, {"other": "Breaks every hour", "share": "no"})
    assert typed.status_code == 302 and stored(app, reference).access_needs == ["other"]
    none = post_page(client, url, {"needs": ["none"], "other": "", "share": "no"})
    assert none.status_code == 302
    assert stored(app, reference).access_needs == []
    assert 'value="none" checked' in client.get(url).text


def test_panel_order_needs_a_different_place_for_each_panel(app, client):
    round_id = make_round(app, panels=[DISABLED_PEOPLE, RACE, GENDER])
    reference = start(client, round_id)
    ids = [panel_id(app, code) for code in (DISABLED_PEOPLE, RACE, GENDER)]
    post_page(client, f"/applications/{reference}/panels", {"panels": [str(i) for i in ids]})
    response = post_page(
        client,
        f"/applications/{reference}/panels/order",
        {f"panel_{ids[0]}": "1", f"panel_{ids[1]}": "1", f"panel_{ids[2]}": "3"},
    )
    assert response.status_code == 200 and "each panel needs its own place" in response.text
    assert "panels" not in stored(app, reference).completed_sections


# Sending ------------------------------------------------------------------------------------


def test_pressing_send_twice_makes_one_application_and_one_email(app, client):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, submit=False)
    page = client.get(f"/applications/{reference}/check-your-answers")
    data = {"csrf_token": csrf_token(page), "declaration": "y"}
    first = client.post(f"/applications/{reference}/submit", data=data)
    second = client.post(f"/applications/{reference}/submit", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert reference in client.get(second.headers["Location"]).text
    assert count_applications(app) == 1
    assert len(emails(app, "application-submitted")) == 1


def test_starting_twice_returns_to_the_same_draft(app, client):
    round_id = make_round(app)
    assert start(client, round_id) == start(client, round_id)
    assert count_applications(app) == 1


def test_sending_needs_the_declaration_and_every_required_section(app, client):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, submit=False)
    page = client.get(f"/applications/{reference}/check-your-answers")
    response = client.post(
        f"/applications/{reference}/submit", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 200
    assert "Confirm the declaration to send your application" in response.text
    assert stored(app, reference).status == DRAFT

    other_browser = app.test_client()
    unfinished = start(other_browser, round_id)
    with app.app_context():
        get_application(unfinished).completed_sections = ["about", "monitoring"]
        db.session.commit()
    assert task_list.incomplete_sections(stored(app, unfinished)) == [
        "panels",
        "experience",
        "availability",
        "access",
    ]
    response = submit_through_pages(other_browser, unfinished)
    assert response.headers["Location"] == f"/applications/{unfinished}/tasks"
    assert stored(app, unfinished).status == DRAFT
    assert emails(app, "application-submitted") == []


def test_a_draft_cannot_be_sent_once_the_round_has_closed(app, client):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, submit=False)
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).closes_on = uk_today() - timedelta(days=1)
        db.session.commit()
    response = submit_through_pages(client, reference)
    assert response.status_code == 409 and "This round is closed" in response.text
    assert stored(app, reference).status == DRAFT
    assert emails(app, "application-submitted") == []


# Withdrawing and status ---------------------------------------------------------------------


def test_withdrawing_deletes_the_monitoring_answers_and_confirms_by_email(app, client):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, monitoring_answers={"sex": "male"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MonitoringResponse)) == 1
    response = post_page(client, f"/applications/{reference}/withdraw", {})
    assert response.headers["Location"] == f"/applications/{reference}"
    assert "Withdrawn" in client.get(response.headers["Location"]).text
    application = stored(app, reference)
    assert application.status == WITHDRAWN and application.withdrawn_at
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MonitoringResponse)) == 0
    assert reference in latest_email(app, EMAIL, "application-withdrawn").subject


def test_no_withdrawing_once_the_final_outcome_is_sent(app, client):
    round_id = make_round(app)
    reference = submitted_application(
        app,
        round_id,
        status=NOT_APPOINTED,
        outcome_reason="Other applicants showed more <b>evidence</b>.",
        feedback="Try again next year.",
    )
    with client.session_transaction() as session:
        session["applications"] = [reference]
    # Decided but not yet sent: the applicant sees "being considered", no outcome.
    page = client.get(f"/applications/{reference}").text
    assert "Sent: being considered" in page and "Try again next year" not in page
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).outcomes_sent_at = utcnow()
        db.session.commit()
    page = client.get(f"/applications/{reference}").text
    assert "Not appointed" in page and "Try again next year" in page
    assert "more &lt;b&gt;evidence&lt;/b&gt;." in page
    assert "Withdraw your application" not in page
    response = client.get(f"/applications/{reference}/withdraw")
    assert response.headers["Location"] == f"/applications/{reference}"
    assert stored(app, reference).status == NOT_APPOINTED


# Who can open an application ----------------------------------------------------------------


def test_nobody_else_can_open_an_application(app, client, make_user, signed_in_as):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, submit=False)
    stranger = app.test_client()
    for path in ("", "/tasks", "/about-you", "/check-your-answers", "/withdraw", "/sent"):
        assert stranger.get(f"/applications/{reference}{path}").status_code == 404, path
    officer = make_user(roles=["officer", "admin"])
    staff_client = app.test_client()
    from tests.conftest import sign_in

    sign_in(staff_client, officer.email)
    with staff_client.session_transaction() as session:
        session["mfa_verified"] = True
    assert staff_client.get(f"/applications/{reference}/tasks").status_code == 404


def test_a_signed_in_applicant_finds_the_application_on_their_account(
    app, client, make_user, signed_in_as
):
    user = make_user(full_name="Ash Member", email="ash@example.org")
    signed_in_as(user)
    round_id = make_round(app, title="Gender Panel 2026", panels=[GENDER])
    reference = start(client, round_id)
    about = client.get(f"/applications/{reference}/about-you").text
    assert 'value="Ash Member"' in about and 'value="ash@example.org"' in about
    assert "Email me a link" not in client.get(f"/applications/{reference}/tasks").text
    account = client.get("/account").text
    assert "Your applications" in account and reference in account
    assert "Gender Panel 2026" in account and "Not sent yet" in account
    assert "&lt;span" not in account  # the email address shows as text, not markup
    # Signed out, the same browser no longer holds it; signed in again, the account does.
    client.post("/sign-out", data={"csrf_token": csrf_token(client.get("/sign-out"))})
    assert client.get(f"/applications/{reference}/tasks").status_code == 404
    signed_in_as(user)
    assert client.get(f"/applications/{reference}/tasks").status_code == 200
    assert emails(app, "application-saved") == []  # the account is the way back


# Hostile input ----------------------------------------------------------------------------


def test_a_script_in_an_answer_is_stored_as_typed_and_shown_escaped(app, client):
    round_id = make_round(app)
    reference = apply_through_pages(client, app, round_id, submit=False)
    question = question_ids(app, round_id)[0]
    hostile = '<script>alert("x")</script> & more'
    post_page(
        client,
        f"/applications/{reference}/experience",
        {f"answer_{question}": hostile, "save": "continue"},
    )
    assert stored(app, reference).answers[0].text == hostile
    for path in ("/experience", "/check-your-answers"):
        page = client.get(f"/applications/{reference}{path}").text
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in page


# Rules, tested directly ---------------------------------------------------------------------


def test_word_count_matches_the_character_count_component():
    assert apply_services.word_count("  one\ttwo\nthree  ") == 3
    assert apply_services.word_count("") == 0


def test_outcomes_show_only_after_they_are_sent(app):
    round_id = make_round(app)
    reference = submitted_application(app, round_id, status=APPOINTED)
    with app.app_context():
        application = get_application(reference)
        assert apply_services.applicant_status(application) == "Sent: being considered"
        assert apply_services.can_withdraw(application)
        application.round.outcomes_sent_at = utcnow()
        assert apply_services.applicant_status(application) == "Appointed"
        assert not apply_services.can_withdraw(application)


def test_a_tampered_link_opens_nothing(app, client):
    round_id = make_round(app)
    reference = submitted_application(app, round_id)
    with app.test_request_context():
        application = get_application(reference)
        link = resume_links.new_resume_link(application)
        token = link.rsplit("/", 1)[1]
        assert resume_links.application_for_token(token).reference == reference
        body, _, signature = token.partition(".")
        with pytest.raises(resume_links.LinkInvalid):
            resume_links.application_for_token(f"{body}x.{signature}")
    assert re.match(r"^EP-[2-9A-Z]{4}-[2-9A-Z]{4}$", reference)
