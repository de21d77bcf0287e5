"""After telling a story: the emailed link opens it only with its token (and only the newest
link works), the person changes each consent or withdraws the story (which deletes their
contact details and takes it off the public page), someone who lost the email asks for a
new link and is told the same whether or not they matched, and a signed-in resident sees
only their own stories on their account."""

from __future__ import annotations

import re

from engage.core.db import db, utcnow
from engage.monitoring.api import response_for, save_answers
from engage.stories import stages
from engage.stories.models import Story
from tests.factories.stories import StoryFactory, StoryReplyFactory
from tests.recruitment.helpers import ensure_reference_data
from tests.stories.tell_setup import NAMED, emails, post, stories, tell

LINK = re.compile(r"/tell-us/your-story/\S+")


def link_in(body: str) -> str:
    found = LINK.search(body)
    assert found, body
    return found.group(0)


def told_with_email(app, client) -> tuple[Story, str]:
    ensure_reference_data(app)
    tell(client, about=NAMED, equality={"sex": "female"})
    [story] = stories(app)
    [email] = emails(app, "story-received")
    return story, link_in(email.body)


def test_the_link_opens_the_story_only_with_its_token(app, client):
    story, link = told_with_email(app, client)
    page = client.get(link).page
    assert page.h1 == f"Your story {story.reference}"
    assert "New" in page.text and "ramp at the bus station" in page.text
    assert "We have not replied yet" in page.text
    broken = client.get(link[:-3] + "abc").page
    assert broken.h1 == "This link does not work"
    assert client.get("/tell-us/your-story/not-a-token").page.h1 == "This link does not work"


def test_the_page_shows_our_replies(app, client):
    story, link = told_with_email(app, client)
    with app.app_context():
        StoryReplyFactory(story_id=story.id, sent_to="priya@example.org", text="We are on it.")
    assert "We are on it." in client.get(link).page.text


def test_changing_each_consent_on_its_own(app, client):
    _story, link = told_with_email(app, client)
    went = post(
        client, link, {"consent_quote": "yes", "consent_publish": "yes", "consent_contact": "no"}
    )
    assert went.headers["Location"] == link
    assert "Your choices have been saved" in client.get(link).page.text
    [changed] = stories(app)
    assert (changed.consent_quote, changed.consent_publish, changed.consent_contact) == (
        True, True, False,
    )  # fmt: skip
    assert changed.consent_changed_at is not None
    post(client, link, {"consent_quote": "yes", "consent_publish": "yes", "consent_contact": "no"})
    assert "nothing has changed" in client.get(link).page.text
    assert stories(app)[0].consent_changed_at == changed.consent_changed_at


def test_withdrawing_publish_consent_takes_the_story_off_the_public_page(app, client):
    story, link = told_with_email(app, client)
    with app.app_context():
        found = db.session.get(Story, story.id)
        found.public_title, found.public_text = "A blocked ramp", "The ramp was blocked."
        found.checks_ticked = list(stages.DEIDENTIFICATION_CHECKS)
        found.published_at = utcnow()
        db.session.commit()
        assert stages.is_public(found)
    post(client, link, {"consent_quote": "no", "consent_publish": "no", "consent_contact": "yes"})
    with app.app_context():
        assert not stages.is_public(db.session.get(Story, story.id))


def test_withdrawing_asks_first_then_keeps_no_contact_details(app, client):
    story, link = told_with_email(app, client)
    confirm = client.get(link + "/withdraw").page
    assert confirm.h1 == "Are you sure you want to withdraw your story?"
    assert stories(app)[0].withdrawn_at is None  # only asked so far
    went = post(client, link + "/withdraw", {})
    assert went.headers["Location"] == "/tell-us/withdrawn"
    [gone] = stories(app)
    assert gone.withdrawn_at is not None
    assert (gone.name, gone.email, gone.phone, gone.user_id) == ("", "", "", None)
    with app.app_context():
        assert response_for(stages.MONITORING_SUBJECT, story.id) is None
    # The link stops working, and nothing it shows is left.
    assert client.get(link).page.h1 == "This link does not work"


def test_a_new_link_replaces_the_old_and_says_the_same_whether_or_not_it_matched(app, client):
    story, old_link = told_with_email(app, client)
    asked = post(
        client,
        "/tell-us/new-link",
        {"reference": story.reference.lower(), "email": "PRIYA@example.org"},
    ).page
    assert asked.h1 == "Check your email"
    [email] = emails(app, "story-link")
    new_link = link_in(email.body)
    assert client.get(old_link).page.h1 == "This link does not work"
    assert client.get(new_link).page.h1 == f"Your story {story.reference}"
    wrong = post(
        client, "/tell-us/new-link", {"reference": story.reference, "email": "other@example.org"}
    ).page
    assert wrong.h1 == asked.h1
    assert wrong.text.replace("other@example.org", "X") == asked.text.replace(
        "PRIYA@example.org", "X"
    )
    assert len(emails(app, "story-link")) == 1


def test_the_account_shows_only_the_residents_own_stories(app, client, make_user, signed_in_as):
    ensure_reference_data(app)
    resident = make_user(email="ria@example.org")
    other = make_user(email="otto@example.org")
    with app.app_context():
        mine = StoryFactory(user_id=resident.id, anonymous=False, email="ria@example.org")
        theirs = StoryFactory(user_id=other.id, anonymous=False, email="otto@example.org")
        mine_id, mine_ref, theirs_id, theirs_ref = (
            mine.id,
            mine.reference,
            theirs.id,
            theirs.reference,
        )
        save_answers(stages.MONITORING_SUBJECT, mine.id, {"sex": "male"})
        db.session.commit()
    signed_in_as(resident)
    account = client.get("/account").page
    assert "You have told us 1 story while signed in" in account.text
    listed = client.get("/account/stories").page
    assert mine_ref in listed.text and theirs_ref not in listed.text
    assert client.get(f"/account/stories/{mine_id}").page.h1 == f"Your story {mine_ref}"
    assert client.get(f"/account/stories/{theirs_id}").status_code == 404
    post(
        client,
        f"/account/stories/{mine_id}",
        {"consent_quote": "yes", "consent_publish": "no", "consent_contact": "no"},
    )
    with app.app_context():
        assert db.session.get(Story, mine_id).consent_quote
    went = post(client, f"/account/stories/{mine_id}/withdraw", {})
    assert went.headers["Location"] == "/tell-us/withdrawn"
    assert client.get(f"/account/stories/{mine_id}").status_code == 404
    assert "You have not told us a story while signed in" in client.get("/account").page.text


def test_a_safeguarding_storys_teller_may_see_it_and_every_view_is_logged(app, client):
    from sqlalchemy import select

    from engage.core.audit import AuditEvent

    story, link = told_with_email(app, client)
    with app.app_context():
        db.session.get(Story, story.id).safeguarding = True
        db.session.commit()
    client.get(link)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(story.id))
        ).all()
    assert "story_seen_by_teller" in actions
