"""Erasure requests as people use them: a resident asks from "Your account"; an administrator
sees the list and the plan, refuses with a reason (hostile input stored and shown escaped),
or carries it out; a serving panel member's account and a staff account stay, with the
reason; two clicks at once carry it out once; residents cannot open or post to the staff
pages; the list makes the same few queries however many requests there are."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import event, func, select

from engage.accounts.models import User
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.panels.models import PanelMembership
from engage.rights.erasure import services
from engage.rights.erasure.models import ErasureRequest
from engage.rights.erasure.stages import AlreadyHandled
from engage.stories.models import Story
from tests.conftest import csrf_token, post_form, sign_in
from tests.factories import (
    ErasureRequestFactory,
    PanelMembershipFactory,
    StoryFactory,
    UserFactory,
    admin,
    officer,
)
from tests.whole_app.test_hostile_input import HOSTILE_STRINGS


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_resident_sees_what_would_happen_and_asks_once(app: Flask, signed_in_as):
    with app.app_context():
        person = UserFactory()
        StoryFactory(user_id=person.id)
    client = signed_in_as(person)
    account = client.get("/account").get_data(as_text=True)
    assert "/account/delete-my-data" in account
    page = client.get("/account/delete-my-data")
    text = page.get_data(as_text=True)
    assert "A story, with the replies sent" in text
    assert "The account: name, email address" in text
    asked = post_form(client, "/account/delete-my-data", {})
    assert asked.status_code == 302 and asked.location.endswith("/account/delete-my-data/asked")
    assert "We have your request" in client.get(asked.location).get_data(as_text=True)
    # Asking again makes no second request; the page says it is waiting, with no button.
    waiting = client.get("/account/delete-my-data").get_data(as_text=True)
    assert "You asked us to delete your data on" in waiting
    assert 'name="csrf_token"' not in waiting
    client.post("/account/delete-my-data", data={"csrf_token": csrf_token(page)})
    with app.app_context():
        assert _count(ErasureRequest, ErasureRequest.user_id == person.id) == 1
        assert _count(AuditEvent, AuditEvent.action == "erasure_requested") == 1
        assert _count(Story) == 1  # nothing is erased until staff carry it out


@pytest.mark.parametrize(
    "method,suffix", [("get", ""), ("post", "/carry-out"), ("get", "/refuse"), ("post", "/refuse")]
)
def test_residents_and_officers_cannot_open_or_post_to_the_staff_pages(
    app: Flask, method: str, suffix: str
):
    with app.app_context():
        request = ErasureRequestFactory()
        resident, staff = UserFactory(), officer()
    for who in (resident, staff):
        client = app.test_client()
        assert sign_in(client, who.email).status_code == 302
        with client.session_transaction() as session:
            session["mfa_verified"] = True
        assert client.get("/admin/erasure-requests", check=False).status_code == 403
        # A real form token (from a page they may open), so only the access rule refuses.
        token = csrf_token(client.get("/account/delete-my-data"))
        url = f"/admin/erasure-requests/{request.id}{suffix}"
        data = {"reason": "no", "csrf_token": token}
        answered = getattr(client, method)(url, data=data, check=False)
        assert answered.status_code == 403
    with app.app_context():
        assert db.session.get(ErasureRequest, request.id).status == "requested"
        assert _count(User, User.id == request.user_id) == 1


def test_a_forged_post_without_the_form_token_changes_nothing(app: Flask, signed_in_as):
    with app.app_context():
        request = ErasureRequestFactory()
        staff = admin()
    client = signed_in_as(staff)
    forged = client.post(f"/admin/erasure-requests/{request.id}/carry-out", check=False)
    assert forged.status_code == 400
    with app.app_context():
        assert db.session.get(ErasureRequest, request.id).status == "requested"
        assert _count(User, User.id == request.user_id) == 1


HOSTILE = [s for s in HOSTILE_STRINGS[::40] if s.strip() and "\x00" not in s][:8]
HOSTILE += ["<script>alert(1)</script> & co"]


def test_refusing_keeps_everything_and_shows_a_hostile_reason_escaped(app: Flask, signed_in_as):
    with app.app_context():
        staff = admin()
        requests = [ErasureRequestFactory() for _ in HOSTILE]
    client = signed_in_as(staff)
    for request, reason in zip(requests, HOSTILE, strict=True):
        url = f"/admin/erasure-requests/{request.id}/refuse"
        answered = post_form(client, url, {"reason": reason}, check=False)
        assert answered.status_code in (200, 302), reason
        if answered.status_code == 200:  # refused as input (unshowable characters)
            assert "govuk-error-summary" in answered.get_data(as_text=True)
            continue
        shown = client.get(f"/admin/erasure-requests/{request.id}").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in shown
        with app.app_context():
            done = db.session.get(ErasureRequest, request.id)
            assert done.status == "refused" and done.refusal_reason == reason.strip()
            assert done.email == "" and done.user_id is None  # told, then forgotten
    with app.app_context():
        assert _count(User, User.id.in_([r.user_id for r in requests])) == len(requests)
        refused = _count(ErasureRequest, ErasureRequest.status == "refused")
        assert _count(OutboxMessage, OutboxMessage.kind == "erasure-refused") == refused > 0
    # A handled request cannot be refused (or carried out) again.
    again = client.get(f"/admin/erasure-requests/{requests[-1].id}/refuse")
    assert again.status_code == 302


def test_an_empty_reason_is_refused_with_a_message(app: Flask, signed_in_as):
    with app.app_context():
        request = ErasureRequestFactory()
        staff = admin()
    client = signed_in_as(staff)
    url = f"/admin/erasure-requests/{request.id}/refuse"
    answered = post_form(client, url, {"reason": "   "})
    assert answered.status_code == 200
    assert "Say why the request is refused" in answered.get_data(as_text=True)


def test_a_serving_members_account_and_a_staff_account_stay_with_the_reason(
    app: Flask, signed_in_as
):
    with app.app_context():
        seat = PanelMembershipFactory()  # a current seat, with an account
        member_request = ErasureRequestFactory(user_id=seat.user_id)
        colleague = officer()
        staff_request = ErasureRequestFactory(user_id=colleague.id)
        staff = admin()
    client = signed_in_as(staff)
    page = client.get(f"/admin/erasure-requests/{member_request.id}").get_data(as_text=True)
    assert "The person holds this seat now" in page
    for request in (member_request, staff_request):
        page = client.get(f"/admin/erasure-requests/{request.id}")
        client.post(
            f"/admin/erasure-requests/{request.id}/carry-out",
            data={"csrf_token": csrf_token(page)},
        )
    with app.app_context():
        assert db.session.get(User, seat.user_id) is not None
        assert db.session.get(PanelMembership, seat.id).user_id == seat.user_id
        assert db.session.get(User, colleague.id) is not None
        record = str(db.session.get(ErasureRequest, staff_request.id).record)
        assert "staff account" in record


def test_two_clicks_at_once_carry_it_out_once(app: Flask, signed_in_as):
    with app.app_context():
        request = ErasureRequestFactory()
        staff = admin()
    client = signed_in_as(staff)
    page = client.get(f"/admin/erasure-requests/{request.id}")
    with app.app_context():
        # The second click loaded the request while it was still waiting.
        stale = db.session.get(ErasureRequest, request.id)
        assert stale.status == "requested"
        first = client.post(
            f"/admin/erasure-requests/{request.id}/carry-out",
            data={"csrf_token": csrf_token(page)},
        )
        assert first.status_code == 302
        with pytest.raises(AlreadyHandled):
            services.carry_out(stale, db.session.get(User, staff.id))
        db.session.rollback()
        assert _count(OutboxMessage, OutboxMessage.kind == "erasure-carried-out") == 1
        assert _count(AuditEvent, AuditEvent.action == "erasure_carried_out") == 1


def _queries(app: Flask, client, url: str) -> int:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    client.get(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_list_pages_and_makes_the_same_queries_at_two_sizes(app: Flask, signed_in_as):
    with app.app_context():
        staff = admin()
        for _ in range(3):
            ErasureRequestFactory()
    client = signed_in_as(staff)
    small = _queries(app, client, "/admin/erasure-requests")
    with app.app_context():
        for _ in range(30):
            ErasureRequestFactory(status="refused", email="", user_id=None)
    big = _queries(app, client, "/admin/erasure-requests")
    assert big == small <= 10
    listed = client.get("/admin/erasure-requests").get_data(as_text=True)
    assert "Showing 1 to 25 of 33 requests" in listed
    assert "?page=2" in listed


def test_the_request_page_makes_the_same_queries_however_much_is_held(app: Flask, signed_in_as):
    with app.app_context():
        staff = admin()
        person = UserFactory()
        StoryFactory(user_id=person.id)
        request = ErasureRequestFactory(user_id=person.id)
    client = signed_in_as(staff)
    url = f"/admin/erasure-requests/{request.id}"
    few = _queries(app, client, url)
    with app.app_context():
        for _ in range(20):
            StoryFactory(user_id=person.id)
            PanelMembershipFactory(user=db.session.get(User, person.id), email=person.email)
    assert _queries(app, client, url) == few
