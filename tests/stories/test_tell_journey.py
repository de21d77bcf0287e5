"""A resident tells a story online, anonymously or with contact details: nothing but a draft is
stored before "Send", an anonymous story keeps no contact details whatever was typed, each consent
is saved on its own, the themes and equality answers chosen are kept, a signed-in resident's
story is linked to their account, and the form's validation says what to fix."""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from engage.core import themes
from engage.core.db import db
from engage.core.theme_models import ThemeCode
from engage.monitoring.api import response_for
from engage.stories import stages
from engage.stories.models import StoryDraft
from tests.factories.stories import StoryDraftFactory
from tests.recruitment.helpers import ensure_reference_data
from tests.stories.tell_setup import ANONYMOUS, NAMED, STORY, emails, post, stories, tell


def test_the_start_page_says_what_happens_and_where_else_to_get_help(client):
    page = client.get("/tell-us").page
    assert page.h1 == "Tell us what happened"
    assert "call 999" in page.text
    assert "20 working days" in page.text
    assert page.links["Read this in Easy Read"] == "/tell-us/easy-read"


def test_an_anonymous_story_is_stored_only_when_sent_and_keeps_no_contact_details(app, client):
    ensure_reference_data(app)
    typed = {**ANONYMOUS, "name": "Should Vanish", "email": "vanish@example.org", "phone": "1"}
    checked = tell(client, about=typed, send=False)
    assert stories(app) == []  # nothing stored before "Send"
    page = client.get(checked.headers["Location"]).page
    assert page.h1 == "Check your story before you send it"
    assert "Anonymous" in page.text and "vanish@example.org" not in page.text
    assert "Liverpool" in page.text and "In the last month" in page.text
    assert stories(app) == []

    sent = post(client, "/tell-us/check", {"website": ""})
    assert sent.headers["Location"] == "/tell-us/sent"
    [story] = stories(app)
    assert story.what_happened == STORY["what_happened"]
    assert (story.area_code, story.place, story.when_happened) == (
        STORY["area"], STORY["place"], "this_month",
    )  # fmt: skip
    assert story.anonymous and (story.name, story.email, story.phone) == ("", "", "")
    assert story.user_id is None and story.manage_secret_hash is None
    assert (story.consent_quote, story.consent_publish, story.consent_contact) == (
        True, False, False,
    )  # fmt: skip
    assert story.channel == stages.Channel.ONLINE and not story.easy_read
    assert story.status == stages.NEW and story.due_on is not None
    confirmation = client.get("/tell-us/sent").page
    assert story.reference in confirmation.text
    assert "emailed" not in confirmation.text
    assert emails(app, "story-received") == []
    # The session's draft is gone: starting again starts empty.
    assert "bins" not in client.get("/tell-us/story").get_data(as_text=True)


def test_a_story_with_contact_details_saves_each_consent_and_emails_the_link(app, client):
    ensure_reference_data(app)
    tell(client, about=NAMED, equality={"sex": "female"})
    [story] = stories(app)
    assert not story.anonymous
    assert (story.name, story.email, story.phone) == (
        "Priya Teller", "priya@example.org", "0151 555 0100",
    )  # fmt: skip
    assert (story.consent_quote, story.consent_publish, story.consent_contact) == (
        False, True, True,
    )  # fmt: skip
    assert story.manage_secret_hash
    page = client.get("/tell-us/sent").page
    assert "We have emailed you your reference and a link" in page.text
    assert "within 20 working days" in page.text
    [email] = emails(app, "story-received")
    assert email.recipient == "priya@example.org"
    assert story.reference in email.body and "/tell-us/your-story/" in email.body
    assert story.due_on.strftime("%-d %B %Y") in email.body
    with app.app_context():
        assert response_for(stages.MONITORING_SUBJECT, story.id).sex == "female"


def test_contact_is_only_agreed_with_an_email_address(app, client):
    ensure_reference_data(app)
    phone_only = {**NAMED, "email": "", "consent_contact": "yes"}
    tell(client, about=phone_only)
    [story] = stories(app)
    assert story.phone == "0151 555 0100" and not story.consent_contact
    assert emails(app, "story-received") == []


def test_the_themes_chosen_are_stored_as_theme_codes(app, client):
    ensure_reference_data(app)
    with app.app_context():
        codeframe = themes.codeframe_for(*stages.CODEFRAME_OWNER)
        access_id = themes.add_theme(codeframe, "Access to transport").id
        themes.add_theme(codeframe, "Housing")
        db.session.commit()
    assert "Access to transport" in client.get("/tell-us/story").page.text
    tell(client, story={**STORY, "themes": [str(access_id)]})
    [story] = stories(app)
    with app.app_context():
        codes = db.session.scalars(select(ThemeCode)).all()
        assert [(c.theme_id, c.item_type, c.item_id, c.coded_by_id) for c in codes] == [
            (access_id, stages.THEME_ITEM, story.id, None)
        ]


def test_the_themes_question_is_hidden_when_the_codeframe_has_none(app, client):
    ensure_reference_data(app)
    client.get("/tell-us/begin")
    assert "What is your story about?" not in client.get("/tell-us/story").page.text


def test_a_signed_in_residents_story_is_theirs_unless_anonymous(app, client, make_user,
                                                               signed_in_as):  # fmt: skip
    ensure_reference_data(app)
    resident = make_user(email="ria@example.org", full_name="Ria Resident")
    signed_in_as(resident)
    client.get("/tell-us/begin")
    post(client, "/tell-us/story", STORY)
    about = client.get("/tell-us/about-you").page
    assert about.by_id("email").get("value") == "ria@example.org"  # filled in for them
    tell(client, about={**NAMED, "email": "ria@example.org"})
    tell(client, about=ANONYMOUS)
    named, anonymous = stories(app)
    assert named.user_id == resident.id
    assert anonymous.user_id is None


