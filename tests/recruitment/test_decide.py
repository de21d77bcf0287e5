"""Shortlisting, interviews, outcomes and appointment, by the round's lead officer."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import event, func, select

from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.panels.models import PanelMembership
from engage.recruitment import interviews as interview_services
from engage.recruitment.decide import services as decide_services
from engage.recruitment.decide.forms import parse_time
from engage.recruitment.models import (
    APPOINTED,
    NOT_SHORTLISTED,
    RESERVE,
    SHORTLISTED,
    Application,
    Criterion,
    InterviewSlot,
    ModeratedScore,
    RecruitmentRound,
)
from tests.conftest import csrf_token, post_form, sign_in
from tests.recruitment.helpers import (
    DISABLED_PEOPLE,
    GENDER,
    emails,
    latest_email,
    link_in,
    make_round,
    panel_id,
    submitted_application,
)


def login(app, user):
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    if user.requires_mfa:
        with client.session_transaction() as session:
            session["mfa_verified"] = True
    return client


@pytest.fixture
def lead(make_user):
    return make_user(roles=["officer"], full_name="Lee Lead")


def closed_round(app, lead, **kwargs) -> int:
    """A round that closed yesterday, led by ``lead``."""
    today = uk_today()
    round_id = make_round(
        app, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1), **kwargs
    )
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).lead_officer_id = lead.id
        db.session.commit()
    return round_id


def application(app, reference) -> Application:
    with app.app_context():
        found = db.session.scalars(select(Application).where(Application.reference == reference))
        found = found.one()
        db.session.expunge(found)
        return found


def candidate_url(app, round_id, reference, suffix="") -> str:
    number = application(app, reference).candidate_number
    return f"/admin/decisions/rounds/{round_id}/applications/{number}{suffix}"


def moderate(app, reference, scores) -> None:
    with app.app_context():
        found = db.session.scalars(select(Application).where(Application.reference == reference))
        found = found.one()
        criteria = db.session.scalars(
            select(Criterion).where(Criterion.round_id == found.round_id).order_by(Criterion.id)
        )
        for criterion, score in zip(criteria, scores, strict=True):
            db.session.add(
                ModeratedScore(
                    application_id=found.id,
                    criterion_id=criterion.id,
                    score=score,
                    moderated_at=utcnow(),
                )
            )
        db.session.commit()


def add_slot(app, round_id, *, days=10, hour=10, where="Online (Teams)") -> int:
    with app.app_context():
        slot = InterviewSlot(
            round_id=round_id,
            starts_at=utcnow().replace(hour=hour, minute=0) + timedelta(days=days),
            minutes=45,
            where=where,
        )
        db.session.add(slot)
        db.session.commit()
        return slot.id


def slot_holder(app, slot_id) -> int | None:
    with app.app_context():
        return db.session.get(InterviewSlot, slot_id).application_id


def token(client) -> str:
    """A CSRF token for this browser (from a page every signed-in person has)."""
    return csrf_token(client.get("/sign-out"))


def holding(app, reference):
    """A browser that holds the application, as after following the emailed link."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["applications"] = [reference]
    return client


# Who may decide ------------------------------------------------------------------------------


def test_only_the_lead_officer_or_an_admin_can_decide(app, lead, make_user):
    round_id = closed_round(app, lead)
    reference = submitted_application(app, round_id)
    urls = [
        f"/admin/decisions/rounds/{round_id}",
        candidate_url(app, round_id, reference),
        f"/admin/decisions/rounds/{round_id}/interviews",
        f"/admin/decisions/rounds/{round_id}/interviews/pack",
    ]
    other_officer = login(app, make_user(roles=["officer"]))
    resident = login(app, make_user())
    admin = login(app, make_user(roles=["admin", "officer"]))
    lead_client = login(app, lead)
    for url in urls:
        assert other_officer.get(url).status_code == 403, url
        assert resident.get(url).status_code == 403, url
        assert lead_client.get(url).status_code == 200, url
        assert admin.get(url).status_code == 200, url
    page = other_officer.get(urls[1])
    refused = other_officer.post(urls[1], data={"csrf_token": token(other_officer)})
    assert page.status_code == refused.status_code == 403
    assert application(app, reference).status == "submitted"


# The ranked overview -------------------------------------------------------------------------


