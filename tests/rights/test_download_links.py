"""The emailed link: what it opens and for whom. An account's link opens only for that
account, signed in; a reference's link opens for whoever holds it, and only that record.
Expired, tampered or stale links say so in words, and how to get a new one."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from engage.accounts.api import User
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.rights.download import services
from tests.conftest import post_form
from tests.factories import StoryFactory
from tests.rights.test_download_records import download, link_for, make_records

SAME_WORDS = "If the reference and the email address match a record, we have sent a link"


def links_sent(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.kind == services.EMAIL_KIND)
        )


def user_of(app, user_id: int) -> User:
    with app.app_context():
        return db.session.get(User, user_id)


def ask_by_reference(client, reference: str, email: str):
    return post_form(client, "/your-data", {"reference": reference, "email": email})


def test_your_account_offers_your_data(app, make_user, signed_in_as):
    client = signed_in_as(make_user())
    account = client.get("/account").get_data(as_text=True)
    assert 'href="/account/your-data"' in account
    page = client.get("/account/your-data")
    assert page.status_code == 200
    assert "Send me a link to download my data" in page.get_data(as_text=True)
    assert "24 hours" in page.get_data(as_text=True)


def test_the_link_goes_to_the_account_address_and_is_audited(app, signed_in_as):
    person = make_records(app, "alpha", "alpha@example.org")
    client = signed_in_as(user_of(app, person.user_id))
    download(client, app, person)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(person.user_id))
        ).all()
    assert services.REQUESTED in actions
    assert actions.count(services.OPENED) == 2  # the page and the file


def test_an_account_link_does_not_open_for_anyone_else(app, make_user, signed_in_as):
    person = make_records(app, "alpha", "alpha@example.org")
    owner = signed_in_as(user_of(app, person.user_id))
    post_form(owner, "/account/your-data", {})
    link = link_for(app, person.email)

    stranger = app.test_client()
    page = stranger.get(link).get_data(as_text=True)
    assert "Sign in to see your data" in page
    assert 'href="/sign-in?next=' in page
    assert person.marks["story"] not in page
    assert person.marks["story"] not in stranger.get(link + "/your-data.json").get_data(
        as_text=True
    )

    other = app.test_client()
    from tests.conftest import sign_in

    someone = make_user()
    sign_in(other, someone.email)
    for url in (link, link + "/your-data.json"):
        response = other.get(url)
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert "different account" in text
        assert person.email not in text and person.marks["comment"] not in text


def test_an_account_link_stops_when_the_address_changes(app, signed_in_as):
    person = make_records(app, "alpha", "alpha@example.org")
    client = signed_in_as(user_of(app, person.user_id))
    post_form(client, "/account/your-data", {})
    link = link_for(app, person.email)
    with app.app_context():
        db.session.get(User, person.user_id).email = "alpha.new@example.org"
        db.session.commit()
    page = client.get(link).get_data(as_text=True)
    assert "This link does not work" in page
    assert person.marks["comment"] not in page


def test_a_tampered_link_says_it_does_not_work_and_how_to_get_another(app, signed_in_as):
    person = make_records(app, "alpha", "alpha@example.org")
    client = signed_in_as(user_of(app, person.user_id))
    post_form(client, "/account/your-data", {})
    link = link_for(app, person.email)
    for broken in (link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb"), "/your-data/x"):
        response = client.get(broken)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "<title>This link does not work" in page
        assert 'href="/account/your-data"' in page and 'href="/your-data"' in page
        assert person.marks["comment"] not in page


def sent_hours_ago(app, user_id: int, hours: float) -> None:
    """Send an account's link as if it had been sent ``hours`` ago."""
    real = time.time
    with app.test_request_context(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: real() - hours * 3600)
        services.send_account_link(db.session.get(User, user_id))
        db.session.commit()


def test_an_expired_link_says_so(app, signed_in_as):
    person = make_records(app, "alpha", "alpha@example.org")
    client = signed_in_as(user_of(app, person.user_id))
    sent_hours_ago(app, person.user_id, 25)
    link = link_for(app, person.email)
    for url in (link, link + "/your-data.json"):
        page = client.get(url).get_data(as_text=True)
        assert "This link has expired" in page
        assert "work for 24 hours" in page
        assert person.marks["comment"] not in page


def test_the_link_hours_come_from_configuration(app, signed_in_as, monkeypatch):
    person = make_records(app, "alpha", "alpha@example.org")
    client = signed_in_as(user_of(app, person.user_id))
    sent_hours_ago(app, person.user_id, 2)
    link = link_for(app, person.email)
    assert person.marks["comment"] in client.get(link).get_data(as_text=True)
    monkeypatch.setitem(app.config, "DATA_DOWNLOAD_LINK_HOURS", 1)
    assert "This link has expired" in client.get(link).get_data(as_text=True)


