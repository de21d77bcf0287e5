"""Asking for erasure without an account: a reference and the address given with it get a
link emailed to that address (the page says the same when they do not match); the link shows
the plan for that one record and asks; an expired, forged or download link does not work;
carrying it out erases the record, tells the address, and forgets both. The privacy notice
says how to ask, both ways."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import func, select

from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.rights.erasure.models import ErasureRequest
from engage.stories.models import Story
from tests.conftest import csrf_token, post_form
from tests.factories import StoryFactory, admin

EMAIL = "teller@example.org"


def _story(app: Flask, **fields) -> Story:
    with app.app_context():
        return StoryFactory(anonymous=False, email=EMAIL, **fields)


def _link(app: Flask) -> str:
    with app.app_context():
        body = db.session.scalars(
            select(OutboxMessage.body)
            .where(OutboxMessage.kind == "erasure-link")
            .order_by(OutboxMessage.id.desc())
        ).first()
    assert body, "no link was emailed"
    return re.search(r"http://localhost(/delete-your-data/\S+)", body).group(1)


def _emails(app: Flask, kind: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == kind)
        )


def test_a_reference_and_its_address_get_a_link_that_asks_for_that_record(
    app: Flask, client, signed_in_as
):
    story = _story(app)
    other = _story(app)
    sent = post_form(
        client, "/delete-your-data", {"reference": story.reference.lower(), "email": EMAIL.upper()}
    )
    assert "Check your email" in sent.get_data(as_text=True)
    link = _link(app)
    page = client.get(link)
    text = page.get_data(as_text=True)
    assert "A story, with the replies sent" in text and text.count("A story,") == 1
    asked = client.post(link, data={"csrf_token": csrf_token(page)})
    assert "We have your request" in asked.get_data(as_text=True)
    with app.app_context():
        request = db.session.scalars(select(ErasureRequest)).one()
        assert request.reference == story.reference and request.email == EMAIL
        assert request.user_id is None
    # Staff see who asked and carry it out: that story goes, the other stays.
    with app.app_context():
        staff = admin()
    staff_client = signed_in_as(staff)
    page = staff_client.get(f"/admin/erasure-requests/{request.id}")
    assert story.reference in page.get_data(as_text=True)
    staff_client.post(
        f"/admin/erasure-requests/{request.id}/carry-out", data={"csrf_token": csrf_token(page)}
    )
    with app.app_context():
        assert db.session.get(Story, story.id) is None
        assert db.session.get(Story, other.id) is not None
        done = db.session.get(ErasureRequest, request.id)
        assert done.status == "carried_out" and done.reference == "" and done.email == ""
    assert _emails(app, "erasure-carried-out") == 1
    # The link no longer works: the record it was for is gone.
    assert "This link does not work" in client.get(link).get_data(as_text=True)


def test_a_wrong_address_gets_the_same_page_and_no_email(app: Flask, client):
    story = _story(app)
    sent = post_form(
        client, "/delete-your-data", {"reference": story.reference, "email": "someone@else.org"}
    )
    assert "Check your email" in sent.get_data(as_text=True)
    assert _emails(app, "erasure-link") == 0


def test_an_expired_forged_or_download_link_does_not_work(app: Flask, client, monkeypatch):
    story = _story(app)
    post_form(client, "/delete-your-data", {"reference": story.reference, "email": EMAIL})
    expired = _link(app)
    # Hours in the past: every link is older than that.
    monkeypatch.setitem(app.config, "ERASURE_LINK_HOURS", -1)
    assert "This link has expired" in client.get(expired).get_data(as_text=True)
    monkeypatch.setitem(app.config, "ERASURE_LINK_HOURS", 24)
    forged = client.get("/delete-your-data/forged-token").get_data(as_text=True)
    assert "This link does not work" in forged
    # A data download link for the same record, signed with another salt, is refused.
    from engage.rights.download import services as download

    with app.test_request_context():
        download.send_reference_link(story.reference, EMAIL)
        db.session.commit()
        body = db.session.scalars(
            select(OutboxMessage.body).where(OutboxMessage.kind == "data-download-link")
        ).one()
    token = re.search(r"/your-data/(\S+)", body).group(1)
    page = client.get(f"/delete-your-data/{token}", check=False)
    assert "This link does not work" in page.get_data(as_text=True)
    client.post(f"/delete-your-data/{token}", data={})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ErasureRequest)) == 0


def test_the_privacy_notice_says_how_to_ask_for_erasure(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert 'href="/account/delete-my-data"' in page
    assert 'href="/delete-your-data"' in page
    assert "You cannot delete your information from this website yourself" not in page
