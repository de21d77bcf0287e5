"""An officer types in a story told another way (marked with its channel, who passed it on,
the day it was told and who typed it), only officers may, and a story with a safeguarding
phrase, told online or typed in, is flagged and emailed to the safeguarding officers."""

from __future__ import annotations

from datetime import date, timedelta

from engage.core.dates import uk_today
from engage.stories import stages
from tests.conftest import post_form
from tests.factories.stories import SafeguardingPhraseFactory
from tests.recruitment.helpers import ensure_reference_data
from tests.stories.tell_setup import STORY, emails, stories, tell

ENTRY = "/admin/stories/new"


def told_on(day: date) -> dict[str, list[str]]:
    return {"told_on": [str(day.day), str(day.month), str(day.year)]}


def test_an_officer_types_in_a_story_told_through_a_support_worker(
    app, client, make_user, signed_in_as
):
    ensure_reference_data(app)
    officer = make_user(roles=["officer"])
    signed_in_as(officer)
    assert client.get(ENTRY).page.h1 == "Type in a story"
    day = uk_today() - timedelta(days=3)
    went = post_form(
        client,
        ENTRY,
        {
            **STORY,
            "channel": "support_worker",
            "told_through": "Sefton Carers Centre",
            **told_on(day),
            "who": "named",
            "name": "Sam Story",
            "phone": "0151 555 0199",
            "consent_quote": "yes",
            "consent_publish": "no",
        },
    )
    assert went.status_code == 302, went.page.error_summary
    [story] = stories(app)
    assert went.headers["Location"] == f"/admin/stories/{story.id}"
    assert story.channel == stages.Channel.SUPPORT_WORKER
    assert story.told_through == "Sefton Carers Centre"
    assert story.entered_by_id == officer.id and story.user_id is None
    assert uk_today(story.told_at) == day
    assert story.due_on == stages.due_on(day)
    assert (story.name, story.phone, story.email) == ("Sam Story", "0151 555 0199", "")
    assert (story.consent_quote, story.consent_publish, story.consent_contact) == (
        True, False, False,
    )  # fmt: skip


def test_the_officer_form_says_what_is_missing(app, client, make_user, signed_in_as):
    ensure_reference_data(app)
    signed_in_as(make_user(roles=["officer"]))
    tomorrow = uk_today() + timedelta(days=1)
    page = post_form(client, ENTRY, {**told_on(tomorrow), "who": "anonymous"}).page
    summary = dict(page.error_summary)
    assert "Select how the story reached us" in summary
    assert "Tell us what happened" in summary
    assert stories(app) == []
    page = post_form(
        client, ENTRY, {**STORY, **told_on(tomorrow), "channel": "phone", "who": "anonymous",
                        "consent_quote": "no", "consent_publish": "no"},
    ).page  # fmt: skip
    assert page.field_error("told_on").endswith(
        "The date the story was told must be today or in the past"
    )


def test_only_officers_may_type_in_a_story(app, client, make_user, signed_in_as):
    signed_in_as(make_user())
    assert client.get(ENTRY).status_code == 403


def test_a_safeguarding_phrase_flags_the_story_and_emails_the_safeguarding_officer(
    app, client, make_user
):
    ensure_reference_data(app)
    guard = make_user(roles=["officer", "safeguarding"], email="guard@example.org")
    make_user(roles=["officer"], email="plain@example.org")
    with app.app_context():
        SafeguardingPhraseFactory(phrase="hurt myself")
    tell(client, story={**STORY, "what_happened": "Some days I want to HURT   myself."})
    [story] = stories(app)
    assert story.safeguarding
    assert "hurt myself" in story.safeguarding_reason
    [email] = emails(app, "story-safeguarding")
    assert email.recipient == guard.email
    assert story.reference in email.body and "HURT" not in email.body


def test_a_story_without_a_phrase_is_not_flagged(app, client, make_user):
    ensure_reference_data(app)
    make_user(roles=["officer", "safeguarding"])
    with app.app_context():
        SafeguardingPhraseFactory(phrase="hurt myself")
    tell(client)
    assert not stories(app)[0].safeguarding
    assert emails(app, "story-safeguarding") == []