# Without an account: by a reference -----------------------------------------------------


def test_a_story_reference_and_its_email_send_a_link_to_that_story_only(app):
    person = make_records(app, "alpha", "alpha@example.org")
    client = app.test_client()
    response = ask_by_reference(
        client, f" {person.marks['story-reference'].lower()} ", "ALPHA@example.org "
    )
    assert SAME_WORDS in response.get_data(as_text=True)
    link = link_for(app, person.email)
    page = client.get(link).get_data(as_text=True)
    assert person.marks["story-email"] in page  # the story quoted
    # Nothing else they gave, even under the same address.
    for kind in ("story", "comment", "answer", "draft-answer", "seat", "report", "feedback"):
        assert person.marks[kind] not in page, kind
    assert person.marks["application"] not in page
    data = client.get(link + "/your-data.json").get_json()
    assert data["about"] == {"account": None, "reference": person.marks["story-reference"]}
    assert [s["section"] for s in data["sections"]] == ["Lived-experience stories"]
    assert len(data["sections"][0]["records"]) == 1


def test_an_application_reference_sends_a_link_to_that_application_only(app):
    person = make_records(app, "alpha", "alpha@example.org")
    client = app.test_client()
    ask_by_reference(client, person.marks["draft-application"], person.email)
    # Sent to the address as it is held on the application.
    page = client.get(link_for(app, person.email.upper())).get_data(as_text=True)
    assert person.marks["phone"] in page
    assert person.marks["application"] not in page  # their other application
    assert person.marks["religion"] not in page  # that one's monitoring answers
    assert person.marks["story-email"] not in page


def test_the_reference_link_is_the_proof_whoever_is_signed_in(app, make_user, signed_in_as):
    with app.app_context():
        story = StoryFactory(anonymous=False, email="teller@example.org", place="Kept place")
    ask_by_reference(app.test_client(), story.reference, "teller@example.org")
    link = link_for(app, "teller@example.org")
    client = signed_in_as(make_user())
    page = client.get(link).get_data(as_text=True)
    assert "Kept place" in page
    # Once the story is withdrawn (and its address removed), the link stops working.
    with app.app_context():
        db.session.merge(story).email = ""
        db.session.commit()
    assert "This link does not work" in client.get(link).get_data(as_text=True)


@pytest.mark.parametrize(
    "reference, email",
    [
        ("STORY", "someone.else@example.org"),  # the right reference, the wrong address
        ("LE-NOSUCH", "teller@example.org"),  # no such reference
        ("STORY-NO-EMAIL", ""),  # an anonymous story has no address to match
    ],
)
def test_a_wrong_email_or_unknown_reference_sends_nothing_and_says_the_same(app, reference, email):
    with app.app_context():
        story = StoryFactory(anonymous=False, email="teller@example.org")
        anonymous = StoryFactory(anonymous=True, email="")
    reference = {"STORY": story.reference, "STORY-NO-EMAIL": anonymous.reference}.get(
        reference, reference
    )
    client = app.test_client()
    if email:
        response = ask_by_reference(client, reference, email)
        assert response.status_code == 200
        assert SAME_WORDS in response.get_data(as_text=True)
    else:
        with app.test_request_context():
            assert services.send_reference_link(reference, "") is False
    assert links_sent(app) == 0


def test_matching_and_not_matching_look_the_same(app):
    with app.app_context():
        story = StoryFactory(anonymous=False, email="teller@example.org")
    matched = ask_by_reference(app.test_client(), story.reference, "teller@example.org")
    missed = ask_by_reference(app.test_client(), story.reference, "nobody@example.org")
    assert matched.status_code == missed.status_code == 200

    def words(response) -> str:
        text = response.get_data(as_text=True)
        return text[text.find("<main") : text.find("</main>")].replace("nobody", "teller")

    assert words(matched) == words(missed)
    assert links_sent(app) == 1


def test_the_reference_form_checks_what_is_typed(app):
    response = ask_by_reference(app.test_client(), "", "not an email")
    page = response.get_data(as_text=True)
    assert "Enter your reference" in page
    assert "govuk-error-summary" in page
    assert links_sent(app) == 0


def test_asking_by_reference_is_rate_limited(app, monkeypatch):
    monkeypatch.setitem(app.config, "DATA_DOWNLOAD_RATE_LIMIT", "2 per minute")
    client = app.test_client()
    statuses = [
        ask_by_reference(client, "LE-NOSUCH", "a@example.org").status_code for _ in range(3)
    ]
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