def test_validation_says_what_to_fix_and_keeps_what_was_typed(app, client):
    ensure_reference_data(app)
    client.get("/tell-us/begin")
    refused = post(client, "/tell-us/story", {**STORY, "what_happened": "  ", "area": "nowhere"})
    assert refused.status_code == 200
    page = refused.page
    assert ("Tell us what happened", "#what_happened") in page.error_summary
    assert page.field_error("area").endswith(
        "Select where it happened from the list, or leave it blank"
    )
    assert page.by_id("place").get("value") == STORY["place"]
    too_long = post(client, "/tell-us/story", {**STORY, "what_happened": "x" * 10_001})
    assert too_long.page.field_error("what_happened").endswith(
        "What happened must be 10,000 characters or fewer"
    )
    post(client, "/tell-us/story", STORY)
    about = post(client, "/tell-us/about-you", {"who": "named"}).page
    summary = dict(about.error_summary)
    assert "Enter an email address or a phone number, or choose to stay anonymous" in summary
    assert "Select yes if we may quote your story in reports without your name" in summary
    bad_email = post(client, "/tell-us/about-you", {**NAMED, "email": "not an email"}).page
    assert bad_email.field_error("email").endswith(
        "Enter an email address in the correct format, like name@example.com"
    )


def test_steps_cannot_be_skipped(app, client):
    ensure_reference_data(app)
    assert client.get("/tell-us/about-you").headers["Location"] == "/tell-us/story"
    assert client.get("/tell-us/check").headers["Location"] == "/tell-us/story"
    assert client.get("/tell-us/sent").headers["Location"] == "/tell-us"


def test_changing_an_answer_from_check_your_answers_goes_back_there(app, client):
    ensure_reference_data(app)
    tell(client, send=False)
    went = post(client, "/tell-us/story?change=1", {**STORY, "place": "Moorfields"})
    assert went.headers["Location"] == "/tell-us/check"
    assert "Moorfields" in client.get("/tell-us/check").page.text


def test_a_bot_filling_in_the_honeypot_is_thanked_and_nothing_is_kept(app, client):
    ensure_reference_data(app)
    tell(client, send=False)
    went = post(client, "/tell-us/check", {"website": "http://spam.example"})
    assert went.headers["Location"] == "/tell-us/sent"
    assert client.get("/tell-us/sent").page.h1 == "Thank you for telling us"
    assert stories(app) == []


def test_the_easy_read_version_asks_in_easy_words_and_marks_the_story(app, client):
    ensure_reference_data(app)
    page = client.get("/tell-us/easy-read").page
    assert page.h1 == "Tell us what happened"
    assert "Call 999." in page.text
    client.get("/tell-us/begin?version=easy-read")
    story_page = client.get("/tell-us/story").page
    assert "What happened to you?" in story_page.text
    assert story_page.find(".govuk-body-l") is not None
    tell(client, version="easy-read")
    [story] = stories(app)
    assert story.easy_read
    assert client.get("/tell-us/sent").page.h1 == "Thank you for telling us"


def test_a_story_of_the_longest_length_is_kept_between_pages_and_sent_whole(app, client):
    """The draft is kept on the server, not in the 4,096-byte session cookie, so a story of
    10,000 characters (hard to compress) survives the later pages and is sent whole."""
    ensure_reference_data(app)
    chance = random.Random(14)
    words = " ".join(
        "".join(chance.choice(string.ascii_lowercase) for _ in range(chance.randint(2, 9)))
        for _ in range(2_000)
    )[:10_000]
    client.get("/tell-us/begin")
    for url, data in (
        ("/tell-us/story", {**STORY, "what_happened": words}),
        ("/tell-us/about-you", {**NAMED, "name": "N" * 200}),
        ("/tell-us/equality", {"sex": "female", "ethnic_group": "white_other"}),
    ):
        went = post(client, url, data)
        assert went.status_code == 302, went.page.error_summary
    # The session cookie holds the draft's key, not the story.
    assert len(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value) < 1_000
    assert stories(app) == []
    assert post(client, "/tell-us/check", {"website": ""}).headers["Location"] == "/tell-us/sent"
    [story] = stories(app)
    assert story.what_happened == words
    with app.app_context():  # sending deleted the draft
        assert db.session.scalar(select(func.count()).select_from(StoryDraft)) == 0


def test_a_draft_left_for_two_days_is_deleted_when_another_starts(app, client):
    ensure_reference_data(app)
    now = datetime.now(UTC)
    with app.app_context():
        old = StoryDraftFactory(updated_at=now - stages.DRAFT_KEPT_FOR - timedelta(minutes=1))
        recent = StoryDraftFactory(updated_at=now - timedelta(hours=1))
    client.get("/tell-us/begin")
    with app.app_context():
        left = set(db.session.scalars(select(StoryDraft.id)))
    assert old.id not in left and recent.id in left and len(left) == 2


def test_someone_elses_session_does_not_see_a_draft(app, client):
    ensure_reference_data(app)
    client.get("/tell-us/begin")
    post(client, "/tell-us/story", {**STORY, "what_happened": "Private words of mine"})
    stranger = app.test_client()
    assert "Private words" not in stranger.get("/tell-us/story").get_data(as_text=True)
    assert "Private words" in client.get("/tell-us/story").get_data(as_text=True)