def test_overview_ranks_by_moderated_score_and_never_shows_monitoring(app, lead):
    round_id = closed_round(app, lead)
    low = submitted_application(app, round_id, full_name="Lou Low", email="low@example.org")
    high = submitted_application(
        app,
        round_id,
        full_name="Hana High",
        email="high@example.org",
        monitoring_answers={"religion": "other", "religion_other": "Secret-Faith-Xyzzy"},
    )
    submitted_application(app, round_id, full_name="Una Unmoderated", email="u@example.org")
    moderate(app, low, [1, 2])
    moderate(app, high, [4, 3])
    page = login(app, lead).get(f"/admin/decisions/rounds/{round_id}").get_data(as_text=True)
    assert page.index("Hana High") < page.index("Lou Low") < page.index("Una Unmoderated")
    assert ">7<" in page and ">3<" in page and "Not moderated yet" in page
    assert "Xyzzy" not in page
    detail = login(app, lead).get(candidate_url(app, round_id, high)).get_data(as_text=True)
    assert "Hana High" in detail and "Xyzzy" not in detail
    assert "British Sign Language" not in detail  # access needs are not for the decision


def test_overview_queries_do_not_grow_with_applications(app, lead):
    round_id = closed_round(app, lead, panels=[DISABLED_PEOPLE, GENDER])
    client = login(app, lead)

    def queries() -> int:
        with app.app_context():
            engine = db.engine
        seen = []

        def count(*args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.get(f"/admin/decisions/rounds/{round_id}")
            assert response.status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    for n in range(2):
        moderate(app, submitted_application(app, round_id, email=f"a{n}@example.org"), [2, 2])
    few = queries()
    for n in range(2, 10):
        reference = submitted_application(
            app, round_id, email=f"a{n}@example.org", panels=[GENDER, DISABLED_PEOPLE]
        )
        moderate(app, reference, [n % 5, 1])
    assert queries() == few


# Shortlisting --------------------------------------------------------------------------------


def test_shortlisting_waits_until_applications_close(app, lead):
    round_id = make_round(app)
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).lead_officer_id = lead.id
        db.session.commit()
    reference = submitted_application(app, round_id)
    client = login(app, lead)
    url = candidate_url(app, round_id, reference)
    page = client.get(url).get_data(as_text=True)
    assert "You can shortlist after they close" in page and 'name="decision"' not in page
    client.post(url, data={"csrf_token": token(client), "decision": "shortlist", "reason": "Yes"})
    assert application(app, reference).status == "submitted"


def test_shortlisting_needs_a_reason_and_emails_an_invitation(app, lead):
    round_id = closed_round(app, lead)
    reference = submitted_application(app, round_id, email="sam@example.org")
    client = login(app, lead)
    url = candidate_url(app, round_id, reference)
    response = post_form(client, url, {"decision": "shortlist", "reason": "  "})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in page
    assert 'href="#reason"' in page and "Enter the reason for your decision" in page
    assert application(app, reference).status == "submitted"

    reason = "Strong lived experience & clear ideas <for> the panel"
    assert post_form(client, url, {"decision": "shortlist", "reason": reason}).status_code == 302
    assert application(app, reference).status == SHORTLISTED
    shown = client.get(url).get_data(as_text=True)
    assert "Strong lived experience &amp; clear ideas &lt;for&gt; the panel" in shown
    body = latest_email(app, "sam@example.org", "decision-shortlisted").body
    assert reason in body  # plain text: not HTML-escaped
    assert f"/applications/{reference}/interview" in body
    assert "/applications/resume/" in body  # no account: a fresh link opens the application
    assert body.rstrip().endswith("equality@liverpoolcityregion-ca.gov.uk")
    with app.app_context():
        assert db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "application_shortlisted")
        )
    # A second decision on the same application is refused.
    post_form(client, url, {"decision": "do_not_shortlist", "reason": "Changed my mind"})
    assert application(app, reference).status == SHORTLISTED


def test_not_shortlisting_emails_the_reason_shown_on_the_status_page(app, lead):
    round_id = closed_round(app, lead)
    reference = submitted_application(app, round_id, email="nia@example.org")
    url = candidate_url(app, round_id, reference)
    reason = "Other applicants showed more experience of working with groups."
    response = post_form(login(app, lead), url, {"decision": "do_not_shortlist", "reason": reason})
    assert response.status_code == 302
    assert application(app, reference).status == NOT_SHORTLISTED
    body = latest_email(app, "nia@example.org", "decision-not-shortlisted").body
    assert reason in body
    applicant = app.test_client()
    assert applicant.get(link_in(body)).status_code == 302  # the fresh link opens it here
    assert reason in applicant.get(f"/applications/{reference}").get_data(as_text=True)


# Interview times -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:30am", time(10, 30)),
        ("2pm", time(14, 0)),
        ("12am", time(0, 0)),
        ("12.15 PM", time(12, 15)),
        ("14:30", time(14, 30)),
        ("14", None),
        ("13pm", None),
        ("24:00", None),
        ("10:75", None),
        ("noon", None),
    ],
)
def test_interview_start_times_are_read_as_people_write_them(typed, expected):
    assert parse_time(typed) == expected


def test_lead_adds_interview_times_in_uk_time(app, lead):
    round_id = closed_round(app, lead)
    client = login(app, lead)
    url = f"/admin/decisions/rounds/{round_id}/interviews"
    day = uk_today() + timedelta(days=40)
    parts = [str(day.day), str(day.month), str(day.year)]
    bad = post_form(
        client, url, {"day": parts, "start_time": "25 o'clock", "minutes": "x", "where": ""}
    ).get_data(as_text=True)
    assert "Enter the start time like 10:30am or 14:30" in bad
    assert "Length must be a whole number of minutes" in bad
    assert "Enter where the interview takes place" in bad
    good = {"day": parts, "start_time": "2:30pm", "minutes": "60", "where": "Mann Island, Room 3"}
    assert post_form(client, url, good).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "2:30pm to 3:30pm, Mann Island, Room 3" in page and "Free" in page


def test_shortlisted_applicant_books_one_free_time_and_it_is_confirmed(app, lead):
    round_id = closed_round(app, lead)
    reference = submitted_application(
        app, round_id, status=SHORTLISTED, email="ama@example.org", access_needs=["bsl"]
    )
    first, second = add_slot(app, round_id, days=10), add_slot(app, round_id, days=11)
    client = holding(app, reference)
    url = f"/applications/{reference}/interview"
    page = client.get(url).get_data(as_text=True)
    assert page.count('name="slot"') == 2
    assert "Can we tell the people interviewing you about your access needs?" in page
    response = post_form(client, url, {"slot": str(first), "share_access_needs": "no"})
    assert response.status_code == 302
    assert slot_holder(app, first) == application(app, reference).id
    body = latest_email(app, "ama@example.org", "interview-booked").body
    assert "Online (Teams)" in body

    # Changing to another time frees the first: one time per applicant.
    post_form(client, url, {"slot": str(second), "share_access_needs": "yes"})
    assert slot_holder(app, first) is None
    assert slot_holder(app, second) == application(app, reference).id
    assert application(app, reference).share_access_needs_with_interviewers is True


def test_a_time_someone_else_has_taken_is_refused_with_a_clear_message(app, lead):
    round_id = closed_round(app, lead)
    mine = submitted_application(app, round_id, status=SHORTLISTED, email="me@example.org")
    theirs = submitted_application(app, round_id, status=SHORTLISTED, email="them@example.org")
    only = add_slot(app, round_id)
    me = holding(app, mine)
    page = me.get(f"/applications/{mine}/interview")  # the time is free when the page is shown
    assert (
        post_form(
            holding(app, theirs),
            f"/applications/{theirs}/interview",
            {"slot": str(only), "share_access_needs": "no"},
        ).status_code
        == 302
    )
    response = me.post(
        f"/applications/{mine}/interview",
        data={"csrf_token": csrf_token(page), "slot": str(only), "share_access_needs": "no"},
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else has just booked that time. Choose another time" in text
    assert slot_holder(app, only) == application(app, theirs).id
    assert "There are no free interview times at the moment" in text


def test_slot_booking_refuses_a_taken_slot_in_the_service(app, lead):
    round_id = closed_round(app, lead)
    first = submitted_application(app, round_id, status=SHORTLISTED, email="1@example.org")
    second = submitted_application(app, round_id, status=SHORTLISTED, email="2@example.org")
    slot_id = add_slot(app, round_id)
    with app.test_request_context():
        a = db.session.scalars(select(Application).where(Application.reference == first)).one()
        b = db.session.scalars(select(Application).where(Application.reference == second)).one()
        interview_services.book_slot(a, slot_id)
        db.session.commit()
        with pytest.raises(interview_services.SlotTaken):
            interview_services.book_slot(b, slot_id)
        db.session.rollback()
        with pytest.raises(decide_services.DecisionRefused):
            interview_services.book_slot(b, "not a number")
        db.session.rollback()


def test_only_shortlisted_applicants_can_choose_a_time(app, lead, make_user):
    round_id = closed_round(app, lead)
    reference = submitted_application(app, round_id)
    slot_id = add_slot(app, round_id)
    client = holding(app, reference)
    page = client.get(f"/applications/{reference}/interview").get_data(as_text=True)
    assert "We have not finished shortlisting yet" in page and 'name="slot"' not in page
    client.post(f"/applications/{reference}/interview", data={"slot": str(slot_id)})
    assert slot_holder(app, slot_id) is None
    stranger = app.test_client()
    assert stranger.get(f"/applications/{reference}/interview").status_code == 404


def test_access_needs_go_to_the_organiser_and_to_interviewers_only_if_agreed(app, lead):
    round_id = closed_round(app, lead)
    private = submitted_application(
        app,
        round_id,
        full_name="Pri Private",
        email="p@example.org",
        status=SHORTLISTED,
        access_needs=["bsl"],
        access_needs_other="A quiet room, please",
        share_access_needs=False,
    )
    shared = submitted_application(
        app,
        round_id,
        full_name="Sha Shared",
        email="s@example.org",
        status=SHORTLISTED,
        access_needs=["step_free"],
        share_access_needs=True,
    )
    post_form(
        holding(app, private),
        f"/applications/{private}/interview",
        {"slot": str(add_slot(app, round_id, days=5)), "share_access_needs": "no"},
    )
    post_form(
        holding(app, shared),
        f"/applications/{shared}/interview",
        {"slot": str(add_slot(app, round_id, days=6)), "share_access_needs": "yes"},
    )
    client = login(app, lead)
    schedule = client.get(f"/admin/decisions/rounds/{round_id}/interviews").get_data(True)
    for text in ("Pri Private", "A British Sign Language (BSL) interpreter", "A quiet room"):
        assert text in schedule
    assert "Step-free access" in schedule
    pack = client.get(f"/admin/decisions/rounds/{round_id}/interviews/pack").get_data(True)
    assert "Pri Private" in pack and "My answer to question 0." in pack
    assert "British Sign Language" not in pack and "quiet room" not in pack
    assert "Sha Shared" in pack and "Step-free access" in pack
    with app.app_context():
        viewed = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "access_needs_viewed")
            .order_by(AuditEvent.id)  # PostgreSQL returns rows in no set order without it
        ).all()
    assert [event.details["page"] for event in viewed] == ["interview schedule", "interview pack"]
    assert len(viewed[1].details["applications"]) == 1  # only the shared one, in the pack


# Outcomes and appointment --------------------------------------------------------------------


def send_outcomes(app, client, round_id):
    return client.post(
        f"/admin/decisions/rounds/{round_id}/send-outcomes", data={"csrf_token": token(client)}
    )


def test_outcomes_need_reason_and_feedback_and_are_sent_together(app, lead, make_user):
    round_id = closed_round(app, lead)
    owner = make_user(email="olu@example.org")
    appointed = submitted_application(
        app, round_id, status=SHORTLISTED, email=owner.email, user_id=owner.id
    )
    reserve = submitted_application(app, round_id, status=SHORTLISTED, email="r@example.org")
    client = login(app, lead)
    url = candidate_url(app, round_id, appointed)
    missing = post_form(client, url, {"outcome": APPOINTED, "reason": "Great", "feedback": ""})
    assert "Enter feedback for the applicant" in missing.get_data(as_text=True)
    feedback = "You listened well.\nTry to give more examples."
    done = {"outcome": RESERVE, "reason": "Strong interview", "feedback": feedback}
    assert post_form(client, url, done).status_code == 302
    # Until sent, an outcome can change, and the applicant sees nothing new.
    post_form(client, url, {**done, "outcome": APPOINTED})
    assert application(app, appointed).status == APPOINTED
    assert emails(app, "decision-outcome") == []
    applicant = login(app, owner)
    assert "Try to give more examples" not in applicant.get(f"/applications/{appointed}").get_data(
        True
    )
    response = send_outcomes(app, client, round_id)
    assert response.status_code == 302
    assert "still need an outcome" in client.get(response.headers["Location"]).get_data(True)
    assert emails(app, "decision-outcome") == []

    post_form(
        client,
        candidate_url(app, round_id, reserve),
        {"outcome": RESERVE, "reason": "Close call", "feedback": "Keep going"},
    )
    assert send_outcomes(app, client, round_id).status_code == 302
    sent = emails(app, "decision-outcome")
    assert {m.recipient for m in sent} == {owner.email, "r@example.org"}
    body = latest_email(app, owner.email, "decision-outcome").body
    assert "offer you a place" in body and "Try to give more examples." in body
    assert "reserve list" in latest_email(app, "r@example.org", "decision-outcome").body
    status_page = applicant.get(f"/applications/{appointed}").get_data(as_text=True)
    assert "You listened well." in status_page and "Try to give more examples." in status_page
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        assert round_.outcomes_sent_at is not None
    assert application(app, appointed).decided_at is not None
    # The round is finished: outcomes cannot change.
    assert 'name="outcome"' not in client.get(url).get_data(as_text=True)
    client.post(url, data={"csrf_token": token(client), **done, "outcome": RESERVE})
    assert application(app, appointed).status == APPOINTED


def test_appointment_creates_a_membership_that_opens_the_members_area(app, lead, make_user):
    round_id = closed_round(app, lead, panels=[DISABLED_PEOPLE, GENDER])
    owner = make_user(email="ada@example.org", full_name="Ada Appointed")
    reference = submitted_application(
        app,
        round_id,
        status=APPOINTED,
        email=owner.email,
        user_id=owner.id,
        full_name="Ada Appointed",
        panels=[GENDER, DISABLED_PEOPLE],
        outcome_reason="Excellent",
        feedback="Well done",
    )
    client = login(app, lead)
    url = candidate_url(app, round_id, reference, "/appoint")
    assert client.get(url).status_code == 302  # not before the outcomes are sent
    assert send_outcomes(app, client, round_id).status_code == 302
    form = client.get(url).get_data(as_text=True)
    assert 'value="Ada Appointed"' in form
    start, end = uk_today(), uk_today() + timedelta(days=730)
    data = {
        "panel": str(panel_id(app, "race")),  # not one the applicant chose
        "role": "chair",
        "term_start": [str(start.day), str(start.month), str(start.year)],
        "term_end": [str(end.day), str(end.month), str(end.year)],
        "public_name": "Ada A.",
        "listed_publicly": "yes",
    }
    refused = post_form(client, url, data)
    assert refused.status_code == 200
    assert "Choose one of the panels the applicant applied to" in refused.get_data(True)
    backwards = {**data, "panel": str(panel_id(app, GENDER)), "term_end": data["term_start"]}
    assert "must be after the start" in post_form(client, url, backwards).get_data(True)
    assert post_form(client, url, {**data, "panel": str(panel_id(app, GENDER))}).status_code == 302
    with app.app_context():
        membership = db.session.scalars(select(PanelMembership)).one()
        assert membership.user_id == owner.id and membership.role == "chair"
        assert membership.application_id == application(app, reference).id
        assert (membership.term_start, membership.term_end) == (start, end)
        assert membership.listed_publicly and membership.public_name == "Ada A."
    body = latest_email(app, owner.email, "membership-appointed").body
    assert "Gender Panel" in body and "Chair" in body and "/members" in body
    member = login(app, owner)
    assert "Chair" in member.get("/members/gender").get_data(as_text=True)
    assert login(app, make_user()).get("/members/gender").status_code == 403
    assert "Ada A. (Chair)" in app.test_client().get("/panels/gender").get_data(as_text=True)
    assert client.get(url).status_code == 302  # recorded once only


def test_appointing_links_a_verified_account_with_the_applicants_email(app, lead, make_user):
    round_id = closed_round(app, lead)
    reference = submitted_application(app, round_id, status=APPOINTED, email="kim@example.org")
    no_account = submitted_application(app, round_id, status=APPOINTED, email="zed@example.org")
    account = make_user(email="kim@example.org")
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).outcomes_sent_at = utcnow()
        db.session.commit()
    start, end = uk_today(), uk_today() + timedelta(days=700)
    with app.test_request_context():
        for ref in (reference, no_account):
            found = db.session.scalars(select(Application).where(Application.reference == ref))
            decide_services.appoint(
                found.one(),
                panel_id=panel_id(app, DISABLED_PEOPLE),
                role="member",
                term_start=start,
                term_end=end,
                listed_publicly=False,
                public_name="Someone",
            )
        db.session.commit()
        by_email = {m.email: m.user_id for m in db.session.scalars(select(PanelMembership))}
    assert by_email == {"kim@example.org": account.id, "zed@example.org": None}
    assert "/register" in latest_email(app, "zed@example.org", "membership-appointed").body
